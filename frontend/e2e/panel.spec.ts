import type { Page } from "@playwright/test";
import { expect, panelTask, PASSWORD, say, signUp, test } from "./fixtures";

const iso = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** Adds tasks through the panel's quick add, one line each, and waits for each to show. */
async function quickAdd(page: Page, ...lines: string[]) {
  for (const line of lines) {
    await page.getByTestId("quick-add-input").fill(line);
    await page.getByTestId("quick-add-input").press("Enter");
    await expect(page.getByTestId("toast")).toContainText("Added");
    await expect(page.getByTestId("quick-add-input")).toHaveValue("");
  }
}

const titles = (page: Page, list = "pending-tasks") => page.getByTestId(list).getByTestId("task-title");

async function audit(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("views, search, a clicked tag and the sort order narrow and order the list", async ({ page }) => {
  await signUp(page);
  await quickAdd(page, "pay rent today p1 #home", "water the plants tomorrow #home", "book flights in 3 days p2 #travel",
    "renew passport", `file taxes on ${iso(-1)} p3`);
  await panelTask(page, "renew passport").getByTestId("task-toggle").click();
  await expect(page.getByTestId("completed-tasks")).toContainText("Renew passport"); // titled as the chat titles

  await page.getByTestId("view-today").click();
  await expect(titles(page)).toHaveText(["File taxes", "Pay rent"]); // overdue first, by date
  await page.getByTestId("view-upcoming").click();
  await expect(titles(page)).toHaveText(["Water the plants", "Book flights"]);
  await page.getByTestId("view-completed").click();
  await expect(titles(page, "completed-tasks")).toHaveText(["Renew passport"]);
  await expect(page.getByTestId("pending-tasks")).toHaveCount(0);
  await page.getByTestId("view-all").click();
  await expect(titles(page)).toHaveCount(4);

  await page.getByTestId("task-search").fill("PLANTS");
  await expect(titles(page)).toHaveText(["Water the plants"]);
  await page.getByTestId("task-search").fill("");
  await expect(titles(page)).toHaveCount(4);

  await panelTask(page, "pay rent").getByTestId("task-tag").click();
  await expect(titles(page)).toHaveText(["Pay rent", "Water the plants"]);
  await expect(page.getByText("Tagged #home")).toBeVisible();
  await page.getByTestId("clear-tag").click();
  await expect(titles(page)).toHaveCount(4);

  await page.getByTestId("task-sort").selectOption("priority");
  await expect(titles(page)).toHaveText(["Pay rent", "Book flights", "File taxes", "Water the plants"]);
  await page.getByTestId("task-sort").selectOption("title");
  await expect(titles(page)).toHaveText(["Book flights", "File taxes", "Pay rent", "Water the plants"]);
  await page.getByTestId("task-sort").selectOption("due");
  await expect(titles(page)).toHaveText(["File taxes", "Pay rent", "Water the plants", "Book flights"]);
});

test("completing a task can be undone from the toast, and Ctrl+Z undoes the last change", async ({ page }) => {
  await signUp(page);
  await quickAdd(page, "buy milk", "call mom");
  await panelTask(page, "buy milk").getByTestId("task-toggle").click();
  await expect(page.getByTestId("toast")).toContainText("Completed “Buy milk”.");
  await expect(page.getByTestId("completed-tasks")).toContainText("Buy milk");
  await page.getByTestId("undo").click();
  await expect(page.getByTestId("toast")).toContainText("Undone: completing “Buy milk”."); // quoted as every other toast quotes
  await expect(page.getByTestId("pending-tasks")).toContainText("Buy milk");
  await expect(page.getByTestId("completed-tasks")).toHaveCount(0);

  // Ctrl+Z with the focus in the panel (not in a text box) undoes the last change
  await panelTask(page, "call mom").getByTestId("task-delete").click();
  await expect(titles(page)).toHaveText(["Buy milk"]);
  await page.getByTestId("view-all").focus();
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("toast")).toContainText("Undone: deleting “Call mom”.");
  await expect(titles(page)).toHaveText(["Buy milk", "Call mom"]);
  // ...but not while typing: there it is the text box's own undo
  let undos = 0;
  page.on("request", (request) => {
    if (request.url().endsWith("/undo")) undos += 1;
  });
  await page.getByTestId("quick-add-input").fill("half typed");
  await page.getByTestId("quick-add-input").press("Control+z");
  await page.waitForTimeout(500); // a stray undo would have gone by now (the open event stream means the network is never idle)
  expect(undos).toBe(0);
  await expect(titles(page)).toHaveText(["Buy milk", "Call mom"]);
});

