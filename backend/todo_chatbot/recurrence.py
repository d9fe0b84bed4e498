"""Repeating tasks: RFC 5545 recurrence rules, expanded by python-dateutil.

A task's rule is stored as the RRULE's value without "RRULE:", e.g.
"FREQ=WEEKLY;BYDAY=MO". Rules repeat on days (DAILY, WEEKLY, MONTHLY,
YEARLY); a task's time of day is its own `due_time`, kept from one occurrence
to the next as wall-clock time in the owner's zone, so DST changes never move
it.

Month ends follow RFC 5545: a day that a month does not have is skipped, so
"every 31st" (BYMONTHDAY=31) after 31 January is due on 31 March, and "every
29 February" comes back in the next leap year. "The last day of every month"
is BYMONTHDAY=-1.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr

RULE_MAX = 300
# How far ahead a rule's next occurrence is looked for; a rule with none in
# this window ("every 30 February") never occurs.
HORIZON = relativedelta(years=10)
COUNT_MAX = 1000
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_PART = re.compile(r"^[A-Z]+=[A-Z0-9,+\-]+$")
_UNTIL = re.compile(r"^(\d{8})(T\d{6}Z?)?$")
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


class InvalidRule(ValueError):
    pass


def normalise(value: str) -> str:
    """The rule in canonical spelling (upper case, no "RRULE:" prefix, UNTIL as a date).

    Raises InvalidRule, with a message for people, when it does not parse or
    repeats more often than daily."""
    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    text = text.upper().strip(";")
    if not text or len(text) > RULE_MAX:
        raise InvalidRule(f"must be an RRULE of 1 to {RULE_MAX} characters, e.g. FREQ=WEEKLY;BYDAY=MO")
    parts: dict[str, str] = {}
    for part in text.split(";"):
        if not _PART.match(part):
            raise InvalidRule(f"'{part}' is not a NAME=VALUE part of an RRULE (e.g. FREQ=WEEKLY;BYDAY=MO)")
        name, _, val = part.partition("=")
        if name in parts:
            raise InvalidRule(f"{name} is given twice")
        if name == "UNTIL":
            match = _UNTIL.match(val)
            if not match:
                raise InvalidRule("UNTIL must be a date like 20261231")
            val = match.group(1)
        parts[name] = val
    if parts.get("FREQ") not in FREQUENCIES:
        raise InvalidRule("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
    if "COUNT" in parts and "UNTIL" in parts:
        raise InvalidRule("give COUNT or UNTIL, not both")
    if "COUNT" in parts and not (parts["COUNT"].isdigit() and 1 <= int(parts["COUNT"]) <= COUNT_MAX):
        raise InvalidRule(f"COUNT must be a number from 1 to {COUNT_MAX}")
    canonical = ";".join(f"{k}={v}" for k, v in parts.items())
    try:
        _rule(canonical, date(2000, 1, 1))
    except (ValueError, TypeError, OverflowError) as exc:
        raise InvalidRule(f"does not parse as an RRULE: {exc}") from exc
    return canonical


def _rule(value: str, start: date) -> rrule:
    rule = rrulestr(value, dtstart=datetime.combine(start, time()), forceset=False)
    assert isinstance(rule, rrule)
    return rule


def _limits(rule: Any) -> tuple[datetime | None, int | None]:
    """The rule's UNTIL and COUNT, which dateutil keeps in private attributes."""
    return rule._until, rule._count


def _occurrences(value: str, start: date, after: date, inclusive: bool, limit: int) -> list[date]:
    """Up to `limit` occurrences of the series that starts at `start`, from `after` on, within the horizon."""
    rule = _rule(value, start)
    horizon = datetime.combine(after, time()) + HORIZON
    until, count = _limits(rule)
    bounded = rule.replace(count=None, until=min(until, horizon) if until else horizon)
    found: list[date] = []
    for index, occurrence in enumerate(bounded):
        if count is not None and index >= count:
            break
        day = occurrence.date()
        if day > after or (inclusive and day == after):
            found.append(day)
            if len(found) >= limit:
                break
    return found


