import type { Page } from "@playwright/test";
import { expect, panelTask, say, signUp, test } from "./fixtures";
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
      await expect(page.getByTestId("toast")).toContainText("Saved “Call mom”.");
      const bell = row.getByTestId("task-reminder");
      await expect(bell).toHaveText("Reminder Tomorrow 16:30");
      await expect(bell).toBeVisible();
      await expect(row.getByTestId("task-details-form")).toHaveCount(0);

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
      await expect(bell).toContainText("08:15");
      await expect(row.getByTestId("task-details-form")).toHaveCount(0);

      // removed
      await row.getByTestId("task-details").click();
      await row.getByLabel("Remind me").selectOption({ label: "No reminder" });
      await row.getByTestId("details-save").click();
      await expect(row.getByTestId("task-reminder")).toHaveCount(0);
      await expect(row.getByTestId("task-details-form")).toHaveCount(0);
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
  await expect(page.getByTestId("toast")).toContainText("Added “Water the plants”."); // the last change is still the add
});

/** Adds a task through the API whose reminder fires `seconds` from now (the server polls every half second in tests). */
async function remindSoon(page: Page, title: string, seconds = 3): Promise<number> {
  const { token, userId } = await session(page);
  const at = new Date(Date.now() + seconds * 1000).toISOString();
  const response = await page.request.post(`/api/${userId}/tasks`, {
    headers: { authorization: `Bearer ${token}` },
    data: { title, reminder: { at } },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

test.describe("when a reminder fires", () => {
  test.use({ permissions: ["notifications"] });

  test("it shows in the page and as a service-worker notification; Snooze moves it 10 minutes on, a click on the notification shows the task", async ({ page, context }) => {
    await signUp(page);
    // allowed before: the worker is registered at load, without asking anything
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? "")).toMatch(/\/sw\.js$/);
    const id = await remindSoon(page, "Call the dentist");
    const shown = page.getByTestId("reminder").filter({ hasText: "Call the dentist" });
    await expect(shown).toContainText("Reminder: “Call the dentist”");
    await expect(page.getByTestId("reminders")).toHaveAttribute("role", "status");
    const notes = () =>
      page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag })));
    await expect.poll(notes).toEqual([{ title: "Reminder", body: "Call the dentist", tag: `reminder-${id}` }]);
    expect(await audit(page)).toEqual([]);

    // Snooze: the reminder is set 10 minutes on, said by the toast (which can undo it)
    const before = Date.now();
    await shown.getByRole("button", { name: "Snooze “Call the dentist” for 10 minutes" }).click();
    await expect(page.getByTestId("toast")).toContainText("I'll remind you of “Call the dentist” again");
    await expect(shown).toHaveCount(0);
    const { token, userId } = await session(page);
    const task = (await (await page.request.get(`/api/${userId}/tasks/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      remind_at: string;
    };
    const ahead = new Date(task.remind_at).getTime() - before;
    expect(ahead).toBeGreaterThan(9.5 * 60_000);
    expect(ahead).toBeLessThan(10.5 * 60_000);
    await expect(panelTask(page, "Call the dentist").getByTestId("task-reminder")).toBeVisible();

    // a click on the notification (dispatched in the worker, as the browser would) shows the task and focuses it
    await page.getByTestId("composer").focus();
    const id2 = await remindSoon(page, "Feed the cat");
    await expect(page.getByTestId("reminder").filter({ hasText: "Feed the cat" })).toBeVisible();
    await expect.poll(async () => (await notes()).map((n) => n.tag)).toContain(`reminder-${id2}`);
    const [worker] = context.serviceWorkers();
    expect(worker).toBeTruthy();
    await worker!.evaluate(async (tag) => {
      // the worker's own globals (the DOM types here are a page's)
      const scope = self as unknown as {
        registration: { getNotifications: (filter: { tag: string }) => Promise<Notification[]> };
        NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
        dispatchEvent: (event: Event) => boolean;
      };
      const [notification] = await scope.registration.getNotifications({ tag });
      scope.dispatchEvent(new scope.NotificationEvent("notificationclick", { notification: notification! }));
    }, `reminder-${id2}`);
    await expect(panelTask(page, "Feed the cat").getByTestId("task-toggle")).toBeFocused();
    await expect.poll(async () => (await notes()).map((n) => n.tag)).not.toContain(`reminder-${id2}`); // closed once clicked

    // Mark done from the page
    await page.getByTestId("reminder").filter({ hasText: "Feed the cat" }).getByRole("button", { name: "Mark “Feed the cat” as done" }).click();
    await expect(page.getByTestId("toast")).toContainText("Completed “Feed the cat”.");
    await expect(page.getByTestId("completed-tasks")).toContainText("Feed the cat");
  });

  test("a snoozed reminder comes back when its 10 minutes are up, in the page and as a notification", async ({ page }) => {
    await signUp(page);
    const id = await remindSoon(page, "Water the plants");
    const shown = page.getByTestId("reminder").filter({ hasText: "Water the plants" });
    await expect(shown).toBeVisible();
    // Snooze sets the reminder 10 minutes after the page's "now": put the page's clock 9 min 56 s
    // behind, so the 10 minutes are up 4 s from now and the server fires it again.
    await page.evaluate((behind) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() - behind;
    }, 10 * 60_000 - 4_000);
    await shown.getByRole("button", { name: "Snooze “Water the plants” for 10 minutes" }).click();
    await expect(shown).toHaveCount(0);
    await page.evaluate(() => {
      Date.now = () => new Date().getTime();
    });
    await expect(shown).toBeVisible({ timeout: 20_000 });
    await expect(shown).toContainText("Reminder: “Water the plants”");
    const tags = () => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => n.tag));
    await expect.poll(tags).toContain(`reminder-${id}`);
  });
});

test.describe("on a phone", () => {
  test.use({ ...SIZES[1].use });

  test("a fired reminder shows under the header with its buttons, and Dismiss takes it away", async ({ page }) => {
    await signUp(page);
    await remindSoon(page, "Take the bins out", 2);
    const shown = page.getByTestId("reminder");
    await expect(shown).toContainText("Take the bins out");
    const box = (await shown.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    for (const name of ["Mark “Take the bins out” as done", "Snooze “Take the bins out” for 10 minutes", "Dismiss the reminder of “Take the bins out”"]) {
      const button = (await shown.getByRole("button", { name }).boundingBox())!;
      expect(button.height).toBeGreaterThanOrEqual(44);
    }
    expect(await audit(page)).toEqual([]);
    await shown.getByTestId("reminder-dismiss").click();
    await expect(shown).toHaveCount(0);
  });
});

test("without notifications, setting the first reminder says once that reminders show only in open tabs", async ({ page, context }) => {
  await signUp(page);
  await page.evaluate(() => {
    // the browser's answer to the question, as a person who says no would give it
    Notification.requestPermission = async () => "denied";
  });
  await addTask(page, "book flights tomorrow");
  const row = panelTask(page, "book flights");
  await row.getByTestId("task-details").click();
  await row.getByLabel("Remind me").selectOption({ label: "At the due time" });
  await row.getByTestId("details-save").click();
  const notice = page.getByTestId("notifications-off");
  await expect(notice).toHaveText(/reminders show only in its open tabs/);
  await notice.getByRole("button", { name: "OK" }).click();
  await expect(notice).toHaveCount(0);

  await expect(row.getByTestId("task-reminder")).toBeVisible();

  await row.getByTestId("task-details").click();
  await row.getByLabel("Remind me").selectOption({ label: "No reminder" });
  await row.getByTestId("details-save").click();
  await expect(row.getByTestId("task-reminder")).toHaveCount(0);
  await expect(row.getByTestId("task-details-form")).toHaveCount(0);
  await row.getByTestId("task-details").click();
  await row.getByLabel("Remind me").selectOption({ label: "At the due time" });
  await row.getByTestId("details-save").click();
  await expect(row.getByTestId("task-reminder")).toBeVisible();
  await expect(notice).toHaveCount(0); // said once
  expect(context.serviceWorkers()).toEqual([]); // nothing registered without permission
});

test("a reminder set by chat asks for notifications as one set in the panel does; a turn that sets none doesn't", async ({ page }) => {
  await signUp(page);
  await page.evaluate(() => {
    // the browser's question, counted, and answered as a person who says no would
    const counted = window as unknown as { asked: number };
    counted.asked = 0;
    Notification.requestPermission = async () => {
      counted.asked += 1;
      return "denied";
    };
  });
  const asked = () => page.evaluate(() => (window as unknown as { asked: number }).asked);
  await say(page, "add buy milk tomorrow");
  await expect(panelTask(page, "Buy milk")).toBeVisible();
  expect(await asked()).toBe(0);

  await say(page, "remind me to call mum tomorrow at 5pm");
  await expect(panelTask(page, "Call mum").getByTestId("task-reminder")).toBeVisible();
  await expect.poll(asked).toBe(1);
  await expect(page.getByTestId("notifications-off")).toHaveText(/reminders show only in its open tabs/); // the answer was heard
});
