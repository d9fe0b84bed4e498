import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// PLAYWRIGHT_BASE_URL points the suite at a running stack (compose, a cluster);
// without it the suite starts the real backend (offline agent, fresh SQLite
// database) serving the built app (npm run build first).
const external = process.env.PLAYWRIGHT_BASE_URL;
const port = Number(process.env.E2E_PORT ?? 8765);
const venv = process.env.TODO_VENV ?? resolve("..", ".venv");
const data = mkdtempSync(join(tmpdir(), "todo-e2e-"));

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One more try for a test that fails on a loaded machine: it is reported as flaky, not hidden;
  // a test that fails twice fails the suite.
  retries: 1,
  reporter: [["list"]],
  use: {
    baseURL: external ?? `http://127.0.0.1:${port}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    screenshot: "only-on-failure",
  },
  webServer: external
    ? undefined
    : {
        command: `${venv}/bin/todo-chatbot serve --host 127.0.0.1 --port ${port}`,
        url: `http://127.0.0.1:${port}/health`,
        reuseExistingServer: false,
        timeout: 60_000,
        env: {
          DATABASE_URL: `sqlite:///${join(data, "e2e.db")}`,
          FRONTEND_DIST: resolve("dist"),
          BETTER_AUTH_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
          SIGNUPS_PER_ADDRESS: "100000", // every test signs up from 127.0.0.1
          LLM_PROVIDER: "offline",
          LOG_LEVEL: "WARNING",
          // Reminders fire within half a second of their moment, and the notification test may send
          // to a receiver the test starts on 127.0.0.1 (e2e/reminders.spec.ts).
          REMINDER_POLL_SECONDS: "0.5",
          NOTIFY_ALLOW_PRIVATE: "true",
        },
      },
});
