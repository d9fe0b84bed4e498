import { useRef, useState, type FormEvent } from "react";
import type { Priority, Task } from "../api";
import { askPermission } from "../notifications";
import { firesAt, formOf, momentWords, readForm, sameReminder, type ReminderForm, type ReminderKind, type Unit } from "../reminders";

type Changes = Partial<Pick<Task, "description" | "due_date" | "due_time" | "priority" | "tags" | "recurrence" | "reminder">>;

interface Props {
  task: Task;
  onSave: (changes: Changes) => Promise<void>;
  onClose: () => void;
}

const REPEATS: [string, string][] = [
  ["", "Doesn't repeat"],
  ["FREQ=DAILY", "Every day"],
  ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every weekday"],
  ["FREQ=WEEKLY", "Every week"],
  ["FREQ=MONTHLY", "Every month"],
  ["FREQ=YEARLY", "Every year"],
];

const KINDS: [ReminderKind, string][] = [
  ["none", "No reminder"],
  ["due", "At the due time"],
  ["before", "Before the due time"],
  ["at", "At a date and time"],
];
const UNITS: [Unit, string][] = [["minutes", "minutes"], ["hours", "hours"], ["days", "days"]];

/** What the reminder field says under it: when the saved reminder fires, or when the one being chosen would. */
function reminderHint(task: Task, form: ReminderForm, date: string, time: string, now = new Date()): string {
  const read = readForm(form, Boolean(date), now);
  if (!read.ok) return "";
  if (sameReminder(read.reminder, task.reminder) && date === (task.due_date ?? "") && time === (task.due_time ?? "")) {
    if (!task.reminder) return "";
    if (task.remind_at) return `Next reminder: ${momentWords(new Date(task.remind_at), now)}.`;
    return task.completed ? "It reminds you again if you reopen the task and its moment is still ahead." : "This reminder has fired; no moment is ahead.";
  }
  if (!read.reminder) return task.reminder ? "Saving removes the reminder." : "";
  const moment = firesAt(read.reminder, date, time);
  if (!moment) return "";
  if (moment.getTime() <= now.getTime()) return `That is ${momentWords(moment, now)}, which has passed: it won't remind you.`;
  return `It will remind you ${momentWords(moment, now)}.`;
}

