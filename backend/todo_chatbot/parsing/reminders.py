"""Reminders as people type them, for quick add and the offline assistant's add:

- "remind me tomorrow at 9 to call the dentist", "remind me to pay rent friday at 5pm": the task is
  due then and reminds at its due time ({"before": 0});
- "meeting friday 3pm, remind me 30 minutes before" / "... an hour before" / "... the day before";
- "call mom friday, remind me at 5pm": due Friday at 17:00, reminding then; on a task that already has
  a time ("flight saturday 7am remind me at 9pm") it is that many minutes before (the evening before).

A reminder is always relative to the due date ({"before": N}), so it needs no time zone here.
Without a due date there is nothing to be before: the words stay in the title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from . import vocabulary as v
from .slots import ParsedTask, extract_slots

_F = re.IGNORECASE
_NUMBER = r"(?:\d{1,5}|" + "|".join(sorted((re.escape(w) for w in v.NUMBER_WORDS), key=len, reverse=True)) + r"|half\s+an?)"
_UNITS = {"m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60}
_UNITS |= {"d": 1440, "day": 1440, "days": 1440, "w": 10080, "wk": 10080, "week": 10080, "weeks": 10080}
_LEAD = r"(?:^|\s*[,;]\s*|\s+(?:and|&)\s+|\s+)(?:please\s+)?"
_BEFORE = re.compile(
    _LEAD + r"remind\s+me\s+(?:(?P<n>" + _NUMBER + r")\s*(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
    r"|the\s+(?P<day>day|night|evening)|the\s+(?P<week>week))\s+(?:before(?:hand)?|earlier|ahead|in\s+advance)\b[.!]?",
    _F,
)
_AT = re.compile(_LEAD + r"remind\s+me\s+(?P<clock>(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midnight))\s*[.!]?$", _F)
# The message is itself "remind me ... ": its task reminds at its due time.
_COMMAND = re.compile(r"^\s*(?:please\s+)?(?:remind\s+me|set\s+(?:a\s+)?reminder)\b", _F)
# A line that is only a reminder for the line before it ("pay rent friday, remind me an hour before").
ONLY_A_REMINDER = re.compile(
    r"^\s*(?:and\s+)?(?:please\s+)?remind\s+me\s+(?:" + _NUMBER + r"\s*\w+|the\s+\w+)\s+(?:before|earlier|ahead)\b", _F
)

EVENING = time(18, 0)


@dataclass
class _Said:
    text: str
    before: int | None = None  # minutes
    at: time | None = None
    command: bool = False


def _minutes(m: re.Match[str]) -> int:
    if "day" in m.groupdict() and m.group("day"):
        return 1440 if m.group("day").lower() == "day" else -1  # "the night/evening before": 18:00 the day before
    if "week" in m.groupdict() and m.group("week"):
        return 10080
    raw = m.group("n").lower()
    count = 0.5 if raw.startswith("half") else int(raw) if raw.isdigit() else v.NUMBER_WORDS.get(raw, 1)
    return int(count * _UNITS[m.group("unit").lower()])


_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_BEFORE_ONLY = re.compile(
    r"(?:(?P<n>" + _NUMBER + r")\s*(?P<unit>" + _UNIT + r")|the\s+(?P<day>day|night|evening)|the\s+(?P<week>week))"
    r"\s+(?:before(?:hand)?|earlier|ahead|in\s+advance)",
    _F,
)
_IN = re.compile(r"in\s+(?P<n>" + _NUMBER + r")\s*(?P<unit>" + _UNIT + r")", _F)


def before_minutes(words: str, due: date | None = None, due_time: time | None = None) -> int | None:
    """ "30 minutes before", "an hour earlier", "the day before" -> minutes; "the night before" is
    18:00 the day before (which needs the due date); None if the words say no such thing."""
    found = _BEFORE_ONLY.fullmatch(words.strip(" .!?"))
    if found is None:
        return None
    minutes = _minutes(found)
    if minutes == -1:
        return _gap(due, due_time or time(9, 0), EVENING, days_before=1) if due else None
    return minutes


def delay(words: str) -> timedelta | None:
    """ "in 10 minutes", "in an hour", "in half an hour" -> how long from now."""
    found = _IN.fullmatch(words.strip(" .!?"))
    return timedelta(minutes=_minutes(found)) if found else None


def asks_to_remind(text: str) -> bool:
    """Whether the message begins "remind me ..." / "set a reminder ..."."""
    return bool(_COMMAND.match(text))


def _read(text: str) -> _Said:
    said = _Said(text, command=bool(_COMMAND.match(text)))
    found = _BEFORE.search(text)
    if found and found.start() > 0:
        said.before, said.text = _minutes(found), text[: found.start()] + text[found.end() :]
        return said
    found = _AT.search(text)
    if found and found.start() > 0 and not said.command:
        clock = extract_slots("at " + re.sub(r"^at\s+", "", found.group("clock"), flags=_F), datetime(2000, 1, 1)).due_time
        if clock is not None:
            said.at, said.text = clock, text[: found.start()]
    return said


def with_reminder(text: str, parse: Callable[[str], ParsedTask], now: datetime, *, reminding: bool = False) -> ParsedTask:
    """`parse(text)`, the to-do read without its reminder, with the reminder the text asks for."""
    said = _read(text)
    said.command = said.command or reminding
    task = parse(said.text)
    if said.at is not None:
        if task.due_date is None:
            task.due_date = now.date() if said.at > now.time() else now.date() + timedelta(days=1)
        if task.due_time is None:
            task.due_time, task.reminder = said.at, {"before": 0}
        else:
            task.reminder = {"before": _gap(task.due_date, task.due_time, said.at)}
    elif said.before is not None:
        if task.due_date is None:
            return parse(text)  # before nothing: the words stay in the title
        if said.before == -1:  # the evening before
            said.before = _gap(task.due_date, task.due_time or time(9, 0), EVENING, days_before=1)
        task.reminder = {"before": said.before}
    elif said.command and task.due_date is not None:
        task.reminder = {"before": 0}
    return task


def _gap(day: date, due: time, remind: time, days_before: int = 0) -> int:
    """Minutes from a reminder at `remind` (that day, or the day before when it is later) to `due`."""
    due_at = datetime.combine(day, due)
    remind_at = datetime.combine(day - timedelta(days=days_before), remind)
    if remind_at > due_at:
        remind_at -= timedelta(days=1)
    return int((due_at - remind_at).total_seconds() // 60)
