"""A list said in one message: a pasted list's items under their heading ("add these for tmrw:\n1. …"),
and a slot said once for all its items ("…, both high priority", "… - all tag demo", "Please add the
following, tagged restoration:"), which goes to each item that does not say its own. Used by reading.clean.
"""

from __future__ import annotations

import re

from ...parsing import split_tasks
from ...parsing.lexicon import bare_verb
from ...parsing.vocabulary import TODO_VERBS
from . import vocabulary_repair as repair
from . import vocabulary_said as shapes
from .sentences import AND_THEN

FLAGS = re.IGNORECASE
_ITEM = re.compile(  # what starts an item of a pasted list
    r"\s*(?:(?:item|task|todo|no\.?|#)\s*\d+\s*[:.)-]?|\(?\d{1,2}\s*[.):]|\d{1,2}\s+-|[-*•·–—>+]|\[\s*[xX✓ ]?\s*\])\s+", FLAGS
)
_ACTING = re.compile(repair.PASTE_HEADINGS, FLAGS)  # a heading that says what to do with the items
_HEADING_DAY = re.compile(shapes.HEADING_DAY, FLAGS)
_INLINE_HEADING = re.compile(shapes.INLINE_HEADING, FLAGS)
_FOR_EACH = re.compile(shapes.FOR_EACH, FLAGS)
_EACH_TAGGED = re.compile(r"(?:tag|tagged)(?: them| as| with)? (?P<tag>[#\w-]+)", FLAGS)
_HEADING_TAGGED = re.compile(r",?\s+(?:all |each |both )?(?:tagged|tag(?: them| it| all| each)?)(?: as| with)? (?P<tag>#?[\w-]+)", FLAGS)
_HEADING_LEVEL = re.compile(r",?\s+(?:all |each |both )?(?:as )?(?P<level>high|low|medium)(?: priority| prio)\b", FLAGS)
OWN_LEVEL = re.compile(r"\b(?:high|low|medium|urgent)(?: priority| prio)?\b", FLAGS)


def level(said: str) -> str:
    """The priority a level said alone names ("low", "top priority", "urgent" -> "high")."""
    word = said.lower().removesuffix(" priority")
    return {"top": "high", "urgent": "high", "important": "high", "normal": "medium"}.get(word, word)


def _each_on_the_day(m: re.Match[str]) -> str:
    """ "add 3 more for tomorrow: a at 10am, b", "add a and b, both for sunday": each to-do with the day, unless it says its own."""
    said = m.groupdict()
    day = said.get("day") or said.get("when") or ""
    joints = r",\s*(?:and\s+)?|\s+and\s+" if day else r",\s*(?:and\s+)?"  # counted: "mac and cheese" stays whole
    items = [i for i in re.split(joints, said.get("items") or said["todos"]) if i.strip()]
    day = f"{day} priority" if day.lower() in ("high", "low", "medium", "urgent") else day  # "…, both high"
    tagged = _EACH_TAGGED.fullmatch(day)
    day = f"#{tagged['tag'].lstrip('#')}" if tagged else day  # "…, all tag demo"
    own = _HEADING_DAY if day and not tagged and not day.endswith("priority") else OWN_LEVEL if day.endswith("priority") else None
    lead = "add: " if said.get("items") else ""
    return lead + "; ".join(i if not day or (own and own.search(i)) else f"{i} {day}" for i in items)


def pasted(lines: list[str]) -> list[str]:
    """A pasted list ("1. milk", "- eggs", "item 3: call the plumber tomorrow", "[ ] email sarah"): its
    items without their marks, under a heading that says what to do with them ("add:" when the
    heading is none, or only names the list: "shopping list:"). Other lines are left as they are."""
    items = [_ITEM.match(line) for line in lines]
    if sum(m is not None for m in items) < 2 or (len(lines) - sum(m is not None for m in items)) > 1:
        return lines
    heading = lines[0] if items[0] is None else ""
    if items[0] is None and not _ACTING.match(heading):
        heading = ""
    kept = [AND_THEN.sub("", line[m.end() :]) for line, m in zip(lines, items, strict=True) if m is not None]
    if day := _HEADING_DAY.search(heading):  # "add these for tmrw:": each item's day, unless it says its own
        heading = heading[: day.start()] + heading[day.end() :]
        kept = [item if _HEADING_DAY.search(item) else f"{item} {day['day']}" for item in kept]
    if tagged := _HEADING_TAGGED.search(heading):  # "Please add the following, tagged restoration:": each item's tag
        heading = heading[: tagged.start()] + heading[tagged.end() :]
        kept = [f"{item} #{tagged['tag'].lstrip('#')}" for item in kept]
    if level := _HEADING_LEVEL.search(heading):  # "add these, all high priority:": each item's, unless it says its own
        heading = heading[: level.start()] + heading[level.end() :]
        kept = [item if OWN_LEVEL.search(item) else f"{item} {level['level']} priority" for item in kept]
    return [heading.rstrip(": ") or "add", *[item for item in kept if item]]


def each_of_a_list(text: str) -> str:
    """ "add 3 more for tomorrow: a at 10am, b", "fix the door seal and buy waxed boxes, both for sunday": each item with the slot."""
    return _INLINE_HEADING.sub(_each_on_the_day, _FOR_EACH.sub(_each_on_the_day, text))


_HEADING = re.compile(r"(?P<heading>[^:]{1,80}):\s+(?P<items>\S.*)", FLAGS)


def after_a_heading(title: str) -> str:
    """A list's items without the words before its colon ("quick brain dump: dentist for jayden dec 4,
    call the school counselor back, grocery run tomorrow"; "new orders: shorten sleeves …, let out …"),
    unless those words start a to-do ("call mom re: the cake, the venue and the band")."""
    said = _HEADING.fullmatch(title)
    if said is None or len(split_tasks(said["items"])) < 2:
        return title
    lead = said["heading"].split(" ", 1)[0].lower()
    return title if lead in TODO_VERBS or bare_verb(lead) else said["items"]
