import { memo, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { Task, TaskChanges } from "../api";
import { dueLabel } from "../dates";
import { bellLabel, momentWords } from "../reminders";
import { TaskDetails } from "./TaskDetails";

const PRIORITY_MARK: Record<string, string> = { high: "!!!", medium: "!!", low: "!" };
/** The marks come with their word: nobody has to hover to learn what "!!" means. */
const PRIORITY_WORD: Record<string, string> = { high: "High", medium: "Medium", low: "Low" };

export interface RowActions {
  toggle: (task: Task) => void;
  rename: (task: Task, title: string) => Promise<void>;
  saveDetails: (task: Task, changes: TaskChanges) => Promise<boolean>;
  remove: (task: Task) => void;
  filterTag: (tag: string) => void;
  /** Called with the row's element for its id (null when it goes): the panel puts focus back on rows. */
  register: (id: number, row: HTMLLIElement | null) => void;
}

interface Props {
  task: Task;
  busy: boolean;
  actions: RowActions;
  /** Which of this row's controls is the list's one Tab stop (data-col), or null when another row has it. */
  stop: string | null;
}

/**
 * One task, a row of the task grid: its checkbox, its title (click to edit in place), what it carries,
 * and its buttons. Each control names its column (data-col); only the list's Tab stop has tabIndex 0.
 */
export const TaskRow = memo(function TaskRow({ task, busy, actions, stop }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(task.title);
  const [details, setDetails] = useState(false);
  const title = useRef<HTMLButtonElement>(null);
  const detailsButton = useRef<HTMLButtonElement>(null);
  const refocusTitle = useRef(false);

  // Leaving the editor puts focus back on the title, once React has put the title back.
  useEffect(() => {
    if (editing || !refocusTitle.current) return;
    refocusTitle.current = false;
    title.current?.focus();
  }, [editing]);

  function startEdit() {
    setDraft(task.title);
    setEditing(true);
  }

  function stopEdit() {
    refocusTitle.current = true;
    setEditing(false);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = draft.trim();
    if (next && next !== task.title) await actions.rename(task, next);
    stopEdit();
  }

  function editKeys(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Escape") {
      event.stopPropagation();
      stopEdit();
    }
  }

  const due = task.completed ? null : dueLabel(task.due_date, task.due_time);
  const priority = task.priority !== "none" ? task.priority : null;
  const remindAt = task.remind_at ? new Date(task.remind_at) : null;
  // The stop falls back to the checkbox when its control is gone (a tag removed, the editor open).
  const has = (col: string) => (col.startsWith("tag:") ? task.tags.includes(col.slice(4)) : !editing || col === "toggle");
  const stopCol = stop === null ? null : has(stop) ? stop : "toggle";
  const tab = (col: string) => (stopCol === col ? 0 : -1);
  const metaId = `task-meta-${task.id}`;

  return (
    <li className={task.completed ? "task done" : "task"} role="row" data-testid="task" data-task-id={task.id} ref={(el) => actions.register(task.id, el)}>
      <div role="gridcell" className="cell-check">
        <label className="check">
          <input
            type="checkbox"
            checked={task.completed}
            disabled={busy}
            onChange={() => actions.toggle(task)}
            aria-label={task.completed ? `Mark “${task.title}” as not done` : `Mark “${task.title}” as done`}
            aria-describedby={editing ? undefined : metaId}
            tabIndex={tab("toggle")}
            data-col="toggle"
            data-testid="task-toggle"
          />
        </label>
      </div>
      {editing ? (
        <div role="gridcell" className="cell-edit">
          <form className="edit" onSubmit={(e) => void save(e)}>
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
            <button type="button" className="small ghost" onClick={stopEdit}>Cancel</button>
          </form>
        </div>
      ) : (
        <>
          <div role="gridcell" className="task-body">
            <button
              type="button"
              className="task-title"
              ref={title}
              onClick={startEdit}
              title="Click to edit"
              tabIndex={tab("title")}
              data-col="title"
              data-testid="task-title"
            >
              {task.title}
            </button>
            <div className="task-meta" id={metaId} data-testid="task-meta">
              <span className="task-id" title="Task number">#{task.id}</span>
              {due && <span className={due.overdue ? "chip due overdue" : "chip due"} data-testid="task-due">{due.text}</span>}
              {priority && (
                <span className={`chip priority ${priority}`} data-testid="task-priority">
                  <span aria-hidden="true">{PRIORITY_MARK[priority]} </span>
                  {PRIORITY_WORD[priority]}
                  <span className="visually-hidden"> priority</span>
                </span>
              )}
              {task.reminder && !task.completed && (
                <span
                  className={remindAt ? "chip reminder-chip" : "chip reminder-chip fired"}
                  title={remindAt ? `Reminds you ${momentWords(remindAt)}` : "Its reminder has fired"}
                  data-testid="task-reminder"
                >
                  <BellIcon />
                  <span className="visually-hidden">{remindAt ? "Reminder " : "Reminder, fired"}</span>
                  {remindAt && bellLabel(remindAt)}
                </span>
              )}
              {task.recurrence_text && (
                <span className="chip repeat" title={task.recurrence ?? undefined} data-testid="task-repeat">
                  <span aria-hidden="true">↻ </span>{task.recurrence_text}
                </span>
              )}
              {task.tags.map((tag) => (
                <button
                  key={tag}
                  type="button"
                  className="tag-button"
                  onClick={() => actions.filterTag(tag)}
                  title={`Show only tasks tagged #${tag}`}
                  tabIndex={tab(`tag:${tag}`)}
                  data-col={`tag:${tag}`}
                  data-testid="task-tag"
                >
                  <span className="chip tag">#{tag}</span>
                </button>
              ))}
            </div>
          </div>
          <div role="gridcell" className="task-actions">
            <button type="button" className="icon" onClick={startEdit} aria-label={`Edit “${task.title}”`} tabIndex={tab("edit")} data-col="edit" data-testid="task-edit">
              <PencilIcon />
            </button>
            <button
              type="button"
              className="icon"
              ref={detailsButton}
              aria-expanded={details}
              onClick={() => setDetails(!details)}
              aria-label={`Date, priority, tags and notes of “${task.title}”`}
              tabIndex={tab("details")}
              data-col="details"
              data-testid="task-details"
            >
              <CalendarIcon />
            </button>
            <button
              type="button"
              className="icon danger"
              onClick={() => actions.remove(task)}
              aria-label={`Delete “${task.title}”`}
              tabIndex={tab("delete")}
              data-col="delete"
              data-testid="task-delete"
            >
              <TrashIcon />
            </button>
          </div>
          {details && (
            <div role="gridcell" className="details-cell">
              <TaskDetails
                task={task}
                onClose={() => {
                  setDetails(false);
                  detailsButton.current?.focus(); // the button stays where it was: focus goes back to it
                }}
                onSave={async (changes) => {
                  if (await actions.saveDetails(task, changes)) setDetails(false);
                }}
              />
            </div>
          )}
        </>
      )}
    </li>
  );
});

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

function BellIcon() {
  return (
    <svg className="bell" viewBox="0 0 20 20" width="12" height="12" aria-hidden="true" focusable="false">
      <path d="M10 2.8a4.6 4.6 0 0 0-4.6 4.6v3.2L4 13.6h12l-1.4-3V7.4A4.6 4.6 0 0 0 10 2.8zM8.2 15.6a1.9 1.9 0 0 0 3.6 0" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinejoin="round" />
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
