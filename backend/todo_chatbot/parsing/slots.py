"""Take the slots of one to-do out of what a person typed.

"Pay rent every 1st p1 #home" -> title "Pay rent", priority high, tag "home",
recurrence FREQ=MONTHLY;BYMONTHDAY=1 and, as its first occurrence, a due date.

How it works: a list of precompiled patterns (tags, priority, recurrence,
dates, times), tried in that order; a match is kept unless it overlaps one
kept before it or its values are impossible ("feb 30", "25:61"). The kept
matches are then read in text order: the first date, the first time, the
first recurrence win, and a later one stays in the title. Reading the words
(_scan) does not depend on the clock; only _resolve uses `now`.

Nothing here imports from the rest of the application: stdlib and dateutil only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal, cast

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, weekday

from . import vocabulary as v
from .lexicon import verb

Priority = Literal["none", "low", "medium", "high"]

MAX_TAGS = 20
MAX_TAG_LENGTH = 32


@dataclass
class ParsedTask:
    """One to-do as typed, with its slots taken out of the title."""

    title: str
    due_date: date | None = None
    due_time: time | None = None
    priority: Priority = "none"
    tags: list[str] = field(default_factory=list)
    recurrence: str | None = None
    # {"before": minutes} when the text asks to be reminded (parsing/reminders.py)
    reminder: dict[str, int] | None = None
    # The text named the day ("friday", "in 2 days"), rather than only a time that falls on the next such hour.
    day_named: bool = field(default=False, compare=False)
    # Where in the text the slots were said (start, end), in order: "on the 3rd, 10am" -> the two.
    spans: list[tuple[int, int]] = field(default_factory=list, compare=False)


def slot_words(text: str, now: datetime) -> str:
    """The words of `text` that say its date, time, repeat, priority and tags, and nothing else
    ("she wants the fire drill on the 3rd, 10am" -> "on the 3rd 10am"): read again, the same slots."""
    return " ".join(text[start:end].strip() for start, end in extract_slots(text, now).spans)


def unquote(text: str) -> str:
    """ "'Buy milk'" -> "Buy milk": one pair of quotes around the whole text goes."""
    text = text.strip()
    if len(text) >= 2 and text[0] in "'\"“" and text[-1] in "'\"”":
        return text[1:-1].strip()
    return text


def as_title(text: str) -> str:
    """A task's title as the chat and quick add store it: unquoted, single-spaced, without trailing
    punctuation, its first letter a capital ("call mum" -> "Call mum"; "iPhone case" stays)."""
    title = " ".join(unquote(text).split()).rstrip(" .!;,")
    return title[:1].upper() + title[1:] if title[:1].islower() and not title[1:2].isupper() else title


# --------------------------------------------------------------------------- what a match means

_DayFn = Callable[[date], date]


@dataclass(slots=True)
class _Clock:
    hour: int
    minute: int
    fixed: bool  # am/pm, 24-hour ("09:00", "15:00") or a named time: never shifted to the afternoon


@dataclass(slots=True)
class _Rule:
    freq: str  # DAILY, WEEKLY, MONTHLY, YEARLY
    interval: int = 1
    bymonth: int | None = None
    bymonthday: tuple[int, ...] = ()
    byday: tuple[tuple[int, int | None], ...] = ()  # (weekday Monday=0, nth of the month or None)
    daypart: str | None = None

    @property
    def pinned(self) -> bool:
        """Whether the rule names its days, so its first occurrence can be worked out."""
        return bool(self.bymonth or self.bymonthday or self.byday)

    def render(self) -> str:
        parts = [f"FREQ={self.freq}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.bymonth:
            parts.append(f"BYMONTH={self.bymonth}")
        if self.bymonthday:
            days = sorted(set(self.bymonthday), key=lambda d: (d < 0, d))
            parts.append("BYMONTHDAY=" + ",".join(map(str, days)))
        if self.byday:
            codes = [f"{n or ''}{v.RRULE_DAYS[wd]}" for wd, n in sorted(set(self.byday), key=lambda x: x[0])]
            parts.append("BYDAY=" + ",".join(codes))
        return ";".join(parts)


@dataclass(slots=True)
class _Slot:
    start: int
    end: int
    kind: Literal["tag", "priority", "rule", "when"]
    tag: str = ""
    priority: Priority = "none"
    rule: _Rule | None = None
    day: _DayFn | None = None  # the date, from today
    shift: timedelta | None = None  # "in 2 hours": date and time from now
    clock: _Clock | None = None
    daypart: str | None = None
    # A word that is a slot only beside others ("sat"): kept if nothing but slots follows it, or a time of day right after.
    bare: bool = False


_Handler = Callable[[re.Match[str], str], "_Slot | None"]

# --------------------------------------------------------------------------- pattern pieces

_F = re.IGNORECASE


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    items = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


_S = r"(?<![\w#@/-])(?<!\w['’])"  # a word starts here (not after "c'" in "c'mon")
_SN = r"(?<![\w#@/:.,-])"  # a number starts here (not inside 1.5, 12:30, 3,000)
_E = r"(?!\w|['’]\w)"  # a word ends here, and is not possessive ("friday's")
_ONLY = r"(?:\s+only)?"  # "weekdays only", "mondays only": the repeat, not a word of the title

_PRE_DAY = (
    r"(?P<pre>(?:due\s*:?\s*)?(?:by|on|before|until|till|til|from|starting(?:\s+(?:on|from))?|beginning|for"
    r"|no\s+later\s+than)\s+|due\s*:?\s+)?"
)
# Relative words take no "on": "turn the heating on tomorrow" keeps its "on".
_PRE_REL = r"(?:(?:due\s*:?\s*)?(?:by|before|until|till|til|from|starting|beginning|for)\s+|due\s*:?\s+)?"

_WD = _alt(v.WEEKDAYS)
_WDP = _alt(v.WEEKDAY_PLURALS)
_WDX = rf"{_WD}\.?(?!\w)"
_WD_ANY = rf"(?:{_WDP}|{_WD}\.?)(?!\w)"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s*/\s*)"
_WDLIST = rf"{_WDX}(?:(?:{_LIST_SEP}|\s+){_WDX})*"  # "every mon wed fri" too
_WD_ANYLIST = rf"{_WD_ANY}(?:{_LIST_SEP}{_WD_ANY})*"
_MON = _alt(v.MONTHS)
_NUM = rf"(?:\d{{1,3}}|{_alt(v.NUMBER_WORDS)})"
_ORD = r"\d{1,2}(?:st|nd|rd|th)(?!\w)"
_ORDLIST = rf"{_ORD}(?:{_LIST_SEP}(?:the\s+)?{_ORD})*"
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?(?![\w:])"
_DAYNUMLIST = rf"{_DAYNUM}(?:{_LIST_SEP}(?:the\s+)?{_DAYNUM})*"
_OTHER = _alt(v.EVERY_OTHER)
_DAYPART = r"(?P<dp>morning|afternoon|evening|night)"

_WD_TOKEN = re.compile(rf"{_WDP}|{_WD}", _F)
_INT = re.compile(r"\d+")
_NEXT_WORD = re.compile(r"\s*(\S+)")
_PREV_WORD = re.compile(r"(\w+)\W*$")
_ARTICLES = frozenset({"the", "a", "an", "my", "your", "his", "her", "our", "their", "some", "of"})
_PRIORITY_CODE = re.compile(r"p[1-4]|![1-4]")


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else v.NUMBER_WORDS[word]


def _interval(word: str | None) -> int:
    if not word:
        return 1
    low = word.lower()
    if low in v.EVERY_OTHER:
        return 2
    digits = _INT.match(low)
    return int(digits.group()) if digits else _number(low)


def _weekdays(text: str) -> tuple[int, ...]:
    return tuple(sorted({_weekday(w) for w in _WD_TOKEN.findall(text)}))


def _weekday(word: str) -> int:
    low = word.lower().rstrip(".")
    return v.WEEKDAY_PLURALS[low] if low in v.WEEKDAY_PLURALS else v.WEEKDAYS[low]


def _max_day(month: int) -> int:
    return 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31


def _follows_ok(text: str, pos: int, verbs: bool = False) -> bool:
    """Whether the word after pos lets what ends at pos be a slot, not an adjective ("daily standup").

    With verbs, a to-do verb may follow too: "at 7 call bob" (but "daily walk" is a kind of walk).
    """
    nxt = _NEXT_WORD.match(text, pos)
    if not nxt:
        return True
    word = nxt.group(1)
    if not word[0].isalpha():
        return True
    low = word.lower().rstrip(".,;:!?")
    # ... or, after a time, who does it: "every saturday at 9 i have umpire crew meeting"
    return low in v.SLOT_FOLLOWERS or (verbs and low in v.TODO_VERBS | {"i", "we"}) or bool(_PRIORITY_CODE.fullmatch(low))


# --------------------------------------------------------------------------- tags and priority


def _tag(m: re.Match[str], text: str) -> _Slot | None:
    name = m.group(1)
    if len(name) > MAX_TAG_LENGTH or not any(c.isalpha() for c in name):
        return None
    return _Slot(m.start(), m.end(), "tag", tag=name.lower())


def _priority(level: str | None = None) -> _Handler:
    def handle(m: re.Match[str], text: str) -> _Slot | None:
        word = (level or m.group("lvl")).lower()
        found = v.PRIORITY_NUMBERS.get(word) or v.PRIORITY_LEVELS.get(word)
        return _Slot(m.start(), m.end(), "priority", priority=cast(Priority, found)) if found else None

    return handle


def _priority_number(m: re.Match[str], text: str) -> _Slot | None:
    return _Slot(m.start(), m.end(), "priority", priority=cast(Priority, v.PRIORITY_NUMBERS[m.group("n")]))


_LEVELS = _alt(v.PRIORITY_LEVELS)

# --------------------------------------------------------------------------- recurrence


def _rule_slot(m: re.Match[str], rule: _Rule, end: int | None = None) -> _Slot:
    return _Slot(m.start(), m.end() if end is None else end, "rule", rule=rule)


def _every_nth_weekday(m: re.Match[str], text: str) -> _Slot | None:
    """ "every first monday", "the last friday of every month": monthly on that weekday."""
    nth = v.ORDINAL_WORDS[m.group("n").lower()]
    every = m.group("lead").lower() in ("every", "each")
    of = (m.group("of") or "").lower()
    if not every and "every" not in of and "each" not in of:
        return None  # "the first monday of the month" is one day, not a rule
    if nth == 2 and not of:
        return None  # "every second monday" is every other week
    return _rule_slot(m, _Rule("MONTHLY", byday=((_weekday(m.group("wd")), nth),)))


def _every_weekdays(m: re.Match[str], text: str) -> _Slot | None:
    days = tuple((d, None) for d in _weekdays(m.group("days")))
    dp = m.group("dp")
    return _rule_slot(m, _Rule("WEEKLY", _interval(m.group("iv")), byday=days, daypart=dp.lower() if dp else None))


def _every_last_day(m: re.Match[str], text: str) -> _Slot | None:
    return _rule_slot(m, _Rule("MONTHLY", bymonthday=(-1,)))


def _every_date(m: re.Match[str], text: str) -> _Slot | None:
    month = v.MONTHS[(m.group("m1") or m.group("m2")).lower()]
    day = int(m.group("d1") or m.group("d2"))
    if not 1 <= day <= _max_day(month):
        return None
    return _rule_slot(m, _Rule("YEARLY", bymonth=month, bymonthday=(day,)))


def _month_days(text: str) -> tuple[int, ...] | None:
    days = tuple(int(d) for d in _INT.findall(text))
    return days if days and all(1 <= d <= 31 for d in days) else None


def _every_month_day(m: re.Match[str], text: str) -> _Slot | None:
    days = _month_days(m.group("mds") or m.group("mds2") or m.group("mds3") or m.group("mds4"))
    return _rule_slot(m, _Rule("MONTHLY", bymonthday=days)) if days else None


_UNITS: dict[str, _Rule] = {
    "day": _Rule("DAILY"),
    "week": _Rule("WEEKLY"),
    "month": _Rule("MONTHLY"),
    "year": _Rule("YEARLY"),
    "quarter": _Rule("MONTHLY", 3),
    "weekday": _Rule("WEEKLY", byday=tuple((d, None) for d in range(5))),
    "weekend": _Rule("WEEKLY", byday=((5, None), (6, None))),
    "morning": _Rule("DAILY", daypart="morning"),
    "afternoon": _Rule("DAILY", daypart="afternoon"),
    "evening": _Rule("DAILY", daypart="evening"),
    "night": _Rule("DAILY", daypart="night"),
}
_ADVERBS: dict[str, _Rule] = {
    "daily": _UNITS["day"],
    "everyday": _UNITS["day"],
    "nightly": _UNITS["night"],
    "weekly": _UNITS["week"],
    "biweekly": _Rule("WEEKLY", 2),
    "bi-weekly": _Rule("WEEKLY", 2),
    "fortnightly": _Rule("WEEKLY", 2),
    "monthly": _UNITS["month"],
    "quarterly": _UNITS["quarter"],
    "yearly": _UNITS["year"],
    "annually": _UNITS["year"],
    "weekdays": _UNITS["weekday"],
    "weekends": _UNITS["weekend"],
}
_UNIT_WORDS = (
    r"weekdays?|weekends?|work\s*days?|working\s+days?|business\s+days?|days?|weeks?|months?|years?|quarters?"
    r"|mornings?|afternoons?|evenings?|nights?"
)


def _unit_key(word: str) -> str:
    low = " ".join(word.lower().split()).rstrip("s")
    return "weekday" if low in ("work day", "workday", "working day", "business day") else low


def _every_unit(m: re.Match[str], text: str) -> _Slot | None:
    """ "every day", "every 3 days", "every other week on monday", "monthly on the 15th", "weekly"."""
    if m.group("unit"):
        base = _UNITS[_unit_key(m.group("unit"))]
        interval = _interval(m.group("iv")) * base.interval
    else:
        base = _ADVERBS[m.group("adv").lower()]
        interval = base.interval
        plural = m.group("adv").lower() in ("weekdays", "weekends")
        if not (m.group("tail") or m.group("on") or plural or _follows_ok(text, m.end())):
            return None  # "daily standup", "weekly report": part of the title
    if interval < 1:
        return None
    rule = _Rule(base.freq, interval, base.bymonth, base.bymonthday, base.byday, base.daypart)
    if not m.group("tail"):
        return _rule_slot(m, rule)
    tail_fits = True
    if m.group("t_days"):
        tail_fits = rule.freq == "WEEKLY" and not rule.byday
        rule.byday = tuple((d, None) for d in _weekdays(m.group("t_days")))
    elif m.group("t_last"):
        tail_fits = rule.freq == "MONTHLY"
        rule.bymonthday = (-1,)
    elif m.group("t_mds"):
        days = _month_days(m.group("t_mds"))
        tail_fits = rule.freq == "MONTHLY" and days is not None
        rule.bymonthday = days or ()
    else:
        month = v.MONTHS[(m.group("t_m1") or m.group("t_m2")).lower()]
        day = int(m.group("t_d1") or m.group("t_d2"))
        tail_fits = rule.freq == "YEARLY" and 1 <= day <= _max_day(month)
        rule.bymonth, rule.bymonthday = month, (day,)
    if not tail_fits:  # "every day on friday": keep the rule, leave the tail to be read as a date
        return _rule_slot(m, _Rule(base.freq, interval, base.bymonth, base.bymonthday, base.byday, base.daypart), end=m.start("tail"))
    return _rule_slot(m, rule)


def _plural_weekdays(m: re.Match[str], text: str) -> _Slot | None:
    """ "mondays and thursdays", "on fridays"."""
    if not m.group("on") and not _follows_ok(text, m.end()):
        return None
    return _rule_slot(m, _Rule("WEEKLY", byday=tuple((d, None) for d in _weekdays(m.group("days")))))


# --------------------------------------------------------------------------- dates


def _when(
    m: re.Match[str],
    day: _DayFn | None = None,
    *,
    shift: timedelta | None = None,
    clock: _Clock | None = None,
    daypart: str | None = None,
) -> _Slot:
    return _Slot(m.start(), m.end(), "when", day=day, shift=shift, clock=clock, daypart=daypart)


def _upcoming(wd: int) -> _DayFn:
    return lambda today: today + timedelta(days=(wd - today.weekday()) % 7)


def _in_next_week(wd: int) -> _DayFn:
    return lambda today: today + timedelta(days=7 - today.weekday() + wd)


def _weekend(today: date) -> date:
    return today if today.weekday() >= 5 else _upcoming(5)(today)


def _end_of_week(today: date) -> date:
    return today if today.weekday() >= 4 else _upcoming(4)(today)


_RELATIVE_DAYS: dict[str, _DayFn] = {
    "today": lambda d: d,
    "tomorrow": lambda d: d + timedelta(days=1),
    "day after tomorrow": lambda d: d + timedelta(days=2),
    "next week": _in_next_week(0),
    "next month": lambda d: d.replace(day=1) + relativedelta(months=1),
    "next year": lambda d: date(d.year + 1, 1, 1),
    "end of week": _end_of_week,
    "end of month": lambda d: d + relativedelta(day=31),
    "end of year": lambda d: date(d.year, 12, 31),
}


_LEADING_THE = re.compile(r"^the ")
_END_OF_THE = re.compile(r"\b(?:the|this) (?=week|month|year)")
_THIS_DAYPART = re.compile(r"this\s+(morning|afternoon|evening)", _F)


def _relative_key(word: str) -> str:
    low = " ".join(word.lower().split())
    low = _END_OF_THE.sub("", _LEADING_THE.sub("", low))
    for words, key in ((v.TODAY_WORDS, "today"), (v.TOMORROW_WORDS, "tomorrow")):
        if low in words:
            return key
    if low.startswith("day after") or low == "overmorrow":
        return "day after tomorrow"
    return {"eow": "end of week", "eom": "end of month", "eoy": "end of year"}.get(low, low)


def _relative_day(m: re.Match[str], text: str) -> _Slot | None:
    word = m.group("w")
    low = word.lower()
    if low in v.TONIGHT_WORDS:
        return _when(m, _RELATIVE_DAYS["today"], daypart="night")
    this = _THIS_DAYPART.fullmatch(low)
    if this:
        return _when(m, _RELATIVE_DAYS["today"], daypart=this.group(1))
    dp = m.group("dp")
    return _when(m, _RELATIVE_DAYS[_relative_key(word)], daypart=dp.lower() if dp else None)


def _weekend_day(m: re.Match[str], text: str) -> _Slot | None:
    mod = (m.group("mod") or "").lower()
    if mod in ("", "the") and not m.group("pre") and not _follows_ok(text, m.end()):
        return None  # "plan weekend trip", "post the weekend menu"
    return _when(m, _in_next_week(5) if mod == "next" else _weekend)


# read backwards: a capitalised day after a capitalised word, mid-text ("… Business Saturday")
_IN_A_NAME = re.compile(r"[a-z]*[A-Z] +[a-z]*[A-Z](?=\s)")


def _weekday_date(m: re.Match[str], text: str) -> _Slot | None:
    token = m.group("wd").lower().rstrip(".")
    mod = " ".join((m.group("mod") or "").lower().split())
    week = (m.group("wk") or "").lower()
    dp = m.group("dp")
    bare = token in v.AMBIGUOUS_WEEKDAYS and not (m.group("pre") or mod or week or dp)
    if bare:
        prev = _PREV_WORD.search(text, 0, m.start())
        if prev and prev.group(1).lower() in _ARTICLES:
            return None  # "enjoy the sun"; "buy sun cream" is dropped by _scan
    if _IN_A_NAME.match(text[: m.end("wd")][::-1]) and len(_weekdays(text)) > 1 and not (m.group("pre") or mod):
        return None  # "set up Small Business Saturday display friday": a day in a name, beside the to-do's own day
    wd = v.WEEKDAYS[token]
    following = mod in ("next", "following") or week == "next"
    slot = _when(m, _in_next_week(wd) if following else _upcoming(wd), daypart=dp.lower() if dp else None)
    slot.bare = bare
    return slot


def _next_month_day(month: int, day: int) -> _DayFn:
    def resolve(today: date) -> date:
        for year in range(today.year, today.year + 9):
            if day <= 28 or (day <= _max_day(month) and (month != 2 or _leap(year))):
                candidate = date(year, month, day)
                if candidate >= today:
                    return candidate
        raise ValueError("no such day")

    return resolve


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _month_day(m: re.Match[str], text: str) -> _Slot | None:
    month = v.MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    day = int(m.group("d1") or m.group("d2"))
    if m.group("y"):
        try:
            fixed = date(int(m.group("y")), month, day)
        except ValueError:
            return None
        return _when(m, lambda _today: fixed)
    if not 1 <= day <= _max_day(month):
        return None  # "feb 30" is not a date
    return _when(m, _next_month_day(month, day))


def _iso_date(m: re.Match[str], text: str) -> _Slot | None:
    try:
        fixed = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return _when(m, lambda _today: fixed)


def _day_of_month(m: re.Match[str], text: str) -> _Slot | None:
    """ "by the 15th": the next 15th, this month or a later one that has it."""
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None

    def resolve(today: date) -> date:
        first = today.replace(day=1)
        for ahead in range(13):
            month = first + relativedelta(months=ahead)
            if day <= (month + relativedelta(day=31)).day and month.replace(day=day) >= today:
                return month.replace(day=day)
        raise ValueError("no such day")

    return _when(m, resolve)


def _in_delta(m: re.Match[str], text: str) -> _Slot | None:
    """ "in 3 days", "in a week", "in 2 hours", "3 weeks from now"."""
    n = _number(m.group("n"))
    unit = m.group("u").lower()
    if unit[0] == "h" or unit.startswith("min"):
        return _when(m, shift=timedelta(hours=n) if unit[0] == "h" else timedelta(minutes=n))
    if unit[0] == "d":
        delta = relativedelta(days=n)
    elif unit[0] == "w":
        delta = relativedelta(weeks=n)
    elif unit[0] == "m":
        delta = relativedelta(months=n)
    else:
        delta = relativedelta(years=n)
    return _when(m, lambda today: today + delta)


# --------------------------------------------------------------------------- times


def _hour_minute(h: str, mi: str | None) -> tuple[int, int]:
    return int(h), int(mi) if mi else 0


def _ampm(m: re.Match[str], text: str) -> _Slot | None:
    hour, minute = _hour_minute(m.group("h"), m.group("mi"))
    if not 1 <= hour <= 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
    return _when(m, clock=_Clock(hour, minute, fixed=True))


def _clock24(m: re.Match[str], text: str) -> _Slot | None:
    hour, minute = _hour_minute(m.group("h"), m.group("mi"))
    if hour > 23 or minute > 59:
        return None  # "25:61" stays in the title
    fixed = hour == 0 or hour >= 13 or m.group("h").startswith("0")
    return _when(m, clock=_Clock(hour, minute, fixed))


def _clock24_figures(m: re.Match[str], text: str) -> _Slot | None:
    """ "at 1430", "tmrw 0600": a time in four figures, unless a word follows that it numbers ("at 1420 birch ln")."""
    return _clock24(m, text) if _follows_ok(text, m.end(), verbs=True) else None


def _at_hour(m: re.Match[str], text: str) -> _Slot | None:
    """ "at 9", "9 o'clock": "at 9" is a time only when the next word is not what it counts ("look at 5 options")."""
    digits = m.group("h") or m.group("h2")
    hour = int(digits)
    if hour > 23 or not (m.group("h2") or m.group("oc") or _follows_ok(text, m.end(), verbs=True)):
        return None
    return _when(m, clock=_Clock(hour, 0, fixed=hour == 0 or hour >= 13 or digits.startswith("0")))


def _hour_after_day(m: re.Match[str], text: str) -> _Slot | None:
    hour, minute = _hour_minute(m.group("h"), m.group("mi"))
    if not 1 <= hour <= 12 or minute > 59:
        return None
    return _when(m, clock=_Clock(hour, minute, fixed=False))  # 1 to 5 in the afternoon (vocabulary.BARE_PM_HOURS)


_WHEN_BEFORE = re.compile(r"(?:\d(?:am|pm|st|nd|rd|th)|:\d\d|day|tomorrow|tmrw|today|tonight)$", _F)
_DAYPART_BEFORE = re.compile(r"\b(?:morning|afternoon|evening|night)$", _F)


def _level_after_when(m: re.Match[str], text: str) -> _Slot | None:
    """ "… for tomorrow 9am high": a level said bare last, right after the to-do's day or time."""
    return _priority()(m, text) if _WHEN_BEFORE.search(text, 0, m.start()) else None


