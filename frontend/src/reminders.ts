/**
 * A task's reminder as the details editor shows it, and back: none, at the due time, N minutes,
 * hours or days before it, or a moment of its own (a datetime-local box, sent with this browser's
 * offset). The API's form is {"before": minutes} or {"at": ISO 8601 with an offset} (docs/reminders.md).
 */
import type { Task } from "./api";

export type Reminder = NonNullable<Task["reminder"]>;
export type ReminderKind = "none" | "due" | "before" | "at";
export type Unit = "minutes" | "hours" | "days";

export interface ReminderForm {
  kind: ReminderKind;
  /** How many units before the due time (as typed). */
  amount: string;
  unit: Unit;
  /** The chosen moment as a datetime-local box holds it: "2026-12-24T17:00". */
  at: string;
}

export const UNIT_MINUTES: Record<Unit, number> = { minutes: 1, hours: 60, days: 1440 };
/** The furthest a reminder may be before its due time (the API's limit): 28 days. */
export const BEFORE_MAX = 40_320;
/** A task with a date and no time is due at this hour for its reminder (as the server counts it). */
const DEFAULT_TIME = "09:00";

const pad = (n: number) => String(n).padStart(2, "0");

/** A moment as a datetime-local box holds it, in this browser's time. */
export function localInput(moment: Date): string {
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
}

/** A moment in ISO 8601 with this browser's offset: "2026-12-24T17:00:00+01:00". */
export function withOffset(moment: Date): string {
  const offset = -moment.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${localInput(moment)}:${pad(moment.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A datetime-local value ("2026-12-24T17:00") as a moment in this browser's time; null when it isn't one. */
export function fromLocalInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const moment = new Date(y, mo - 1, d, h, mi, s);
  return Number.isNaN(moment.getTime()) || moment.getDate() !== d ? null : moment;
}

/** The editor's fields for a stored reminder (or none). */
export function formOf(reminder: Task["reminder"]): ReminderForm {
  const form: ReminderForm = { kind: "none", amount: "30", unit: "minutes", at: "" };
  if (!reminder) return form;
  if ("at" in reminder) {
    const moment = new Date(reminder.at);
    return { ...form, kind: "at", at: Number.isNaN(moment.getTime()) ? "" : localInput(moment) };
  }
  if (reminder.before === 0) return { ...form, kind: "due" };
  const unit: Unit = reminder.before % 1440 === 0 ? "days" : reminder.before % 60 === 0 ? "hours" : "minutes";
  return { ...form, kind: "before", unit, amount: String(reminder.before / UNIT_MINUTES[unit]) };
}

export type Read = { ok: true; reminder: Reminder | null } | { ok: false; error: string };

/** The reminder the fields say, or why they say none: a sentence for the person. */
export function readForm(form: ReminderForm, hasDate: boolean, now: Date = new Date()): Read {
  switch (form.kind) {
    case "none":
      return { ok: true, reminder: null };
    case "due":
    case "before": {
      if (!hasDate) return { ok: false, error: "A reminder before the due time needs a date. Choose a date, or remind at a moment of its own." };
      if (form.kind === "due") return { ok: true, reminder: { before: 0 } };
      const text = form.amount.trim();
      const amount = Number(text);
      if (!/^\d+$/.test(text) || amount < 1) return { ok: false, error: "Say how long before as a whole number, such as 30." };
      const before = amount * UNIT_MINUTES[form.unit];
      if (before > BEFORE_MAX) return { ok: false, error: "A reminder can be at most 28 days before the due time." };
      return { ok: true, reminder: { before } };
    }
    case "at": {
      if (!form.at) return { ok: false, error: "Choose the date and time to be reminded at." };
      const moment = fromLocalInput(form.at);
      if (!moment) return { ok: false, error: "That date and time could not be read. Choose them again." };
      if (moment.getTime() <= now.getTime()) return { ok: false, error: "That moment has passed. Choose one ahead." };
      return { ok: true, reminder: { at: withOffset(moment) } };
    }
  }
}

/** Whether two reminders are the same (an "at" compared as a moment, whatever its offset). */
export function sameReminder(a: Task["reminder"], b: Task["reminder"]): boolean {
  if (!a || !b) return !a && !b;
  if ("before" in a || "before" in b) return "before" in a && "before" in b && a.before === b.before;
  return new Date(a.at).getTime() === new Date(b.at).getTime();
}

/**
 * When the reminder the fields say would fire, in this browser's time (the account's zone is kept
 * in step with it): what the editor shows before saving. Null when it can't tell.
 */
export function firesAt(reminder: Reminder | null, dueDate: string, dueTime: string): Date | null {
  if (!reminder) return null;
  if ("at" in reminder) return new Date(reminder.at);
  if (!dueDate) return null;
  const due = fromLocalInput(`${dueDate}T${dueTime || DEFAULT_TIME}`);
  return due && new Date(due.getTime() - reminder.before * 60_000);
}

const DAY = 86_400_000;
const CLOCK = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const WEEKDAY = new Intl.DateTimeFormat("en-GB", { weekday: "long" });
const SHORT_WEEKDAY = new Intl.DateTimeFormat("en-GB", { weekday: "short" });
const MONTH = new Intl.DateTimeFormat("en-GB", { month: "short" });

/** A moment in words, in this browser's time: "today at 14:30", "tomorrow at 09:00", "Friday at 17:00", "Thu 24 Dec at 17:00". */
export function momentWords(moment: Date, now: Date = new Date()): string {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((start(moment) - start(now)) / DAY);
  const clock = CLOCK.format(moment);
  if (days === 0) return `today at ${clock}`;
  if (days === 1) return `tomorrow at ${clock}`;
  if (days === -1) return `yesterday at ${clock}`;
  if (days > 1 && days < 7) return `${WEEKDAY.format(moment)} at ${clock}`;
  const year = moment.getFullYear() === now.getFullYear() ? "" : ` ${moment.getFullYear()}`;
  return `${SHORT_WEEKDAY.format(moment)} ${moment.getDate()} ${MONTH.format(moment)}${year} at ${clock}`;
}

/** The short form for a task's bell: "14:30" today, "Tomorrow 09:00", "Fri 17:00", "24 Dec 17:00". */
export function bellLabel(moment: Date, now: Date = new Date()): string {
  const words = momentWords(moment, now).replace(" at ", " ");
  return words.startsWith("today ") ? words.slice(6) : words.charAt(0).toUpperCase() + words.slice(1);
}
