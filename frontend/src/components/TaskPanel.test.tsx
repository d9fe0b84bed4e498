import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Api, type Task } from "../api";
import { TaskPanel } from "./TaskPanel";

const task = (id: number, title: string, completed = false): Task => ({
  id, title, completed, description: null, priority: "none", tags: [], created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z",
});

function setup(tasks: Task[] | null) {
  const api = new Api({ token: "t", user: { id: "u", email: "e@x.com", name: null, timezone: "UTC" } });
  api.toggleTask = vi.fn(async (id: number) => task(id, "x", true));
  api.deleteTask = vi.fn(async () => {});
  api.updateTask = vi.fn(async (id: number, c) => task(id, c.title ?? "x"));
  api.quickAdd = vi.fn(async (text: string) => [task(9, text)]);
  api.undo = vi.fn(async () => ({ undone: "deleting \"Buy milk\"", tasks: [task(1, "Buy milk")] }));
  const onChanged = vi.fn(async () => {});
  render(<TaskPanel api={api} tasks={tasks} error={null} onChanged={onChanged} />);
  return { api, onChanged };
}

describe("TaskPanel", () => {
  it("says what to type when there are no tasks", () => {
    setup([]);
    expect(screen.getByTestId("tasks-empty").textContent).toContain("add buy milk");
  });

  it("separates pending and completed tasks", () => {
    setup([task(1, "Buy milk"), task(2, "Pay rent", true)]);
    expect(screen.getByTestId("pending-tasks").textContent).toContain("Buy milk");
    expect(screen.getByTestId("completed-tasks").textContent).toContain("Pay rent");
    expect(screen.getByTestId("task-count").textContent).toBe("1 open");
  });

  it("ticks, deletes and renames through the API, then refreshes", async () => {
    const { api, onChanged } = setup([task(1, "Buy milk")]);
    await userEvent.click(screen.getByRole("checkbox", { name: "Mark “Buy milk” as done" }));
    expect(api.toggleTask).toHaveBeenCalledWith(1);
    await userEvent.click(screen.getByRole("button", { name: "Edit “Buy milk”" }));
    const input = screen.getByTestId("task-edit-input");
    await userEvent.clear(input);
    await userEvent.type(input, "Buy oat milk{Enter}");
    expect(api.updateTask).toHaveBeenCalledWith(1, { title: "Buy oat milk" });
    await userEvent.click(screen.getByRole("button", { name: "Delete “Buy milk”" }));
    expect(api.deleteTask).toHaveBeenCalledWith(1);
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(3));
  });

  it("Escape cancels an edit without saving", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    await userEvent.click(screen.getByRole("button", { name: "Edit “Buy milk”" }));
    await userEvent.type(screen.getByTestId("task-edit-input"), " nope{Escape}");
    expect(api.updateTask).not.toHaveBeenCalled();
    expect(screen.getByTestId("task-title").textContent).toContain("Buy milk");
  });

  it("shows a task's number, due date, priority, repeat and tags", () => {
    const now = new Date();
    const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
    setup([{ ...task(7, "Stand-up"), due_date: iso, due_time: null, priority: "high", tags: ["work", "daily"],
             recurrence: "FREQ=DAILY", recurrence_text: "every day" }]);
    expect(screen.getByTestId("task-meta").textContent).toContain("#7");
    expect(screen.getByTestId("task-due").textContent).toBe("Today");
    expect(screen.getByTestId("task-priority").getAttribute("aria-label")).toBe("high priority");
    expect(screen.getByTestId("task-repeat").textContent).toContain("every day");
    expect(screen.getAllByTestId("task-tag").map((t) => t.textContent)).toEqual(["#work", "#daily"]);
  });

  it("edits a task when its title is clicked, never ticks it", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    await userEvent.click(screen.getByTestId("task-title"));
    expect(screen.getByTestId("task-edit-input")).toBeTruthy();
    expect(api.toggleTask).not.toHaveBeenCalled();
  });

  it("adds from the quick-add box and offers undo", async () => {
    const { api, onChanged } = setup([]);
    await userEvent.type(screen.getByTestId("quick-add-input"), "buy milk tomorrow p1{Enter}");
    expect(api.quickAdd).toHaveBeenCalledWith("buy milk tomorrow p1");
    expect(onChanged).toHaveBeenCalled();
    expect((await screen.findByTestId("toast")).textContent).toContain("Added “buy milk tomorrow p1”");
    expect((screen.getByTestId("quick-add-input") as HTMLInputElement).value).toBe("");
  });

  it("undoes a delete from the toast", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    await userEvent.click(screen.getByRole("button", { name: "Delete “Buy milk”" }));
    expect((await screen.findByTestId("toast")).textContent).toContain("Deleted “Buy milk”");
    await userEvent.click(screen.getByTestId("undo"));
    expect(api.undo).toHaveBeenCalled();
    expect((await screen.findByTestId("toast")).textContent).toContain("Undone");
  });

  it("edits date, time, priority, tags and repeat in the details", async () => {
    const { api } = setup([task(1, "Buy milk")]);
    await userEvent.click(screen.getByTestId("task-details"));
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
  });

  it("clearing the date in the details clears it on the server", async () => {
    const { api } = setup([{ ...task(1, "Buy milk"), due_date: "2026-12-01", due_time: "09:30", recurrence: "FREQ=DAILY" }]);
    await userEvent.click(screen.getByTestId("task-details"));
    await userEvent.clear(screen.getByTestId("details-date"));
    await userEvent.click(screen.getByTestId("details-save"));
    expect(vi.mocked(api.updateTask).mock.calls[0]![1]).toMatchObject({ due_date: null });
    expect(vi.mocked(api.updateTask).mock.calls[0]![1]).not.toHaveProperty("recurrence");
  });

  it("shows today's (and overdue) tasks, or what is coming up, by date", async () => {
    const day = (offset: number) => {
      const d = new Date();
      d.setDate(d.getDate() + offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    };
    setup([
      { ...task(1, "Later"), due_date: day(5) }, { ...task(2, "Late"), due_date: day(-2) },
      { ...task(3, "Now"), due_date: day(0) }, task(4, "Someday"), { ...task(5, "Soon"), due_date: day(1) },
    ]);
    const titles = () => screen.getAllByTestId("task-title").map((t) => t.textContent);
    expect(titles()).toEqual(["Later", "Late", "Now", "Someday", "Soon"]);
    await userEvent.click(screen.getByTestId("view-today"));
    expect(titles()).toEqual(["Late", "Now"]);
    await userEvent.click(screen.getByTestId("view-upcoming"));
    expect(titles()).toEqual(["Soon", "Later"]);
  });
});
