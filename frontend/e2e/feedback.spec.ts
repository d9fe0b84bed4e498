import type { Page } from "@playwright/test";
import { expect, panelTask, signUp, test } from "./fixtures";
import { SIZES } from "./sizes";

// Titles long enough to take two lines in the panel, as real ones often do: the list is taller than the window.
const TEN = Array.from({ length: 10 }, (_, i) => `errand ${i + 1}: collect the parcel from the post office near the old railway station`);

/** Signs up and adds ten tasks with quick add; on a phone, shows the task list. */
async function tenTasks(page: Page, phone: boolean) {
  await signUp(page);
  if (phone) await page.getByTestId("tab-tasks").click();
  for (const [i, title] of TEN.entries()) {
    await page.getByTestId("quick-add-input").fill(title);
    await page.getByTestId("quick-add-input").press("Enter");
    await expect(page.getByTestId("pending-tasks").getByTestId("task")).toHaveCount(i + 1);
  }
}

/** The toast is wholly inside the window, where it is now (nothing is scrolled to find it). */
async function toastInView(page: Page) {
  const box = await page.getByTestId("toast").boundingBox();
  const window = page.viewportSize()!;
  expect(box, "the toast is on the page").not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(window.height);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(window.width);
}

/** The title of the task that has the focus, in lower case (quick add gave it a capital), or the focused element's tag. */
const focusedTask = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest("[data-testid=task]")?.querySelector("[data-testid=task-title]")?.textContent?.toLowerCase() ?? document.activeElement?.tagName);

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use(size.use);
    const phone = size.name === "phone";

    test("ticking the 10th task far down the list, by mouse or keyboard: the toast is in view, with its Undo", async ({ page }) => {
      await tenTasks(page, phone);
      await panelTask(page, "errand 10:").getByTestId("task-toggle").click();
      await expect(page.getByTestId("toast")).toContainText("Completed “Errand 10:");
      await expect(page.getByTestId("completed-tasks")).toContainText("Errand 10:");
      expect(await page.getByTestId("task-panel").evaluate((el) => el.scrollTop)).toBeGreaterThan(0); // the list did scroll
      await toastInView(page);
      await page.getByTestId("undo").click();
      await expect(page.getByTestId("toast")).toContainText("Undone");
      await expect(page.getByTestId("completed-tasks")).toHaveCount(0);
      await toastInView(page);

      await panelTask(page, "errand 10:").getByTestId("task-toggle").focus();
      await page.keyboard.press("Space");
      await expect(page.getByTestId("toast")).toContainText("Completed “Errand 10:");
      await toastInView(page);
    });

    test("after any undo focus is on the task that came back, or where it was; never on <body>", async ({ page }) => {
      await tenTasks(page, phone);
      // the toast's Undo
      await panelTask(page, "errand 10:").getByTestId("task-toggle").click();
      await expect(page.getByTestId("completed-tasks")).toContainText("Errand 10:");
      await page.getByTestId("undo").click();
      await expect(page.getByTestId("completed-tasks")).toHaveCount(0);
      await expect(panelTask(page, "errand 10:").getByTestId("task-toggle")).toBeFocused();

      // Space completes, Ctrl+Z undoes
      await page.keyboard.press("Space");
      await expect(page.getByTestId("completed-tasks")).toContainText("Errand 10:");
      await expect(panelTask(page, "errand 10:").getByTestId("task-toggle")).toBeFocused();
      await page.keyboard.press("Control+z");
      await expect(page.getByTestId("toast")).toContainText("Undone");
      await expect(page.getByTestId("completed-tasks")).toHaveCount(0);
      await expect(panelTask(page, "errand 10:").getByTestId("task-toggle")).toBeFocused();

      // a deleted task comes back focused; undoing an add focuses where the task was
      await panelTask(page, "errand 4:").getByTestId("task-delete").focus();
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("toast")).toContainText("Deleted “Errand 4:");
      await expect.poll(() => focusedTask(page)).toBe(TEN[4]); // the task that took its place
      await page.keyboard.press("Control+z");
      await expect(panelTask(page, "errand 4:")).toBeVisible();
      await expect(panelTask(page, "errand 4:").getByTestId("task-delete")).toBeFocused();

      await page.getByTestId("quick-add-input").fill("errand 11");
      await page.getByTestId("quick-add-input").press("Enter");
      await expect(panelTask(page, "errand 11")).toBeVisible();
      await panelTask(page, "errand 11").getByTestId("task-toggle").focus();
      await page.keyboard.press("Control+z");
      await expect(page.getByTestId("toast")).toContainText("Undone");
      await expect(panelTask(page, "errand 11")).toHaveCount(0);
      await expect.poll(() => focusedTask(page)).toBe(TEN[9]); // where it was: the task before it is now last
    });
  });
}
