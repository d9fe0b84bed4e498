import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Change } from "../hooks/useTaskChange";
import { Reminders } from "./Reminders";

const reminder = (id: number, title: string, late = false) => ({ task: { id, title, due_time: null }, late });

describe("Reminders", () => {
  it("offers Mark done, Snooze 10 min and Dismiss, named after the task", async () => {
    const act = vi.fn<(change: Change) => Promise<boolean>>(async () => true);
    const dismiss = vi.fn();
    render(<Reminders reminders={[reminder(3, "Call mom"), reminder(5, "Pay rent", true)]} dismiss={dismiss} act={act} />);
    expect(screen.getAllByTestId("reminder").map((r) => r.querySelector("p")?.textContent)).toEqual([
      "Reminder: “Call mom”",
      "Missed reminder: “Pay rent”",
    ]);
    await userEvent.click(screen.getByRole("button", { name: "Mark “Call mom” as done" }));
    expect(act).toHaveBeenLastCalledWith({ kind: "complete", id: 3, title: "Call mom" });
    expect(dismiss).toHaveBeenLastCalledWith(3);

    const before = Date.now();
    await userEvent.click(screen.getByRole("button", { name: "Snooze “Pay rent” for 10 minutes" }));
    const snooze = act.mock.lastCall![0];
    if (snooze.kind !== "snooze") throw new Error(`expected a snooze, got ${snooze.kind}`);
    expect(snooze.at.getTime() - before).toBeGreaterThanOrEqual(600_000);
    expect(snooze.at.getTime() - Date.now()).toBeLessThanOrEqual(600_000);

    await userEvent.click(screen.getByRole("button", { name: "Dismiss the reminder of “Pay rent”" }));
    expect(dismiss).toHaveBeenLastCalledWith(5);
  });

  it("keeps a reminder whose change failed", async () => {
    const dismiss = vi.fn();
    render(<Reminders reminders={[reminder(3, "Call mom")]} dismiss={dismiss} act={async () => false} />);
    await userEvent.click(screen.getByTestId("reminder-done"));
    await waitFor(() => expect(dismiss).not.toHaveBeenCalled());
  });
});
