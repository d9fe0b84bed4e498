import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Api, type Task } from "../api";
import { day, renderWithApi, session, task } from "../test-utils";
import { offNotice } from "../notifications";
import { inView, TaskPanel } from "./TaskPanel";

function setup(initial: Task[]) {
  let list = initial;
  const api = new Api(session);
  api.tasks = vi.fn(async () => list);
  api.toggleTask = vi.fn(async (id: number) => {
    list = list.map((t) => (t.id === id ? { ...t, completed: !t.completed } : t));
    return list.find((t) => t.id === id)!;
  });
  api.deleteTask = vi.fn(async (id: number) => {
    list = list.filter((t) => t.id !== id);
  });
  api.updateTask = vi.fn(async (id: number, c) => ({ ...list.find((t) => t.id === id)!, title: c.title ?? "x" }));
  api.quickAdd = vi.fn(async (text: string) => [task(9, text)]);
  api.clearCompleted = vi.fn(async () => list.filter((t) => t.completed));
  api.undo = vi.fn(async () => {
    list = initial;
    return { undone: 'deleting "Buy milk"', tasks: [task(1, "Buy milk")] };
  });
  renderWithApi(<TaskPanel />, api);
  return { api, set: (next: Task[]) => (list = next) };
}

const titles = () => screen.queryAllByTestId("task-title").map((t) => t.textContent);
const toast = async () => (await screen.findByTestId("toast")).textContent;

