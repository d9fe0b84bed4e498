"""Statements of what happened ("ordered 500 mailers", "boots got refitted at the shop"): which task
they complete, if any. Over a fake tool port; no server, no database."""

from __future__ import annotations

import pytest

from tests.agent.offline.fakes import Conversation

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    "given,said,done",
    [
        (["Restock bubble mailers", "Wax the boards"], "ordered 500 mailers", 0),  # an order restocks
        (["Restock bubble mailers", "Wax the boards"], "ordered lunch for the crew", None),  # no task of that thing
        (["Get boots re-fitted", "Wash the car"], "boots got refitted at the shop, feel way better", 0),  # "re-fitted"
        (["Get boots re-fitted", "Wash the car"], "the car got washed at the garage", 1),
        (["Get boots re-fitted", "Book flight"], "the flight got delayed", None),  # news, no job of the task's
    ],
)
async def test_a_job_said_done_in_other_words(given, said, done):
    talk = Conversation(*given)
    await talk.say(said)
    assert [i for i, t in enumerate(talk.tools.tasks) if t["completed"]] == ([] if done is None else [done])


async def test_em_is_them():
    talk = Conversation("Wax skis", "Get boots re-fitted")
    await talk.say("add tune edges tonight")
    assert await talk.say("waxed 'em") == "Marked “Wax skis” as done. ✓"
