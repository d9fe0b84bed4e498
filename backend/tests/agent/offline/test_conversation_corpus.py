"""Multi-turn cases (tests/corpus/conversations.json): a task list, what the person says turn by
turn, and the task list that must follow. Run through the offline assistant's whole pipeline over
a fake tool port (tests/agent/offline/fakes.py), with no server; the end-to-end wiring is
services/test_conversations.py's. Run with -s to see the score and the misses.

A task afterwards is "Title" (open), "+Title" (done), or {"title", "done", "due", "time",
"priority", "description", "tags", "repeat" (an RRULE)}; "due" is "+N" days from the test clock's today, a weekday as a person
means it (tests/dates.py: the next one, today when today is one), a day of the month ("5th": the next
5th) or "YYYY-MM-DD".
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests import dates
from tests.agent.offline.fakes import Conversation

pytestmark = [pytest.mark.nodb, pytest.mark.dates]

CASES = json.loads((Path(__file__).resolve().parents[2] / "corpus" / "conversations.json").read_text(encoding="utf-8"))
TARGET = 0.95


def expected(task: str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(task, str):
        return {"title": task.lstrip("+"), "done": task.startswith("+")}
    wanted = {"done": False} | task
    if "tags" in wanted:  # a set: the list keeps them in order of name
        wanted["tags"] = sorted(wanted["tags"])
    due = wanted.get("due")
    if due is None:
        return wanted
    if due[0] in "+-":
        wanted["due"] = (dates.today() + timedelta(days=int(due))).isoformat()
    elif due in dates.WEEKDAYS:
        wanted["due"] = dates.weekday(due).isoformat()
    elif due[-2:] in ("st", "nd", "rd", "th"):
        wanted["due"] = day_of_month(int(due[:-2])).isoformat()
    return wanted


def day_of_month(day: int) -> date:
    """ "the 5th": the next 5th, today when today is one (a month without it is skipped)."""
    found = dates.today()
    while found.day != day:
        found += timedelta(days=1)
    return found


def actual(task: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    found = {"title": task["title"], "done": task["completed"], "due": task["due_date"], "time": task["due_time"]}
    found |= {"priority": task["priority"], "description": task["description"], "tags": sorted(task["tags"])}
    found |= {"repeat": task["recurrence"]}
    return {k: found[k] for k in keys}


async def run(case: dict[str, Any]) -> tuple[bool, str]:
    talk = Conversation(*case["given"], zone=dates.TEST_TIMEZONE)
    said = []
    for text in case["turns"]:
        said.append(f"  > {text}\n  < {(await talk.say(text)).splitlines()[0]}")
    wanted = [expected(t) for t in case["tasks"]]
    left = [t for t in talk.tools.tasks if not t.get("gone")]
    got = (
        [actual(t, set(w)) for t, w in zip(left, wanted, strict=False)]
        if len(left) == len(wanted)
        else [actual(t, {"title", "done"}) for t in left]
    )
    return got == wanted, "\n".join(said) + f"\n  tasks {got}\n  wanted {wanted}"


def test_the_cases_are_well_formed():
    assert len(CASES) >= 45 and sum(len(case["turns"]) > 1 for case in CASES) >= 150  # at least 150 of several turns
    for case in CASES:
        assert set(case) <= {"note", "given", "turns", "tasks"} and case["turns"] and "note" in case, case


async def test_multi_turn_cases_end_with_the_expected_list():
    results = [(case, *(await run(case))) for case in CASES]
    misses = [f"{case['note']}:\n{why}" for case, right, why in results if not right]
    score = 1 - len(misses) / len(results)
    print(f"\nmulti-turn cases: {score:.3f} ({len(results) - len(misses)}/{len(results)})\n" + "\n".join(misses))
    assert score >= TARGET, "\n".join(misses)
