"""The lists the fresh conversations start from (tests/corpus/fresh_conversations*.json), each with one
open task and the word that names it: the longest word of its title that names a thing (no verb, no day,
no past: "Get boots re-fitted"), and, when `unique`, that no other task's title has. For the tests that
say one thing of many tasks (test_statements_change_nothing.py, test_changes_said_many_ways.py)."""

from __future__ import annotations

import json
from pathlib import Path

from todo_chatbot.agent.offline import ranking
from todo_chatbot.parsing.vocabulary import TODO_VERBS, WEEKDAYS

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
_NOT_A_THING = {"weekend", "weekly", "daily", "monthly", "tonight", "today", "tomorrow"}


def given_lists(every: int, unique: bool = False) -> list[tuple[list[str], str, str]]:
    """(the given titles, "+" before a done one; the open task; its word) of every `every`-th conversation."""
    found = []
    conversations = [c for path in sorted(CORPUS.glob("fresh_conversations*.json")) for c in json.loads(path.read_text())]
    for conversation in conversations[::every]:
        titles = []
        for task in conversation["given"]:
            title = task if isinstance(task, str) else task["title"]
            done = title.startswith("+") or (isinstance(task, dict) and task.get("done"))
            titles.append(("+" if done else "") + title.lstrip("+"))
        open_titles = [t for t in titles if not t.startswith("+")]
        if not open_titles:
            continue
        target = open_titles[len(conversation["note"]) % len(open_titles)]
        others = {w for t in titles if t != target for w in ranking.ref_words(t.lstrip("+"))} if unique else set()
        said = [w for w in ranking.ref_words(target) if w not in TODO_VERBS and w not in WEEKDAYS and w not in _NOT_A_THING]
        things = [w for w in said if len(w) > 3 and not w.endswith("ed") and w not in others]
        if things:
            found.append((titles, target, max(things, key=len)))
    return found
