#!/usr/bin/env node
// Frontend budgets: shipped JavaScript (gzipped) and how fast the chat screen paints
// on localhost in headless Chromium, for a signed-in user.
//
//   (cd frontend && npm run build) && node bench/frontend_bench.mjs
//
// Starts the backend (offline agent, throwaway SQLite) serving frontend/dist.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "frontend", "dist");
const require = createRequire(join(root, "frontend", "package.json"));
const { chromium } = require("playwright-core");
const RUNS = Number(process.env.RUNS ?? 15);

const js = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
const jsGzip = js.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, "assets", f)), { level: 9 }).length, 0);

const port = 18000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const server = spawn(join(root, ".venv", "bin", "todo-chatbot"), ["serve", "--host", "127.0.0.1", "--port", String(port)], {
  env: {
    ...process.env,
    DATABASE_URL: `sqlite:///${join(mkdtempSync(join(tmpdir(), "todo-fe-bench-")), "b.db")}`,
    FRONTEND_DIST: dist,
    BETTER_AUTH_SECRET: "bench-secret-0123456789abcdef0123456789abcdef",
    SIGNUPS_PER_ADDRESS: "100000",
    LLM_PROVIDER: "offline",
    LOG_LEVEL: "WARNING",
  },
  stdio: "ignore",
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (i > 200) throw new Error("backend did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const auth = await (
    await fetch(`${base}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "bench@example.com", password: "bench password" }),
    })
  ).json();
  const session = JSON.stringify({ token: auth.access_token, user: auth.user });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const fcp = [];
  const ready = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    await context.addInitScript((s) => localStorage.setItem("todo-chatbot.session", s), session);
    const page = await context.newPage();
    await page.goto(base, { waitUntil: "commit" });
    await page.waitForSelector("[data-testid=composer]");
    await page.waitForSelector("[data-testid=tasks-empty]");
    const t = await page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      ready: performance.now(),
    }));
    fcp.push(t.fcp);
    ready.push(t.ready);
    await context.close();
  }
  await browser.close();
  const result = {
    javascript_gzip_kb: +(jsGzip / 1024).toFixed(1),
    runs: RUNS,
    first_contentful_paint_ms_median: Math.round(median(fcp)),
    chat_screen_with_tasks_loaded_ms_median: Math.round(median(ready)),
  };
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(join(root, "bench", "results", "frontend_bench.json"), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
} finally {
  server.kill();
}
