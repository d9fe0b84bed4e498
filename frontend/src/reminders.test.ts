import { describe, expect, it } from "vitest";
import { bellLabel, firesAt, formOf, fromLocalInput, localInput, momentWords, readForm, sameReminder, withOffset, type ReminderForm } from "./reminders";

const form = (more: Partial<ReminderForm>): ReminderForm => ({ kind: "none", amount: "30", unit: "minutes", at: "", ...more });
const NOW = new Date(2026, 5, 10, 12, 0); // Wednesday 10 June 2026, 12:00 local

describe("reminders in the details editor", () => {
  it("reads a stored reminder into the largest whole unit", () => {
    expect(formOf(null).kind).toBe("none");
    expect(formOf({ before: 0 }).kind).toBe("due");
    expect(formOf({ before: 45 })).toMatchObject({ kind: "before", amount: "45", unit: "minutes" });
    expect(formOf({ before: 120 })).toMatchObject({ kind: "before", amount: "2", unit: "hours" });
    expect(formOf({ before: 2880 })).toMatchObject({ kind: "before", amount: "2", unit: "days" });
    const at = new Date(2026, 11, 24, 17, 5);
    expect(formOf({ at: at.toISOString() })).toMatchObject({ kind: "at", at: "2026-12-24T17:05" });
  });

  it("writes what the fields say, as the API takes it", () => {
    expect(readForm(form({ kind: "none" }), false)).toEqual({ ok: true, reminder: null });
    expect(readForm(form({ kind: "due" }), true)).toEqual({ ok: true, reminder: { before: 0 } });
    expect(readForm(form({ kind: "before", amount: "3", unit: "hours" }), true)).toEqual({ ok: true, reminder: { before: 180 } });
    expect(readForm(form({ kind: "before", amount: "28", unit: "days" }), true)).toEqual({ ok: true, reminder: { before: 40320 } });
    const read = readForm(form({ kind: "at", at: "2026-12-24T17:00" }), false, NOW);
    expect(read.ok && read.reminder && "at" in read.reminder && read.reminder.at).toMatch(/^2026-12-24T17:00:00[+-]\d\d:\d\d$/);
  });

  it("explains in sentences what it can't take", () => {
    const error = (f: ReminderForm, hasDate = true) => {
      const read = readForm(f, hasDate, NOW);
      return read.ok ? null : read.error;
    };
    expect(error(form({ kind: "due" }), false)).toBe("A reminder before the due time needs a date. Choose a date, or remind at a moment of its own.");
    expect(error(form({ kind: "before", amount: "2.5" }))).toBe("Say how long before as a whole number, such as 30.");
    expect(error(form({ kind: "before", amount: "0" }))).toBe("Say how long before as a whole number, such as 30.");
    expect(error(form({ kind: "before", amount: "29", unit: "days" }))).toBe("A reminder can be at most 28 days before the due time.");
    expect(error(form({ kind: "at" }))).toBe("Choose the date and time to be reminded at.");
    expect(error(form({ kind: "at", at: "2026-06-10T11:59" }))).toBe("That moment has passed. Choose one ahead.");
    expect(error(form({ kind: "at", at: "2026-02-31T10:00" }))).toBe("That date and time could not be read. Choose them again.");
  });

  it("sends a moment with this browser's offset, the same instant", () => {
    const moment = new Date(2026, 2, 29, 2, 30); // around a DST change in many zones
    const text = withOffset(moment);
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(new Date(text).getTime()).toBe(moment.getTime());
    expect(fromLocalInput(localInput(moment))?.getTime()).toBe(moment.getTime());
  });

  it("compares reminders as moments", () => {
    expect(sameReminder(null, undefined)).toBe(true);
    expect(sameReminder({ before: 10 }, { before: 10 })).toBe(true);
    expect(sameReminder({ before: 10 }, { before: 0 })).toBe(false);
    expect(sameReminder({ at: "2026-12-24T17:00:00+01:00" }, { at: "2026-12-24T16:00:00Z" })).toBe(true);
    expect(sameReminder({ at: "2026-12-24T17:00:00+01:00" }, { before: 0 })).toBe(false);
    expect(sameReminder(null, { before: 0 })).toBe(false);
  });

  it("works out when it fires: a date without a time counts as 09:00", () => {
    expect(firesAt({ before: 30 }, "2026-06-12", "17:00")).toEqual(new Date(2026, 5, 12, 16, 30));
    expect(firesAt({ before: 0 }, "2026-06-12", "")).toEqual(new Date(2026, 5, 12, 9, 0));
    expect(firesAt({ before: 30 }, "", "")).toBeNull();
    expect(firesAt(null, "2026-06-12", "")).toBeNull();
  });

  it("says a moment in words, in the person's time", () => {
    expect(momentWords(new Date(2026, 5, 10, 14, 30), NOW)).toBe("today at 14:30");
    expect(momentWords(new Date(2026, 5, 11, 9, 0), NOW)).toBe("tomorrow at 09:00");
    expect(momentWords(new Date(2026, 5, 12, 17, 0), NOW)).toBe("Friday at 17:00");
    expect(momentWords(new Date(2026, 11, 24, 17, 0), NOW)).toBe("Thu 24 Dec at 17:00");
    expect(momentWords(new Date(2027, 0, 4, 8, 0), NOW)).toBe("Mon 4 Jan 2027 at 08:00");
    expect(bellLabel(new Date(2026, 5, 10, 14, 30), NOW)).toBe("14:30");
    expect(bellLabel(new Date(2026, 5, 11, 9, 0), NOW)).toBe("Tomorrow 09:00");
  });
});
