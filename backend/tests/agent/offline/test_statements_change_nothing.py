"""Statements that ask for nothing change nothing: how a task feels ("worried about the rent"), what
befell it ("I forgot the rent"), part of it or a try at it ("almost done with the deck"), a talk about
it with someone its title does not name ("talked to my wife about the lunch"), a thing about it ("saw a
video about the rent"). Each is said of a task on the lists the fresh conversations start from
(tests/corpus/fresh_conversations*.json), named by the longest word of its title that is no verb, over the
fake tool port: whatever the reply, the list must be as it was. On the suite's Thursday clock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.agent.offline.fakes import Conversation
from todo_chatbot.agent.offline import ranking
from todo_chatbot.parsing.vocabulary import TODO_VERBS, WEEKDAYS

pytestmark = pytest.mark.nodb
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
STATEMENTS = [
    "worried about the {thing}",
    "thinking about the {thing} today",
    "the {thing} is stressing me out",
    "not sure about the {thing} yet",
    "haven't done the {thing} yet",
    "I forgot the {thing}",
    "saw a video about the {thing}",
    "we talked about the {thing} at dinner",
    "talked to my wife about the {thing}",
    "almost done with the {thing}",
    "tried to do the {thing} but ran out of time",
    "started the {thing}",
    "remember the {thing} last year? lol",
    "the {thing} was fun last time",
    "my sister asked about the {thing}",
    "still waiting to hear about the {thing}",
]
EVERY = 7  # one conversation in seven: ~90 lists, each with every statement


def _lists() -> list[tuple[list[str], str]]:
    """(the given titles, "+" for a done one; the open task's thing) of every seventh conversation."""
    found = []
    conversations = [c for path in sorted(CORPUS.glob("fresh_conversations*.json")) for c in json.loads(path.read_text())]
    for conversation in conversations[::EVERY]:
        titles = []
        for task in conversation["given"]:
            title = task if isinstance(task, str) else task["title"]
            done = title.startswith("+") or (isinstance(task, dict) and task.get("done"))
            titles.append(("+" if done else "") + title.lstrip("+"))
        open_titles = [t for t in titles if not t.startswith("+")]
        if not open_titles:
            continue
        said = open_titles[len(conversation["note"]) % len(open_titles)]
        # the longest word of the title that names a thing: no verb, no day, no past ("Get boots re-fitted")
        things = [w for w in ranking.ref_words(said) if w not in TODO_VERBS and w not in WEEKDAYS and len(w) > 3 and not w.endswith("ed")]
        if things:
            found.append((titles, max(things, key=len)))
    return found


LISTS = _lists()


@pytest.mark.parametrize("statement", STATEMENTS)
async def test_a_statement_that_asks_for_nothing_changes_nothing(statement):
    assert len(LISTS) > 50
    changed = []
    for titles, thing in LISTS:
        talk = Conversation(*titles)
        before = [dict(t) for t in talk.tools.tasks]
        said = statement.format(thing=thing)
        reply = await talk.say(said)
        if talk.tools.tasks != before:
            changed.append((said, reply))
    assert changed == []
