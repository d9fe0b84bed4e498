"""Correcting the previous turn: "no, I meant thursday", "wait, make that 6pm", "sorry, the 14th",
"oops not saturday, sunday", "sorry its mr patel not mrs". The previous turn's change made again with
the new value: a day or time; the day a weekly repeat falls on, when the old day named is the
repeat's; a word of the title the old word names; with "I meant", the title. A correction of
nothing, or by words that are none of these, changes nothing and says so: it never adds a task.

A named function of the reading and the dialogue state, tried by interpret.interpret for a message
with no command word; `reread` reads the words after the correction's own on their own (interpret's
command_for), so "wait, make that 6pm" is that request.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from ...parsing.vocabulary import RRULE_DAYS, WEEKDAYS
from . import vocabulary_repair as repair
from .asides import aside
from .command import Command
from .pasted import level
from .ranking import ref_words
from .reading import FLAGS, Reading, clean, only_when, slots_in, without_aside
from .repair import MARKERS
from .reply import Reply
from .sentences import sentences
from .state import Change, Context, State

_ALSO = re.compile(r"[\s,]*(?:and |also |plus |oh and |and also )+", FLAGS)
_LEVEL = re.compile(repair.PRIORITY_LEVEL, FLAGS)
_FILLER_END = re.compile(r"(?:\s+(?:actually|sorry|instead|then|pls|please|lol|oops|my bad))+$", FLAGS)
_TOLD = re.compile(r"(?:the )?[\w' -]{1,30}? (?:said|says|wants|told me|told us)(?: it's| its| it is)? ", FLAGS)
_LINK = re.compile(repair.CORRECTION_LINKS + r"\s+", FLAGS)
_RUN_TOGETHER = re.compile(r"^(?:at )?(?P<h>[01]?\d|2[0-3])(?P<m>[0-5]\d)$", FLAGS)  # "630", "1130"
_BARE_TIME = re.compile(r"(?:at )?(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?", FLAGS)  # an hour with no am/pm
_NOT_THE_OLD = re.compile(r",?\s+(?:and\s+)?not\s+(?:on\s+|at\s+|for\s+)?(?P<old>[^,]+)$", FLAGS)
_OLD_FIRST = re.compile(r"not (?:on |at |for )?(?P<old>[^,]+),\s*(?:(?:it's|its|it is|but|make it) )?(?P<new>.+)", FLAGS)
_ONLY_DAYS = re.compile(r"^(?:just |only )?(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)s$", FLAGS)
_SIGH = re.compile(r"(?:ugh+|hm+|oh+|ah+|um+|uh+|phew)", FLAGS)
_CHAT_FIRST = re.compile(r"^(?:lol|lmao|haha+|omg|ok|okay)\b[\s,!]*", FLAGS)
_MARKER_AFTER = re.compile(r"[\s,]+(?P<marker>sorry|my bad|oops|whoops|my mistake)[\s.!]*$", FLAGS)
_MEANT = re.compile(r"\bi (?:meant|mean|said|wanted)\b", FLAGS)
_MONTH_DAY = re.compile(r"(?:on )?(?:the )?(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)$", FLAGS)
_BYDAY = re.compile(r"BYDAY=(?P<day>[A-Z]{2})\b")
_INTERVAL = re.compile(r"INTERVAL=(?P<n>\d+)")
_MAKE_THE = re.compile(r"make (?P<ref>(?:the|my|our) .+?) (?P<when>\S+(?: \S+)?)", FLAGS)
_FULL_NAMES = {index: name for name, index in WEEKDAYS.items() if name.endswith("day")}


def correction(reading: Reading, context: Context, reread: Callable[[str], Command | None]) -> Command | Reply | None:
    message = reading.message.replace("’", "'").strip()
    if after := _MARKER_AFTER.search(message):  # "smith not smyth, sorry": the apology last
        message = f"{after['marker']}, {message[: after.start()]}"
    marked = MARKERS.match(message)
    if marked is None and not _NOT_THE_OLD.search(message.split(",", 1)[0]):
        return None  # with no marker, only a value and the old one it replaces: "11am not pm"
    rest = message[marked.end() :] if marked is not None else _CHAT_FIRST.sub("", message)  # "lol 11am not pm"
    said = sentences(rest)
    if len(said) > 1 and all(aside(later) or _remark(later, reading.now, reread) for later in said[1:]):
        rest = said[0]  # "wait not the 1st, the 5th. contractor's away til then": why, after the correction
    if not clean(rest):
        return None  # "no", "sorry": nothing to correct with
    again = reread(rest)
    if again is not None and not again.plain:
        return again  # "wait, make that 6pm": a request of its own once the marker is off
    if again is not None and _ALSO.match(rest):
        return again  # "ohh also weigh-ins every monday 7am": one more to-do, no correction
    if marked is not None and _SIGH.fullmatch(marked.group().strip(" ,!.")) and aside(rest) and slots_in(rest, reading.now) is None:
        return Command("smalltalk", text=rest)  # "ugh fundraising is exhausting": a sigh and a remark, nothing to correct
    value = clean(without_aside(clean(rest), reading.now))  # "sorry, every other wednesday, the room is taken on tuesdays"
    head, comma, tail = clean(rest).rpartition(",")
    if comma and aside(head) and slots_in(tail, reading.now) is not None and only_when(tail.strip(), reading.now):
        value = tail.strip()  # "actually 2pm I'll be asleep lol, 6pm": why not the first, then the new value
    if (link := _LINK.match(value)) and value[link.end() :]:
        value = value[link.end() :]
    if (told := _TOLD.match(value)) and only_when(value[told.end() :], reading.now):
        value = value[told.end() :]  # "wait the co-op said wednesday": the value someone gave
    named_task = _MAKE_THE.fullmatch(value)  # "actually make the upload 7am": a change of the task it names, no new title
    if named_task and only_when(named_task["when"], reading.now):
        return Command("schedule", text=value, ref=named_task["ref"], when=named_task["when"])
    first = _FILLER_END.sub("", value.split(",", 1)[0]).strip()  # "3:30 actually, misread the invite"; "friday sorry, …"
    if first and first != value and any(only_when(w, reading.now) for w in (first, f"on {first}", f"at {first}")):
        value = first
    old = None
    if named := _NOT_THE_OLD.search(value):  # "no its saturday not friday": the old value named too
        value, old = value[: named.start()] or value, named["old"]
    elif old_first := _OLD_FIRST.fullmatch(value):  # "oops not saturday, sunday"
        value, old = old_first["new"], old_first["old"]
    value = _ONLY_DAYS.sub(r"every \g<day>", value)  # "oops not every weekday, just tuesdays"
    value = _RUN_TOGETHER.sub(r"\g<h>:\g<m>", value)  # "630 sorry": 6:30
    bare = bool(_BARE_TIME.fullmatch(value))
    if bare and not value.lower().startswith("at "):  # "sorry i meant 10": the hour, never a title "10"
        value = f"at {value}"
    change = _the_change(context, old, reading.now)
    unsure = Reply(f"I'm not sure what “{value}” corrects, so I changed nothing.", State(unclear=True))
    if change is None or change.task_id is None or change.tool in ("delete_task", "complete_task"):
        return unsure if marked is not None else None
    value = _when_first(value, reading.now)  # "wait make that 11am the tenant cant be there early"
    when = next((w for w in (value, f"on {value}", f"on the {value}") if only_when(w, reading.now)), None)  # "the 14th", "28th"
    if when is not None:  # "wait its 8:30 not 9" for an evening task: 20:30, as "make it 8:30" reads
        return Command("schedule", text=when, when=_repeat_day(change, old, when) or when, task_id=change.task_id, bare_hour=bare)
    if _LEVEL.fullmatch(value) and "priority" in change.arguments:  # "no wait, low" after "make it high priority"
        return Command("schedule", text=value, prio=level(value), task_id=change.task_id)
    if marked is None:
        return None  # "call mom not dad": with no marker, only a new day, time or level corrects
    tags = [str(t).lower() for t in change.arguments.get("tags") or []]
    if old is not None and clean(old).lower().lstrip("#") in tags and re.fullmatch(r"#?[\w-]+", value):  # "sorry, insurance not legal"
        gone, new = clean(old).lower().lstrip("#"), value.lower().lstrip("#")
        return Command(
            "schedule",
            text=value,
            tag=gone,
            untag=True,
            task_id=change.task_id,
            also=Command("schedule", text=value, tag=new, task_id=change.task_id),
        )
    for made in reversed(context.changes or (change,)):  # "sorry its mr patel not mrs"; "smith not smyth" after a paste
        if old is not None and made.task_id is not None and (title := _retitled(made, old, value)) is not None:
            return Command("update", text=value, ref=value, new=title, task_id=made.task_id)
    retitled = change.tool == "add_task" or "title" in change.arguments
    if retitled and marked is not None and _MEANT.search(marked.group()):  # "no, I meant oat milk": the title, keeping its verb
        return Command("update", text=value, ref=value, new=value, keep_verb=True, task_id=change.task_id)
    return unsure


def _remark(text: str, now: datetime, reread: Callable[[str], Command | None]) -> bool:
    """A sentence that asks for nothing and says no day or time of its own ("contractor's away til then")."""
    own = reread(text)
    return (own is None or own.plain) and slots_in(text, now) is None


def _the_change(context: Context, old: str | None, now: datetime) -> Change | None:
    """The change a correction corrects: the last, or of several just made, the one whose day or time
    is the old value named ("sorry 11:30 not 11" after adding a call at 11am and a pick-up saturday);
    "for the bus passes" after it names the task."""
    made = [c for c in context.changes if c.task_id is not None and c.tool in ("add_task", "update_task")]
    if old is None or len(made) < 2:
        return context.last_change
    old, _, named = old.partition(" for ")
    if named and (titled := [c for c in made if set(ref_words(named)) <= set(ref_words(str(c.arguments.get("title") or "")))]):
        return titled[-1]
    said = slots_in(f"at {old}" if _BARE_TIME.fullmatch(old) else f"on {old}", now)
    if said is None:
        return context.last_change
    hour = said.due_time.hour % 12 if said.due_time is not None and _BARE_TIME.fullmatch(old) else None
    for change in reversed(made):
        at, on = str(change.arguments.get("due_time") or ""), str(change.arguments.get("due_date") or "")
        if hour is not None and at[:2].isdigit() and int(at[:2]) % 12 == hour and at[3:5] in ("00", ""):
            return change
        if said.due_time is not None and hour is None and at.startswith(said.due_time.strftime("%H:%M")):
            return change
        if said.due_time is None and said.due_date is not None and on == said.due_date.isoformat():
            return change
    return context.last_change


def _when_first(value: str, now: datetime) -> str:
    """The words that say when at the start of `value`, when a comment follows them with no comma
    ("11am the tenant cant be there early"); else `value`."""
    words = value.split()
    for cut in range(min(len(words) - 1, 4), 0, -1):
        said, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if aside(rest) and only_when(said, now):
            return said
    return value


def _repeat_day(change: Change, old: str | None, new: str) -> str | None:
    rule = str(change.arguments.get("recurrence") or "")
    month_day = _MONTH_DAY.search(new)
    if rule.startswith("FREQ=MONTHLY;BYMONTHDAY=") and "," not in rule and month_day:  # "monthly on the 1st", "no wait, the 15th"
        return f"every month on the {month_day['day']}"
    return _weekly_day(change, old, new)


def _weekly_day(change: Change, old: str | None, new: str) -> str | None:
    """ "oops saturday not friday" after "foam rolling every other friday": the repeat moved to the new
    day ("every other saturday"), when the old day named (or, named none, the one day it falls on)
    is the day the change's weekly repeat falls on."""
    rule = str(change.arguments.get("recurrence") or "")
    day = _BYDAY.search(rule)
    olds, news = _weekday(old or ""), _weekday(new)
    if olds is None and old is None and day is not None and "," not in rule:  # "every tuesday …", "no wait, wednesday"
        olds = RRULE_DAYS.index(day["day"]) if day["day"] in RRULE_DAYS else None
    if day is None or olds is None or news is None or day["day"] != RRULE_DAYS[olds]:
        return None
    interval = _INTERVAL.search(rule)
    every = "every" if interval is None or interval["n"] == "1" else "every other" if interval["n"] == "2" else None
    return f"{every} {_FULL_NAMES[news]}" if every else None