/** Everything about one task beyond its title: notes, date and time, priority, tags, repeat, reminder. */
export function TaskDetails({ task, onSave, onClose }: Props) {
  const [description, setDescription] = useState(task.description ?? "");
  const [date, setDate] = useState(task.due_date ?? "");
  const [time, setTime] = useState(task.due_time ?? "");
  const [priority, setPriority] = useState<Priority>(task.priority ?? "none");
  const [tags, setTags] = useState((task.tags ?? []).join(" "));
  const [repeat, setRepeat] = useState(task.recurrence ?? "");
  const [reminder, setReminder] = useState<ReminderForm>(() => formOf(task.reminder));
  const [reminderError, setReminderError] = useState<string | null>(null);
  const reminderKind = useRef<HTMLSelectElement>(null);
  const [saving, setSaving] = useState(false);
  const repeats = REPEATS.some(([rule]) => rule === repeat)
    ? REPEATS
    : [...REPEATS, [repeat, task.recurrence_text ?? repeat] as [string, string]];
  const id = `details-${task.id}`;

  const remind = (change: Partial<ReminderForm>) => {
    setReminder((before) => ({ ...before, ...change }));
    setReminderError(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    const read = readForm(reminder, Boolean(date));
    const changed = !read.ok || !sameReminder(read.reminder, task.reminder);
    if (!read.ok) {
      setReminderError(read.error);
      reminderKind.current?.focus();
      return;
    }
    if (changed && read.reminder && !task.reminder) void askPermission(); // inside the person's own press, as browsers require
    setSaving(true);
    const changes: Changes = {
      description,
      priority,
      tags: tags.split(/[\s,]+/).map((t) => t.replace(/^#/, "")).filter(Boolean),
    };
    if (date) {
      changes.due_date = date;
      changes.due_time = time || null;
      changes.recurrence = repeat || null;
    } else {
      changes.due_date = null; // clears its time and repeat too
    }
    if (changed) changes.reminder = read.reminder;
    try {
      await onSave(changes);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="details" onSubmit={(e) => void save(e)} aria-label={`Details of “${task.title}”`} data-testid="task-details-form">
      <label htmlFor={`${id}-notes`}>Notes</label>
      <textarea id={`${id}-notes`} rows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="details-notes" />
      <div className="details-row">
        <span>
          <label htmlFor={`${id}-date`}>Date</label>
          <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="details-date" />
        </span>
        <span>
          <label htmlFor={`${id}-time`}>Time</label>
          <input id={`${id}-time`} type="time" value={time} disabled={!date} onChange={(e) => setTime(e.target.value)} data-testid="details-time" />
        </span>
      </div>
      <div className="details-row">
        <span>
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as Priority)} data-testid="details-priority">
            <option value="none">None</option>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
        </span>
        <span>
          <label htmlFor={`${id}-repeat`}>Repeat</label>
          <select id={`${id}-repeat`} value={repeat} disabled={!date} onChange={(e) => setRepeat(e.target.value)} data-testid="details-repeat">
            {repeats.map(([rule, words]) => (
              <option key={rule} value={rule}>{words}</option>
            ))}
          </select>
        </span>
      </div>
      <fieldset className="reminder-field" aria-describedby={`${id}-remind-hint`}>
        <legend>Reminder</legend>
        <div className="details-row">
          <span>
            <label htmlFor={`${id}-remind`}>Remind me</label>
            <select
              id={`${id}-remind`}
              ref={reminderKind}
              value={reminder.kind}
              onChange={(e) => remind({ kind: KINDS.find(([kind]) => kind === e.target.value)?.[0] ?? "none" })}
              aria-invalid={reminderError ? true : undefined}
              aria-errormessage={reminderError ? `${id}-remind-error` : undefined}
              data-testid="details-reminder"
            >
              {KINDS.map(([kind, words]) => (
                <option key={kind} value={kind}>{words}</option>
              ))}
            </select>
          </span>
          {reminder.kind === "before" && (
            <>
              <span>
                <label htmlFor={`${id}-remind-amount`}>How long before</label>
                <input
                  id={`${id}-remind-amount`}
                  className="remind-amount"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  step={1}
                  value={reminder.amount}
                  onChange={(e) => remind({ amount: e.target.value })}
                  data-testid="details-reminder-amount"
                />
              </span>
              <span>
                <label htmlFor={`${id}-remind-unit`}>Unit</label>
                <select
                  id={`${id}-remind-unit`}
                  value={reminder.unit}
                  onChange={(e) => remind({ unit: UNITS.find(([unit]) => unit === e.target.value)?.[0] ?? "minutes" })}
                  data-testid="details-reminder-unit"
                >
                  {UNITS.map(([unit, words]) => (
                    <option key={unit} value={unit}>{words}</option>
                  ))}
                </select>
              </span>
            </>
          )}
          {reminder.kind === "at" && (
            <span>
              <label htmlFor={`${id}-remind-at`}>Remind at</label>
              <input
                id={`${id}-remind-at`}
                type="datetime-local"
                value={reminder.at}
                onChange={(e) => remind({ at: e.target.value })}
                data-testid="details-reminder-at"
              />
            </span>
          )}
        </div>
        <p className="hint" id={`${id}-remind-hint`} data-testid="details-reminder-hint">{reminderHint(task, reminder, date, time)}</p>
        {reminderError && (
          <p className="error" id={`${id}-remind-error`} role="alert" data-testid="details-reminder-error">{reminderError}</p>
        )}
      </fieldset>
      <label htmlFor={`${id}-tags`}>Tags</label>
      <input id={`${id}-tags`} value={tags} placeholder="home work" onChange={(e) => setTags(e.target.value)} data-testid="details-tags" />
      <div className="details-actions">
        <button type="submit" className="small primary" disabled={saving} data-testid="details-save">Save</button>
        <button type="button" className="small ghost" onClick={onClose}>Close</button>
      </div>
    </form>
  );
}
