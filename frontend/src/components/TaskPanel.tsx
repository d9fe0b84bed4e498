import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { Api, Task } from "../api";
import { dueLabel, isoDate } from "../dates";
import { TaskDetails } from "./TaskDetails";

interface Props {
  api: Api;
  tasks: Task[] | null;
  error: string | null;
  onChanged: () => Promise<void>;
}

const PRIORITY_MARK: Record<string, string> = { high: "!!!", medium: "!!", low: "!" };
type View = "all" | "today" | "upcoming";
const VIEWS: [View, string][] = [["all", "All"], ["today", "Today"], ["upcoming", "Upcoming"]];
const byDue = (a: Task, b: Task) =>
  `${a.due_date ?? "9999"} ${a.due_time ?? "99"}`.localeCompare(`${b.due_date ?? "9999"} ${b.due_time ?? "99"}`) || a.id - b.id;
const TOAST_MS = 10_000;

/** The user's tasks beside the chat: quick add, tick to complete, click a title to edit it, delete with undo. */
export function TaskPanel({ api, tasks, error, onChanged }: Props) {
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState<number | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [quick, setQuick] = useState("");
  const [adding, setAdding] = useState(false);
  const [toast, setToast] = useState<{ text: string; undoable: boolean } | null>(null);
  const [details, setDetails] = useState<number | null>(null);
  const [view, setView] = useState<View>("all");
  const quickInput = useRef<HTMLInputElement>(null);
  const titleButtons = useRef(new Map<number, HTMLButtonElement>());

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  async function act(id: number, action: () => Promise<unknown>): Promise<boolean> {
    setBusy(id);
    setActionError(null);
    try {
      await action();
      await onChanged();
      return true;
    } catch (err) {
      setActionError(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function addQuick(event: FormEvent) {
    event.preventDefault();
    const text = quick.trim();
    if (!text || adding) return;
    setAdding(true);
    setActionError(null);
    try {
      const added = await api.quickAdd(text);
      setQuick("");
      await onChanged();
      setToast({ text: added.length === 1 ? `Added “${added[0]!.title}”.` : `Added ${added.length} tasks.`, undoable: true });
    } catch (err) {
      setActionError(err instanceof Error ? err.message : String(err));
    } finally {
      setAdding(false);
      quickInput.current?.focus();
    }
  }

  async function remove(task: Task) {
    if (await act(task.id, () => api.deleteTask(task.id))) {
      setToast({ text: `Deleted “${task.title}”.`, undoable: true });
      quickInput.current?.focus(); // the row is gone: focus goes somewhere useful, not to the page
    }
  }

  async function undo() {
    setToast(null);
    setActionError(null);
    try {
      const result = await api.undo();
      await onChanged();
      setToast({ text: `Undone: ${result.undone}.`, undoable: false });
    } catch (err) {
      setActionError(err instanceof Error ? err.message : String(err));
    }
  }

  function startEdit(task: Task) {
    setEditing(task.id);
    setDraft(task.title);
  }

  function stopEdit(id: number) {
    setEditing(null);
    requestAnimationFrame(() => titleButtons.current.get(id)?.focus());
  }

  async function saveEdit(event: FormEvent, task: Task) {
    event.preventDefault();
    const title = draft.trim();
    if (!title || title === task.title) {
      stopEdit(task.id);
      return;
    }
    await act(task.id, () => api.updateTask(task.id, { title }));
    stopEdit(task.id);
  }

  function editKeys(event: KeyboardEvent, id: number) {
    if (event.key === "Escape") stopEdit(id);
  }

  const today = isoDate(new Date());
  const open = tasks?.filter((t) => !t.completed) ?? [];
  const pending =
    view === "today" ? open.filter((t) => t.due_date && t.due_date <= today).sort(byDue)
    : view === "upcoming" ? open.filter((t) => t.due_date && t.due_date > today).sort(byDue)
    : open;
  const done = view === "all" ? (tasks?.filter((t) => t.completed) ?? []) : [];

  const meta = (task: Task) => {
    const due = task.completed ? null : dueLabel(task.due_date, task.due_time);
    const priority = task.priority && task.priority !== "none" ? task.priority : null;
    return (
      <div className="task-meta" data-testid="task-meta">
        <span className="task-id" title="Task number">#{task.id}</span>
        {due && (
          <span className={due.overdue ? "chip due overdue" : "chip due"} data-testid="task-due">{due.text}</span>
        )}
        {priority && (
          <span className={`priority ${priority}`} aria-label={`${priority} priority`} title={`${priority} priority`} data-testid="task-priority">
            {PRIORITY_MARK[priority]}
          </span>
        )}
        {task.recurrence_text && (
          <span className="chip repeat" title={task.recurrence ?? undefined} data-testid="task-repeat">
            <span aria-hidden="true">↻ </span>{task.recurrence_text}
          </span>
        )}
        {(task.tags ?? []).map((tag) => (
          <span key={tag} className="chip tag" data-testid="task-tag">#{tag}</span>
        ))}
      </div>
    );
  };

  const row = (task: Task) => (
    <li key={task.id} className={task.completed ? "task done" : "task"} data-testid="task" data-task-id={task.id}>
      <input
        type="checkbox"
        checked={task.completed}
        disabled={busy === task.id}
        onChange={() => void act(task.id, () => api.toggleTask(task.id))}
        aria-label={task.completed ? `Mark “${task.title}” as not done` : `Mark “${task.title}” as done`}
        data-testid="task-toggle"
      />
      {editing === task.id ? (
        <form className="edit" onSubmit={(e) => void saveEdit(e, task)}>
          <label className="visually-hidden" htmlFor={`edit-${task.id}`}>
            New title for “{task.title}”
          </label>
          <input
            id={`edit-${task.id}`}
            value={draft}
            maxLength={200}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => editKeys(e, task.id)}
            data-testid="task-edit-input"
          />
          <button type="submit" className="small primary">Save</button>
          <button type="button" className="small ghost" onClick={() => stopEdit(task.id)}>Cancel</button>
        </form>
      ) : (
        <>
          <div className="task-body">
            <button
              type="button"
              className="task-title"
              ref={(el) => {
                if (el) titleButtons.current.set(task.id, el);
                else titleButtons.current.delete(task.id);
              }}
              onClick={() => startEdit(task)}
              title="Click to edit"
              data-testid="task-title"
            >
              {task.title}
            </button>
            {meta(task)}
          </div>
          <div className="task-actions">
            <button type="button" className="icon" onClick={() => startEdit(task)} aria-label={`Edit “${task.title}”`} data-testid="task-edit">
              <PencilIcon />
            </button>
            <button
              type="button"
              className="icon"
              aria-expanded={details === task.id}
              onClick={() => setDetails(details === task.id ? null : task.id)}
              aria-label={`Date, priority, tags and notes of “${task.title}”`}
              data-testid="task-details"
            >
              <CalendarIcon />
            </button>
            <button
              type="button"
              className="icon danger"
              onClick={() => void remove(task)}
              aria-label={`Delete “${task.title}”`}
              data-testid="task-delete"
            >
              <TrashIcon />
            </button>
          </div>
          {details === task.id && (
            <TaskDetails
              task={task}
              onClose={() => setDetails(null)}
              onSave={async (changes) => {
                if (await act(task.id, () => api.updateTask(task.id, changes))) {
                  setDetails(null);
                  setToast({ text: `Saved “${task.title}”.`, undoable: true });
                }
              }}
            />
          )}
        </>
      )}
    </li>
  );

  return (
    <aside className="tasks" aria-labelledby="tasks-title" data-testid="task-panel">
      <div className="panel-head">
        <h2 id="tasks-title">Your tasks</h2>
        <span className="muted" data-testid="task-count">{tasks ? `${pending.length} open` : ""}</span>
      </div>
      <form className="quick-add" onSubmit={(e) => void addQuick(e)} data-testid="quick-add">
        <label className="visually-hidden" htmlFor="quick-add-input">Add a task</label>
        <input
          id="quick-add-input"
          ref={quickInput}
          value={quick}
          maxLength={4000}
          placeholder="Add a task: buy milk tomorrow p1 #groceries"
          onChange={(e) => setQuick(e.target.value)}
          aria-busy={adding}
          data-testid="quick-add-input"
        />
        <button type="submit" className="small primary" disabled={adding || !quick.trim()} data-testid="quick-add-submit">
          Add
        </button>
      </form>
      <div className="views" role="group" aria-label="Which tasks">
        {VIEWS.map(([name, label]) => (
          <button key={name} type="button" className="small" aria-pressed={view === name} onClick={() => setView(name)} data-testid={`view-${name}`}>
            {label}
          </button>
        ))}
      </div>
      {toast && (
        <div className="toast" role="status" data-testid="toast">
          <span>{toast.text}</span>
          {toast.undoable && (
            <button type="button" className="small" onClick={() => void undo()} data-testid="undo">
              Undo
            </button>
          )}
        </div>
      )}
      {(error ?? actionError) && <p className="error" role="alert">{error ?? actionError}</p>}
      {tasks === null && !error && <p className="muted">Loading…</p>}
      {tasks?.length === 0 && (
        <p className="empty" data-testid="tasks-empty">
          No tasks yet. Try: <q>add buy milk</q>
        </p>
      )}
      {pending.length > 0 && (
        <ul className="task-list" data-testid="pending-tasks">{pending.map(row)}</ul>
      )}
      {tasks && tasks.length > 0 && pending.length === 0 && (
        <p className="empty" data-testid="view-empty">
          {view === "today" ? "Nothing due today." : view === "upcoming" ? "Nothing coming up." : "All done — nice work!"}
        </p>
      )}
      {done.length > 0 && (
        <>
          <h3>Completed</h3>
          <ul className="task-list" data-testid="completed-tasks">{done.map(row)}</ul>
        </>
      )}
    </aside>
  );
}

function PencilIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M13.6 2.6a2 2 0 0 1 2.8 2.8l-9.3 9.3-3.8 1 1-3.8z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}

function CalendarIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M3.5 5.5h13v11h-13zM3.5 8.5h13M7 3.5v4M13 3.5v4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}

function TrashIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M3.5 5.5h13M8 5.5V3.5h4v2M5.5 5.5l.8 11h7.4l.8-11M8.5 8.5v5M11.5 8.5v5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
