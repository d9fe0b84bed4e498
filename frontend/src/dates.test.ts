import { describe, expect, it } from "vitest";
import { dueLabel } from "./dates";

const now = new Date(2026, 10, 26, 10, 0); // Thursday 26 November 2026, 10:00

describe("dueLabel", () => {
  it.each([
    ["2026-11-26", null, "Today", false],
    ["2026-11-26", "15:00", "Today 15:00", false],
    ["2026-11-26", "09:30", "Overdue · Today 09:30", true],
    ["2026-11-27", null, "Tomorrow", false],
    ["2026-11-28", "08:00", "Sat 08:00", false],
    ["2026-11-25", null, "Overdue · Yesterday", true],
    ["2026-12-12", null, "12 Dec", false],
    ["2027-01-05", null, "5 Jan 2027", false],
  ])("%s %s reads %s", (date, time, text, overdue) => {
    expect(dueLabel(date, time, now)).toEqual({ text, overdue });
  });

  it("is nothing without a date", () => {
    expect(dueLabel(null, null, now)).toBeNull();
  });
});
