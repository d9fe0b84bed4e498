import { useState, type FormEvent, type KeyboardEvent } from "react";
import type { Api, Task } from "../api";

interface Props {
  api: Api;
  tasks: Task[] | null;
  error: string | null;
  onChanged: () => Promise<void>;
}

/** The user's tasks beside the chat: tick to complete, edit a title, delete. */
export function TaskPanel({ api, tasks, error, onChanged }: Props) {
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState<number | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function act(id: number, action: () => Promise<unknown>) {
    setBusy(id);
    setActionError(null);
    try {
      await action();
      await onChanged();
    } catch (err) {
      setActionError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  function startEdit(task: Task) {
    setEditing(task.id);
    setDraft(task.title);
  }

  async function saveEdit(event: FormEvent, task: Task) {
    event.preventDefault();
    const title = draft.trim();
    if (!title || title === task.title) {
      setEditing(null);
      return;
    }
    await act(task.id, () => api.updateTask(task.id, { title }));
    setEditing(null);
  }

  function editKeys(event: KeyboardEvent) {
    if (event.key === "Escape") setEditing(null);
  }

  const pending = tasks?.filter((t) => !t.completed) ?? [];
  const done = tasks?.filter((t) => t.completed) ?? [];

  const row = (task: Task) => (
    <li key={task.id} className={task.completed ? "task done" : "task"} data-testid="task" data-task-id={task.id}>
      <input
        type="checkbox"
        id={`task-${task.id}`}
        checked={task.completed}
        disabled={busy === task.id}
        onChange={() => act(task.id, () => api.toggleTask(task.id))}
        aria-label={task.completed ? `Mark “${task.title}” as not done` : `Mark “${task.title}” as done`}
        data-testid="task-toggle"
      />
      {editing === task.id ? (
        <form className="edit" onSubmit={(e) => saveEdit(e, task)}>
          <label className="visually-hidden" htmlFor={`edit-${task.id}`}>
            New title for “{task.title}”
          </label>
          <input
            id={`edit-${task.id}`}
            value={draft}
            maxLength={200}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={editKeys}
            data-testid="task-edit-input"
          />
          <button type="submit" className="small primary">Save</button>
          <button type="button" className="small ghost" onClick={() => setEditing(null)}>Cancel</button>
        </form>
      ) : (
        <>
          <label htmlFor={`task-${task.id}`} className="task-title" data-testid="task-title">
            <span className="task-id">#{task.id}</span> {task.title}
          </label>
          <div className="task-actions">
            <button type="button" className="icon" onClick={() => startEdit(task)} aria-label={`Edit “${task.title}”`} data-testid="task-edit">
              <PencilIcon />
            </button>
            <button
              type="button"
              className="icon danger"
              onClick={() => act(task.id, () => api.deleteTask(task.id))}
              aria-label={`Delete “${task.title}”`}
              data-testid="task-delete"
            >
              <TrashIcon />
            </button>
          </div>
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
      {tasks && tasks.length > 0 && pending.length === 0 && <p className="empty">All done — nice work!</p>}
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

function TrashIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M3.5 5.5h13M8 5.5V3.5h4v2M5.5 5.5l.8 11h7.4l.8-11M8.5 8.5v5M11.5 8.5v5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
