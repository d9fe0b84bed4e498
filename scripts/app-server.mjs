// Starts the backend (offline agent, a throwaway SQLite database) serving the built web app
// (frontend/dist) on a free loopback port, for scripts that drive the app in a browser.
// Shared by scripts/screenshot.mjs and bench/frontend_bench.mjs.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The backend on a free port; `stop()` ends it. */
export async function startApp(name) {
  const venv = process.env.TODO_VENV ?? join(root, ".venv");
  const port = 18000 + Math.floor(Math.random() * 1000);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(join(venv, "bin", "todo-chatbot"), ["serve", "--host", "127.0.0.1", "--port", String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:///${join(mkdtempSync(join(tmpdir(), `todo-${name}-`)), "app.db")}`,
      FRONTEND_DIST: join(root, "frontend", "dist"),
      BETTER_AUTH_SECRET: `${name}-secret-0123456789abcdef0123456789abcdef`,
      SIGNUPS_PER_ADDRESS: "100000", // benches and screenshots sign up several accounts from here
      LLM_PROVIDER: "offline",
      LOG_LEVEL: "WARNING",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => server.kill();
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {}
      if (server.exitCode !== null || i > 300) throw new Error(`the backend did not start (${venv}/bin/todo-chatbot)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    stop();
    throw error;
  }
  return { base, stop };
}

/** A JSON call to the API; throws with the server's answer when it fails. */
export async function call(base, method, path, body, token) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** A signed-up user: the API token and the session the web app keeps in localStorage. */
export async function signUp(base, email, name) {
  const auth = await call(base, "POST", "/api/auth/signup", { email, password: "a long enough password", name, timezone: "UTC" });
  return { token: auth.access_token, user: auth.user, session: JSON.stringify({ token: auth.access_token, user: auth.user }) };
}

export const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
};
