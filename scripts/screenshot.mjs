#!/usr/bin/env node
// Writes the README's pictures: docs/screenshot.png, the app signed in as a plausible person with
// a week's list (dates, priorities, tags, a repeat, something done) and a short conversation; and
// docs/shortcuts.png, the keyboard shortcuts overlay ("?") over it. Other paths may be given:
// screenshot.mjs [app.png [shortcuts.png]]. Run on demand through scripts/screenshot.sh; no test
// writes these files.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { call, chromiumOptions, root, signUp, startApp } from "./app-server.mjs";

const require = createRequire(join(root, "frontend", "package.json"));
const { chromium } = require("playwright-core");
const out = process.argv[2] ?? join(root, "docs", "screenshot.png");
const outShortcuts = process.argv[3] ?? join(dirname(out), "shortcuts.png");

const LIST = [
  "pay rent every 1st p1 #home",
  "call mom every sunday at 18:00 #family",
  "dentist appointment tomorrow at 9:30 p2 #health",
  "renew passport next friday p1 #admin #travel",
  "buy birthday present for Sam on saturday #family",
  "water the plants every 3 days #home",
  "book train tickets to Lisbon p3 #travel",
  "reply to the landlord about the heating today p2 #home",
];
const CHAT = ["what's due this week?", "I finished the landlord one", "add pick up dry cleaning tomorrow #errands"];

const { base, stop } = await startApp("screenshot");
let browser;
try {
  const maya = await signUp(base, "maya@okafor.family", "Maya Okafor");
  const uid = maya.user.id;
  for (const text of LIST) await call(base, "POST", `/api/${uid}/tasks/quick`, { text }, maya.token);
  const [done] = await call(base, "POST", `/api/${uid}/tasks/quick`, { text: "send the tax documents to Priya #admin" }, maya.token);
  await call(base, "PATCH", `/api/${uid}/tasks/${done.id}/complete`, undefined, maya.token);

  browser = await chromium.launch(chromiumOptions);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.addInitScript((s) => localStorage.setItem("todo-chatbot.session", s), maya.session);
  const page = await context.newPage();
  await page.goto(base);
  for (const message of CHAT) {
    const replies = await page.getByTestId("message-assistant").count();
    await page.getByTestId("composer").fill(message);
    await page.getByTestId("composer").press("Enter");
    await page.getByTestId("message-assistant").nth(replies).waitFor();
    await page.getByTestId("thinking").waitFor({ state: "detached" });
  }
  await page.getByTestId("pending-tasks").getByText("pick up dry cleaning", { exact: false }).waitFor();
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);

  // "?" from the task list, as a person would: the overlay, and a margin of the dimmed app around it
  await page.getByTestId("pending-tasks").getByTestId("task-toggle").first().focus();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await dialog.waitFor();
  await page.getByTestId("shortcuts-close").blur();
  const box = await dialog.boundingBox();
  const margin = 24;
  const x = Math.max(0, box.x - margin);
  const y = Math.max(0, box.y - margin);
  const clip = { x, y, width: Math.min(1280 - x, box.width + 2 * margin), height: Math.min(800 - y, box.height + 2 * margin) };
  await page.screenshot({ path: outShortcuts, clip });
  console.log(`wrote ${outShortcuts}`);
} finally {
  await browser?.close();
  stop();
}
