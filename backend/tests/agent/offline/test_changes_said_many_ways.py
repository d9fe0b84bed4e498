"""A change said in many ways, of many tasks: each way of saying that a task is done, moves to Friday,
is high priority or goes under a tag is said of one open task on each of the lists the fresh
conversations start from (given_lists.py), named by a word of its title no other title has, over the
fake tool port. That task, and only it, must change as said. So too a correction of a move ("no,
saturday") and a take-back of a completion ("no wait, not done yet"), each said just after. On the
suite's Thursday clock (Friday is 27 November)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.agent.offline.fakes import Conversation
from tests.agent.offline.given_lists import given_lists

pytestmark = pytest.mark.nodb
LISTS = given_lists(every=7, unique=True)
_Check = Callable[[dict[str, Any]], bool]
DONE: _Check = lambda t: bool(t.get("completed"))  # noqa: E731
FRIDAY: _Check = lambda t: t.get("due_date") == "2026-11-27"  # noqa: E731
HIGH: _Check = lambda t: t.get("priority") == "high"  # noqa: E731
WORK: _Check = lambda t: "work" in (t.get("tags") or [])  # noqa: E731
SAID = [
    *[(said, DONE) for said in ["finished the {thing}", "the {thing} is done", "done with the {thing}", "knocked out the {thing}"]],
    *[(said, DONE) for said in ["took care of the {thing}", "got the {thing} done", "the {thing} is sorted", "cross off the {thing}"]],
    *[(said, DONE) for said in ["{thing} ✅", "{thing} done!", "check off the {thing}", "wrapped up the {thing}"]],
    ("dealt with the {thing}", DONE),
    *[(said, FRIDAY) for said in ["move the {thing} to friday", "push the {thing} to friday", "the {thing} is now on friday"]],
    *[(said, FRIDAY) for said in ["{thing} -> friday", "can we do the {thing} friday instead", "reschedule the {thing} for friday"]],
    *[(said, FRIDAY) for said in ["let's do the {thing} on friday", "bump the {thing} to friday", "{thing} friday pls"]],
    *[(said, HIGH) for said in ["make the {thing} high priority", "the {thing} is urgent", "bump up the priority on the {thing}"]],
    *[(said, HIGH) for said in ["flag the {thing} as urgent", "set the {thing} to high", "prioritize the {thing}"]],
    *[(said, WORK) for said in ["tag the {thing} work", "add the work tag to the {thing}", "label the {thing} as work"]],
    *[(said, WORK) for said in ["put the {thing} under work", "the {thing} goes under work"]],
]


@pytest.mark.parametrize(("said", "check"), SAID, ids=[said for said, _ in SAID])
async def test_a_change_said_of_a_task_changes_that_task_as_said(said: str, check: _Check) -> None:
    assert len(LISTS) > 50
    wrong = []
    for titles, target, thing in LISTS:
        talk = Conversation(*titles)
        before = [dict(t) for t in talk.tools.tasks]
        reply = await talk.say(said.format(thing=thing))
        after = talk.tools.tasks
        at = titles.index(target)
        others_kept = len(after) == len(before) and all(a == b for i, (a, b) in enumerate(zip(before, after, strict=True)) if i != at)
        if not (others_kept and check(after[at])):
            wrong.append((said.format(thing=thing), target, reply))
    assert wrong == []


SATURDAY: _Check = lambda t: t.get("due_date") == "2026-11-28"  # noqa: E731
OPEN: _Check = lambda t: not t.get("completed")  # noqa: E731
AFTER = [
    *[("move the {thing} to friday", said, SATURDAY) for said in ["no, saturday", "sorry I meant saturday", "wait, make that saturday"]],
    *[("move the {thing} to friday", said, SATURDAY) for said in ["actually saturday", "oops saturday not friday", "ugh no, saturday pls"]],
    *[
        ("finished the {thing}", said, OPEN)
        for said in ["no wait, not done yet", "undo", "put it back", "oops not done", "actually not yet"]
    ],
    *[("finished the {thing}", said, OPEN) for said in ["no I didn't finish it", "scratch that, still need to do it", "nvm not done"]],
]


@pytest.mark.parametrize(("first", "then", "check"), AFTER, ids=[f"{first} / {then}" for first, then, _ in AFTER])
async def test_a_correction_or_a_take_back_just_after_a_change_redoes_it(first: str, then: str, check: _Check) -> None:
    wrong = []
    for titles, target, thing in LISTS:
        talk = Conversation(*titles)
        await talk.say(first.format(thing=thing))
        reply = await talk.say(then)
        after = talk.tools.tasks
        if len(after) != len(titles) or not check(after[titles.index(target)]):
            wrong.append((first.format(thing=thing), then, target, reply))
    assert wrong == []


_Turns = list[str]
TAKEN_OFF: list[tuple[_Turns, str, Callable[[list[dict[str, Any]], int, int], bool]]] = [
    (["delete the {thing} task"], "deleted", lambda after, at, n: len(after) == n - 1),
    (["get rid of the {thing} thing", "yes"], "deleted once confirmed", lambda after, at, n: len(after) == n - 1),
    (["the {thing} isn't happening anymore", "yes"], "deleted once confirmed", lambda after, at, n: len(after) == n - 1),
    (["don't need the {thing} anymore", "yep"], "deleted once confirmed", lambda after, at, n: len(after) == n - 1),
    (["get rid of the {thing} thing", "no"], "kept", lambda after, at, n: len(after) == n),
    (["scrap the {thing} thing", "no keep it"], "kept", lambda after, at, n: len(after) == n),
    (["move the {thing} to friday", "no date on the {thing}"], "undated", lambda after, at, n: not after[at].get("due_date")),
    (["move the {thing} to friday", "the {thing} has no deadline actually"], "undated", lambda after, at, n: not after[at].get("due_date")),
    (["make the {thing} high priority", "no rush on the {thing}"], "lower", lambda after, at, n: after[at].get("priority") != "high"),
    (
        ["make the {thing} high priority", "the {thing} isn't urgent anymore"],
        "lower",
        lambda after, at, n: after[at].get("priority") != "high",
    ),
]


@pytest.mark.parametrize(("turns", "what", "check"), TAKEN_OFF, ids=[" / ".join(turns) for turns, _, _ in TAKEN_OFF])
async def test_a_task_deleted_or_a_date_or_level_taken_off(turns: _Turns, what: str, check: Callable[..., bool]) -> None:
    wrong = []
    for titles, target, thing in LISTS:
        talk = Conversation(*titles)
        for said in turns:
            reply = await talk.say(said.format(thing=thing))
        live = [t for t in talk.tools.tasks if not t.get("gone")]
        gone = what.startswith("deleted")
        kept = [t["title"] for t in live] == [t.lstrip("+") for t in titles if t != target or not gone]
        if not (kept and check(live, titles.index(target), len(titles))):
            wrong.append((turns, target, what, reply))
    assert wrong == []
