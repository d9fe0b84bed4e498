import {
  useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState,
  type FocusEvent, type FormEvent, type KeyboardEvent, type ReactNode, type Ref,
} from "react";
import { ApiError, type Task, type TaskChanges, type TaskSort } from "../api";
import { connection, useReachable } from "../connection";
import { isoDate } from "../dates";
import { readRowKey, typing, type TaskView } from "../keys";
import { useTasks } from "../hooks/queries";
import { useTaskChange, type Change, type Outcome } from "../hooks/useTaskChange";
import { TaskRow, type RowActions } from "./TaskRow";

type View = TaskView;
const VIEWS: [View, string][] = [["all", "All"], ["today", "Today"], ["upcoming", "Upcoming"], ["completed", "Completed"]];
const SORTS: [TaskSort, string][] = [["created", "Sort: added"], ["due", "Sort: date"], ["priority", "Sort: priority"], ["title", "Sort: title"]];
const byDue = (a: Task, b: Task) =>
  `${a.due_date ?? "9999"} ${a.due_time ?? "99"}`.localeCompare(`${b.due_date ?? "9999"} ${b.due_time ?? "99"}`) || a.id - b.id;
const TOAST_MS = 10_000;
// A long list is mounted in steps: the first rows at once, more as it scrolls near its end.
const FIRST_ROWS = 60;
const MORE_ROWS = 120;
const SEARCH_DELAY_MS = 250;


/** What a view shows: Today has what is overdue too; Upcoming the rest of the next 7 days (the API's due=week
 *  without today: tomorrow to six days on); both by date unless another order is chosen. */
export function inView(tasks: Task[], view: View, sort: TaskSort, now = new Date()): { open: Task[]; done: Task[] } {
  const today = isoDate(now);
  const week = isoDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 6));
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

export interface TaskPanelHandle {
  focusQuickAdd: () => void;
  /** Focus on the list's Tab stop (the task last visited, else the first), or the views when it is empty. */
  focusList: () => void;
  showView: (view: View) => void;
  undo: () => void;
  /** Makes a change from outside the panel (a reminder's Done or Snooze): confirmed by the same toast, undone the same way. */
  act: (change: Change) => Promise<boolean>;
  /** Shows a task (in All, without filters) and puts focus on it: a clicked reminder notification. */
  focusTask: (id: number) => void;
}

interface Props {
  ref?: Ref<TaskPanelHandle>;
  /** Says something to screen readers (the workspace's live region). */
  announce?: (text: string) => void;
}

/** Where focus goes once a change has been made and the lists show it. */
type FocusTarget =
  | { kind: "task"; id: number; col: string }
  | { kind: "undo"; ids: number[]; before: Element | null; col: string; positions: Map<number, number>; place: number }
  | { kind: "index"; index: number; col: string }
  | { kind: "quick" };
// A focus request stays in force this long, so it holds when the refetched lists arrive a render later.
const FOCUS_HOLD_MS = 2_000;

const taskRows = (root: HTMLElement | null) => Array.from(root?.querySelectorAll<HTMLElement>("[data-task-id]") ?? []);
const controls = (row: HTMLElement) => Array.from(row.querySelectorAll<HTMLElement>("[data-col]"));

/** Focus on a row's control in column `col` (its checkbox when it has no such control). */
function focusRow(row: HTMLElement, col: string) {
  const all = controls(row);
  (all.find((el) => el.dataset.col === col) ?? all.find((el) => el.dataset.col === "toggle"))?.focus();
}

/**
 * The user's tasks beside the chat: quick add; views, search, tag filter and order; tick, click a
 * title to edit it, details, delete; every change confirmed by a toast (fixed in the window, always
 * in view) that can undo it, as can Ctrl/Cmd+Z. The lists are one grid for the keyboard: one Tab
 * stop, arrow keys between tasks and their buttons, single keys for the common actions (src/keys.ts).
 */
