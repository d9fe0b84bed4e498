/** How a task's due date reads in the panel: "Today", "Tomorrow", "Fri 15:00", "12 Dec", "Overdue · Mon". */
export interface DueLabel {
  text: string;
  overdue: boolean;
}

const DAY = 24 * 60 * 60 * 1000;
// Made once: building a formatter per call (toLocaleDateString with options) is what costs.
const WEEKDAY = new Intl.DateTimeFormat("en-GB", { weekday: "short" });
const DAY_MONTH = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
const DAY_MONTH_YEAR = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

function localDate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1);
}

/** `now` is the user's local time; due dates are the user's local dates. */
export function dueLabel(dueDate: string | null | undefined, dueTime: string | null | undefined, now: Date = new Date()): DueLabel | null {
  if (!dueDate) return null;
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const due = localDate(dueDate);
  const days = Math.round((due.getTime() - today.getTime()) / DAY);
  let day: string;
  if (days === 0) day = "Today";
  else if (days === 1) day = "Tomorrow";
  else if (days === -1) day = "Yesterday";
  else if (days > 1 && days < 7) day = WEEKDAY.format(due);
  else day = (due.getFullYear() === today.getFullYear() ? DAY_MONTH : DAY_MONTH_YEAR).format(due);
  const clock = `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
  const overdue = days < 0 || (days === 0 && !!dueTime && dueTime < clock);
  const text = dueTime ? `${day} ${dueTime}` : day;
  return { text: overdue ? `Overdue · ${text}` : text, overdue };
}

/** A local date as YYYY-MM-DD (the form the API speaks). */
export function isoDate(day: Date): string {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}