def _hour_in_daypart(m: re.Match[str], text: str) -> _Slot | None:
    hour, minute = _hour_minute(m.group("h"), m.group("mi"))
    if not 1 <= hour <= 12 or minute > 59 or not _DAYPART_BEFORE.search(text, 0, m.start()):
        return None
    morning = text[: m.start()].rstrip().lower().endswith("morning")
    hour = hour % 12 if morning else hour % 12 + 12
    return _when(m, clock=_Clock(hour, minute, fixed=True))


def _named_time(m: re.Match[str], text: str) -> _Slot | None:
    hour, minute = v.NAMED_TIMES[m.group("n").lower()]
    return _when(m, clock=_Clock(hour, minute, fixed=True))


def _daypart(m: re.Match[str], text: str) -> _Slot | None:
    return _when(m, daypart=(m.group("dp") or "night").lower())


# --------------------------------------------------------------------------- the patterns, in order

_REL_WORDS = "|".join(
    [
        r"day\s+after\s+(?:tomorrow|tmrw|tmr)",
        "overmorrow",
        _alt(v.TONIGHT_WORDS),
        _alt(v.TOMORROW_WORDS),
        _alt(v.TODAY_WORDS),
        r"this\s+(?:morning|afternoon|evening)",
        r"next\s+(?:week|month|year)",
        r"end\s+of\s+(?:the\s+|this\s+)?(?:week|month|year)",
        "eom",
        "eoy",
    ]
)
_TIME_PRE = r"(?:(?:at|by|before|around|from|until|till)\s+|@\s*)?"
_TAIL = (
    rf"(?P<tail>\s+on\s+(?:(?P<t_days>{_WD_ANYLIST})|the\s+(?P<t_last>last\s+day)|the\s+(?P<t_mds>{_DAYNUMLIST})"
    rf"|(?P<t_m1>{_MON})\.?\s+(?P<t_d1>\d{{1,2}})(?:st|nd|rd|th)?(?![\w:])"
    rf"|(?:the\s+)?(?P<t_d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<t_m2>{_MON})\.?(?!\w)))?"
)