export function TaskPanel({ ref, announce }: Props) {
  const [view, setView] = useState<View>("all");
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [tag, setTag] = useState<string | null>(null);
  const [sort, setSort] = useState<TaskSort>("created");
  const [quick, setQuick] = useState("");
  const [toast, setToast] = useState<Outcome | null>(null);
  const [actionError, setActionError] = useState<{ message: string; unreachable: boolean } | null>(null);
  const reachable = useReachable();
  // A change that failed for want of a server: its message goes once the server answers again.
  useEffect(() => {
    if (reachable) setActionError((e) => (e?.unreachable ? null : e));
  }, [reachable]);
  const tasks = useTasks({ q, tag, sort });
  const change = useTaskChange();
  const quickInput = useRef<HTMLInputElement>(null);
  const listRoot = useRef<HTMLDivElement>(null);
  const viewButtons = useRef<HTMLDivElement>(null);
  const rows = useRef(new Map<number, HTMLLIElement>());
  const [focusTarget, setFocusTarget] = useState<{ target: FocusTarget; at: number } | null>(null);
  // The list's one Tab stop: the task (and which of its controls) last focused.
  const [cursor, setCursor] = useState<{ id: number; col: string } | null>(null);
  const cursorRef = useRef(cursor);
  cursorRef.current = cursor;

  useEffect(() => {
    const timer = setTimeout(() => setQ(search), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const all = tasks.data;
  const { open, done } = useMemo(() => inView(all ?? [], view, sort), [all, view, sort]);

  // After a change the row may have moved (ticked into Completed), come back (undo) or gone: focus follows
  // the task, else goes where it was. Applied again when the refetched lists arrive, until the hold ends.
  useLayoutEffect(() => {
    if (!focusTarget || Date.now() - focusTarget.at > FOCUS_HOLD_MS) return;
    const { target } = focusTarget;
    const list = taskRows(listRoot.current);
    const at = (index: number, col: string) => {
      const row = list[Math.min(index, list.length - 1)];
      if (row) focusRow(row, col);
      else quickInput.current?.focus();
    };
    switch (target.kind) {
      case "task": {
        const row = rows.current.get(target.id);
        if (row) focusRow(row, target.col);
        else quickInput.current?.focus();
        break;
      }
      case "undo": {
        const back = target.ids.map((id) => rows.current.get(id)).find(Boolean);
        if (back) focusRow(back, target.col);
        else if (target.before?.isConnected && target.before !== document.body && target.before instanceof HTMLElement) target.before.focus();
        else {
          const places = target.ids.map((id) => target.positions.get(id)).filter((i) => i !== undefined);
          at(places.length ? Math.min(...places) : target.place, "toggle");
        }
        break;
      }
      case "index":
        at(target.index, target.col);
        break;
      case "quick":
        quickInput.current?.focus();
    }
  }, [focusTarget, open, done]);

  const focusSoon = (target: FocusTarget) => setFocusTarget({ target, at: Date.now() });
  // The next key or click is the person's own move: a pending focus request gives way to it.
  useEffect(() => {
    if (!focusTarget) return;
    const drop = () => setFocusTarget(null);
    document.addEventListener("keydown", drop, true);
    document.addEventListener("pointerdown", drop, true);
    return () => {
      document.removeEventListener("keydown", drop, true);
      document.removeEventListener("pointerdown", drop, true);
    };
  }, [focusTarget]);

  const run = useCallback(
    async (what: Change, after?: (outcome: Outcome) => FocusTarget | null): Promise<Outcome | null> => {
      setActionError(null);
      try {
        const outcome = await change.mutateAsync(what);
        setToast(outcome);
        const target = after?.(outcome);
        if (target) focusSoon(target);
        return outcome;
      } catch (err) {
        const unreachable = err instanceof ApiError && err.status === 0;
        if (!(unreachable && connection.get())) setActionError({ message: err instanceof Error ? err.message : String(err), unreachable });
        return null;
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mutateAsync is stable
    [change.mutateAsync],
  );

  /** Undoes the last change; focus goes to the task that came back, or stays where it was, or to where the task was. */
  const undo = useCallback(async () => {
    const before = document.activeElement;
    const inRow = before instanceof HTMLElement ? before.closest<HTMLElement>("[data-task-id]") : null;
    const positions = new Map(taskRows(listRoot.current).map((row, i) => [Number(row.dataset.taskId), i]));
    setToast(null);
    await run({ kind: "undo" }, (outcome) => ({
      kind: "undo",
      ids: outcome.taskIds ?? [],
      before,
      col: (inRow && before instanceof HTMLElement && before.dataset.col) || "toggle",
      positions,
      place: inRow ? (positions.get(Number(inRow.dataset.taskId)) ?? 0) : 0, // the row focus was in, if it goes
    }));
  }, [run]);

  const colIn = (id: number) => (cursorRef.current?.id === id ? cursorRef.current.col : "toggle");

  const actions: RowActions = useMemo(
    () => ({
      toggle: (task) => void run({ kind: "toggle", task }, () => ({ kind: "task", id: task.id, col: colIn(task.id) })),
      rename: async (task, title) => {
        await run({ kind: "rename", task, title });
      },
      saveDetails: async (task: Task, changes: TaskChanges) => Boolean(await run({ kind: "details", task, changes })),
      remove: (task) => {
        // the row is gone: focus goes to the task that took its place, else the one before, else quick add
        const index = taskRows(listRoot.current).findIndex((row) => row.dataset.taskId === String(task.id));
        void run({ kind: "delete", task }, () => (index >= 0 ? { kind: "index", index, col: colIn(task.id) } : { kind: "quick" }));
      },
      filterTag: (name) => setTag(name),
      register: (id, row) => {
        if (row) rows.current.set(id, row);
        else rows.current.delete(id);
      },
    }),
    [run],
  );

  const focusList = useCallback(() => {
    const list = taskRows(listRoot.current);
    const stop = list.find((row) => controls(row).some((el) => el.tabIndex === 0)) ?? list[0];
    if (stop) focusRow(stop, cursorRef.current?.col ?? "toggle");
    else viewButtons.current?.querySelector<HTMLElement>("[aria-pressed=true]")?.focus();
  }, []);

  const [listFocusPending, setListFocusPending] = useState(0);
  useEffect(() => {
    if (listFocusPending) focusList();
  }, [listFocusPending, focusList]);

  useImperativeHandle(
    ref,
    () => ({
      focusQuickAdd: () => quickInput.current?.focus(),
      focusList,
      showView: (next) => {
        setView(next);
        setListFocusPending((n) => n + 1); // once the view is on screen
      },
      undo: () => void undo(),
      act: async (what) => Boolean(await run(what)),
      focusTask: (id) => {
        setView("all");
        setTag(null);
        setSearch("");
        setQ("");
        focusSoon({ kind: "task", id, col: "toggle" });
      },
    }),
    [focusList, undo, run],
  );

  // A change of view is said, with what it holds (the pressed button alone says little from afar).
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!all) return;
    const label = VIEWS.find(([name]) => name === view)![1];
    const words = view === "completed" ? `${done.length} completed` : `${open.length} open`;
    const text = `${label}: ${words} ${open.length + done.length === 1 && view !== "completed" ? "task" : "tasks"}.`;
    if (shown.current !== null && shown.current !== view) announce?.(text);
    shown.current = view;
  }, [view, all, open.length, done.length, announce]);

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
    void undo();
  }

  function quickKeys(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "ArrowDown" || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const first = taskRows(listRoot.current)[0];
    if (!first) return;
    event.preventDefault();
    focusRow(first, "toggle");
  }

  function viewKeys(event: KeyboardEvent) {
    const buttons = Array.from(viewButtons.current?.querySelectorAll<HTMLElement>("button") ?? []);
    const i = buttons.indexOf(event.target as HTMLElement);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (i < 0 || !step) return;
    event.preventDefault();
    buttons[(i + step + buttons.length) % buttons.length]?.focus();
  }

  // Keys on a task's own controls: arrows move, single keys act (src/keys.ts); the focused control is the Tab stop.
  function listKeys(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    const col = target.dataset.col;
    const row = target.closest<HTMLElement>("[data-task-id]");
    if (!col || !row) return;
    const command = readRowKey(event);
    if (!command) return;
    const list = taskRows(listRoot.current);
    const i = list.indexOf(row);
    const mine = controls(row);
    const j = mine.indexOf(target);
    const task = [...open, ...done].find((t) => String(t.id) === row.dataset.taskId);
    event.preventDefault();
    event.stopPropagation(); // the page's own shortcuts leave it alone
    switch (command) {
      case "next":
        if (list[i + 1]) focusRow(list[i + 1]!, col);
        break;
      case "previous":
        if (i > 0) focusRow(list[i - 1]!, col);
        else quickInput.current?.focus();
        break;
      case "first":
        focusRow(list[0]!, col);
        break;
      case "last":
        focusRow(list.at(-1)!, col);
        break;
      case "left":
        mine[Math.max(0, j - 1)]?.focus();
        break;
      case "right":
        mine[Math.min(mine.length - 1, j + 1)]?.focus();
        break;
      case "home":
        mine[0]?.focus();
        break;
      case "end":
        mine.at(-1)?.focus();
        break;
      case "toggle":
        if (task && !change.isPending) actions.toggle(task);
        break;
      case "delete":
        if (task && !change.isPending) actions.remove(task);
        break;
      case "edit":
      case "details":
        mine.find((el) => el.dataset.col === command)?.click();
        break;
    }
  }

  function listFocus(event: FocusEvent) {
    const target = event.target as HTMLElement;
    const col = target.dataset.col;
    const id = Number(target.closest<HTMLElement>("[data-task-id]")?.dataset.taskId);
    if (!col || !id) return;
    setCursor((c) => (c?.id === id && c.col === col ? c : { id, col }));
  }

  const busyId = change.isPending && change.variables && "task" in change.variables ? change.variables.task.id : null;
  const filtered = Boolean(q || tag);
  const listKey = `${view} ${q} ${tag ?? ""} ${sort}`; // another view or filter starts again from the top
  const shownIds = [...open, ...done].map((t) => t.id);
  const stop = cursor && shownIds.includes(cursor.id) ? cursor : shownIds.length ? { id: shownIds[0]!, col: "toggle" } : null;
  const row = (task: Task) => (
    <TaskRow key={task.id} task={task} busy={busyId === task.id} actions={actions} stop={stop?.id === task.id ? stop.col : null} />
  );
  const empty =
    view === "today" ? "Nothing due today." : view === "upcoming" ? "Nothing in the next 7 days."
    : view === "completed" ? "Nothing completed yet." : "All done — nice work!";
  const error = tasks.error?.message ?? actionError?.message;

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
          onKeyDown={quickKeys}
          aria-busy={change.isPending && change.variables?.kind === "quick"}
          data-testid="quick-add-input"
        />
        <button type="submit" className="small primary" disabled={change.isPending || !quick.trim()} data-testid="quick-add-submit">
          Add
        </button>
      </form>
      <div className="views" role="toolbar" aria-label="Which tasks" ref={viewButtons} onKeyDown={viewKeys}>
        {VIEWS.map(([name, label]) => (
          <button
            key={name}
            type="button"
            className="small"
            aria-pressed={view === name}
            tabIndex={view === name ? 0 : -1}
            onClick={() => setView(name)}
            data-testid={`view-${name}`}
          >
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
      {/* Fixed to the window, not the list: a change far down the list is still confirmed in view. */}
      <div className="toast-region" role="status" data-testid="toast-region">
        {toast && (
          <div className="toast" data-testid="toast">
            <span>{toast.text}</span>
            {toast.undoable && (
              <button type="button" className="small" onClick={() => void undo()} data-testid="undo">
                Undo
              </button>
            )}
          </div>
        )}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {tasks.isPending && <p className="muted">Loading…</p>}
      {all?.length === 0 && !filtered && (
        <p className="empty" data-testid="tasks-empty">
          No tasks yet. Try: <q>add buy milk</q>
        </p>
      )}
      {all?.length === 0 && filtered && <p className="empty" data-testid="view-empty">No tasks match.</p>}
      <div ref={listRoot} onKeyDown={listKeys} onFocus={listFocus}>
        {open.length > 0 && <TaskList key={`open ${listKey}`} tasks={open} row={row} label="Open tasks" testId="pending-tasks" />}
        {all && all.length > 0 && open.length === 0 && (view !== "completed" || done.length === 0) && (
          <p className="empty" data-testid="view-empty">{empty}</p>
        )}
        {done.length > 0 && (
          <>
            <div className="completed-head">
              <h3 id="completed-title">Completed</h3>
              <button type="button" className="small ghost" onClick={() => void run({ kind: "clear-completed" })} data-testid="clear-completed">
                Clear completed
              </button>
            </div>
            <TaskList key={`done ${listKey}`} tasks={done} row={row} labelledBy="completed-title" testId="completed-tasks" />
          </>
        )}
      </div>
    </aside>
  );
}

interface ListProps {
  tasks: Task[];
  row: (task: Task) => ReactNode;
  testId: string;
  label?: string;
  labelledBy?: string;
}

/**
 * A list of tasks that mounts its first rows at once and the rest as it is scrolled towards its end
 * (or "Show more" is pressed), so a view of a thousand tasks opens without a pause.
 */
function TaskList({ tasks, row, testId, label, labelledBy }: ListProps) {
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
    <ul className="task-list" role="grid" aria-label={label} aria-labelledby={labelledBy} data-testid={testId}>
      {(more ? tasks.slice(0, limit) : tasks).map(row)}
      {more && (
        <li ref={sentinel} className="more-tasks" role="row">
          <div role="gridcell">
            <button type="button" className="small ghost" onClick={() => setLimit((n) => n + MORE_ROWS)} data-testid="show-more">
              Show {Math.min(hidden, MORE_ROWS)} more of {hidden}
            </button>
          </div>
        </li>
      )}
    </ul>
  );
}
