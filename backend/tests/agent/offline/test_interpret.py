"""The interpreting stage alone: Reading + dialogue state -> one Command, or a reply at once.
Each rule that turns one intent into another is checked by name. No server."""

import pytest

from tests.agent.offline.fakes import parse, read
from todo_chatbot.agent.offline.command import Command
from todo_chatbot.agent.offline.interpret import interpret
from todo_chatbot.agent.offline.reply import NOT_UNDERSTOOD, Reply
from todo_chatbot.agent.offline.state import Change, Confirm, Context, Pending, State

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
        ("change it to high", Command("schedule", text="change it to high", ref="it", prio="high")),
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


def test_a_delete_chosen_by_place_among_the_options_named_is_that_delete():
    which_delete = Context(State(pending=Pending(Command("delete", text="delete the milk one"), [1, 2])))
    assert command("the first one", which_delete) == Command("delete", text="delete the milk one", task_id=1)
    assert command("#2", which_delete) == Command("delete", text="delete the milk one", task_id=2)


# ---- the plan's command forms


@pytest.mark.parametrize(
    "text,intent,ref,ask",
    [("cancel task 2", "delete", "task 2", False), ("cancel my gym membership", "add", None, False)],
)
def test_cancel_by_number_is_a_firm_delete_and_alone_a_to_do(text, intent, ref, ask):
    found = parse(text)
    assert found is not None and (found.intent, found.ref, found.ask) == (intent, ref, ask)
    assert parse("cancel it") is None  # no task named: not understood, nothing deleted


@pytest.mark.parametrize(
    "text,ref,new",
    [
        ("edit task 2: Buy milk and honey", "task 2", "Buy milk and honey"),
        ("update task 1 title to Buy almond milk", "task 1", "Buy almond milk"),
    ],
)
def test_edit_and_title_forms_rename(text, ref, new):
    found = parse(text)
    assert found is not None and (found.intent, found.ref, found.new) == ("update", ref, new)


def test_a_quoted_title_keeps_its_description_apart():
    found = parse("add 'Q3 budget review' with description 'numbers from finance'")
    assert found is not None and (found.intent, found.title, found.desc) == ("add", "'Q3 budget review'", "'numbers from finance'")


# ---- corrections of the previous turn

MOVED = Context(State(mentioned=[3]), it=3, last_change=Change("update_task", {"task_id": 3, "due_date": "2026-11-30"}, 3))
ADDED = Context(State(), it=4, last_change=Change("add_task", {"title": "Buy milk"}, 4))


@pytest.mark.parametrize(
    "text,when", [("no, i meant friday", "friday"), ("sorry, I meant the 14th", "the 14th"), ("no, thursday", "thursday")]
)
def test_a_correction_redoes_the_last_change_with_the_new_value(text, when):
    assert command(text, MOVED) == Command("schedule", text=when, when=when, task_id=3)


def test_a_correction_that_is_a_request_of_its_own_is_that_request():
    found = command("wait, make that 6pm", MOVED)
    assert isinstance(found, Command) and (found.intent, found.ref, found.when) == ("schedule", "that", "6pm")


def test_i_meant_other_words_renames_what_was_just_added():
    assert command("no, I meant oat milk", ADDED) == Command(
        "update", text="oat milk", ref="oat milk", new="oat milk", keep_verb=True, task_id=4
    )


@pytest.mark.parametrize("context", [Context(), Context(last_change=Change("delete_task", {"task_id": 2}, 2))])
def test_a_correction_of_nothing_changes_nothing_and_adds_nothing(context):
    found = command("no, i meant thursday", context)
    assert isinstance(found, Reply) and "changed nothing" in found.text and found.state == State(unclear=True)


def test_is_actually_not_is_a_move():
    found = parse("call mum is actually wednesday not tuesday")
    assert found is not None and (found.intent, found.ref, found.when) == ("schedule", "call mum", "wednesday")


# ---- words no to-do has, other languages


@pytest.mark.parametrize("text", ["morning! whats on my plate today", "good evening, what's due tomorrow?"])
def test_a_greeting_and_a_question_is_a_list(text):
    found = parse(text)
    assert found is not None and found.intent == "list"


@pytest.mark.parametrize("text", ["¿Puedes añadir comprar leche mañana?", "ajoute acheter du pain", "bitte Milch kaufen morgen"])
def test_another_language_is_one_line_and_changes_nothing(text):
    found = command(text)
    assert isinstance(found, Reply) and "only understand English" in found.text


@pytest.mark.parametrize("text", ["America/Los_Angeles", "add dinner at el torito friday"])
def test_a_foreign_name_is_not_another_language(text):
    found = command(text)
    assert not (isinstance(found, Reply) and "English" in found.text)


# ---- answers by part of a title

PAY = Context(
    State(pending=Pending(Command("delete", text="delete the pay one"), [1, 2, 3], ["Pay rent", "Pay the plumber", "Pay the nursery fees"]))
)


@pytest.mark.parametrize("text", ["nursery", "the nursery one", "the nursery fees"])
def test_an_answer_by_part_of_a_title_picks_that_task(text):
    assert command(text, PAY) == Command("delete", text="delete the pay one", task_id=3)


def test_an_answer_fitting_several_asks_again_among_those():
    found = command("the pay one", PAY)
    assert isinstance(found, Reply) and found.state.pending is not None and found.state.pending.options == [1, 2, 3]


def test_an_answer_that_is_a_request_of_its_own_is_that_request():
    found = command("add buy eggs", PAY)
    assert isinstance(found, Command) and found.intent == "add"