test("a chat turn that changes tasks updates the panel at once", async ({ page }) => {
  await signUp(page);
  await quickAdd(page, "call the plumber");
  await say(page, "remind me to pay the electricity bill tomorrow high priority");
  const bill = panelTask(page, "Pay the electricity bill");
  await expect(bill.getByTestId("task-due")).toHaveText("Tomorrow");
  await expect(bill.getByTestId("task-priority")).toHaveText("!!! High priority");
  await say(page, "I called the plumber");
  await expect(page.getByTestId("completed-tasks")).toContainText("Call the plumber");
  await expect(page.getByTestId("tab-tasks")).toHaveText("Tasks (1)");
});

test("a reload reopens the last conversation, and the history lists each conversation once", async ({ page }) => {
  await signUp(page);
  await say(page, "add buy milk");
  await page.getByTestId("new-chat").click();
  await say(page, "add call mom");
  await expect(page.getByTestId("conversation")).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId("message-user")).toHaveText([/add call mom$/]);
  await expect(page.getByTestId("conversation")).toHaveCount(2); // no new empty conversation from the visit
  await expect(page.getByTestId("conversation").first()).toHaveAttribute("aria-current", "true");
  await page.reload();
  await expect(page.getByTestId("message-user")).toHaveText([/add call mom$/]);
  await expect(page.getByTestId("conversation")).toHaveCount(2);
});

test.describe("when the server stops accepting the login", () => {
  test.use({ allowConsoleErrors: [/status of 401/] });

  test("'Please sign in again', and the message being sent is back in the composer after logging in", async ({ page }) => {
    const email = await signUp(page);
    await page.route("**/chat/stream", (route) =>
      route.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ detail: "Invalid token" }) }),
    );
    await page.getByTestId("composer").fill("add renew my passport before the trip");
    await page.getByTestId("composer").press("Enter");
    await expect(page.getByTestId("auth-notice")).toHaveText("Please sign in again.");
    await expect(page.getByLabel("Email")).toBeFocused();
    await page.unroute("**/chat/stream");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByTestId("composer")).toHaveValue("add renew my passport before the trip");
    await page.getByTestId("composer").press("Enter");
    await expect(panelTask(page, "Renew my passport before the trip")).toBeVisible();
    await expect(page.getByTestId("composer")).toHaveValue("");
  });
});

