import type { Page } from "@playwright/test";
import { expect, panelTask, signUp, test } from "./fixtures";
import { SIZES } from "./sizes";

async function audit(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const pad = (n: number) => String(n).padStart(2, "0");
const localInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** The session the app keeps: its token and user, to call the API as the page does. */
async function session(page: Page): Promise<{ token: string; userId: string }> {
  const stored = await page.evaluate(() => localStorage.getItem("todo-chatbot.session"));
  const { token, user } = JSON.parse(stored!) as { token: string; user: { id: string } };
  return { token, userId: user.id };
}

async function addTask(page: Page, text: string) {
  await page.getByTestId("quick-add-input").fill(text);
  await page.getByTestId("quick-add-input").press("Enter");
  await expect(page.getByTestId("toast")).toContainText("Added");
}

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use(size.use);

    test("a reminder set in the details shows as a bell with its moment, moves to a chosen moment, and goes", async ({ page }) => {
      await signUp(page);
      if (size.name === "phone") await page.getByTestId("tab-tasks").click();
      await addTask(page, "call mom tomorrow 5pm");
      const row = panelTask(page, "call mom");
      await expect(row.getByTestId("task-reminder")).toHaveCount(0);

      await row.getByTestId("task-details").click();
      await row.getByLabel("Remind me").selectOption({ label: "Before the due time" });
      await row.getByLabel("How long before").fill("30");
      await expect(row.getByTestId("details-reminder-hint")).toHaveText("It will remind you tomorrow at 16:30.");
      expect(await audit(page)).toEqual([]);
      await row.getByTestId("details-save").click();
      await expect(page.getByTestId("toast")).toContainText("Saved “call mom”.");
      const bell = row.getByTestId("task-reminder");
      await expect(bell).toHaveText("Reminder Tomorrow 16:30");
      await expect(bell).toBeVisible();

      // what the server keeps is the moment the bell shows
      const { token, userId } = await session(page);
      const tasks = (await (await page.request.get(`/api/${userId}/tasks`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        title: string; reminder: unknown; remind_at: string;
      }[];
      const due = new Date();
      due.setDate(due.getDate() + 1);
      due.setHours(16, 30, 0, 0);
      expect(tasks[0]!.reminder).toEqual({ before: 30 });
      expect(new Date(tasks[0]!.remind_at).getTime()).toBe(due.getTime());

      // a moment of its own, typed into the date-and-time box
      const moment = new Date(Date.now() + 3 * 86_400_000);
      moment.setHours(8, 15, 0, 0);
      await row.getByTestId("task-details").click();
      await expect(row.getByTestId("details-reminder-hint")).toHaveText("Next reminder: tomorrow at 16:30.");
      await row.getByLabel("Remind me").selectOption({ label: "At a date and time" });
      await row.getByLabel("Remind at").fill(localInput(moment));
      await row.getByTestId("details-save").click();
      await expect(page.getByTestId("toast")).toContainText("Saved");
      await expect(bell).toContainText("08:15");

      // removed
      await row.getByTestId("task-details").click();
      await row.getByLabel("Remind me").selectOption({ label: "No reminder" });
      await row.getByTestId("details-save").click();
      await expect(page.getByTestId("toast")).toContainText("Saved");
      await expect(row.getByTestId("task-reminder")).toHaveCount(0);
    });
  });
}

test("a reminder that can't be kept is explained in a sentence, and nothing is saved", async ({ page }) => {
  await signUp(page);
  await addTask(page, "water the plants");
  const row = panelTask(page, "water the plants");
  await row.getByTestId("task-details").click();
  await row.getByLabel("Remind me").selectOption({ label: "At the due time" });
  await row.getByTestId("details-save").click();
  await expect(row.getByRole("alert")).toHaveText("A reminder before the due time needs a date. Choose a date, or remind at a moment of its own.");
  await expect(row.getByLabel("Remind me")).toBeFocused();
  await expect(page.getByTestId("toast")).toContainText("Added “water the plants”."); // the last change is still the add
});
