"""The offline interpreter measured against a labelled corpus of what people type (tests/corpus/utterances.json).

Each entry says what the person MEANS, not what the parser does today; the
accuracy test measures the gap. No database, no server: parse() and
parse_quick_add() are pure once the clock is frozen at Thursday 2026-11-26 10:00
(UTC, the turn's default zone).

Run with -s to see the table of precision and recall per intent, the misses and the parse times.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.agent.offline.fakes import ZONE, parse
from todo_chatbot.infra import clock
from todo_chatbot.parsing import ParsedTask, parse_quick_add

pytestmark = pytest.mark.nodb

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "utterances.json"
FROZEN_NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)  # a Thursday
MIN_ENTRIES = 420
TARGET_ACCURACY = 0.95

INTENTS = ("add", "list", "complete", "reopen", "delete", "rename", "schedule", "undo", "help", "smalltalk", "offtopic", "bulk")
NEEDS_REF = {"complete", "reopen", "delete", "rename", "schedule"}
KEYS = {"text", "intent", "ref", "titles", "slots", "slots_each", "note"}
ADD_SLOTS = {"due", "time", "priority", "tags", "recurrence"}
LIST_SLOTS = {"status", "due", "priority", "tag", "q"}
# The parser's names for the corpus's intents; anything else keeps its name, no parse at all is "none".
# "past" is "I called mom": it completes the task the past tense names; "check" is "did I pay rent?",
# a question about one task that lists it.
PARSER_TO_LABEL = {"update": "rename", "past": "complete", "check": "list"}

_DUE = re.compile(r"^(?:[+-]\d+|\d{4}-\d{2}-\d{2})$")
_TIME = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
_RRULE = re.compile(r"^FREQ=(?:DAILY|WEEKLY|MONTHLY|YEARLY)(?:;[A-Z]+=[A-Z0-9,+-]+)*$")


def load_corpus() -> list[dict[str, Any]]:
    return json.loads(CORPUS.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- comparing


def norm_title(title: str) -> str:
    """How a title reads once stored: no surrounding quotes or end punctuation, any case, no leading "the"."""
    text = " ".join(title.replace("’", "'").split()).strip()
    if len(text) >= 2 and text[0] in "'\"“" and text[-1] in "'\"”":
        text = text[1:-1].strip()
    text = text.rstrip(" .!;,").lower()
    return text.removeprefix("the ")


def expected_due(value: str, today: date) -> date:
    return today + timedelta(days=int(value)) if value[0] in "+-" else date.fromisoformat(value)


def rrule_parts(rule: str | None) -> set[str]:
    return set(rule.upper().split(";")) if rule else set()


def slot_errors(slots: dict[str, Any], task: ParsedTask, today: date) -> list[str]:
    """What in `task` differs from the expected `slots` (only the slots given are compared)."""
    errors = []
    if "due" in slots and task.due_date != expected_due(slots["due"], today):
        errors.append(f"due {task.due_date} != {expected_due(slots['due'], today)}")
    if "time" in slots:
        got = task.due_time.strftime("%H:%M") if task.due_time else None
        if got != slots["time"]:
            errors.append(f"time {got} != {slots['time']}")
    if "priority" in slots and task.priority != slots["priority"]:
        errors.append(f"priority {task.priority} != {slots['priority']}")
    if "tags" in slots and sorted(t.lower() for t in task.tags) != sorted(t.lower() for t in slots["tags"]):
        errors.append(f"tags {task.tags} != {slots['tags']}")
    if "recurrence" in slots and rrule_parts(task.recurrence) != rrule_parts(slots["recurrence"]):
        errors.append(f"recurrence {task.recurrence} != {slots['recurrence']}")
    return errors


def describe(task: ParsedTask) -> str:
    bits = [repr(task.title)]
    if task.due_date:
        bits.append(f"due {task.due_date}" + (f" {task.due_time:%H:%M}" if task.due_time else ""))
    if task.priority != "none":
        bits.append(task.priority)
    bits += [f"#{t}" for t in task.tags]
    if task.recurrence:
        bits.append(task.recurrence)
    return " ".join(bits)


# --------------------------------------------------------------------------- running the parser


@dataclass
class Outcome:
    entry: dict[str, Any]
    got: str  # the parser's intent, in the corpus's names
    right: bool
    ms: float
    parts: dict[str, str] = field(default_factory=dict)
    tasks: list[ParsedTask] = field(default_factory=list)
    why: str = ""

    @property
    def expected(self) -> str:
        return self.entry["intent"]


def judge(entry: dict[str, Any], now: datetime) -> Outcome:
    started = time.perf_counter()
    parsed = parse(entry["text"])
    tasks: list[ParsedTask] = []
    if parsed is not None and parsed.intent == "add":
        title = parsed.title or ""
        tasks = parse_quick_add(title, now) or [ParsedTask(title=title)]  # as the agent's _add does
    ms = (time.perf_counter() - started) * 1000
    got = "none" if parsed is None else PARSER_TO_LABEL.get(parsed.intent, parsed.intent)
    outcome = Outcome(entry, got, got == entry["intent"], ms, parsed.parts() if parsed else {}, tasks)
    if not outcome.right:
        outcome.why = "intent"
    elif got == "add":
        outcome.why = add_errors(entry, tasks, now.date())
        outcome.right = not outcome.why
    return outcome


def add_errors(entry: dict[str, Any], tasks: list[ParsedTask], today: date) -> str:
    wanted = [norm_title(t) for t in entry["titles"]]
    got = [norm_title(t.title) for t in tasks]
    if got != wanted:
        return "titles"
    each = entry.get("slots_each") or [entry.get("slots") or {}]
    errors = [e for slots, task in zip(each, tasks, strict=False) for e in slot_errors(slots, task, today)]
    return "slots: " + "; ".join(errors) if errors else ""


@pytest.fixture(scope="module")
def frozen_now() -> Iterator[datetime]:
    """The turn's wall clock frozen at Thursday 2026-11-26 10:00 (UTC)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: FROZEN_NOW)
        yield clock.local_now(ZONE)


