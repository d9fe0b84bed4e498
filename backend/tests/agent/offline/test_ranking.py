"""Which task a reference means, decided against a task list with no server or database
(tests/corpus/references.json): a clear winner acts, a near-tie asks which one naming every
close candidate, and only an exact reference may delete without asking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from todo_chatbot.agent.offline import ranking, vocabulary

pytestmark = pytest.mark.nodb

CASES = json.loads((Path(__file__).resolve().parents[2] / "corpus" / "references.json").read_text(encoding="utf-8"))


def _tasks(specs: list[str]) -> list[dict[str, Any]]:
    return [{"id": n, "title": s.lstrip("+"), "completed": s.startswith("+")} for n, s in enumerate(specs, start=1)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['ref']}-{c['decides']}-{n}" for n, c in enumerate(CASES)])
def test_reference(case):
    tasks = _tasks(case["tasks"])
    decision = ranking.decide(case["ref"], tasks, case["action"])
    got = "ask" if decision.options else "none" if decision.task is None else "exact" if decision.exact else "loose"
    ranked = [(r.task["title"], r.score) for r in ranking.rank(ranking.ref_words(case["ref"]), tasks)]
    assert got == case["decides"], ranked
    if got == "ask":
        assert [t["title"] for t in decision.options] == case["options"], ranked
    elif got != "none":
        assert decision.task is not None and decision.task["title"] == case["task"], ranked


def test_the_cases_cover_near_ties_and_clear_winners():
    kinds = [c["decides"] for c in CASES]
    assert {"ask", "exact", "loose", "none"} <= set(kinds) and len(CASES) >= 20


def test_a_near_tie_is_within_the_margin_and_a_winner_beyond_it():
    tie = ranking.rank(["pay"], _tasks(["Pay rent", "Pay the plumber"]))
    assert tie[0].score - tie[1].score < vocabulary.RANK_MARGIN
    lead = ranking.rank(["pay"], _tasks(["Payroll report", "Pay rent"]))
    assert lead[0].task["title"] == "Pay rent" and lead[0].score - lead[1].score >= vocabulary.RANK_MARGIN


def test_word_fit_orders_same_word_prefix_typo_and_miss():
    same, prefix, typo, miss = (ranking.word_fit("report", w) for w in ("report", "reports", "reprot", "repair"))
    assert same == 1 > prefix > typo > 0 == miss