_WEEKDAY_ALT = "|".join(sorted((n for n in v.WEEKDAYS if len(n) >= 3), key=len, reverse=True))
_DAY_WORDS = [*(n for n in v.WEEKDAYS if len(n) >= 3), "today", "tomorrow", "tmrw", "tonight"]
_AFTER_DAY = "(?:" + "|".join(f"(?<=\\b{w})" for w in _DAY_WORDS) + ")"

_PATTERN_TABLE: list[tuple[str, _Handler]] = [
    # tags: unicode letters, digits, - and _; not "#2", not C#, not a URL's #anchor
    (r"(?<![\w#&/])#(\w(?:[\w-]*\w)?)(?![\w-])", _tag),
    # priority
    (r"(?<![\w#!-])p(?P<n>[1-4])(?![\w-])", _priority_number),
    (r"(?<![\w!])!{1,2}(?P<n>[1-4])(?!\w)", _priority_number),
    (r"(?<![\w#])(?:not\s+urgent|non-?urgent|no\s+rush)(?!\w)", _priority("low")),
    (rf"(?<![\w#])(?P<lvl>{_LEVELS})[\s-]+(?:priority|prio|pri)(?!\w)", _priority()),
    (rf"(?<![\w#])(?:priority|prio)\s*(?::|=|-|is)?\s*(?P<lvl>{_LEVELS}|[1-4])(?!\w)", _priority()),
    # "call the landlord at noon, it's important"
    (r",?\s+(?:it'?s|it\s+is|this\s+is|that'?s)\s+(?:really\s+|very\s+|super\s+)?(?:important|urgent)\s*$", _priority("high")),
    (r",\s*(?:really\s+|very\s+|super\s+)?important\s*$", _priority("high")),  # "…, important"
    (r",\s*(?P<lvl>high|low|medium|urgent)(?=(?:\s+#[\w-]+)*\s*$)", _priority()),  # "…, high", "…, high #docs"
    # "… for tomorrow 9am high": a level said bare last, after the to-do's day or time
    (r"\s(?P<lvl>high|low|medium)\s*$", _level_after_when),
    (r"(?<![\w#])(?:urgent(?:ly)?|asap|a\.s\.a\.p\.?)(?!\w)(?!\s+care\b)", _priority("high")),
    (r"^\s*important\s*[:!-]+|[(\[]\s*important\s*[)\]]", _priority("high")),
    (rf"[(\[]\s*(?P<lvl>{_LEVELS})(?:[\s-]+(?:priority|prio|pri))?\s*[)\]]", _priority()),  # "reorder labels (high)"
    # "crash on alt-tab (high, tag bug)", "(tag bug, low)": a level and a tag listed in brackets
    (rf"(?<=[(\[])\s*(?P<lvl>{_LEVELS})(?:[\s-]+(?:priority|prio|pri))?\s*(?=,)", _priority()),
    (rf"(?<=,)\s*(?P<lvl>{_LEVELS})(?:[\s-]+(?:priority|prio|pri))?\s*(?=[)\]])", _priority()),
    (r"(?<=[(\[,])\s*(?:tag(?:ged)?|label(?:led)?)\s*:?\s+#?(\w(?:[\w-]*\w)?)(?=\s*[,)\]])", _tag),
    # "text the tenants tmrw 8am important": the last word, after the to-do's own
    (r"(?<=\S)\s+(?:very\s+|really\s+|super\s+)?important\s*[!.]*$", _priority("high")),
    # recurrence
    (
        (
            rf"{_S}(?P<lead>every|each|on\s+the|the)\s+(?P<n>{_alt(v.ORDINAL_WORDS)})\s+(?P<wd>{_WDX})"
            rf"(?P<of>\s+of\s+(?:the|every|each)\s+month)?{_E}"
        ),
        _every_nth_weekday,
    ),
    (rf"{_S}(?:every|each)\s+(?:(?P<iv>{_OTHER})\s+)?(?P<days>{_WDLIST})(?:\s+{_DAYPART})?{_E}", _every_weekdays),
    # "gym mon wed fri at 7am", "tue/thu": days named together without "every" are the days it repeats
    (
        rf"{_S}(?:on\s+)?(?P<iv>(?!))?(?P<days>{_WDX}(?:(?:{_LIST_SEP}|\s+){_WDX}){{2,}}|{_WDX}(?:\s*/\s*|\s+){_WDX})"
        rf"(?:\s+{_DAYPART})?{_E}",
        _every_weekdays,
    ),
    (
        (
            rf"{_S}(?:(?:every|each)\s+(?:month\s+on\s+the\s+)?last\s+day(?:\s+of\s+(?:the|every|each)\s+month)?"
            r"|(?:on\s+)?the\s+last\s+day\s+of\s+(?:every|each)\s+month|(?:every|each)\s+end\s+of\s+(?:the\s+)?month"
            rf"|monthly\s+on\s+the\s+last\s+day){_E}"
        ),
        _every_last_day,
    ),
    (
        (
            rf"{_S}(?:every|each)\s+(?:year\s+on\s+)?(?:(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            rf"(?P<m2>{_MON})\.?|(?P<m1>{_MON})\.?\s+(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?)(?![\w:])"
        ),
        _every_date,
    ),
    (
        (
            rf"{_S}(?:(?:every|each)\s+month\s+on\s+the\s+(?P<mds4>{_DAYNUMLIST})"
            rf"|(?:every|each)\s+(?:the\s+)?(?P<mds>{_ORDLIST})(?:\s+(?:day\s+)?of\s+(?:the|every|each)\s+month)?"
            rf"|(?:on\s+)?the\s+(?P<mds2>{_ORDLIST})\s+(?:day\s+)?of\s+(?:every|each)\s+month"
            rf"|monthly\s+on\s+the\s+(?P<mds3>{_DAYNUMLIST}))"
            rf"(?!\s+{_WD_ANY}|\s+(?:day|week|month|year)s?\b){_E}"
        ),
        _every_month_day,
    ),
    (
        (
            rf"{_S}(?:(?:every|each)\s+(?:(?P<iv>{_OTHER}|{_NUM}|\d{{1,3}}(?:st|nd|rd|th))\s+)?(?P<unit>{_UNIT_WORDS})"
            rf"|(?P<on>on\s+)?(?P<adv>{_alt(_ADVERBS)})){_TAIL}{_ONLY}{_E}"
        ),
        _every_unit,
    ),
    (rf"{_S}(?P<on>(?:on|to)\s+)?(?P<days>{_WDP}(?:{_LIST_SEP}{_WDP})*){_ONLY}{_E}", _plural_weekdays),
    # dates
    (rf"{_SN}{_PRE_DAY}(?P<y>\d{{4}})[-/](?P<m>\d{{1,2}})[-/](?P<d>\d{{1,2}})(?![\w/-])", _iso_date),
    (
        (
            rf"{_S}{_PRE_DAY}(?:the\s+)?(?:(?P<m1>{_MON})\.?\s+(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MON})\.?)(?![\w:])"
            r"(?:,?\s+(?P<y>\d{4})(?!\w))?"
        ),
        _month_day,
    ),
    (
        (
            rf"{_S}{_PRE_REL}(?:in|within)\s+(?P<n>{_NUM})\s*"
            r"(?P<u>days?|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|h|minutes?|mins?)(?:['’]s?\s+time)?"
            rf"{_E}"
        ),
        _in_delta,
    ),
    (
        (
            rf"{_S}{_PRE_REL}(?P<n>{_NUM})\s+(?P<u>days?|weeks?|months?|years?|hours?|minutes?)\s+from\s+(?:now|today)"
            rf"{_E}"
        ),
        _in_delta,
    ),
    # "dress rehearsal sat the 5th 2pm": a weekday, then the day of the month it is
    (rf"{_S}{_PRE_DAY}(?:{_WD})\.?,?\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th){_E}", _day_of_month),
    (
        (
            rf"{_S}{_PRE_DAY}(?:(?P<mod>this\s+coming|coming|this|next|following|upcoming)\s+)?(?P<wd>{_WD})\.?(?!\w)"
            rf"(?:\s+(?P<wk>this|next)\s+week)?(?:\s+{_DAYPART})?{_E}"
        ),
        _weekday_date,
    ),
    (rf"{_S}{_PRE_REL}(?:the\s+)?(?P<w>{_REL_WORDS})(?:\s+{_DAYPART})?{_E}", _relative_day),
    (rf"{_S}{_PRE_DAY}(?:over\s+)?(?:(?P<mod>this\s+coming|coming|this|next|the)\s+)?weekend{_E}", _weekend_day),
    (rf"{_S}(?:(?:due\s+)?(?:on|by|before|until|till|for)|due)\s+the\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th){_E}", _day_of_month),
    # "scrimmage vs. Central the 22nd at 6pm", "… the 22nd": "the" alone, before a time or at the end
    (
        rf"{_S}the\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)(?=\s+(?:at\s+|@\s*)?\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\s*$)",
        _day_of_month,
    ),
    # times
    (rf"{_SN}{_TIME_PRE}(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?P<ap>a|p)\.?m\.?(?!\w)", _ampm),
    (rf"{_SN}{_TIME_PRE}(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?![\w:]|[.,]\d)", _clock24),
    (
        (
            rf"{_SN}(?:(?:at|@)\s*(?P<h>\d{{1,2}})(?P<oc>\s*o['’]?clock)?|(?P<h2>\d{{1,2}})\s*o['’]?clock)"
            r"(?![\w:]|[.,]\d)"
        ),
        _at_hour,
    ),
    (rf"{_S}{_TIME_PRE}(?:12\s+)?(?P<n>noon|midday|midnight){_E}", _named_time),
    # "cite check the brief by 5 today": an hour said bare after "by", before the day or at the end
    (
        rf"{_SN}(?:by|before)\s+(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?(?=\s*(?:[,;#]|$|(?:today|tonight|tomorrow|tmrw|{_WEEKDAY_ALT})\b))",
        _hour_after_day,
    ),
    # "review the notams tmrw 0600", "at 1430": a 24-hour time in four figures, after the day or "at"
    (rf"(?:{_AFTER_DAY}\s+|{_SN}(?:at|@)\s*)(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)(?![\w:])", _clock24_figures),
    # "staff meeting monday 11", "call dana tmrw 3": an hour said bare right after the day, ending the to-do
    (rf"{_AFTER_DAY}\s+(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?(?=\s*(?:[,;#]|$))", _hour_after_day),
    # "do it tomorrow morning 9", "friday evening 7": an hour said bare after the part of the day, in that part
    (r"\s(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?(?=\s*(?:[,;#]|$))", _hour_in_daypart),
    (rf"{_S}(?:(?:in|during)\s+the\s+{_DAYPART}|at\s+night){_E}", _daypart),
]