@pytest.fixture(scope="module")
def outcomes(frozen_now: datetime) -> list[Outcome]:
    corpus = load_corpus()
    parse("warm up")  # the first call pays for lazy imports, not the parse
    return [judge(entry, frozen_now) for entry in corpus]


# --------------------------------------------------------------------------- the report


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def expected_text(entry: dict[str, Any]) -> str:
    text = entry["intent"]
    if entry["intent"] == "add":
        text += " " + " | ".join(entry["titles"])
        for key in ("slots", "slots_each"):
            if entry.get(key):
                text += f" {json.dumps(entry[key])}"
    elif entry.get("ref"):
        text += f" ref={entry['ref']!r}"
    return text


def got_text(outcome: Outcome) -> str:
    if outcome.got == "add":
        return "add " + " | ".join(describe(t) for t in outcome.tasks) + (f"  [{outcome.why}]" if outcome.why else "")
    keys = ("ref", "q", "new", "when", "shift", "unit", "tag", "desc", "title")
    parts = " ".join(f"{k}={outcome.parts[k]!r}" for k in keys if k in outcome.parts)
    return f"{outcome.got} {parts}".rstrip()


def report(results: list[Outcome]) -> str:
    labelled = Counter(o.expected for o in results)
    predicted = Counter(o.got for o in results)
    right = Counter(o.expected for o in results if o.right)
    intent_right = Counter(o.expected for o in results if o.got == o.expected)
    lines = [
        "",
        f"corpus: {len(results)} utterances, frozen now {FROZEN_NOW:%a %Y-%m-%d %H:%M} UTC",
        "'right' needs the intent and, for add, the titles and given slots; 'intent ok' counts the intent alone.",
        f"{'intent':<10} {'n':>4} {'said':>5} {'right':>5} {'precision':>9} {'recall':>7} {'intent ok':>9}",
    ]
    for intent in (*INTENTS, *sorted(set(predicted) - set(INTENTS))):
        n, said = labelled[intent], predicted[intent]
        precision = f"{right[intent] / said:.2f}" if said and n else "-"
        recall = f"{right[intent] / n:.2f}" if n else "-"
        intent_ok = f"{intent_right[intent] / n:.2f}" if n else "-"
        lines.append(f"{intent:<10} {n:>4} {said:>5} {right[intent]:>5} {precision:>9} {recall:>7} {intent_ok:>9}")
    total = len(results)
    lines.append(
        f"overall accuracy: {sum(right.values()) / total:.3f} ({sum(right.values())}/{total}); "
        f"intent only: {sum(intent_right.values()) / total:.3f}"
    )
    times = [o.ms for o in results]
    lines.append(
        f"parse time per utterance: p50 {percentile(times, 0.50):.3f} ms, p99 {percentile(times, 0.99):.3f} ms, max {max(times):.3f} ms"
    )
    misses = [o for o in results if not o.right]
    lines.append(f"misses ({len(misses)}):")
    for o in sorted(misses, key=lambda o: (INTENTS.index(o.expected), o.got)):
        lines.append(f"  {o.entry['text']!r}\n      expected: {expected_text(o.entry)}\n      got:      {got_text(o)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- the tests


def check_task_slots(slots: dict[str, Any], entry: dict[str, Any]) -> None:
    assert isinstance(slots, dict) and set(slots) <= ADD_SLOTS, entry
    assert "due" not in slots or _DUE.match(slots["due"]), entry
    assert "time" not in slots or _TIME.match(slots["time"]), entry
    assert slots.get("priority", "none") in ("none", "low", "medium", "high"), entry
    assert "tags" not in slots or (isinstance(slots["tags"], list) and all(slots["tags"])), entry
    assert "recurrence" not in slots or _RRULE.match(slots["recurrence"]), entry


def test_corpus_is_well_formed():
    corpus = load_corpus()
    assert isinstance(corpus, list)
    assert len(corpus) >= MIN_ENTRIES, len(corpus)
    seen: set[str] = set()
    for entry in corpus:
        assert isinstance(entry, dict) and set(entry) <= KEYS, entry
        text, intent = entry.get("text"), entry.get("intent")
        assert isinstance(text, str) and text.strip(), entry
        assert intent in INTENTS, entry
        key = " ".join(text.lower().split())
        assert key not in seen, f"duplicate text: {text!r}"
        seen.add(key)
        if intent == "add":
            titles = entry.get("titles")
            assert isinstance(titles, list) and titles and all(isinstance(t, str) and t.strip() for t in titles), entry
            each = entry.get("slots_each")
            if each is not None:
                assert len(titles) > 1 and len(each) == len(titles), entry
            for slots in [entry.get("slots") or {}, *(each or [])]:
                check_task_slots(slots, entry)
        else:
            assert "titles" not in entry and "slots_each" not in entry, entry
        if intent in NEEDS_REF:
            assert isinstance(entry.get("ref"), str) and entry["ref"].strip(), entry
        if intent == "schedule":
            check_task_slots(entry.get("slots") or {}, entry)
        if intent == "list":
            slots = entry.get("slots") or {}
            assert set(slots) <= LIST_SLOTS, entry
            assert slots.get("status", "all") in ("pending", "completed", "all"), entry
            assert slots.get("due", "today") in ("today", "overdue", "week", "tomorrow", "none"), entry


def test_corpus_accuracy_is_at_least_95_percent(outcomes: list[Outcome]):
    print(report(outcomes))
    accuracy = sum(o.right for o in outcomes) / len(outcomes)
    assert accuracy >= TARGET_ACCURACY, f"accuracy {accuracy:.3f} < {TARGET_ACCURACY} ({sum(not o.right for o in outcomes)} misses)"


def test_the_intent_is_the_reading_that_explains_most_of_the_message():
    """Several intents' patterns may match; the one whose own words explain more of the message wins."""
    from todo_chatbot.agent.offline import vocabulary
    from todo_chatbot.agent.offline.reading import candidates

    readings = candidates("mark the report as not done", vocabulary.INTENT_ORDER, clock.local_now(ZONE))
    best = {r.intent: max(c.score for c in readings if c.intent == r.intent) for r in readings}
    assert set(best) == {"reopen", "complete"} and best["reopen"] > best["complete"]
    parsed = parse("mark the report as not done")
    assert parsed is not None and (parsed.intent, parsed.ref) == ("reopen", "the report")
    questions = candidates("is the report done", vocabulary.QUESTION_INTENTS, clock.local_now(ZONE))
    assert {c.intent for c in questions} == {"list"}  # a question never reads as a change