def _weekday(text: str) -> int | None:
    """The weekday `text` names ("sat", "on saturday" -> 5), if it is one."""
    return WEEKDAYS.get(clean(text).lower().removeprefix("on "))


def _retitled(change: Change, old: str, new: str) -> str | None:
    """The title just added with the word `old` said as `new` ("Hedge quote for mrs patel", "mrs" ->
    "mr patel": "Hedge quote for mr patel"; words of `new` already beside `old` are not doubled)."""
    title = str(change.arguments.get("title") or "")
    words, news = title.split(), clean(new).split()
    olds = [w for w in clean(old).lower().split() if w not in ("all", "the", "just", "a", "an")]  # "not all sectionals"
    lowered = [w.lower() for w in words]
    if len(olds) != 1 or olds[0] not in lowered or not news:
        return None
    at = lowered.index(olds[0])
    after = [w.lower() for w in news[1:]]
    before = [w.lower() for w in news[:-1]]
    if after and lowered[at + 1 : at + 1 + len(after)] == after:  # "mr patel" for "mrs patel"
        return " ".join([*words[:at], *news, *words[at + 1 + len(after) :]])
    if before and lowered[max(0, at - len(before)) : at] == before:
        return " ".join([*words[: at - len(before)], *news, *words[at + 1 :]])
    return " ".join([*words[:at], *news, *words[at + 1 :]])
