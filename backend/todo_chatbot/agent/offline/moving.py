"""Whether a to-do said plainly is a move of a task already on the list: "put the haircut on saturday",
"boarding passes need printing tuesday", "order bands by monday" (with "Order resistance bands"), "DEA
license, due the 30th" (with "Renew DEA license": a thing with no verb, every word of it in one title).
A pure function of the words and the open tasks, used by act.add.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ...parsing import ParsedTask, parse_quick_add
from ...parsing.vocabulary import TODO_VERBS
from . import ranking
from .reading import FLAGS

# "put the haircut on saturday", "make the abstract the 20th", "make meal prep 5pm"
_MOVING = re.compile(r"(?P<verb>put|move|schedule|reschedule|shift|push|do|make|set) (?P<ref>.+)", FLAGS)
# "boarding passes need printing tuesday", "the car needs washing by friday": the task is the thing named
_BARE_DAY_END = re.compile(r"\s(?P<day>the (?:[12]?\d|3[01])(?:st|nd|rd|th))$", FLAGS)
_NEEDING = re.compile(r"(?P<ref>.+?) (?:needs?|has to be|have to be|must be|should be) (?:[a-z]+ing|[a-z]+ed|done|sorted)", FLAGS)


def moved_task(title: str, found: list[ParsedTask], pending: list[dict[str, Any]], now: datetime) -> tuple[dict[str, Any], str] | None:
    """A to-do that reads as moving a task on the list: "put the haircut on saturday", "boarding
    passes need printing tuesday", "order bands by monday" (with "Order resistance bands"), when the
    words that name the thing (after the verb, before "need(s) …ing", or the to-do's own words with
    its verb) name one open task exactly (ranking's rule) and the message gives a day or a time.
    The task, and the words that say when."""
    if len(found) == 1 and not (found[0].due_date or found[0].due_time) and _BARE_DAY_END.search(title):  # "… the 20th"
        found = parse_quick_add(_BARE_DAY_END.sub(r" on \g<day>", title), now) or found
    if len(found) != 1 or not (found[0].due_date or found[0].due_time or found[0].priority != "none"):
        return None
    said = found[0].title.strip()
    named = _MOVING.fullmatch(said) or _NEEDING.fullmatch(said)
    verb = said.split(" ", 1)[0].lower()
    thing = named is None and verb not in TODO_VERBS  # "oil change on the F-250 every month" for "Change oil on the F-250"
    if not (found[0].due_date or found[0].due_time) and not thing:
        return None  # a priority alone moves nothing: "buy milk, high priority" is a to-do; "bubble mailers - high pri" names one
    if not title.lower().startswith(said.lower()):
        return None
    decision = ranking.decide(named["ref"] if named else said, pending, "schedule")
    by_roots = (named or thing) and decision.task is not None and ranking.named_by_roots(named["ref"] if named else said, decision.task)
    if decision.task is None or not (decision.exact or by_roots):
        return None  # "put the truck inspection on monday" for "Get truck 4 inspected": every word, or its root
    if named is None and not thing and ranking.words(decision.task["title"])[:1] != [verb]:
        return None  # "order bands by monday" moves "Order resistance bands": the same job, named by its own words
    return decision.task, title[len(said) :].strip()
