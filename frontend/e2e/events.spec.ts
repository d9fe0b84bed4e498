import { expect, panelTask, say, signUp, test } from "./fixtures";

test("two tabs of one user: a chat turn and a task change in one show up in the other without a reload", async ({ page }) => {
  await signUp(page);
  const other = await page.context().newPage(); // the same browser: the same login
  await other.goto("/");
  await expect(other.getByTestId("composer")).toBeVisible();
  await expect(other.getByTestId("welcome")).toBeVisible();
  let reloads = 0;
  other.on("framenavigated", () => (reloads += 1));

  await say(page, "add buy milk tomorrow");
  // the other tab shows the conversation, both sides of the turn, and the task
  await expect(other.getByTestId("message-user")).toHaveText([/add buy milk tomorrow/]);
  await expect(other.getByTestId("message-assistant")).toContainText(["Buy milk"]);
  await expect(other.getByTestId("conversation")).toHaveCount(1);
  await expect(panelTask(other, "Buy milk")).toBeVisible();

  // a change in the other tab's panel shows up in the first one
  await panelTask(other, "Buy milk").getByTestId("task-toggle").click();
  await expect(page.getByTestId("completed-tasks")).toContainText("Buy milk");

  await say(page, "what's still open?");
  await expect(other.getByTestId("message-user")).toHaveCount(2);
  expect(reloads).toBe(0);
  await other.close();
});