def first_on_or_after(value: str, day: date) -> date | None:
    """The first day the rule falls on, `day` included (None: never)."""
    found = _occurrences(value, day, day, inclusive=True, limit=1)
    return found[0] if found else None


def next_after(value: str, due: date) -> tuple[date, str] | None:
    """The occurrence after `due` of the series due then, and the rule the next task keeps.

    A COUNT is what remains of the series, so "5 times" stays five in all.
    None when the series has ended."""
    found = _occurrences(value, due, due, inclusive=False, limit=1)
    if not found:
        return None
    following = found[0]
    if _limits(_rule(value, due))[1] is None:
        return following, value
    remaining = len(_occurrences(value, due, following, inclusive=True, limit=COUNT_MAX))
    return following, re.sub(r"COUNT=\d+", f"COUNT={remaining}", value)


def _ordinal(n: int) -> str:
    if n == -1:
        return "last day"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


_NTH = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def _weekdays(spec: str) -> tuple[list[str], bool]:
    """Day names from a BYDAY list; True when they carry positions (1MO = first Monday)."""
    names, positioned = [], False
    for item in spec.split(","):
        match = re.fullmatch(r"([+-]?\d+)?([A-Z]{2})", item)
        if not match or match.group(2) not in DAYS:
            return [item], False
        name = DAY_NAMES[DAYS.index(match.group(2))]
        if match.group(1):
            positioned = True
            n = int(match.group(1))
            name = f"{_NTH.get(n, _ordinal(n))} {name}"
        names.append(name)
    return names, positioned


def describe(value: str) -> str:
    """The rule in words: "every Monday", "every 2 days", "every month on the 31st"."""
    parts = dict(p.partition("=")[::2] for p in value.split(";"))
    freq, interval = parts.get("FREQ", ""), int(parts.get("INTERVAL", "1") or 1)
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}.get(freq, "time")
    every = f"every {unit}" if interval == 1 else f"every {interval} {unit}s"
    byday, bymonthday, bymonth = parts.get("BYDAY"), parts.get("BYMONTHDAY"), parts.get("BYMONTH")
    if freq == "WEEKLY" and byday:
        days = byday.split(",")
        if sorted(days) == sorted(DAYS[:5]):
            text = "every weekday" if interval == 1 else f"{every} on weekdays"
        elif sorted(days) == ["SA", "SU"]:
            text = "every weekend" if interval == 1 else f"{every} on weekends"
        else:
            names, _ = _weekdays(byday)
            text = f"every {_join(names)}" if interval == 1 else f"{every} on {_join(names)}"
    elif freq == "DAILY" and byday:
        names, _ = _weekdays(byday)
        text = f"{every} on {_join(names)}"
    elif freq == "MONTHLY" and bymonthday:
        days = [_ordinal(int(d)) for d in bymonthday.split(",") if d.lstrip("-").isdigit()]
        text = f"{every} on the {_join(days)}"
    elif freq == "MONTHLY" and byday:
        names, _ = _weekdays(byday)
        text = f"{every} on the {_join(names)}"
    elif freq == "YEARLY" and bymonth and bymonth.isdigit() and 1 <= int(bymonth) <= 12:
        month = MONTH_NAMES[int(bymonth) - 1]
        text = f"{every} on {month} {_ordinal(int(bymonthday))}" if bymonthday and bymonthday.isdigit() else f"{every} in {month}"
    else:
        text = every
    if "COUNT" in parts:
        text += f", {parts['COUNT']} times" if parts["COUNT"] != "1" else ", once"
    if "UNTIL" in parts:
        until = parts["UNTIL"]
        text += f", until {until[:4]}-{until[4:6]}-{until[6:8]}"
    return text
