import { useRef, type FocusEvent } from "react";
import type { Reminder } from "../hooks/useEventStream";
import type { Change } from "../hooks/useTaskChange";
import { offNotice, useOffNotice } from "../notifications";

/** How long Snooze waits before the reminder comes back. */
export const SNOOZE_MINUTES = 10;

interface Props {
  reminders: Reminder[];
  dismiss: (taskId: number) => void;
  /** Makes the change through the task panel (its toast confirms it and can undo it); false when it failed. */
  act: (change: Change) => Promise<boolean>;
}

/**
 * Fired reminders, in a live region that screen readers say: each with "Mark done", "Snooze 10 min"
 * and "Dismiss". Also, once, that notifications are off in this browser. When a reminder's buttons go,
 * focus goes to the next reminder, else back where it was before it came into the region.
 */
export function Reminders({ reminders, dismiss, act }: Props) {
  const off = useOffNotice();
  const region = useRef<HTMLDivElement>(null);
  const cameFrom = useRef<HTMLElement | null>(null);

  function enter(event: FocusEvent<HTMLDivElement>) {
    const from = event.relatedTarget;
    if (from instanceof HTMLElement && !event.currentTarget.contains(from)) cameFrom.current = from;
  }

  /** Takes something out of the region; focus goes to what remains of it, else back where it came from. */
  function remove(take: () => void) {
    const hadFocus = region.current?.contains(document.activeElement);
    take();
    if (!hadFocus) return;
    requestAnimationFrame(() => {
      const next = region.current?.querySelector<HTMLElement>("button");
      if (next) next.focus();
      else if (cameFrom.current?.isConnected) cameFrom.current.focus();
    });
  }

  async function run(reminder: Reminder, change: Change) {
    if (await act(change)) remove(() => dismiss(reminder.task.id));
  }

  return (
    <div className="reminder-region" role="status" aria-live="polite" ref={region} onFocus={enter} data-testid="reminders">
      {reminders.map(({ task, late }) => (
        <div className="reminder" key={task.id} data-testid="reminder" data-task-id={task.id}>
          <p>
            <strong>{late ? "Missed reminder" : "Reminder"}:</strong> “{task.title}”{task.due_time ? `, due ${task.due_time}` : ""}
          </p>
          <div className="reminder-actions">
            <button
              type="button"
              className="small"
              onClick={() => void run({ task, late }, { kind: "complete", id: task.id, title: task.title })}
              aria-label={`Mark “${task.title}” as done`}
              data-testid="reminder-done"
            >
              Mark done
            </button>
            <button
              type="button"
              className="small"
              onClick={() => void run({ task, late }, { kind: "snooze", id: task.id, title: task.title, at: new Date(Date.now() + SNOOZE_MINUTES * 60_000) })}
              aria-label={`Snooze “${task.title}” for ${SNOOZE_MINUTES} minutes`}
              data-testid="reminder-snooze"
            >
              Snooze {SNOOZE_MINUTES} min
            </button>
            <button
              type="button"
              className="small ghost"
              onClick={() => remove(() => dismiss(task.id))}
              aria-label={`Dismiss the reminder of “${task.title}”`}
              data-testid="reminder-dismiss"
            >
              Dismiss
            </button>
          </div>
        </div>
      ))}
      {off && (
        <div className="reminder notice-off" data-testid="notifications-off">
          <p>Notifications are off for this app in your browser, so reminders show only in its open tabs.</p>
          <div className="reminder-actions">
            <button type="button" className="small ghost" onClick={() => remove(() => offNotice.set(false))} data-testid="notifications-off-dismiss">
              OK
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
