"""Statements that ask for nothing change nothing: how a task feels ("worried about the rent"), what
befell it ("I forgot the rent"), part of it or a try at it ("almost done with the deck"), a talk about
it with someone its title does not name ("talked to my wife about the lunch"), a thing about it ("saw a
video about the rent"). Each is said of a task on the lists the fresh conversations start from
(given_lists.py), named by a word of its title, over the fake tool port: whatever the reply, the list
must be as it was. On the suite's Thursday clock."""

from __future__ import annotations

import pytest

from tests.agent.offline.fakes import Conversation
from tests.agent.offline.given_lists import given_lists

pytestmark = pytest.mark.nodb
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
    # questions read the list and never change it
    "when is the {thing}?",
    "is the {thing} done?",
    "did I do the {thing} yet?",
    "do I still have the {thing} on my list?",
    "whens the {thing}",
    "how's the {thing} looking",
]
LISTS = given_lists(every=7)  # one conversation in seven: ~90 lists, each with every statement


@pytest.mark.parametrize("statement", STATEMENTS)
async def test_a_statement_that_asks_for_nothing_changes_nothing(statement):
    assert len(LISTS) > 50
    changed = []
    for titles, _, thing in LISTS:
        talk = Conversation(*titles)
        before = [dict(t) for t in talk.tools.tasks]
        said = statement.format(thing=thing)
        reply = await talk.say(said)
        if talk.tools.tasks != before:
            changed.append((said, reply))
    assert changed == []