test("works with the keyboard alone: add, complete, undo, rename, delete, with focus where it should be", async ({ page }) => {
  await signUp(page);
  const tabTo = async (testId: string, within?: string) => {
    const target = within ? panelTask(page, within).getByTestId(testId) : page.getByTestId(testId);
    for (let i = 0; i < 40; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${testId}`);
  };
  await tabTo("quick-add-input");
  await page.keyboard.type("pay rent tomorrow p1 #home");
  await page.keyboard.press("Enter");
  await expect(panelTask(page, "pay rent")).toBeVisible();
  await expect(page.getByTestId("quick-add-input")).toBeFocused();

  await tabTo("task-toggle", "pay rent");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("completed-tasks")).toContainText("Pay rent");
  await expect(panelTask(page, "pay rent").getByTestId("task-toggle")).toBeFocused(); // focus follows the task
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("pending-tasks")).toContainText("Pay rent");
  await expect(panelTask(page, "pay rent").getByTestId("task-toggle")).toBeFocused(); // focus follows it back

  await page.keyboard.press("ArrowRight"); // along the task's controls: its title
  await expect(panelTask(page, "pay rent").getByTestId("task-title")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("task-edit-input")).toBeFocused();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("pay the rent");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("toast")).toContainText("Renamed “Pay rent” to “pay the rent”."); // a rename keeps what was typed
  await expect(panelTask(page, "pay the rent").getByTestId("task-title")).toBeFocused();

  await page.keyboard.press("End"); // the task's last control: its delete button
  await expect(panelTask(page, "pay the rent").getByTestId("task-delete")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("toast")).toContainText("Deleted “pay the rent”.");
  await expect(page.getByTestId("quick-add-input")).toBeFocused();
});

test("at 360 px wide: the header fits, nothing scrolls sideways, every tap target is at least 44 x 44 px", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signUp(page);
  await say(page, "add water the plants tomorrow p1 #home #garden");

  const small = () =>
    page.evaluate(() => {
      const found: string[] = [];
      const targets = document.querySelectorAll<HTMLElement>("button, a[href], select, textarea, input:not([type=checkbox]), label.check");
      for (const el of targets) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue; // not on screen (another section)
        if (box.width < 44 || box.height < 44) {
          found.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || el.id).trim()}" ${Math.round(box.width)}x${Math.round(box.height)}`);
        }
      }
      return found;
    });
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  // the header: each of its words on one line, all of it on screen
  for (const locator of [page.getByRole("heading", { level: 1 }), page.getByTestId("provider"), page.getByTestId("logout")]) {
    const box = (await locator.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.height).toBeLessThan(48);
  }
  const h1 = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
  const logout = (await page.getByTestId("logout").boundingBox())!;
  expect(Math.abs(h1.y + h1.height / 2 - (logout.y + logout.height / 2))).toBeLessThan(8); // one row

  expect(await small()).toEqual([]);
  expect(await sideways()).toBeLessThanOrEqual(0);

  await page.getByTestId("tab-tasks").click();
  await expect(panelTask(page, "Water the plants")).toBeVisible();
  expect(await small()).toEqual([]);
  expect(await sideways()).toBeLessThanOrEqual(0);
  const check = (await panelTask(page, "Water the plants").locator("label.check").boundingBox())!;
  expect(check.width).toBeGreaterThanOrEqual(44);
  await panelTask(page, "Water the plants").locator("label.check").tap();
  await expect(page.getByTestId("completed-tasks")).toContainText("Water the plants");

  await panelTask(page, "Water the plants").getByTestId("task-details").tap();
  await expect(page.getByTestId("task-details-form")).toBeVisible();
  expect(await small()).toEqual([]);
  expect(await sideways()).toBeLessThanOrEqual(0);
  expect(await audit(page)).toEqual([]);

  await page.getByTestId("tab-history").click();
  expect(await small()).toEqual([]);
  expect(await sideways()).toBeLessThanOrEqual(0);
  await phone.close();
});

test("every screen passes an accessibility audit: login, sign-up, workspace, details editor, views", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("auth-form")).toBeVisible();
  await expect(page.getByLabel("Email")).toBeFocused();
  expect(await audit(page)).toEqual([]);
  await page.getByTestId("auth-switch").click();
  expect(await audit(page)).toEqual([]);

  await signUp(page);
  await quickAdd(page, `file taxes on ${iso(-1)} p1 #admin`, "buy milk tomorrow #groceries every week");
  await say(page, "show my tasks");
  expect(await audit(page)).toEqual([]);

  await panelTask(page, "buy milk").getByTestId("task-details").click();
  await expect(page.getByTestId("task-details-form")).toBeVisible();
  expect(await audit(page)).toEqual([]);

  await panelTask(page, "file taxes").getByTestId("task-toggle").click();
  await page.getByTestId("view-completed").click();
  await expect(page.getByTestId("toast")).toBeVisible();
  expect(await audit(page)).toEqual([]);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
});
