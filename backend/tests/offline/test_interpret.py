"""The interpreting stage alone: Reading + dialogue state -> one Command, or a reply at once.
Each rule that turns one intent into another is checked by name. No server."""

import pytest

from todo_chatbot.agent.offline.command import Command
from todo_chatbot.agent.offline.interpret import interpret, parse
from todo_chatbot.agent.offline.reading import read
from todo_chatbot.agent.offline.reply import NOT_UNDERSTOOD, Reply
from todo_chatbot.agent.offline.state import Confirm, Context, Pending, State

pytestmark = pytest.mark.nodb


def command(text: str, context: Context | None = None) -> Command | Reply:
    return interpret(read(text), context or Context())


def test_a_command_carries_its_slots_typed():
    found = parse("rename task 3 to call mom tonight")
    assert found == Command("update", text="rename task 3 to call mom tonight", ref="task 3", new="call mom tonight")


def test_not_understood_is_a_reply_that_leaves_no_it():
    assert command("xyzzy plover") == Reply(NOT_UNDERSTOOD, State(unclear=True))


@pytest.mark.parametrize(
    "text,intent",
    [
        ("finish the report by friday", "add"),  # _is_todo: the command word is the to-do's own verb, with a date
        ("drop off the donations", "add"),  # _is_todo: a particle
        ("scrap the car on friday", "add"),  # _dated: a loose verb with a date is a to-do
        ("pick up the parcel", "add"),  # _without_command: a to-do verb first
        ("I called mom", "past"),  # _without_command: a past form
        ("the plants are watered", "past"),  # _without_command: a participle
        ("shw my tasks", "list"),  # _without_command: a misspelt command word
        ("what's due today?", "list"),
    ],
)
def test_the_intent_rules(text, intent):
    found = parse(text)
    assert found is not None and found.intent == intent


@pytest.mark.parametrize(
    "text,expected",
    [
        ("change the report to done", Command("complete", text="change the report to done", ref="the report", new="done")),
        ("change it to not done", Command("reopen", text="change it to not done", ref="it", new="not done")),
        ("change it to high", Command("schedule", text="change it to high", ref="it", new="high", prio="high")),
        ("change it to 7", Command("schedule", text="change it to 7", ref="it", new="7", when="at 7", bare_hour=True)),
        ("change mom to dad", Command("update", text="change mom to dad", ref="mom", new="dad", keep_verb=True)),
        ("rename the report to done", Command("update", text="rename the report to done", ref="the report", new="done")),
    ],
)
def test_update_redirects_by_what_the_new_words_are(text, expected):
    assert parse(text) == expected


def test_an_update_to_words_that_are_no_title_changes_nothing():
    found = parse("change it to the next one")
    assert found is not None and found.intent == "say" and "changed nothing" in (found.answer or "")


@pytest.mark.parametrize("text,ask", [("delete the report", False), ("delete the report?", True), ("trash the report", True)])
def test_a_delete_asks_unless_firm_and_unasked(text, ask):
    found = parse(text)
    assert found is not None and found.intent == "delete" and found.ask is ask


def test_a_dated_delete_looks_for_the_words_before_the_date_and_asks():
    found = parse("delete the dentist appointment on friday")
    assert found is not None and (found.intent, found.ref, found.dated, found.ask) == ("delete", "the dentist appointment", True, True)


def test_a_question_about_one_task_is_a_check():
    assert parse("did I finish the report?") == Command("check", text="did I finish the report", ref="the report")
    assert parse("is rent paid?") == Command("check", text="is rent paid", ref="paid rent")  # the checker reads "pay rent"


def test_a_schedule_with_no_task_named_means_it():
    found = parse("remove the due date")
    assert found is not None and (found.intent, found.ref) == ("schedule", "it")


# ---- answers to the assistant's own questions

DELETE_ONE = Context(State(confirm=Confirm("delete", "Buy milk", task_id=4)))
WHICH = Context(State(pending=Pending(Command("complete", text="complete the milk one"), [1, 2])))


def test_yes_to_a_delete_question_deletes_that_task():
    assert command("yes", DELETE_ONE) == Command("delete", task_id=4)


def test_no_to_a_delete_question_keeps_it_and_no_undo_is_no():
    assert command("nope", DELETE_ONE) == Command("say", answer="OK, I kept “Buy milk”.")
    assert command("no, undo", DELETE_ONE) == Command("say", answer="OK, I kept “Buy milk”.")


def test_something_else_at_a_delete_question_is_read_on_its_own():
    found = command("add eggs", DELETE_ONE)
    assert isinstance(found, Command) and found.intent == "add"


def test_an_ordinal_or_a_number_answers_which_one():
    assert command("the second one", WHICH) == Command("complete", text="complete the milk one", task_id=2)
    assert command("#1", WHICH) == Command("complete", text="complete the milk one", task_id=1)


def test_both_keeps_the_question_open():
    found = command("both", WHICH)
    assert isinstance(found, Reply) and found.state.pending == WHICH.previous.pending


def test_a_delete_chosen_by_place_asks_first():
    which_delete = Context(State(pending=Pending(Command("delete", text="delete the milk one"), [1, 2])))
    assert command("the first one", which_delete) == Command("confirm_delete", task_id=1)
    assert command("#2", which_delete) == Command("delete", text="delete the milk one", task_id=2)
