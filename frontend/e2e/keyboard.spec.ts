import type { Page } from "@playwright/test";
import { expect, panelTask, signUp, test } from "./fixtures";
import { SIZES } from "./sizes";

const TEN = ["buy milk", "call mom", "pay rent", "water plants", "book flights", "renew passport", "file taxes", "fix the bike", "walk the dog", "clean the oven"];

async function tenTasks(page: Page) {
  for (const [i, title] of TEN.entries()) {
    await page.getByTestId("quick-add-input").fill(title);
    await page.getByTestId("quick-add-input").press("Enter");
    await expect(page.getByTestId("pending-tasks").getByTestId("task")).toHaveCount(i + 1);
  }
}

async function audit(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const inside = (page: Page, testId: string) =>
  page.evaluate((id) => Boolean(document.activeElement?.closest(`[data-testid="${id}"]`)), testId);

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use(size.use);

    test("from quick add, the 10th task is reached and completed in at most 12 key presses", async ({ page }) => {
      await signUp(page);
      await page.getByTestId("composer").blur();
      await page.keyboard.press("n"); // quick add, from anywhere (on a phone it shows the task list)
      await expect(page.getByTestId("quick-add-input")).toBeFocused();
      await tenTasks(page);
      await expect(page.getByTestId("quick-add-input")).toBeFocused();

      const keys = ["ArrowDown", ...Array<string>(9).fill("ArrowDown"), "x"];
      expect(keys.length).toBeLessThanOrEqual(12);
      for (const key of keys) await page.keyboard.press(key);
      await expect(page.getByTestId("toast")).toContainText("Completed “Clean the oven”.");
      await expect(page.getByTestId("completed-tasks")).toContainText("Clean the oven");
      await expect(panelTask(page, "clean the oven").getByTestId("task-toggle")).toBeFocused();
    });
  });
}

test("the task list is one Tab stop, its keys act on the focused task, and everything is said", async ({ page }) => {
  await signUp(page);
  await page.getByTestId("quick-add-input").focus();
  await tenTasks(page);

  // Tab from quick add: the views (one stop), search, sort, the toast's Undo, then the list: one stop for all ten tasks
  let tabs = 0;
  while (!(await inside(page, "pending-tasks")) && tabs < 10) {
    await page.keyboard.press("Tab");
    tabs += 1;
  }
  expect(tabs).toBeLessThanOrEqual(5);
  await expect(panelTask(page, "buy milk").getByTestId("task-toggle")).toBeFocused();
  await expect(panelTask(page, "buy milk").getByTestId("task-toggle")).toHaveAccessibleDescription(/#1/); // its number, date, priority...
  await page.keyboard.press("Tab");
  expect(await inside(page, "pending-tasks")).toBe(false); // one Tab leaves the list
  await page.keyboard.press("Shift+Tab");
  await expect(panelTask(page, "buy milk").getByTestId("task-toggle")).toBeFocused();
  await expect(page.getByRole("grid", { name: "Open tasks" })).toBeVisible();

  // e edits, Escape returns; Delete deletes with undo; the next task takes the focus
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("e");
  await expect(page.getByTestId("task-edit-input")).toBeFocused();
  await expect(page.getByTestId("task-edit-input")).toHaveValue("Call mom"); // the key was not typed into it
  await page.keyboard.press("Escape");
  await expect(panelTask(page, "call mom").getByTestId("task-title")).toBeFocused(); // back on what was edited
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("toast")).toContainText("Deleted “Call mom”.");
  await expect(panelTask(page, "pay rent").getByTestId("task-title")).toBeFocused(); // the same column, a row on
  await page.keyboard.press("Control+z");
  await expect(panelTask(page, "call mom").getByTestId("task-title")).toBeFocused();

  // number keys change the view, and say so
  await page.keyboard.press("4");
  await expect(page.getByTestId("view-completed")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("announcer")).toHaveText("Completed: 0 completed tasks.");
  await page.keyboard.press("1");
  await expect(page.getByTestId("view-all")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("announcer")).toHaveText("All: 10 open tasks.");
  await expect(page.getByTestId("toast-region")).toHaveAttribute("role", "status");

  // c (or /) goes to the chat; letters typed there are text, not shortcuts
  await page.keyboard.press("c");
  await expect(page.getByTestId("composer")).toBeFocused();
  await page.keyboard.type("n x ? 2 #");
  await expect(page.getByTestId("composer")).toHaveValue("n x ? 2 #");
  await expect(page.getByTestId("shortcuts")).not.toBeVisible();
  await expect(page.getByTestId("view-all")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("composer").fill("");

  // g then t: back to the list, where it was
  await page.getByTestId("new-chat").focus();
  await page.keyboard.press("g");
  await page.keyboard.press("t");
  await expect(panelTask(page, "call mom").getByTestId("task-title")).toBeFocused();
  expect(await audit(page)).toEqual([]);
});

test("? opens the shortcuts overlay: focus is kept inside, Escape closes it and focus goes back", async ({ page }) => {
  await signUp(page);
  await page.getByTestId("quick-add-input").fill("buy milk");
  await page.getByTestId("quick-add-input").press("Enter");
  await expect(panelTask(page, "buy milk")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  const toggle = panelTask(page, "buy milk").getByTestId("task-toggle");
  await expect(toggle).toBeFocused();

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Add a task (quick add)");
  await expect(dialog).toContainText("Complete or reopen");
  await expect(dialog).toContainText("Write in the chat");
  await expect(page.getByTestId("shortcuts-close")).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press(i % 2 ? "Shift+Tab" : "Tab");
    expect(await inside(page, "shortcuts")).toBe(true);
    await page.keyboard.press("Tab");
    expect(await inside(page, "shortcuts")).toBe(true);
  }
  await page.keyboard.press("x"); // no shortcut reaches the page behind it
  await expect(page.getByTestId("completed-tasks")).toHaveCount(0);
  expect(await audit(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).not.toBeVisible();
  await expect(toggle).toBeFocused();

  // the button in the header opens it too, and Close gives focus back to the button
  await page.getByTestId("shortcuts-button").click();
  await expect(dialog).toBeVisible();
  await page.getByTestId("shortcuts-close").click();
  await expect(dialog).not.toBeVisible();
  await expect(page.getByTestId("shortcuts-button")).toBeFocused();
});