describe("TaskPanel", () => {
  it("says what to type when there are no tasks", async () => {
    setup([]);
    expect((await screen.findByTestId("tasks-empty")).textContent).toContain("add buy milk");
  });

  it("separates pending and completed tasks", async () => {
    setup([task(1, "Buy milk"), task(2, "Pay rent", true)]);
    expect((await screen.findByTestId("pending-tasks")).textContent).toContain("Buy milk");
    expect(screen.getByTestId("completed-tasks").textContent).toContain("Pay rent");
    expect(screen.getByTestId("task-count").textContent).toBe("1 open");
  });

  it("ticks a task, says so, and undoes it from the toast", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    await userEvent.click(await screen.findByRole("checkbox", { name: "Mark “Buy milk” as done" }));
    expect(api.toggleTask).toHaveBeenCalledWith(1);
    expect(await toast()).toContain("Completed “Buy milk”.");
    expect(screen.getByTestId("completed-tasks").textContent).toContain("Buy milk");
    await userEvent.click(screen.getByTestId("undo"));
    expect(api.undo).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.getByTestId("toast").textContent).toContain("Undone: deleting “Buy milk”.")); // quoted as the app quotes titles
    expect(screen.getByTestId("pending-tasks").textContent).toContain("Buy milk");
    // the toast's button is gone: focus goes to the task that came back, never to <body>
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("checkbox", { name: "Mark “Buy milk” as done" })));
  });

  it("renames from the title, with a toast that can undo it", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    await userEvent.click(await screen.findByTestId("task-title"));
    expect(api.toggleTask).not.toHaveBeenCalled(); // clicking a title edits it, never ticks it
    const input = screen.getByTestId("task-edit-input");
    await userEvent.clear(input);
    await userEvent.type(input, "Buy oat milk{Enter}");
    expect(api.updateTask).toHaveBeenCalledWith(1, { title: "Buy oat milk" });
    expect(await toast()).toContain("Renamed “Buy milk” to “Buy oat milk”.");
    expect(screen.getByTestId("undo")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId("task-title")); // focus is back where the edit began
  });

  it("Escape cancels an edit without saving", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    await userEvent.click(await screen.findByRole("button", { name: "Edit “Buy milk”" }));
    await userEvent.type(screen.getByTestId("task-edit-input"), " nope{Escape}");
    expect(api.updateTask).not.toHaveBeenCalled();
    expect(screen.getByTestId("task-title").textContent).toContain("Buy milk");
    expect(document.activeElement).toBe(screen.getByTestId("task-title"));
  });

  it("shows a task's number, due date, priority, repeat and tags", async () => {
    setup([task(7, "Stand-up", false, { due_date: day(0), priority: "high", tags: ["daily", "work"], recurrence: "FREQ=DAILY", recurrence_text: "every day" })]);
    expect((await screen.findByTestId("task-meta")).textContent).toContain("#7");
    expect(screen.getByTestId("task-due").textContent).toBe("Today");
    expect(screen.getByTestId("task-priority").textContent).toBe("!!! High priority"); // the word shows, not only the marks
    expect(screen.getByTestId("task-repeat").textContent).toContain("every day");
    expect(screen.getAllByTestId("task-tag").map((t) => t.textContent)).toEqual(["#daily", "#work"]);
  });

  it("adds from the quick-add box and offers undo", async () => {
    const { api } = setup([]);
    await userEvent.type(await screen.findByTestId("quick-add-input"), "buy milk tomorrow p1{Enter}");
    expect(api.quickAdd).toHaveBeenCalledWith("buy milk tomorrow p1");
    expect(await toast()).toContain("Added “buy milk tomorrow p1”");
    expect((screen.getByTestId("quick-add-input") as HTMLInputElement).value).toBe("");
  });

  it("deletes, then undoes the delete from the toast", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    await userEvent.click(await screen.findByRole("button", { name: "Delete “Buy milk”" }));
    expect(api.deleteTask).toHaveBeenCalledWith(1);
    expect(await toast()).toContain("Deleted “Buy milk”");
    await waitFor(() => expect(titles()).toEqual([]));
    await userEvent.click(screen.getByTestId("undo"));
    await waitFor(() => expect(titles()).toEqual(["Buy milk"]));
  });

  it("edits date, time, priority, tags and repeat in the details, and confirms it", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    await userEvent.click(await screen.findByTestId("task-details"));
    await userEvent.type(screen.getByTestId("details-date"), "2026-12-01");
    await userEvent.type(screen.getByTestId("details-time"), "09:30");
    await userEvent.selectOptions(screen.getByTestId("details-priority"), "high");
    await userEvent.type(screen.getByTestId("details-tags"), "#home, errands");
    await userEvent.selectOptions(screen.getByTestId("details-repeat"), "FREQ=WEEKLY");
    await userEvent.click(screen.getByTestId("details-save"));
    expect(api.updateTask).toHaveBeenCalledWith(1, {
      description: "", priority: "high", tags: ["home", "errands"], due_date: "2026-12-01", due_time: "09:30",
      recurrence: "FREQ=WEEKLY",
    });
    expect(await toast()).toContain("Saved");
  });

  it("clearing the date in the details clears it on the server", async () => {
    const { api } = setup([task(1, "Buy milk", false, { due_date: "2026-12-01", due_time: "09:30", recurrence: "FREQ=DAILY" })]);
    await userEvent.click(await screen.findByTestId("task-details"));
    await userEvent.clear(screen.getByTestId("details-date"));
    await userEvent.click(screen.getByTestId("details-save"));
    expect(vi.mocked(api.updateTask).mock.calls[0]![1]).toMatchObject({ due_date: null });
    expect(vi.mocked(api.updateTask).mock.calls[0]![1]).not.toHaveProperty("recurrence");
  });

  it("sets a reminder before the due time in the details, says when it fires, and asks for notifications once", async () => {
    const requestPermission = vi.fn(async () => "denied" as NotificationPermission);
    vi.stubGlobal("Notification", Object.assign(function Notification() {}, { permission: "default", requestPermission }));
    Object.defineProperty(navigator, "serviceWorker", { value: { register: vi.fn() }, configurable: true });
    const { api } = setup([task(1, "Call mom", false, { due_date: "2099-06-12", due_time: "17:00" })]);
    await userEvent.click(await screen.findByTestId("task-details"));
    await userEvent.selectOptions(screen.getByTestId("details-reminder"), "before");
    await userEvent.clear(screen.getByTestId("details-reminder-amount"));
    await userEvent.type(screen.getByTestId("details-reminder-amount"), "2");
    await userEvent.selectOptions(screen.getByTestId("details-reminder-unit"), "hours");
    expect(screen.getByTestId("details-reminder-hint").textContent).toBe("It will remind you Fri 12 Jun 2099 at 15:00.");
    await userEvent.click(screen.getByTestId("details-save"));
    expect(vi.mocked(api.updateTask).mock.calls[0]![1]).toMatchObject({ reminder: { before: 120 } });
    expect(requestPermission).toHaveBeenCalledOnce();
    await waitFor(() => expect(offNotice.get()).toBe(true)); // denied: the page says once that reminders stay in open tabs
    expect(navigator.serviceWorker.register).not.toHaveBeenCalled();
    offNotice.set(false);
    Reflect.deleteProperty(navigator, "serviceWorker");
    vi.unstubAllGlobals();
  });

  it("asks for notifications when quick add sets a reminder, and not for a task without one", async () => {
    const requestPermission = vi.fn(async () => "granted" as NotificationPermission);
    vi.stubGlobal("Notification", Object.assign(function Notification() {}, { permission: "default", requestPermission }));
    Object.defineProperty(navigator, "serviceWorker", { value: { register: vi.fn(async () => ({})), ready: Promise.resolve({}) }, configurable: true });
    const { api } = setup([]);
    await userEvent.type(await screen.findByTestId("quick-add-input"), "buy milk{Enter}");
    expect(await toast()).toContain("Added");
    expect(requestPermission).not.toHaveBeenCalled();
    api.quickAdd = vi.fn(async (text: string) => [task(10, text, false, { due_date: day(1), reminder: { before: 30 } })]);
    await userEvent.type(screen.getByTestId("quick-add-input"), "call mom tomorrow 5pm, remind me 30 minutes before{Enter}");
    await waitFor(() => expect(requestPermission).toHaveBeenCalledOnce());
    Reflect.deleteProperty(navigator, "serviceWorker");
    vi.unstubAllGlobals();
  });

  it("explains a reminder it can't take, and saves nothing", async () => {
    const { api } = setup([task(1, "Call mom")]);
    await userEvent.click(await screen.findByTestId("task-details"));
    await userEvent.selectOptions(screen.getByTestId("details-reminder"), "due");
    await userEvent.click(screen.getByTestId("details-save"));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "A reminder before the due time needs a date. Choose a date, or remind at a moment of its own.",
    );
    expect(document.activeElement).toBe(screen.getByTestId("details-reminder"));
    expect(api.updateTask).not.toHaveBeenCalled();
  });

  it("shows the next reminder in words, leaves an unchanged one alone, and removes one", async () => {
    const remindAt = new Date(Date.now() + 86_400_000);
    remindAt.setHours(8, 30, 0, 0);
    const { api } = setup([task(1, "Call mom", false, { due_date: day(1), due_time: "09:00", reminder: { before: 30 }, remind_at: remindAt.toISOString() })]);
    const bell = await screen.findByTestId("task-reminder");
    expect(bell.textContent).toBe("Reminder Tomorrow 08:30");
    await userEvent.click(screen.getByTestId("task-details"));
    expect(screen.getByTestId("details-reminder-hint").textContent).toBe("Next reminder: tomorrow at 08:30.");
    await userEvent.type(screen.getByTestId("details-tags"), "family");
    await userEvent.click(screen.getByTestId("details-save"));
    expect(vi.mocked(api.updateTask).mock.calls[0]![1]).not.toHaveProperty("reminder");
    await userEvent.click(await screen.findByTestId("task-details"));
    await userEvent.selectOptions(screen.getByTestId("details-reminder"), "none");
    expect(screen.getByTestId("details-reminder-hint").textContent).toBe("Saving removes the reminder.");
    await userEvent.click(screen.getByTestId("details-save"));
    expect(vi.mocked(api.updateTask).mock.calls[1]![1]).toMatchObject({ reminder: null });
  });

  it("shows today's (and overdue) tasks, the next 7 days, or what is completed", async () => {
    setup([
      task(1, "Later", false, { due_date: day(5) }), task(2, "Late", false, { due_date: day(-2) }),
      task(3, "Now", false, { due_date: day(0) }), task(4, "Someday"), task(5, "Soon", false, { due_date: day(1) }),
      task(6, "Next month", false, { due_date: day(30) }), task(7, "Done already", true, { due_date: day(0) }),
      task(8, "Sixth day on", false, { due_date: day(6) }), task(9, "A week on", false, { due_date: day(7) }),
    ]);
    await screen.findByTestId("pending-tasks");
    expect(within(screen.getByTestId("pending-tasks")).getAllByTestId("task-title").map((t) => t.textContent)).toEqual(
      ["Later", "Late", "Now", "Someday", "Soon", "Next month", "Sixth day on", "A week on"],
    );
    await userEvent.click(screen.getByTestId("view-today"));
    expect(titles()).toEqual(["Late", "Now"]);
    await userEvent.click(screen.getByTestId("view-upcoming"));
    expect(titles()).toEqual(["Soon", "Later", "Sixth day on"]); // the API's next 7 days (due=week) without today
    await userEvent.click(screen.getByTestId("view-completed"));
    expect(titles()).toEqual(["Done already"]);
  });

  it("clears the completed tasks at once, with undo", async () => {
    const { api } = setup([task(1, "Buy milk"), task(2, "Pay rent", true), task(3, "Call mom", true)]);
    await userEvent.click(await screen.findByTestId("clear-completed"));
    expect(api.clearCompleted).toHaveBeenCalledOnce();
    expect(await toast()).toContain("Deleted 2 completed tasks.");
    expect(screen.getByTestId("undo")).toBeTruthy();
  });

  it("searches, filters by a clicked tag and sorts through the API", async () => {
    const { api } = setup([task(1, "Buy milk", false, { tags: ["groceries"] })]);
    await userEvent.type(await screen.findByTestId("task-search"), "milk");
    await waitFor(() => expect(api.tasks).toHaveBeenLastCalledWith({ q: "milk" }));
    await userEvent.click(screen.getByTestId("task-tag"));
    await waitFor(() => expect(api.tasks).toHaveBeenLastCalledWith({ q: "milk", tag: "groceries" }));
    expect(screen.getByText("#groceries", { selector: "strong" })).toBeTruthy();
    await userEvent.selectOptions(screen.getByTestId("task-sort"), "priority");
    await waitFor(() => expect(api.tasks).toHaveBeenLastCalledWith({ q: "milk", tag: "groceries", sort: "priority" }));
    await userEvent.click(screen.getByTestId("clear-tag"));
    await waitFor(() => expect(api.tasks).toHaveBeenLastCalledWith({ q: "milk", sort: "priority" }));
  });

  it("Ctrl+Z (or Cmd+Z) in the panel undoes the last change, but not while typing", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    const title = await screen.findByTestId("task-title");
    fireEvent.keyDown(screen.getByTestId("quick-add-input"), { key: "z", ctrlKey: true });
    await new Promise((settle) => setTimeout(settle, 50)); // a mutation starts after a few ticks: give it time to
    expect(api.undo).not.toHaveBeenCalled();
    fireEvent.keyDown(title, { key: "z", ctrlKey: true });
    await waitFor(() => expect(api.undo).toHaveBeenCalledOnce());
    fireEvent.keyDown(title, { key: "Z", metaKey: true });
    await waitFor(() => expect(api.undo).toHaveBeenCalledTimes(2));
    fireEvent.keyDown(screen.getByTestId("task-toggle"), { key: "z", ctrlKey: true }); // a checkbox is not a text box
    await waitFor(() => expect(api.undo).toHaveBeenCalledTimes(3));
    expect(await toast()).toContain("Undone");
  });

  it("says why a change failed", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    api.undo = vi.fn(async () => {
      throw new Error("Nothing to undo");
    });
    fireEvent.keyDown(await screen.findByTestId("task-title"), { key: "z", ctrlKey: true });
    expect((await screen.findByRole("alert")).textContent).toBe("Nothing to undo");
  });
});

