import { useState, type FormEvent } from "react";
import type { Priority, Task } from "../api";

type Changes = Partial<Pick<Task, "description" | "due_date" | "due_time" | "priority" | "tags" | "recurrence">>;

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

/** Everything about one task beyond its title: notes, date and time, priority, tags, repeat. */
export function TaskDetails({ task, onSave, onClose }: Props) {
  const [description, setDescription] = useState(task.description ?? "");
  const [date, setDate] = useState(task.due_date ?? "");
  const [time, setTime] = useState(task.due_time ?? "");
  const [priority, setPriority] = useState<Priority>(task.priority ?? "none");
  const [tags, setTags] = useState((task.tags ?? []).join(" "));
  const [repeat, setRepeat] = useState(task.recurrence ?? "");
  const [saving, setSaving] = useState(false);
  const repeats = REPEATS.some(([rule]) => rule === repeat)
    ? REPEATS
    : [...REPEATS, [repeat, task.recurrence_text ?? repeat] as [string, string]];
  const id = `details-${task.id}`;

  async function save(event: FormEvent) {
    event.preventDefault();
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
      <label htmlFor={`${id}-tags`}>Tags</label>
      <input id={`${id}-tags`} value={tags} placeholder="home work" onChange={(e) => setTags(e.target.value)} data-testid="details-tags" />
      <div className="details-actions">
        <button type="submit" className="small primary" disabled={saving} data-testid="details-save">Save</button>
        <button type="button" className="small ghost" onClick={onClose}>Close</button>
      </div>
    </form>
  );
}