_PATTERNS: list[tuple[re.Pattern[str], _Handler]] = [(re.compile(p, _F), h) for p, h in _PATTERN_TABLE]
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def _scan(text: str) -> list[_Slot]:
    """Every slot in text, in text order; quoted words are never slots."""
    taken = [m.span() for m in _QUOTED.finditer(text)]
    found: list[_Slot] = []
    for pattern, handle in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if start == end or any(start < e and s < end for s, e in taken):
                continue
            slot = handle(m, text)
            if slot is not None:
                taken.append((slot.start, slot.end))
                found.append(slot)
    found.sort(key=lambda s: s.start)
    return _without_loose_words(text, found)


_GAP = " \t.,;:!?"


def _without_loose_words(text: str, found: list[_Slot]) -> list[_Slot]:
    """found less its bare words that have other words after them, unless a time of day comes right after.

    "pay bills sat #home p1", "call bob wed at 5pm about it" and "sun in the morning" keep their day;
    "buy sun cream" and "sat on the chair" are titles.
    """
    kept: list[_Slot] = []
    slots_only = True  # from the gap being looked at to the end of the text: only slots and punctuation
    gap_end = len(text)
    for slot in reversed(found):
        gap = text[slot.end : gap_end]
        slots_only = slots_only and not gap.strip(_GAP)
        nxt = kept[-1] if kept else None
        time_after = nxt is not None and nxt.day is None and bool(nxt.clock or nxt.daypart) and not gap.strip()
        if slot.bare and not (slots_only or time_after):
            continue  # a word of the title: the gap before the next slot now holds it
        kept.append(slot)
        gap_end = slot.start
    kept.reverse()
    return kept