describe("a long list", () => {
  it("mounts its first 60 rows, then more on request, all of them counted", async () => {
    setup(Array.from({ length: 200 }, (_, i) => task(i + 1, `Errand ${i + 1}`)));
    await screen.findByTestId("pending-tasks");
    expect(screen.getAllByTestId("task")).toHaveLength(60);
    expect(screen.getByTestId("task-count").textContent).toBe("200 open");
    await userEvent.click(screen.getByTestId("show-more"));
    expect(screen.getAllByTestId("task")).toHaveLength(180);
    expect(screen.getByTestId("show-more").textContent).toBe("Show 20 more of 20");
    await userEvent.click(screen.getByTestId("show-more"));
    expect(screen.getAllByTestId("task")).toHaveLength(200);
    expect(screen.queryByTestId("show-more")).toBeNull();
  });
});

describe("inView", () => {
  it("keeps the chosen order in Today when one is chosen", () => {
    const list = [task(1, "B", false, { due_date: day(0) }), task(2, "A", false, { due_date: day(-1) })];
    expect(inView(list, "today", "created").open.map((t) => t.title)).toEqual(["A", "B"]);
    expect(inView(list, "today", "title").open.map((t) => t.title)).toEqual(["B", "A"]);
  });
});

describe("the keyboard", () => {
  const five = () => Array.from({ length: 5 }, (_, i) => task(i + 1, `Errand ${i + 1}`));
  const tabStops = () => Array.from(document.querySelectorAll<HTMLElement>("[data-testid=task-panel] [data-col]")).filter((el) => el.tabIndex === 0);
  const focused = () => document.activeElement as HTMLElement;

  it("makes the lists one Tab stop, and arrow keys move between tasks and along a task's buttons", async () => {
    setup([...five(), task(6, "Done one", true, { tags: ["home"] })]);
    await screen.findByTestId("completed-tasks");
    expect(tabStops()).toHaveLength(1);
    expect(tabStops()[0]).toBe(screen.getAllByTestId("task-toggle")[0]);
    screen.getByTestId("quick-add-input").focus();
    await userEvent.keyboard("{ArrowDown}");
    expect(focused().getAttribute("aria-label")).toBe("Mark “Errand 1” as done");
    await userEvent.keyboard("{ArrowDown}{ArrowDown}j");
    expect(focused().getAttribute("aria-label")).toBe("Mark “Errand 4” as done");
    expect(tabStops()).toEqual([focused()]); // the stop follows: Tab out and back returns here
    await userEvent.keyboard("{ArrowRight}");
    expect(focused().dataset.col).toBe("title");
    await userEvent.keyboard("{End}");
    expect(focused().getAttribute("aria-label")).toBe("Delete “Errand 4”");
    await userEvent.keyboard("{ArrowDown}{ArrowDown}"); // the same button a row down, on into Completed
    expect(focused().getAttribute("aria-label")).toBe("Delete “Done one”");
    await userEvent.keyboard("{Control>}{Home}{/Control}");
    expect(focused().getAttribute("aria-label")).toBe("Delete “Errand 1”");
    await userEvent.keyboard("{Home}k");
    expect(focused()).toBe(screen.getByTestId("quick-add-input")); // up from the first task: back to quick add
  });

  it("x completes, e edits, d opens the details, Delete deletes and focus takes the next task", async () => {
    const { api } = setup(five());
    await screen.findByTestId("pending-tasks");
    screen.getByTestId("quick-add-input").focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}x");
    expect(api.toggleTask).toHaveBeenCalledWith(2);
    await waitFor(() => expect(focused().getAttribute("aria-label")).toBe("Mark “Errand 2” as not done")); // it followed the task
    await userEvent.keyboard("{Control>}{Home}{/Control}e");
    expect(focused()).toBe(screen.getByTestId("task-edit-input"));
    await userEvent.keyboard("{Escape}");
    await userEvent.keyboard("d");
    expect(screen.getByTestId("task-details-form")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(focused().dataset.col).toBe("details"); // closing the details gives focus back to their button
    await userEvent.keyboard("{ArrowLeft}{ArrowLeft}{ArrowLeft}{Delete}");
    expect(api.deleteTask).toHaveBeenCalledWith(1);
    await waitFor(() => expect(focused().getAttribute("aria-label")).toBe("Mark “Errand 3” as done")); // where it was
    await userEvent.keyboard("#");
    expect(api.deleteTask).toHaveBeenLastCalledWith(3);
  });

  it("keys typed into a box stay there", async () => {
    const { api } = setup(five());
    await userEvent.type(await screen.findByTestId("quick-add-input"), "x e d #");
    expect(api.toggleTask).not.toHaveBeenCalled();
    expect(api.deleteTask).not.toHaveBeenCalled();
    expect((screen.getByTestId("quick-add-input") as HTMLInputElement).value).toBe("x e d #");
  });

  it("Ctrl+Z puts focus on the task that came back", async () => {
    const { api, set } = setup(five());
    await screen.findByTestId("pending-tasks");
    screen.getByTestId("quick-add-input").focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}{Delete}");
    await waitFor(() => expect(titles()).not.toContain("Errand 3"));
    api.undo = vi.fn(async () => {
      set(five());
      return { undone: 'deleting "Errand 3"', tasks: [task(3, "Errand 3")] };
    });
    screen.getByTestId("view-all").focus();
    await userEvent.keyboard("{Control>}z{/Control}");
    await waitFor(() => expect(focused().getAttribute("aria-label")).toBe("Mark “Errand 3” as done"));
  });

  it("the views are one Tab stop too, moved along with the arrow keys", async () => {
    setup(five());
    await screen.findByTestId("pending-tasks");
    const views = screen.getByRole("toolbar", { name: "Which tasks" });
    expect(within(views).getAllByRole("button").filter((b) => b.tabIndex === 0)).toEqual([screen.getByTestId("view-all")]);
    screen.getByTestId("view-all").focus();
    await userEvent.keyboard("{ArrowRight}{Enter}");
    expect(screen.getByTestId("view-today").getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("view-today").tabIndex).toBe(0);
  });
});
