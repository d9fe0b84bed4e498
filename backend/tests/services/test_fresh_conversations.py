"""Fresh conversations (tests/corpus/fresh_conversations*.json): written in advance, as a busy new
user types, by someone who had not read how the assistant reads a message, and kept as written.
Scored turn by turn, end to end through /chat: a turn is right when the task list after it is the
one given (and its reply has the words given, for questions whose answer matters). The first run
of each set as written is recorded in docs/assistant.md. Run with -s to see the scores and the misses.

Tasks are written as in the conversation corpus (tests/agent/offline/test_conversation_corpus.py):
"Title", "+Title" (done) or {"title", "done", "due", "time", "priority", "tags", "repeat"}.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests import dates
from tests.agent.offline.test_conversation_corpus import actual, expected
from tests.conftest import Api

# The sets are written for a Thursday at 10:00 ("friday" is tomorrow; "daily at 8am" is due tomorrow): they
# run on that clock, the suite's own, and not on the date matrix's others, where their answers differ.
pytestmark = pytest.mark.skipif(
    (dates.local_now().weekday(), dates.local_now().hour) != (3, 10), reason="the fresh sets are written for a Thursday at 10:00"
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# Each set, and the share of its turns held now: a change that loses turns fails here (raise it as turns
# are won). Each set after the first was written after the one before had been run and its misses fixed,
# so its first run is the measure of a set no fix had seen (docs/assistant.md gives every first run).
# Sets two, four, six and seven expect "delete the van one" to delete at once; it asks first (a word
# that only points leaves a reference loose), so each lost the turns after such a delete.
SETS = {
    "first": ("fresh_conversations.json", 1.00),  # first run 40/113
    "second": ("fresh_conversations_2.json", 0.94),  # first run 32/100
    "third": ("fresh_conversations_3.json", 0.92),  # first run 17/110
    "fourth": ("fresh_conversations_4.json", 0.94),  # first run 58/109
    "fifth": ("fresh_conversations_5.json", 1.00),  # first run 67/106
    "sixth": ("fresh_conversations_6.json", 0.94),  # first run 71/109
    "seventh": ("fresh_conversations_7.json", 0.98),  # first run 75/109
    "eighth": ("fresh_conversations_8.json", 1.00),  # first run 50/123
    "ninth": ("fresh_conversations_9.json", 0.91),  # first run 14/121
    "tenth": ("fresh_conversations_10.json", 1.00),  # first run 64/121
    "eleventh": ("fresh_conversations_11.json", 0.78),  # first run 41/123
    "twelfth": ("fresh_conversations_12.json", 0.91),  # first run 49/116
    "thirteenth": ("fresh_conversations_13.json", 0.98),  # first run 54/121
    "fourteenth": ("fresh_conversations_14.json", 0.99),  # first run 43/119
    "fifteenth": ("fresh_conversations_15.json", 0.90),  # first run 55/121
    "sixteenth": ("fresh_conversations_16.json", 0.88),  # first run 78/120
    "seventeenth": ("fresh_conversations_17.json", 0.95),  # first run 36/134
    "eighteenth": ("fresh_conversations_18.json", 0.94),  # first run 32/132
    "nineteenth": ("fresh_conversations_19.json", 0.92),  # first run 51/128
    "twentieth": ("fresh_conversations_20.json", 0.96),  # first run 38/125
    "twenty-first": ("fresh_conversations_21.json", 0.98),  # first run 25/124
    "twenty-second": ("fresh_conversations_22.json", 0.91),  # first run 37/122
    "twenty-third": ("fresh_conversations_23.json", 0.82),  # first run 24/123
    "twenty-fourth": ("fresh_conversations_24.json", 0.95),  # first run 34/122
    "twenty-fifth": ("fresh_conversations_25.json", 0.83),  # first run 46/127 at b57f058, unseen; 62 at f9bcdea
    "twenty-sixth": ("fresh_conversations_26.json", 0.93),  # first run 27/127 at b57f058, unseen; 41 at f9bcdea
    "twenty-seventh": ("fresh_conversations_27.json", 0.84),  # first run 26/132 at b57f058, unseen; 53 at f9bcdea
    "twenty-eighth": ("fresh_conversations_28.json", 0.85),  # first run 53/127 at b57f058, unseen; 61 at c78f6d7, unseen
    "twenty-ninth": ("fresh_conversations_29.json", 0.86),  # first run 39/126 at b57f058, unseen; 51 at c78f6d7, unseen
    "thirtieth": ("fresh_conversations_30.json", 0.84),  # first run 36/130 at b57f058, unseen; 65 at c78f6d7, unseen
    "thirty-first": ("fresh_conversations_31.json", 0.91),  # first run 47/128 at 8ee3343, unseen; 50 at 4cf444f, unseen
    "thirty-second": ("fresh_conversations_32.json", 0.82),  # first run 46/133 at 8ee3343, unseen; 67 at 4cf444f, unseen
    "thirty-third": ("fresh_conversations_33.json", 0.88),  # first run 55/131 at 8ee3343, unseen; 57 at 4cf444f, unseen
    "thirty-fourth": ("fresh_conversations_34.json", 0.75),  # first run 65/128 at cbab875, unseen; 70 at a7144f1, unseen
    "thirty-fifth": ("fresh_conversations_35.json", 0.63),  # first run 72/127 at cbab875, unseen; 72 at a7144f1, unseen
    "thirty-sixth": ("fresh_conversations_36.json", 0.72),  # first run 68/127 at cbab875, unseen; 68 at a7144f1, unseen
    "thirty-seventh": ("fresh_conversations_37.json", 0.72),  # first run 78/130 at cbab875, unseen; 78 at 000cb61, unseen
    "thirty-eighth": ("fresh_conversations_38.json", 0.84),  # first run 89/125 at cbab875, unseen; 90 at 000cb61, unseen
    "thirty-ninth": ("fresh_conversations_39.json", 0.62),  # first run 48/124 at cbab875, unseen; 48 at 000cb61, unseen
    "fortieth": ("fresh_conversations_40.json", 0.75),  # first run 67/127 at cf9633e, unseen
    "forty-first": ("fresh_conversations_41.json", 0.98),  # first run 61/125 at cf9633e, unseen
    "forty-second": ("fresh_conversations_42.json", 0.97),  # first run 69/130 at cf9633e, unseen
    "forty-third": ("fresh_conversations_43.json", 0.67),  # first run 69/124 at cf9633e, unseen; 73 at d569e65, unseen
    "forty-fourth": ("fresh_conversations_44.json", 0.67),  # first run 49/126 at cf9633e, unseen; 49 at d569e65, unseen
    "forty-fifth": ("fresh_conversations_45.json", 0.66),  # first run 48/124 at cf9633e, unseen; 50 at d569e65, unseen
    "forty-sixth": ("fresh_conversations_46.json", 0.80),  # first run 85/135 at 8a27194, unseen
    "forty-seventh": ("fresh_conversations_47.json", 0.79),  # first run 80/135 at 8a27194, unseen
    "forty-eighth": ("fresh_conversations_48.json", 0.80),  # first run 73/125 at 8a27194, unseen
    "forty-ninth": ("fresh_conversations_49.json", 0.60),  # first run 80/132 at 8a27194, unseen; 80 at cb83f98, unseen
    "fiftieth": ("fresh_conversations_50.json", 0.61),  # first run 80/131 at 8a27194, unseen; 80 at cb83f98, unseen
    "fifty-first": ("fresh_conversations_51.json", 0.55),  # first run 68/122 at 8a27194, unseen; 68 at cb83f98, unseen
}
GOAL = 0.90  # issue #20
FIELDS = {"due": "due_date", "time": "due_time", "priority": "priority", "tags": "tags", "repeat": "recurrence"}


def _given(api: Api, task: str | dict[str, Any]) -> None:
    wanted = expected(task)
    body: dict[str, Any] = {"title": wanted["title"]} | {FIELDS[k]: v for k, v in wanted.items() if k in FIELDS}
    made = api.http.post(f"/api/{api.id}/tasks", json=body)
    assert made.status_code == 201, made.text
    if wanted["done"]:
        assert api.http.patch(f"/api/{api.id}/tasks/{made.json()['id']}/complete").status_code == 200


def _list_after(api: Api, wanted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tasks = sorted(api.tasks(), key=lambda t: t["id"])
    if len(tasks) != len(wanted):
        return [actual(t, {"title", "done"}) for t in tasks]
    return [actual(t, set(w)) for t, w in zip(tasks, wanted, strict=True)]


def run(base_url: str, conversation: dict[str, Any]) -> list[tuple[bool, str]]:
    """Each turn: whether the list after it (and its reply) is the one wanted, and what was said
    and found. A turn after a miss is judged against the list the conversation should have by
    then, so one miss can cost the turns after it too."""
    api = Api(base_url)
    for task in conversation["given"]:
        _given(api, task)
    conversation_id = None
    scored = []
    for turn in conversation["turns"]:
        answer = api.chat(turn["say"], conversation_id)
        conversation_id = answer["conversation_id"]
        wanted = [expected(t) for t in turn["tasks"]]
        got = _list_after(api, wanted)
        missing = [w for w in turn.get("reply_has", []) if w.lower() not in answer["response"].lower()]
        why = f"  > {turn['say']}\n  < {answer['response']}\n  tasks  {got}\n  wanted {wanted}"
        why += f"\n  reply lacks {missing}" if missing else ""
        scored.append((got == wanted and not missing, why))
    return scored


def score(base_url: str, conversations: list[dict[str, Any]], name: str) -> tuple[float, str]:
    """The share of turns right, and a report: each conversation's turns marked, then each miss."""
    results = [(conversation["note"], run(base_url, conversation)) for conversation in conversations]
    turns = [right for _, scored in results for right, _ in scored]
    misses = [f"{note}:\n{why}" for note, scored in results for right, why in scored if not right]
    share = sum(turns) / len(turns)
    marks = "\n".join(note + ": " + "".join("✓" if right else "✗" for right, _ in scored) for note, scored in results)
    report = f"\n{name} (goal {GOAL}): {share:.3f} of turns right ({sum(turns)}/{len(turns)})\n{marks}\n" + "\n".join(misses)
    print(report)
    return share, report


def conversations(name: str) -> list[dict[str, Any]]:
    return list(json.loads((CORPUS / SETS[name][0]).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", SETS)
def test_the_sets_are_well_formed(name):
    written = conversations(name)
    assert len(written) >= 10 and sum(len(c["turns"]) for c in written) >= 100
    for conversation in written:
        assert set(conversation) == {"note", "given", "turns"}, conversation
        for turn in conversation["turns"]:
            assert set(turn) <= {"say", "tasks", "reply_has"} and {"say", "tasks"} <= set(turn), turn


@pytest.mark.parametrize("name", SETS)
def test_each_set_keeps_the_turns_it_has_won(base_url, name):
    share, report = score(base_url, conversations(name), f"{name} set")
    assert share >= SETS[name][1], report