def when_spans(text: str) -> list[tuple[int, int]]:
    """Where text names a date, a time or a recurrence, plus its quoted parts (used to split messages)."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    spans += [(s.start, s.end) for s in _scan(text) if s.kind in ("when", "rule")]
    return sorted(spans)


# --------------------------------------------------------------------------- resolving against `now`

_FREQS: dict[str, Literal[0, 1, 2, 3, 4, 5, 6]] = {"DAILY": DAILY, "WEEKLY": WEEKLY, "MONTHLY": MONTHLY, "YEARLY": YEARLY}


def _clock_time(clock: _Clock | None, daypart: str | None) -> time | None:
    if clock is None:
        return time(*v.DAYPARTS[daypart]) if daypart else None
    hour = clock.hour
    pm = daypart in v.PM_DAYPARTS or (daypart is None and hour in v.BARE_PM_HOURS)
    if not clock.fixed and hour < 12 and pm:
        hour += 12
    return time(hour, clock.minute)


def _first_occurrence(rule: _Rule, start: date, at: time | None, now: datetime | None) -> date:
    """The rule's first day on or after start; after `now` itself when now is given (a time today may be past)."""
    dtstart = datetime.combine(start, at or time.min)
    dates = rrule(
        _FREQS[rule.freq],
        dtstart=dtstart,
        bymonth=rule.bymonth,
        bymonthday=rule.bymonthday or None,
        byweekday=[weekday(wd, n) for wd, n in rule.byday] or None,
    )
    found = dates.after(now, inc=False) if now is not None and now >= dtstart else dates.after(dtstart, inc=True)
    return found.date() if found else start


