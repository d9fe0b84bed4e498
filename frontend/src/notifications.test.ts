import { afterEach, describe, expect, it, vi } from "vitest";

const task = { id: 4, title: "Call mom", due_time: "17:00" };

/** A browser with notifications at `permission` and a service worker container that records what it is asked. */
function browser(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const showNotification = vi.fn(async () => {});
  const registration = { showNotification };
  const serviceWorker = { register: vi.fn(async () => registration), ready: Promise.resolve(registration), addEventListener: vi.fn() };
  const requestPermission = vi.fn(async () => answer);
  vi.stubGlobal("Notification", Object.assign(function Notification() {}, { permission, requestPermission }));
  Object.defineProperty(navigator, "serviceWorker", { value: serviceWorker, configurable: true });
  return { showNotification, serviceWorker, requestPermission };
}

// Each test gets a fresh module: the registration is kept per page.
const load = async () => {
  vi.resetModules();
  return import("./notifications");
};

afterEach(() => {
  Reflect.deleteProperty(navigator, "serviceWorker");
  vi.unstubAllGlobals();
});

describe("reminder notifications", () => {
  it("shows a fired reminder through the service worker, one per task however many tabs", async () => {
    const { showNotification, serviceWorker } = browser("granted");
    const { notify } = await load();
    expect(await notify(task, false)).toBe(true);
    expect(serviceWorker.register).toHaveBeenCalledWith("/sw.js", { scope: "/" });
    expect(showNotification).toHaveBeenCalledWith("Reminder", expect.objectContaining({ body: "Call mom (due 17:00)", tag: "reminder-4", data: { taskId: 4 } }));
  });

  it("shows nothing and registers nothing where notifications were not allowed", async () => {
    const { showNotification, serviceWorker, requestPermission } = browser("default");
    const { notify, startNotifications } = await load();
    startNotifications();
    expect(await notify(task, true)).toBe(false);
    expect(showNotification).not.toHaveBeenCalled();
    expect(serviceWorker.register).not.toHaveBeenCalled();
    expect(requestPermission).not.toHaveBeenCalled(); // never asked at load
  });

  it("asks once it is needed, and says only once that notifications are off", async () => {
    const { requestPermission } = browser("default", "denied");
    const { askPermission, offNotice } = await load();
    expect(await askPermission()).toBe("denied");
    expect(requestPermission).toHaveBeenCalledOnce();
    expect(offNotice.get()).toBe(true);
    offNotice.set(false);
    await askPermission();
    expect(offNotice.get()).toBe(false); // said already
  });

  it("registers the worker when permission is given", async () => {
    const { serviceWorker } = browser("default", "granted");
    const { askPermission, offNotice } = await load();
    expect(await askPermission()).toBe("granted");
    expect(serviceWorker.register).toHaveBeenCalledOnce();
    expect(offNotice.get()).toBe(false);
  });
});

describe("setsReminder", () => {
  const added = (reminder: unknown) => ({ name: "add_task", arguments: { title: "Call mum", reminder }, result: { task: { id: 1, reminder } } });

  it("is true for a chat turn that added or changed a task with a reminder", async () => {
    const { setsReminder } = await load();
    expect(setsReminder([added({ before: 0 })])).toBe(true);
    const snoozed = { name: "update_task", arguments: { task_id: 1, reminder: { at: "2026-12-01T17:10:00Z" } }, result: { task: { id: 1, reminder: { at: "2026-12-01T17:10:00Z" } } } };
    expect(setsReminder([{ name: "list_tasks", arguments: {}, result: [] }, snoozed])).toBe(true);
  });

  it("is false for a turn that set none, removed one or failed", async () => {
    const { setsReminder } = await load();
    expect(setsReminder([])).toBe(false);
    expect(setsReminder([added(null)])).toBe(false);
    expect(setsReminder([{ name: "update_task", arguments: { task_id: 1, clear_reminder: true }, result: { task: { id: 1, reminder: null } } }])).toBe(false);
    expect(setsReminder([{ name: "add_task", arguments: { title: "x", reminder: { before: 0 } }, result: { error: "a reminder before the due time needs a date" } }])).toBe(false);
  });
});
