import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import type { Task, TaskChanges, TaskSort } from "../api";
import { isoDate } from "../dates";
import { useTasks } from "../hooks/queries";
import { useTaskChange, type Change, type Outcome } from "../hooks/useTaskChange";
import { TaskRow, type RowActions } from "./TaskRow";

type View = "all" | "today" | "upcoming" | "completed";
const VIEWS: [View, string][] = [["all", "All"], ["today", "Today"], ["upcoming", "Upcoming"], ["completed", "Completed"]];
const SORTS: [TaskSort, string][] = [["created", "Sort: added"], ["due", "Sort: date"], ["priority", "Sort: priority"], ["title", "Sort: title"]];
const byDue = (a: Task, b: Task) =>
  `${a.due_date ?? "9999"} ${a.due_time ?? "99"}`.localeCompare(`${b.due_date ?? "9999"} ${b.due_time ?? "99"}`) || a.id - b.id;
const TOAST_MS = 10_000;
// A long list is mounted in steps: the first rows at once, more as it scrolls near its end.
const FIRST_ROWS = 60;
const MORE_ROWS = 120;
const SEARCH_DELAY_MS = 250;

const NOT_TEXT = new Set(["checkbox", "radio", "button", "submit", "reset"]);
/** Ctrl+Z in a text box is the text box's own undo. */
const typing = (target: EventTarget) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && !NOT_TEXT.has(target.type)));

/** What a view shows: Today has what is overdue too; Upcoming the next 7 days; both by date unless another order is chosen. */
export function inView(tasks: Task[], view: View, sort: TaskSort, now = new Date()): { open: Task[]; done: Task[] } {
  const today = isoDate(now);
  const week = isoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7));
  const open = tasks.filter((t) => !t.completed);
  const dated = (list: Task[]) => (sort === "created" ? [...list].sort(byDue) : list);
  switch (view) {
    case "today":
      return { open: dated(open.filter((t) => t.due_date && t.due_date <= today)), done: [] };
    case "upcoming":
      return { open: dated(open.filter((t) => t.due_date && t.due_date > today && t.due_date <= week)), done: [] };
    case "completed":
      return { open: [], done: tasks.filter((t) => t.completed) };
    default:
      return { open, done: tasks.filter((t) => t.completed) };
  }
}

/**
 * The user's tasks beside the chat: quick add; views, search, tag filter and order; tick, click a
 * title to edit it, details, delete; every change confirmed by a toast that can undo it (so can
 * Ctrl/Cmd+Z while the panel has focus).
 */