def _next_at(at: time, now: datetime) -> date:
    """Today if `at` is still ahead, else tomorrow."""
    today = now.date()
    return today if datetime.combine(today, at) > now else today + timedelta(days=1)


def extract_slots(text: str, now: datetime) -> ParsedTask:
    """One to-do: take its dates, times, recurrence, priority and tags out of text.

    `now` is the user's local wall-clock time; "today", "friday" and "at 5pm" are read against it.
    """
    if now.tzinfo is not None:
        now = now.replace(tzinfo=None)
    used: list[tuple[int, int]] = []
    tags: list[str] = []
    priority: Priority = "none"
    rule: _Rule | None = None
    day: _DayFn | None = None
    shift: timedelta | None = None
    clock: _Clock | None = None
    daypart: str | None = None
    for slot in _scan(text):
        span = (slot.start, slot.end)
        if slot.kind == "tag":
            if slot.tag not in tags:
                if len(tags) >= MAX_TAGS:
                    continue
                tags.append(slot.tag)
        elif slot.kind == "priority":
            if v.PRIORITY_RANK[slot.priority] > v.PRIORITY_RANK[priority]:
                priority = slot.priority
        elif slot.rule is not None:
            if rule is not None or (slot.rule.daypart and daypart):
                continue  # a second recurrence stays in the title
            rule = slot.rule
            daypart = daypart or rule.daypart
        else:
            dated = slot.day is not None or slot.shift is not None
            if (dated and (day is not None or shift is not None)) or (slot.clock and clock) or (slot.daypart and daypart):
                continue  # a second date or time stays in the title
            if dated:
                day, shift = slot.day, slot.shift
            clock, daypart = clock or slot.clock, daypart or slot.daypart
        used.append(span)

    task = ParsedTask(_title(text, used), priority=priority, tags=sorted(tags))
    try:
        task.due_date, task.due_time = _resolve(now, rule, day, shift, clock, daypart)
    except (ValueError, OverflowError):  # past the year 9999
        task.due_date, task.due_time = None, None
    if rule and day is not None and task.due_date and not (rule.bymonthday or rule.byday or rule.bymonth):
        if rule.freq == "MONTHLY":  # "on the 1st every month": every month on the 1st
            rule.bymonthday = (task.due_date.day,)
        elif rule.freq == "WEEKLY":  # "every week, friday": every week on friday
            rule.byday = ((task.due_date.weekday(), None),)
    task.recurrence = rule.render() if rule else None
    task.day_named = day is not None or shift is not None
    task.spans = sorted(used)
    return task


