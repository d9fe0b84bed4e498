import type { Page } from "@playwright/test";
import { expect, panelTask, say, signUp, test } from "./fixtures";
import { SIZES } from "./sizes";

/** How wide the placeholder's text is, and how wide the box's text area is, in CSS pixels. */
const placeholderFit = (page: Page) =>
  page.getByTestId("quick-add-input").evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = context.measureText(input.placeholder).width;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text, room };
  });

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use({ ...size.use, allowConsoleErrors: [/status of 422/] }); // the too-long title's answer

    test("the quick-add hint is whole, priorities say their word, and a too-long title is explained in words", async ({ page }) => {
      await signUp(page);
      if (size.name === "phone") await page.getByTestId("tab-tasks").click();
      const { text, room } = await placeholderFit(page);
      expect(text).toBeLessThanOrEqual(room); // the placeholder is not cut off

      await page.getByTestId("quick-add-input").fill("pay rent tomorrow p1, water plants p2, dust p3");
      await page.getByTestId("quick-add-input").press("Enter");
      await expect(panelTask(page, "dust")).toBeVisible();
      for (const [title, word] of [["pay rent", "High"], ["water plants", "Medium"], ["dust", "Low"]]) {
        const chip = panelTask(page, title!).getByTestId("task-priority");
        await expect(chip).toBeVisible();
        expect(await chip.innerText()).toContain(word); // on screen, not only in a tooltip
      }

      await page.getByTestId("quick-add-input").fill(`remember ${"to do this ".repeat(25)}`);
      await page.getByTestId("quick-add-input").press("Enter");
      const error = page.getByTestId("task-panel").getByRole("alert");
      await expect(error).toHaveText("A task's title can be at most 200 characters.");
    });

    test("quick add titles as the chat does, the undo toast quotes as the rest, History names a chat by its first request", async ({ page }) => {
      await signUp(page);
      await say(page, "hi");
      await say(page, "add dentist");
      if (size.name === "phone") await page.getByTestId("tab-tasks").click();
      await page.getByTestId("quick-add-input").fill("dentist");
      await page.getByTestId("quick-add-input").press("Enter");
      await expect(page.getByTestId("toast")).toHaveText(/Added “Dentist”\./);
      await expect(page.getByTestId("pending-tasks").getByTestId("task-title")).toHaveText(["Dentist", "Dentist"]); // one rule for both

      await page.getByTestId("pending-tasks").getByTestId("task").last().getByTestId("task-delete").click();
      await expect(page.getByTestId("toast")).toContainText("Deleted “Dentist”.");
      await page.getByTestId("undo").click();
      await expect(page.getByTestId("toast")).toContainText("Undone: deleting “Dentist”.");
      await expect(page.getByTestId("toast")).not.toContainText('"'); // no straight quotes beside the curly ones

      if (size.name === "phone") await page.getByTestId("tab-history").click();
      const conversation = page.getByTestId("conversation");
      await expect(conversation).toHaveCount(1);
      await expect(conversation.locator(".conversation-title")).toHaveText("add dentist"); // not "hi"
    });
  });
}
