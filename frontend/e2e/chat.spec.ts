import { expect, panelTask, PASSWORD, say, signUp, test } from "./fixtures";

test("sign up, manage tasks by chat and by clicking, and find everything after a reload", async ({ page }) => {
  const email = await signUp(page);
  await expect(page.getByTestId("user-email")).toHaveText(email);
  await expect(page.getByTestId("provider")).toHaveText("offline mode");
  await expect(page.getByTestId("tasks-empty")).toContainText("add buy milk");

  await say(page, "add buy milk");
  await expect(page.getByTestId("message-assistant").last()).toContainText("Added “Buy milk”");
  await expect(panelTask(page, "Buy milk")).toBeVisible();

  await say(page, "remind me to renew my passport");
  await say(page, "add call the dentist");
  await expect(page.getByTestId("pending-tasks").getByTestId("task")).toHaveCount(3);

  await say(page, "I finished the milk one");
  await expect(page.getByTestId("completed-tasks")).toContainText("Buy milk");

  await panelTask(page, "Renew my passport").getByTestId("task-toggle").click();
  await expect(page.getByTestId("completed-tasks")).toContainText("Renew my passport");

  await say(page, "what's still open?");
  const last = page.getByTestId("message-assistant").last();
  await expect(last).toContainText("Call the dentist");
  await expect(last.locator("li")).toHaveCount(1); // rendered as a Markdown list

  await page.reload();
  await expect(page.getByTestId("composer")).toBeVisible();
  await expect(page.getByTestId("completed-tasks").getByTestId("task")).toHaveCount(2);
  await expect(page.getByTestId("pending-tasks")).toContainText("Call the dentist");
  await expect(page.getByTestId("conversation")).toHaveCount(1);
  await expect(page.getByTestId("message-user")).toHaveCount(5); // a reload reopens the last conversation
  await page.getByTestId("conversation").first().click();
  await expect(page.getByTestId("message-user")).toHaveCount(5);
  await expect(page.getByTestId("message-user").first()).toHaveText(/add buy milk/);

  await page.getByTestId("logout").click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("pending-tasks")).toContainText("Call the dentist");
});

test("the panel edits and deletes tasks, and the chat sees the change", async ({ page }) => {
  await signUp(page);
  await say(page, "add buy milk");
  await panelTask(page, "Buy milk").getByTestId("task-edit").click();
  await page.getByTestId("task-edit-input").fill("Buy oat milk");
  await page.getByTestId("task-edit-input").press("Enter");
  await expect(panelTask(page, "Buy oat milk")).toBeVisible();
  await say(page, "show my tasks");
  await expect(page.getByTestId("message-assistant").last()).toContainText("Buy oat milk");
  await panelTask(page, "Buy oat milk").getByTestId("task-delete").click();
  await expect(page.getByTestId("tasks-empty")).toBeVisible();
});

test("quick add reads dates, priorities and tags; a delete can be undone", async ({ page }) => {
  await signUp(page);
  await page.getByTestId("quick-add-input").fill("buy milk tomorrow p1 #groceries, call mom every sunday");
  await page.getByTestId("quick-add-input").press("Enter");
  await expect(page.getByTestId("toast")).toContainText("Added 2 tasks");
  const milk = panelTask(page, "buy milk");
  await expect(milk.getByTestId("task-due")).toHaveText("Tomorrow");
  await expect(milk.getByTestId("task-priority")).toHaveText("!!! High priority");
  await expect(milk.getByTestId("task-tag")).toHaveText("#groceries");
  await expect(panelTask(page, "call mom").getByTestId("task-repeat")).toContainText("every Sunday");
  await expect(page.getByTestId("quick-add-input")).toBeFocused();

  await milk.getByTestId("task-title").click(); // clicking a title edits it; it never ticks the task
  await expect(page.getByTestId("task-edit-input")).toBeFocused();
  await page.getByTestId("task-edit-input").press("Escape");
  await expect(milk.getByTestId("task-title")).toBeFocused();
  await expect(page.getByTestId("pending-tasks").getByTestId("task")).toHaveCount(2);

  await milk.getByTestId("task-delete").click();
  await expect(page.getByTestId("toast")).toContainText("Deleted “Buy milk”");
  await expect(page.getByTestId("pending-tasks").getByTestId("task")).toHaveCount(1);
  await page.getByTestId("undo").click();
  await expect(page.getByTestId("toast")).toContainText("Undone: deleting");
  await expect(panelTask(page, "buy milk").getByTestId("task-tag")).toHaveText("#groceries");
});

