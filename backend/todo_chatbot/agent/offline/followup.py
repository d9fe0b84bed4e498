"""Follow-ups that change one field of the task just talked about: "make it the 5th instead",
"every other wednesday", "make it 5" (an hour, read against the task's current time), "no
longer important", "drop the tag", "no date on that one". A named function of the reading and
the dialogue state, tried by interpret.interpret before the message is read on its own; the
words are vocabulary_repair.FOLLOW_UPS.

A date or repeat said alone ("every other wednesday", "the 5th") is about the task only when the
previous reply was about one task; otherwise it is not understood, and nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from ...parsing import parse_quick_add
from . import vocabulary as v
from . import vocabulary_news as news
from . import vocabulary_repair as repair
from .command import Command
from .pasted import level
from .reading import FLAGS, Reading, clean, only_when, slot_words, slots_in
from .repair import unmarked
from .sentences import sentences
from .state import Context

_FOLLOW = {kind: [re.compile(p, FLAGS) for p in patterns] for kind, patterns in repair.FOLLOW_UPS.items()}
_HOUR = re.compile(r"(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?", FLAGS)
_LEVEL = re.compile(repair.PRIORITY_LEVEL, FLAGS)
_ONLY = re.compile(r"\s+(?:only|instead)$", FLAGS)
_INSTEAD = re.compile(r"\binstead\b", FLAGS)
# the tasks the previous reply made or changed, together: "tag all of those zoo" after a paste
_GROUP = re.compile(
    r"\b(?:all(?: (?:two|three|four|five|six|\d))? of (?:those|them|these)|all (?:those|these)|(?:those|these|them) all"
    r"|(?:those|these|the|all) (?:two|three|four|five|six|\d)(?: new ones)?"
    r"|(?:both|the (?:two|three|four|five|six)) of (?:them|those)|both|those|these|them)\b",
    FLAGS,
)
# "and restock protein bars tmrw, tag both inventory": a to-do, and its tag for it and the task before
_TAG_BOTH = re.compile(
    r"(?P<add>.+?)(?:,| -| —|\.)? (?:and )?(?:pls |please )?(?:tag|label) (?:(?P<group>both|them both|both of them|the two|them"
    r"|all|all of them|all (?:two|three|four|five|\d)|the (?:three|four|five|\d))|the (?P<one>[\w'-]+) (?:one|task|thing))"
    r"(?: with| as| w/)? #?(?P<tag>[\w-]+)",
    FLAGS,
)
_RETAG = re.compile(
    r"(?:tag|label) (?P<ref>it|that|this|them|the [\w' -]+?) (?:as |with )?#?(?P<new>[\w-]+),? "
    r"(?:not|instead of|rather than) #?(?P<old>[\w-]+)",
    FLAGS,
)
_DAY_OF_MONTH = re.compile(r"(?:the )?(?:[12]?\d|3[01])(?:st|nd|rd|th)(?: of \w+)?", FLAGS)


def follow_up(reading: Reading) -> Command | None:
    whole, text = reading.text, unmarked(reading)  # "no longer important"; "no, make it 5"
    for kind, patterns in _FOLLOW.items():
        for pattern in patterns:
            found = pattern.fullmatch(whole) or pattern.fullmatch(text)
            if found is None:
                continue
            parts = {k: v for k, v in found.groupdict().items() if v}
            ref = parts.get("ref", "it")
            if kind == "when":
                return _when(parts["when"], ref, text, reading.now)
            if kind == "unprioritise":
                return Command("schedule", text=text, ref=ref, prio="none")
            if kind == "untag":
                return Command("schedule", text=text, ref=ref, tag=parts.get("tag"), untag=True)
            return Command("schedule", text=text, ref=ref, undate=True)
    return None


def retag(reading: Reading) -> Command | None:
    """ "actually tag it trip not parade": one tag for another, the old one off and the new one on (one undo step)."""
    said = _RETAG.fullmatch(unmarked(reading))
    if said is None:
        return None
    ref, new, old = said["ref"], said["new"].lower(), said["old"].lower()
    return Command(
        "schedule", text=reading.text, ref=ref, tag=old, untag=True, also=Command("schedule", text=reading.text, ref=ref, tag=new)
    )


def said_alone(reading: Reading, context: Context) -> Command | None:
    """ "every other wednesday", "the 5th", "friday at 6": a new date, time or repeat for the task the
    previous reply was about (tried after corrections, which redo the previous change)."""
    about = context.previous.mentioned or context.previous.shown or []
    if len(about) == 1 and context.it == about[0]:  # "find the passport task" (one found): it
        return _when(unmarked(reading), "it", reading.text, reading.now)
    return None


def _when(said: str, ref: str, text: str, now: datetime) -> Command | None:
    """A new date, time or repeat for the task, from words alone ("the 5th", "5", "every other
    wednesday"); None when the words are no date ("make it quick")."""
    said = _ONLY.sub("", clean(said))  # "make that weekdays only"
    if _LEVEL.fullmatch(said):  # "set it to low", "make it urgent"
        return Command("schedule", text=text, ref=ref, prio=level(said))
    if _HOUR.fullmatch(said) and slots_in(f"at {said}", now) is not None:  # "make it 5": an hour
        return Command("schedule", text=text, ref=ref, when=f"at {said}", bare_hour=True)
    if _DAY_OF_MONTH.fullmatch(said):
        said = f"on {said}"
    for when in (said, f"on {said}"):
        found = slots_in(when, now)
        if only_when(when, now) and found is not None and found.title.lower() == when.lower():
            return Command("schedule", text=text, ref=ref, when=when)
    return None


def instead_of_a_delete(reading: Reading, context: Context, command: Command | None) -> Command | None:
    """Just after a delete, another change to "it" said with "instead": the task put back, and changed so."""
    if not (context.changed and any(c.tool == "delete_task" for c in context.changes)) or not _INSTEAD.search(reading.message):
        return None
    own = command if command is not None and not command.plain else follow_up(reading)
    if own is None or own.intent not in ("complete", "schedule", "update") or (own.ref or "it").lower() not in v.PRONOUNS:
        return None
    return replace(own, intent="undo", after_undo=own.intent)


def to_the_group(reading: Reading, context: Context, reread: Callable[[str], Command | None]) -> Command | None:
    """ "tag all of those zoo", "move them to friday", "mark both done", soon after a reply that made or
    changed several tasks (Context.group): the change to each of them (one message: one undo step). Never a delete."""
    ids = list(context.group)
    if len(ids) < 2 or not _GROUP.search(reading.text):
        return None
    one = reread(_GROUP.sub("it", reading.text, count=1))
    if one is None or one.plain or one.intent not in ("schedule", "complete") or (one.ref or "").lower() != "it":
        return None
    return replace(one, ref=" and ".join(f"task {i}" for i in ids))


def tag_both(reading: Reading, context: Context, reread: Callable[[str], Command | None]) -> Command | None:
    """ "and restock protein bars tmrw, tag both inventory": the task just talked about tagged, then the
    to-do added with the same tag (one message: one undo step); after two to-dos, both of them tagged."""
    said = _TAG_BOTH.fullmatch(reading.text)
    own = reread(said["add"]) if said is not None else None
    if said is None or own is None or own.intent != "add" or not own.title:
        return None
    items = parse_quick_add(own.title, reading.now)
    if len(items) > 1 and said["one"]:  # "add unload bisque kiln saturday and mix new batch of glaze monday, tag the glaze one studio"
        named = [item.title for item in items if said["one"].lower() in item.title.lower().split()]
        at = said["add"].lower().find(named[0].lower()) if len(named) == 1 else -1
        if at < 0:
            return None
        end = at + len(named[0])
        return reread(f"{said['add'][:end]} #{said['tag']}{said['add'][end:]}")
    if len(items) > 1:  # "add order new volumes, and order t-nuts. tag both gear", "…, tag all 3 miller"
        return replace(own, tag=said["tag"])
    if context.it is None or said["group"] not in ("both", "them both", "both of them", "the two"):
        return None
    return Command("schedule", text=f"tag it {said['tag']}", ref="it", tag=said["tag"], then=f"{own.title} #{said['tag']}")


_MOVE_IT = re.compile(rf"{news.MOVING} (?:it|that|this|them)(?: then| too)?", FLAGS)


def move_it_then(reading: Reading) -> Command | None:
    """ "textiles have to wait, conservator can't come til monday. move it": a move with no day, after
    a remark that says one; to that day, of the task the remark speaks of."""
    said = sentences(reading.message)
    if len(said) < 2 or not _MOVE_IT.fullmatch(clean(said[-1])):
        return None
    before = " ".join(said[:-1])
    when = slots_in(before, reading.now)
    if when is None or not (when.due_date or when.due_time) or not (words := slot_words(before, when)):
        return None
    return Command("schedule", text=reading.text, ref="it", when=words.strip(" .!?"), topic=before)