def _resolve(
    now: datetime,
    rule: _Rule | None,
    day: _DayFn | None,
    shift: timedelta | None,
    clock: _Clock | None,
    daypart: str | None,
) -> tuple[date | None, time | None]:
    """The due date and time the slots mean at `now`; completes a weekly rule with its day."""
    today = now.date()
    if shift is not None:
        moment = now + shift
        return moment.date(), time(moment.hour, moment.minute)
    at = _clock_time(clock, daypart)
    due = day(today) if day else None
    if clock is None and at is not None and due == today and at <= now.time():
        at = None  # "tonight" said at 21:00: today, not an hour already gone
    if rule is not None:
        if rule.freq == "WEEKLY" and not rule.byday and due is not None:
            rule.byday = ((due.weekday(), None),)
        if rule.pinned:
            due = _first_occurrence(rule, due or today, at, now if due is None and at is not None else None)
    if due is None and at is not None:
        due = _next_at(at, now)
    return due, at if due is not None else None


# --------------------------------------------------------------------------- the title

_MARK = "\x00"
_EMPTY_BRACKETS = re.compile(r"[(\[](?:\s|\x00)*[)\]]")
# "(high priority, frost tuesday night)": brackets a slot was taken from hold no more of the title
_SLOTTED_BRACKETS = re.compile(r"\([^()\x00]*\x00[^()]*\)")
_REMARK_IN_BRACKETS = re.compile(v.REMARK_IN_BRACKETS, re.IGNORECASE)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:.!?)\]])")
_REPEATED_SEPARATORS = re.compile(r"([,;:])(?:\s*[,;:])+")
_END_PUNCT = ",;:.!-–—"
_START_PUNCT = ",;:-–—"


