"""Dialogue state as typed data, and its stored shape (Message.state), which older messages keep."""

import pytest

from tests.agent.offline.fakes import from_history
from todo_chatbot.agent.offline.command import Command
from todo_chatbot.agent.offline.state import Confirm, Pending, State
from todo_chatbot.models import Message

pytestmark = pytest.mark.nodb


def assistant(state: dict | None, calls: list | None = None) -> Message:
    return Message(role="assistant", content="", conversation_id=1, user_id="u", state=state, tool_calls=calls)


def user(text: str = "hi") -> Message:
    return Message(role="user", content=text, conversation_id=1, user_id="u")


@pytest.mark.parametrize(
    "stored",
    [
        {"shown": [3, 1]},
        {"mentioned": [7]},
        {"unclear": True},
        {"confirm": {"action": "delete", "task_id": 4, "title": "Buy milk"}},
        {"confirm": {"action": "delete_many", "task_ids": [1, 2], "title": "2 tasks"}},
        {"pending": {"action": "update", "options": [1, 2], "parts": {"new": "call dad", "text": "change mom to dad", "keep_verb": "yes"}}},
    ],
)
def test_the_stored_shape_reads_back_unchanged(stored):
    assert State.from_json(stored).as_json() == stored


def test_a_pending_question_keeps_its_request_typed():
    pending = State.from_json({"pending": {"action": "update", "options": [1, 2], "parts": {"new": "dad", "keep_verb": "yes"}}}).pending
    assert pending == Pending(Command("update", new="dad", keep_verb=True), [1, 2])


def test_later_steps_of_a_turn_win():
    first = State(mentioned=[1])
    assert first.merged(State(mentioned=[2])) == State(mentioned=[2])
    asked = first.merged(State(pending=Pending(Command("complete"), [3, 4])))
    assert asked.mentioned == [1] and asked.pending is not None


def test_the_previous_state_counts_only_when_the_reply_was_the_last_message():
    assert from_history([user(), assistant({"shown": [1, 2]})]).shown == [1, 2]
    assert from_history([user(), assistant({"shown": [1, 2]}), user("and?")]).shown == []


def test_it_is_the_task_the_latest_reply_was_about():
    assert from_history([assistant({"mentioned": [5]}), user(), assistant(None)]).it == 5
    assert from_history([assistant({"shown": [5]})]).it == 5
    assert from_history([assistant({"shown": [5, 6]})]).it is None  # several: which one?
    assert from_history([assistant({"mentioned": [5]}), assistant({"unclear": True})]).it is None
    assert from_history([assistant({"confirm": Confirm("delete", "X", task_id=8).as_json()})]).it == 8
    deleted = assistant(None, [{"name": "delete_task", "result": {"task_id": 9, "status": "deleted"}}])
    assert from_history([assistant({"mentioned": [5]}), deleted]).it is None
