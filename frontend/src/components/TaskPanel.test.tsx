import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Api, type Task } from "../api";
import { TaskPanel } from "./TaskPanel";

const task = (id: number, title: string, completed = false): Task => ({
  id, title, completed, description: null, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z",
});

function setup(tasks: Task[] | null) {
  const api = new Api({ token: "t", user: { id: "u", email: "e@x.com", name: null } });
  api.toggleTask = vi.fn(async (id: number) => task(id, "x", true));
  api.deleteTask = vi.fn(async () => {});
  api.updateTask = vi.fn(async (id: number, c) => task(id, c.title ?? "x"));
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
});
