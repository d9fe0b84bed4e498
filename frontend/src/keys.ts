/**
 * The keyboard: which single keys do what, as data (the "?" overlay lists them from here), and the
 * pure reading of a key press into a command. Nothing here fires while a person is typing in a box.
 */

export type TaskView = "all" | "today" | "upcoming" | "completed";
export type Section = "chat" | "tasks" | "history";

export type Command =
  | { kind: "quick-add" }
  | { kind: "chat" }
  | { kind: "help" }
  | { kind: "undo" }
  | { kind: "view"; view: TaskView }
  | { kind: "section"; section: Section };

/** What a key does to the task that has focus in the list. */
export type RowCommand = "toggle" | "edit" | "details" | "delete" | "next" | "previous" | "first" | "last" | "left" | "right" | "home" | "end";

export interface Shortcut {
  keys: string[][]; // each entry one way to press it; a sequence ("g", "t") is pressed one key after the other
  what: string;
}

export const VIEW_KEYS: [string, TaskView, string][] = [
  ["1", "all", "All"],
  ["2", "today", "Today"],
  ["3", "upcoming", "Upcoming"],
  ["4", "completed", "Completed"],
];

/** The overlay's content, in groups. */
export const SHORTCUTS: { title: string; items: Shortcut[] }[] = [
  {
    title: "Anywhere",
    items: [
      { keys: [["n"], ["q"]], what: "Add a task (quick add)" },
      { keys: [["c"], ["/"]], what: "Write in the chat" },
      { keys: [["g", "t"]], what: "Go to the task list" },
      { keys: [["g", "c"]], what: "Go to the chat" },
      { keys: [["g", "h"]], what: "Go to the history" },
      ...VIEW_KEYS.map(([key, , label]) => ({ keys: [[key]], what: `Show ${label} tasks` })),
      { keys: [["Ctrl", "Z"]], what: "Undo the last change" },
      { keys: [["?"]], what: "Show these shortcuts" },
    ],
  },
  {
    title: "In the task list",
    items: [
      { keys: [["↓"], ["j"]], what: "Next task (↓ from quick add enters the list)" },
      { keys: [["↑"], ["k"]], what: "Previous task" },
      { keys: [["←"], ["→"]], what: "Move between a task's buttons" },
      { keys: [["Ctrl", "Home"], ["Ctrl", "End"]], what: "First or last task" },
      { keys: [["x"], ["Space"]], what: "Complete or reopen" },
      { keys: [["e"]], what: "Edit the title" },
      { keys: [["d"]], what: "Date, priority, tags and notes" },
      { keys: [["Delete"], ["#"]], what: "Delete (Ctrl+Z brings it back)" },
    ],
  },
];

const NOT_TEXT = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"]);

/** Whether keys pressed here belong to what is being typed (or chosen): a text box, a select, an editor. */
export function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && !NOT_TEXT.has(target.type)))
  );
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * Reads one key press anywhere on the page (not while typing): the command it completes, and whether
 * it starts a "g" sequence. `afterG` says the previous key was that "g".
 */
export function readKey(event: KeyLike, afterG: boolean): { command: Command | null; startsG: boolean } {
  const none = { command: null, startsG: false };
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "z") {
    return { command: { kind: "undo" }, startsG: false };
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return none;
  const key = event.key;
  if (afterG) {
    const section: Record<string, Section> = { t: "tasks", c: "chat", h: "history" };
    const to = section[key.toLowerCase()];
    return to ? { command: { kind: "section", section: to }, startsG: false } : none;
  }
  if (key === "g" || key === "G") return { command: null, startsG: true };
  if (key === "n" || key === "q") return { command: { kind: "quick-add" }, startsG: false };
  if (key === "c" || key === "/") return { command: { kind: "chat" }, startsG: false };
  if (key === "?") return { command: { kind: "help" }, startsG: false };
  const view = VIEW_KEYS.find(([k]) => k === key);
  if (view) return { command: { kind: "view", view: view[1] }, startsG: false };
  return none;
}

/** Reads a key pressed on one of a task's own controls in the list. */
export function readRowKey(event: KeyLike): RowCommand | null {
  if (event.altKey || event.metaKey) return null;
  if (event.ctrlKey) {
    if (event.key === "Home") return "first";
    if (event.key === "End") return "last";
    return null;
  }
  switch (event.key) {
    case "ArrowDown":
    case "j":
      return "next";
    case "ArrowUp":
    case "k":
      return "previous";
    case "ArrowLeft":
      return "left";
    case "ArrowRight":
      return "right";
    case "Home":
      return "home";
    case "End":
      return "end";
    case "x":
    case "X":
      return "toggle";
    case "e":
      return "edit";
    case "d":
      return "details";
    case "Delete":
    case "#":
      return "delete";
    default:
      return null;
  }
}
