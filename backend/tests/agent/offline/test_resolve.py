"""The resolving stage alone: references against a fake list and the conversation."""

import pytest

from tests.agent.offline.fakes import FakeTools
from todo_chatbot.agent.offline.reply import ASK_WHICH
from todo_chatbot.agent.offline.resolve import Found, resolve
from todo_chatbot.agent.offline.state import Context, State

pytestmark = pytest.mark.nodb

TOOLS = ("Buy milk", "Buy milk chocolate", "Call the dentist")


async def test_a_number_names_a_task_exactly_without_listing():
    tools = FakeTools(*TOOLS)
    assert await resolve(tools, "task 3", "delete", Context()) == Found(3, exact=True)
    assert tools.calls == []


async def test_it_and_places_come_from_the_conversation_and_are_never_exact():
    tools = FakeTools(*TOOLS)
    assert await resolve(tools, "it", "delete", Context(it=2)) == Found(2)
    assert await resolve(tools, "it", "delete", Context()) == ASK_WHICH
    assert await resolve(tools, "the last one", "complete", Context(State(shown=[3, 1]))) == Found(1)
    assert await resolve(tools, "the second one", "complete", Context()) == ASK_WHICH


async def test_words_are_ranked_with_a_margin():
    tools = FakeTools(*TOOLS)
    found = await resolve(tools, "the dentist", "complete", Context())
    assert isinstance(found, Found) and found.task_id == 3 and found.exact
    options = await resolve(tools, "the milk one", "complete", Context())
    assert isinstance(options, list) and [t["id"] for t in options] == [1, 2]
    assert "couldn't find" in str(await resolve(tools, "the plumber", "complete", Context()))
