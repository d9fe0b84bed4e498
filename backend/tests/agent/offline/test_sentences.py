"""A message of several sentences, and the words that only point at a task: which sentence is the
request, what answers the assistant's own question, and when a delete asks first. Over a fake tool
port; no server, no database."""

from __future__ import annotations

import pytest

from tests import dates
from tests.agent.offline.fakes import Conversation

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    "said,deleted",
    [
        ("delete the gutter thing", False),  # "thing" points at the task: asks
        ("delete the gutter one", False),
        ("get rid of the gutter stuff", False),
        ("delete the gutter cleaning", True),  # words whole in one title alone: named
        ("delete schedule gutter cleaning", True),
        ("delete task 1", True),
    ],
)
async def test_a_word_that_only_points_makes_a_delete_ask(said, deleted):
    talk = Conversation("Schedule gutter cleaning", "Buy milk")
    reply = await talk.say(said)
    assert (talk.tools.titles() == ["Buy milk"]) is deleted, reply
    if not deleted:
        assert reply == "Delete “Schedule gutter cleaning”? (yes / no)"
        assert await talk.say("yes") == "Deleted “Schedule gutter cleaning”."


@pytest.mark.parametrize(
    "answer,kept",
    [
        ("No, keep it. I mixed it up with something else.", True),
        ("Yes. It was a duplicate anyway.", False),
        ("nope!! wrong one 🙈", True),
    ],
)
async def test_the_first_sentence_answers_a_question(answer, kept):
    talk = Conversation("Confirm florist for Henderson service", "Order memorial cards")
    assert (await talk.say("remove the card thing")).startswith("Delete “Order memorial cards”?")
    await talk.say(answer)
    assert ("Order memorial cards" in talk.tools.titles()) is kept


async def test_the_first_sentence_picks_from_a_which_one_question():
    talk = Conversation("Order bubble wrap", "Order dolly straps")
    assert (await talk.say("delete the order one")).startswith("Which one")
    await talk.say("the first one. we found a pallet of it")
    assert talk.tools.titles() == ["Order dolly straps"]


@pytest.mark.parametrize(
    "said",
    ["It has been a long week. Thank you for the help.", "lol dispatch life. ok thx", "long day 😩 thanks for all your help"],
)
async def test_thanks_after_remarks_is_thanks(said):
    talk = Conversation("Buy milk")
    assert await talk.say(said) == "You're welcome!"
    assert talk.tools.titles() == ["Buy milk"]


async def test_a_to_do_after_thanks_is_added():
    talk = Conversation()
    assert (await talk.say("thanks. call mom tmrw")).startswith("Added “Call mom”")


async def test_a_face_ends_a_sentence():
    talk = Conversation("Draft budget narrative", "Buy milk")
    await talk.say("morning ☕ the deadline got pushed!! move the budget narrative to saturday")
    tasks = talk.tools.tasks
    assert tasks[0]["due_date"] == dates.weekday("saturday").isoformat() and not tasks[0]["completed"]
    assert talk.tools.titles() == ["Draft budget narrative", "Buy milk"]


async def test_a_face_after_a_command_word_ends_no_sentence():
    talk = Conversation()
    assert (await talk.say("add 🎂 order the cake")).startswith("Added “🎂 order the cake”")


async def test_news_of_a_move_completes_nothing():
    talk = Conversation("Ford deadline")
    await talk.say("the ford deadline got pushed")
    assert not talk.tools.tasks[0]["completed"]
