"""The repairs of a conversation, each stage alone: take-backs and "same for" (repair.py), follow-ups
that change one field (followup.py), several targets (several.py), pasted lists (reading.pasted),
the help block once. No server: a reading and a Context, or the pipeline over the fake tool port."""

import pytest

from tests.agent.offline.fakes import Conversation, read
from todo_chatbot.agent.offline.command import Command
from todo_chatbot.agent.offline.followup import follow_up, said_alone
from todo_chatbot.agent.offline.interpret import interpret
from todo_chatbot.agent.offline.reading import clean
from todo_chatbot.agent.offline.repair import same_for, take_back
from todo_chatbot.agent.offline.reply import HELP, HINT, Reply
from todo_chatbot.agent.offline.several import names
from todo_chatbot.agent.offline.state import Context, State

pytestmark = pytest.mark.nodb

CHANGED = Context(State(mentioned=[2]), it=2, changed=True)
TAGGED = Command("schedule", text="tag the flight with work", tag="work")


@pytest.mark.parametrize(
    "text",
    ["no keep it", "oops, I still need that", "put it back", "no no, don't delete that", "I changed my mind", "i need that one still"],
)
def test_a_take_back_after_a_change_is_an_undo(text):
    assert take_back(read(text), CHANGED, None) == Command("undo", text=read(text).text)


def test_a_take_back_with_nothing_changed_says_so_and_changes_nothing():
    found = take_back(read("no keep it"), Context(), None)
    assert isinstance(found, Reply) and "nothing to put back" in found.text and found.state.unclear


@pytest.mark.parametrize("text", ["keep the receipts", "I still need to call mum", "put the bins out", "I want that", "I need to do that"])
def test_a_to_do_that_sounds_like_a_take_back_is_not_one(text):
    assert take_back(read(text), CHANGED, None) is None


@pytest.mark.parametrize(
    "text,ref",
    [("same for the jenny one", "the jenny one"), ("the eggs too", "the eggs"), ("task 3 as well", "task 3"), ("ditto the vet", "the vet")],
)
def test_same_for_repeats_the_last_change_on_another_task(text, ref):
    found = same_for(read(text), Context(did=TAGGED))
    assert found is not None and (found.intent, found.tag, found.ref) == ("schedule", "work", ref)


def test_a_change_named_again_reaches_past_an_add_but_a_bare_too_does_not():
    """ "tag that one too" after "add prep slides" tags the new task as the tag before the add did;
    "that one too" alone, or a verb that names another change, finds nothing to repeat."""
    after_an_add = Context(it=3, did=None, named=TAGGED)
    found = same_for(read("tag that one too"), after_an_add)
    assert found is not None and (found.intent, found.tag, found.ref) == ("schedule", "work", "that one")
    assert same_for(read("that one too"), after_an_add) is None
    assert same_for(read("mark that one too"), after_an_add) is None


def test_same_for_with_no_change_to_repeat_is_nothing():
    assert same_for(read("same for the jenny one"), Context()) is None


def test_a_repeated_request_of_its_own_is_that_request():
    found = interpret(read("delete the milk too"), Context(did=TAGGED))
    assert isinstance(found, Command) and found.intent == "delete"


@pytest.mark.parametrize(
    "text,slots",
    [
        ("make it the 5th instead", {"when": "on the 5th"}),
        ("make it 5", {"when": "at 5", "bare_hour": True}),
        ("no longer important", {"prio": "none"}),
        ("drop the tag", {"untag": True, "tag": None}),
        ("remove the work tag", {"untag": True, "tag": "work"}),
        ("no date on that one", {"undate": True}),
        ("set it for friday", {"when": "friday"}),
    ],
)
def test_a_follow_up_changes_one_field_of_it(text, slots):
    found = follow_up(read(text))
    assert found is not None and found.intent == "schedule" and found.ref in ("it", "that one")
    assert {k: getattr(found, k) for k in slots} == slots


def test_a_follow_up_that_names_no_date_is_not_one():
    assert follow_up(read("make it quick")) is None


def test_a_date_said_alone_is_about_the_task_the_last_reply_was_about():
    found = said_alone(read("every other wednesday"), Context(State(mentioned=[4]), it=4))
    assert found is not None and found.when == "every other wednesday"
    assert said_alone(read("every other wednesday"), Context(State(shown=[1, 2]))) is None


@pytest.mark.parametrize(
    "ref,parts",
    [
        ("the flight and the jenny one", ["the flight", "the jenny one"]),
        ("2 and 3", ["2", "3"]),
        ("1, 2 and 4", ["1", "2", "4"]),
        ("tasks 1 and 3", ["1", "3"]),
        ("the milk", []),
        ("and", []),
    ],
)
def test_several_names_in_one_reference(ref, parts):
    assert names(ref) == parts


@pytest.mark.parametrize(
    "message,text",
    [
        ("item 1: milk\nitem 2: eggs tomorrow", "add: milk; eggs tomorrow"),
        ("1. buy milk\n2) call mum", "add: buy milk; call mum"),
        ("shopping list:\n- eggs\n- bread", "add: eggs; bread"),
        ("delete these:\n- eggs\n- bread", "delete these: eggs; bread"),
        ("[ ] email sarah\n[x] renew passport", "add: email sarah; renew passport"),
        ("call mum\nbuy milk", "call mum: buy milk"),
    ],
)
def test_a_pasted_list_is_read_item_by_item(message, text):
    assert clean(message) == text


async def test_the_long_help_is_shown_once_then_a_hint():
    talk = Conversation("Buy milk")
    assert HELP in await talk.say("blah blah")
    assert await talk.say("wibble") == HINT
    assert HELP in await talk.say("help")  # asked for: shown again
    assert talk.tools.titles() == ["Buy milk"]


async def test_the_help_shown_long_ago_still_counts_when_only_the_last_replies_are_read():
    talk = Conversation("Buy milk")
    assert HELP in await talk.say("blah blah")
    for n in range(10):  # more turns than the history a turn reads
        await talk.say(f"add errand {n}")
    assert await talk.say("wibble") == HINT


async def test_several_targets_are_one_undo_step():
    talk = Conversation("Book flight", "Call Jenny", "Buy milk")
    assert await talk.say("complete 2 and 3") == "Marked “Call Jenny” as done. ✓\nMarked “Buy milk” as done. ✓"
    await talk.say("undo")
    assert talk.tools.titles() == ["Book flight", "Call Jenny", "Buy milk"]
