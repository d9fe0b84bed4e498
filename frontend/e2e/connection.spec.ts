import { expect, panelTask, signUp, test } from "./fixtures";
import { SIZES } from "./sizes";

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use({ ...size.use, allowConsoleErrors: [/Failed to load resource/] }); // the refused requests

    test("'Can't reach the server' asks again by itself while it shows, and goes when the server answers", async ({ page }) => {
      await signUp(page);
      if (size.name === "phone") await page.getByTestId("tab-tasks").click();
      await page.getByTestId("quick-add-input").fill("buy milk");
      await page.getByTestId("quick-add-input").press("Enter");
      await expect(panelTask(page, "buy milk")).toBeVisible();

      // the server goes away
      let attempts = 0;
      await page.route(/\/(api|health)\//, (route) => {
        attempts += 1;
        return route.abort("connectionrefused");
      });
      await panelTask(page, "buy milk").getByTestId("task-toggle").click();
      await expect(page.getByText(/Can't reach the server/).first()).toBeVisible();
      const first = attempts;
      await page.waitForTimeout(3_500); // no one touches anything: the page asks again by itself
      expect(attempts).toBeGreaterThanOrEqual(first + 2);

      // it comes back: the message goes by itself, and the list is read again
      await page.unroute(/\/(api|health)\//);
      await expect(page.getByText(/Can't reach the server/)).toHaveCount(0, { timeout: 15_000 });
      await expect(page.getByTestId("pending-tasks")).toContainText("Buy milk");
      await panelTask(page, "buy milk").getByTestId("task-toggle").click();
      await expect(page.getByTestId("completed-tasks")).toContainText("Buy milk");
    });
  });
}