export function TaskPanel() {
  const [view, setView] = useState<View>("all");
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [tag, setTag] = useState<string | null>(null);
  const [sort, setSort] = useState<TaskSort>("created");
  const [quick, setQuick] = useState("");
  const [toast, setToast] = useState<Outcome | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const tasks = useTasks({ q, tag, sort });
  const change = useTaskChange();
  const quickInput = useRef<HTMLInputElement>(null);
  const rows = useRef(new Map<number, HTMLLIElement>());
  const [focusTask, setFocusTask] = useState<{ id: number } | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQ(search), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  // After a change the row may have moved (ticked into Completed) or gone: focus follows the task, or the quick add.
  // The lists were refetched before the change's promise settled, so this render already shows them.
  useEffect(() => {
    if (!focusTask) return;
    const row = rows.current.get(focusTask.id);
    (row?.querySelector<HTMLElement>("[data-testid=task-toggle]") ?? quickInput.current)?.focus();
  }, [focusTask]);

  const run = useCallback(
    async (what: Change, refocus?: number): Promise<boolean> => {
      setActionError(null);
      try {
        const outcome = await change.mutateAsync(what);
        setToast(outcome);
        if (refocus !== undefined) setFocusTask({ id: refocus });
        return true;
      } catch (err) {
        setActionError(err instanceof Error ? err.message : String(err));
        return false;
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mutateAsync is stable
    [change.mutateAsync],
  );

  const undo = useCallback(
    async (fromToast: boolean) => {
      setToast(null);
      if (await run({ kind: "undo" }) && fromToast) quickInput.current?.focus(); // the toast's button is gone
    },
    [run],
  );

  const actions: RowActions = useMemo(
    () => ({
      toggle: (task) => void run({ kind: "toggle", task }, task.id),
      rename: async (task, title) => {
        await run({ kind: "rename", task, title });
      },
      saveDetails: (task: Task, changes: TaskChanges) => run({ kind: "details", task, changes }),
      remove: (task) => void run({ kind: "delete", task }, -1), // the row is gone: focus goes to the quick add
      filterTag: (name) => setTag(name),
      register: (id, row) => {
        if (row) rows.current.set(id, row);
        else rows.current.delete(id);
      },
    }),
    [run],
  );

  async function addQuick(event: FormEvent) {
    event.preventDefault();
    const text = quick.trim();
    if (!text || change.isPending) return;
    if (await run({ kind: "quick", text })) setQuick("");
    quickInput.current?.focus();
  }

  function panelKeys(event: KeyboardEvent) {
    if (event.key.toLowerCase() !== "z" || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
    if (typing(event.target)) return; // the browser's own undo of the text being typed
    event.preventDefault();
    void undo(false);
  }

  const all = tasks.data;
  const { open, done } = useMemo(() => inView(all ?? [], view, sort), [all, view, sort]);
  const busyId = change.isPending && change.variables && "task" in change.variables ? change.variables.task.id : null;
  const filtered = Boolean(q || tag);
  const listKey = `${view} ${q} ${tag ?? ""} ${sort}`; // another view or filter starts again from the top
  const row = (task: Task) => <TaskRow key={task.id} task={task} busy={busyId === task.id} actions={actions} />;
  const empty =
    view === "today" ? "Nothing due today." : view === "upcoming" ? "Nothing in the next 7 days."
    : view === "completed" ? "Nothing completed yet." : "All done — nice work!";

  return (
    <aside className="tasks" aria-labelledby="tasks-title" data-testid="task-panel" onKeyDown={panelKeys}>
      <div className="panel-head">
        <h2 id="tasks-title">Your tasks</h2>
        <span className="muted" data-testid="task-count">{all ? `${open.length} open` : ""}</span>
      </div>
      <form className="quick-add" onSubmit={(e) => void addQuick(e)} data-testid="quick-add">
        <label className="visually-hidden" htmlFor="quick-add-input">Add a task</label>
        <input
          id="quick-add-input"
          ref={quickInput}
          value={quick}
          maxLength={4000}
          placeholder="Add: milk tomorrow p1 #shop"
          onChange={(e) => setQuick(e.target.value)}
          aria-busy={change.isPending && change.variables?.kind === "quick"}
          data-testid="quick-add-input"
        />
        <button type="submit" className="small primary" disabled={change.isPending || !quick.trim()} data-testid="quick-add-submit">
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
      <div className="filters">
        <label className="visually-hidden" htmlFor="task-search">Search tasks</label>
        <input
          id="task-search"
          type="search"
          value={search}
          placeholder="Search"
          onChange={(e) => setSearch(e.target.value)}
          data-testid="task-search"
        />
        <label className="visually-hidden" htmlFor="task-sort">Sort by</label>
        <select id="task-sort" value={sort} onChange={(e) => setSort(SORTS.find(([s]) => s === e.target.value)?.[0] ?? "created")} data-testid="task-sort">
          {SORTS.map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </select>
      </div>
      {tag && (
        <p className="active-filter">
          <span>Tagged <strong>#{tag}</strong></span>
          <button type="button" className="small" onClick={() => setTag(null)} aria-label={`Show all tags, not only #${tag}`} data-testid="clear-tag">
            Show all
          </button>
        </p>
      )}
      {toast && (
        <div className="toast" role="status" data-testid="toast">
          <span>{toast.text}</span>
          {toast.undoable && (
            <button type="button" className="small" onClick={() => void undo(true)} data-testid="undo">
              Undo
            </button>
          )}
        </div>
      )}
      {(tasks.error ?? actionError) && <p className="error" role="alert">{tasks.error?.message ?? actionError}</p>}
      {tasks.isPending && <p className="muted">Loading…</p>}
      {all?.length === 0 && !filtered && (
        <p className="empty" data-testid="tasks-empty">
          No tasks yet. Try: <q>add buy milk</q>
        </p>
      )}
      {all?.length === 0 && filtered && <p className="empty" data-testid="view-empty">No tasks match.</p>}
      {open.length > 0 && <TaskList key={`open ${listKey}`} tasks={open} row={row} testId="pending-tasks" />}
      {all && all.length > 0 && open.length === 0 && (view !== "completed" || done.length === 0) && (
        <p className="empty" data-testid="view-empty">{empty}</p>
      )}
      {done.length > 0 && (
        <>
          <div className="completed-head">
            <h3>Completed</h3>
            <button type="button" className="small ghost" onClick={() => void run({ kind: "clear-completed" })} data-testid="clear-completed">
              Clear completed
            </button>
          </div>
          <TaskList key={`done ${listKey}`} tasks={done} row={row} testId="completed-tasks" />
        </>
      )}
    </aside>
  );
}

interface ListProps {
  tasks: Task[];
  row: (task: Task) => ReactNode;
  testId: string;
}

/**
 * A list of tasks that mounts its first rows at once and the rest as it is scrolled towards its end
 * (or "Show more" is pressed), so a view of a thousand tasks opens without a pause.
 */
function TaskList({ tasks, row, testId }: ListProps) {
  const [limit, setLimit] = useState(FIRST_ROWS);
  const sentinel = useRef<HTMLLIElement>(null);
  const hidden = tasks.length - limit;
  const more = hidden > 0;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setLimit((n) => n + MORE_ROWS);
      },
      { rootMargin: "600px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [limit, more]);

  return (
    <ul className="task-list" data-testid={testId}>
      {(more ? tasks.slice(0, limit) : tasks).map(row)}
      {more && (
        <li ref={sentinel} className="more-tasks">
          <button type="button" className="small ghost" onClick={() => setLimit((n) => n + MORE_ROWS)} data-testid="show-more">
            Show {Math.min(hidden, MORE_ROWS)} more of {hidden}
          </button>
        </li>
      )}
    </ul>
  );
}