test("the details set a date, time, priority, tags and repeat; Today and Upcoming sort by date", async ({ page }) => {
  await signUp(page);
  await page.getByTestId("quick-add-input").fill("call mom today; renew passport");
  await page.getByTestId("quick-add-input").press("Enter");
  const passport = panelTask(page, "renew passport");
  await passport.getByTestId("task-details").click();
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  const iso = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, "0")}-${String(tomorrow.getDate()).padStart(2, "0")}`;
  await page.getByTestId("details-date").fill(iso);
  await page.getByTestId("details-time").fill("09:30");
  await page.getByTestId("details-priority").selectOption("high");
  await page.getByTestId("details-tags").fill("admin travel");
  await page.getByTestId("details-repeat").selectOption("FREQ=YEARLY");
  await page.getByTestId("details-save").click();
  await expect(passport.getByTestId("task-due")).toHaveText("Tomorrow 09:30");
  await expect(passport.getByTestId("task-tag")).toHaveText(["#admin", "#travel"]);
  await expect(passport.getByTestId("task-repeat")).toContainText("every year");
  await page.getByTestId("view-today").click();
  await expect(page.getByTestId("pending-tasks").getByTestId("task-title")).toHaveText(["Call mom"]);
  await page.getByTestId("view-upcoming").click();
  await expect(page.getByTestId("pending-tasks").getByTestId("task-title")).toHaveText(["Renew passport"]);
  await say(page, "what's due tomorrow?");
  await expect(page.getByTestId("message-assistant").last()).toContainText("Renew passport");
});

test("a second user sees none of the first user's tasks", async ({ page, browser }) => {
  await signUp(page);
  await say(page, "add the first user's secret errand");
  await expect(panelTask(page, "secret errand")).toBeVisible();

  const other = await browser.newContext();
  const second = await other.newPage();
  await signUp(second);
  await expect(second.getByTestId("tasks-empty")).toBeVisible();
  await say(second, "show my tasks");
  await expect(second.getByTestId("message-assistant").last()).toContainText("Your list is empty");
  await expect(second.getByTestId("conversation")).toHaveCount(1);
  await other.close();
});

test.describe("when the server fails", () => {
  test.use({ allowConsoleErrors: [/status of 500/] });

  test("a server error shows a readable message, keeps the text and retries", async ({ page }) => {
    await signUp(page);
    await page.route("**/chat/stream", (route) =>
      route.fulfill({ status: 500, contentType: "text/html", body: "<h1>Internal Server Error</h1>" }),
    );
    await page.getByTestId("composer").fill("add buy milk");
    await page.getByTestId("composer").press("Enter");
    await expect(page.getByTestId("send-error")).toContainText("The server had a problem");
    await expect(page.getByTestId("composer")).toHaveValue("add buy milk");

    await page.unroute("**/chat/stream");
    await page.getByTestId("retry").click();
    await expect(page.getByTestId("message-assistant").last()).toContainText("Added “Buy milk”");
    await expect(page.getByTestId("send-error")).toHaveCount(0);
    await expect(panelTask(page, "Buy milk")).toBeVisible();
  });
});

test.describe("with a session the server no longer accepts", () => {
  test.use({ allowConsoleErrors: [/status of 401/] });

  test("an expired token sends the user back to log in with a message", async ({ page }) => {
    await signUp(page);
    await page.evaluate(() => {
      const key = "todo-chatbot.session";
      const session = JSON.parse(localStorage.getItem(key)!);
      const [h, p] = session.token.split(".");
      session.token = `${h}.${p}.forged-signature`; // not expired by its date, refused by the server
      localStorage.setItem(key, JSON.stringify(session));
    });
    await page.reload();
    await expect(page.getByTestId("auth-notice")).toHaveText("Please sign in again.");
  });
});

test("works on a phone-sized screen", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signUp(page);
  await say(page, "add water the plants");
  await expect(page.getByTestId("task-panel")).toBeHidden();
  await page.getByTestId("tab-tasks").click();
  await expect(panelTask(page, "Water the plants")).toBeVisible();
  await phone.close();
});

test("works with the keyboard alone", async ({ page }) => {
  await signUp(page);
  await page.keyboard.type("add walk the dog");
  await page.keyboard.press("Enter");
  await expect(panelTask(page, "Walk the dog")).toBeVisible();
  await expect(page.getByTestId("composer")).toBeFocused();
});

test("the login and chat screens pass an accessibility audit (labels, contrast, roles)", async ({ page }) => {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const audit = async () => {
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  };
  await page.goto("/");
  await expect(page.getByTestId("auth-form")).toBeVisible();
  expect(await audit()).toEqual([]);
  await signUp(page);
  await say(page, "add buy milk");
  await say(page, "show my tasks");
  expect(await audit()).toEqual([]);
});