def _a_verb(word: str) -> bool:
    """A verb a person says they do ("back" of "I back up …"), not one that says they must ("have", "need")."""
    low = word.lower()
    return low not in _MUST and (low in v.TODO_VERBS or verb(low))


_MUST = {"have", "need", "want", "got", "gotta", "must", "should", "will", "can", "am", "do", "ought", "also", "still", "really", "just"}


def _trim(tokens: list[str], at_end: bool) -> None:
    """Drop slot marks, punctuation, fillers and (next to a slot) dangling connectors at one end."""
    cut = False
    i = -1 if at_end else 0
    while tokens:
        token = tokens[i]
        if token == _MARK:
            cut = True
            tokens.pop(i)
            continue
        bare = token.rstrip(_END_PUNCT) if at_end else token.lstrip(_START_PUNCT)
        if bare != token:
            if not bare:
                tokens.pop(i)
                continue
            tokens[i] = token = bare
        low = token.lower()
        if at_end and low == "you" and len(tokens) > 1 and tokens[-2].lower() == "thank":
            del tokens[-2:]
            continue
        if not at_end and cut and low in ("i", "we") and len(tokens) > 1 and _a_verb(tokens[1]):
            tokens.pop(i)  # "every month on the 1st I back up my research database": who does it, after its slots
            continue
        looked_at = at_end and low in ("at", "over", "into") and len(tokens) > 1 and tokens[-2].lower() in _LOOKING
        if low in (v.TRAILING_FILLERS if at_end else v.LEADING_FILLERS) or (cut and low in v.CONNECTORS and not looked_at):
            tokens.pop(i)
            continue
        break


_LOOKING = {"look", "looked", "looking", "checked", "gone", "went", "read", "talked"}  # "get the prop looked at tmrw"


def _title(text: str, used: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    pos = 0
    for start, end in sorted(used):
        pieces += [text[pos:start], f" {_MARK} "]
        pos = end
    pieces.append(text[pos:])
    joined = _SLOTTED_BRACKETS.sub(f" {_MARK} ", "".join(pieces))
    tokens = _EMPTY_BRACKETS.sub(f" {_MARK} ", _REMARK_IN_BRACKETS.sub(f" {_MARK} ", joined)).split()
    _trim(tokens, at_end=True)
    _trim(tokens, at_end=False)
    title = " ".join(t for t in tokens if t != _MARK)
    title = _REPEATED_SEPARATORS.sub(r"\1", _SPACE_BEFORE_PUNCT.sub(r"\1", title)).strip()
    if not any(c.isalnum() for c in title):
        return " ".join(text.split())  # all slots ("tomorrow"): the words themselves are the title
    return title
