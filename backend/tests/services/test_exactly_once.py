"""One message, one undo step; a retried message never does its changes twice.

The fault: a turn's tool call has committed its change, then storing the reply (and the failure
record after it) fails because the database connection breaks, as in a database restart
mid-turn. On PostgreSQL the connection is really terminated (pg_terminate_backend) just before
each write; on SQLite, where no connection can be broken from outside, the write raises the
OperationalError a lost database gives. The retry with the same client_message_id must find the
change through the change log: exactly one task, and a reply that tells the truth about it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from tests.conftest import Api
from tests.fake_openai import Step
from todo_chatbot.infra.db import sync_url
from todo_chatbot.services import conversations


@pytest.fixture
def broken_replies(monkeypatch, database_url) -> Iterator[list[str]]:
    """While the yielded list holds "on", every write of a reply (or a failure record) finds its
    database connection broken. The list also collects what was broken, for the test to check."""
    state: list[str] = []
    real = conversations.store_reply
    admin = create_engine(sync_url(database_url)) if database_url.startswith("postgres") else None

    async def store_reply(session, *args, **kwargs):
        if "on" in state:
            if admin is not None:
                pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
                with admin.connect() as connection:
                    connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                state.append(f"terminated {pid}")
            else:
                state.append("raised")
                raise OperationalError("INSERT INTO messages", {}, ConnectionError("the database went away"))
        return await real(session, *args, **kwargs)

    monkeypatch.setattr(conversations, "store_reply", store_reply)
    yield state
    if admin is not None:
        admin.dispose()


@contextmanager
def database_breaks(state: list[str]) -> Iterator[None]:
    state[:] = ["on"]
    try:
        yield
    finally:
        assert len(state) > 1, "the fault was never injected"
        state[:] = []


def _send(api: Api, route: str, message: str, client_id: str) -> tuple[int, str]:
    """One attempt at a message: its status and its reply (the stream's error event counts as failed)."""
    r = api.http.post(f"/api/{api.id}/{route}", json={"message": message, "client_message_id": client_id})
    if route == "chat":
        return r.status_code, r.json().get("response", "") if r.status_code == 200 else ""
    done = [json.loads(line[6:]) for line in r.text.split("\n") if line.startswith("data: ")]
    failed = r.status_code != 200 or "event: error" in r.text
    return (500 if failed else 200), ("" if failed else done[-1]["response"])


@pytest.mark.parametrize("route", ["chat", "chat/stream"])
def test_a_retry_after_the_database_broke_mid_turn_adds_nothing_twice(user, broken_replies, route):
    with database_breaks(broken_replies):
        status, _ = _send(user, route, "add rope for the climbing trip", "m-add")
    assert status != 200
    assert user.titles() == ["Rope for the climbing trip"]  # the tool call committed before the break
    status, reply = _send(user, route, "add rope for the climbing trip", "m-add")
    [task] = user.tasks()
    assert status == 200 and user.titles() == ["Rope for the climbing trip"]
    assert f"Added “Rope for the climbing trip” to your list (task #{task['id']})" in reply
    again = _send(user, route, "add rope for the climbing trip", "m-add")  # answered from the record now
    assert again == (200, reply) and len(user.tasks()) == 1


def test_a_retried_delete_says_it_deleted_not_that_it_cant_find_it(user, broken_replies):
    keep, rope = user.add("Keep me"), user.add("Buy rope")
    with database_breaks(broken_replies):
        assert _send(user, "chat", f"delete task {rope['id']}", "m-del")[0] != 200
    assert user.titles() == ["Keep me"]
    status, reply = _send(user, "chat", f"delete task {rope['id']}", "m-del")
    assert (status, reply) == (200, "Deleted “Buy rope”.")
    assert [t["id"] for t in user.tasks()] == [keep["id"]]


def test_a_retried_complete_of_a_repeating_task_completes_one_occurrence(user, broken_replies):
    r = user.http.post(f"/api/{user.id}/tasks", json={"title": "Water the plants", "due_date": "2026-11-20", "recurrence": "FREQ=DAILY"})
    first = r.json()
    with database_breaks(broken_replies):
        assert _send(user, "chat", "mark water the plants as done", "m-done")[0] != 200
    status, reply = _send(user, "chat", "mark water the plants as done", "m-done")
    assert (status, reply) == (200, "Marked “Water the plants” as done. ✓")
    tasks = user.tasks()
    # one completed (the first), one open (its next occurrence): not a second one completed, nor a third made
    assert [(t["id"], t["completed"]) for t in tasks] == [(first["id"], True), (first["id"] + 1, False)]
    assert tasks[1]["due_date"] == "2026-11-21"


def test_the_model_sees_what_the_interrupted_attempt_did(speaker, fake, broken_replies):
    fake.push(Step(tool="add_task", arguments={"title": "Rope"}), Step(text="Added Rope."))
    with database_breaks(broken_replies):
        assert _send(speaker, "chat", "add rope", "m-model")[0] != 200
    [task] = speaker.tasks()
    fake.push(Step(text="Rope is on your list."))
    status, reply = _send(speaker, "chat", "add rope", "m-model")
    assert (status, reply) == (200, "Rope is on your list.") and speaker.titles() == ["Rope"]
    sent = [m for m in fake.requests[-1]["messages"] if m["role"] != "system"]
    assert [m["role"] for m in sent] == ["user", "assistant", "user"]
    said = sent[1]["content"]
    assert "add_task" in said and f'"task_id": {task["id"]}' in said and '"status": "created"' in said
    # the reply records the change, so the conversation's later turns know the task's number
    conversation = speaker.http.get(f"/api/{speaker.id}/conversations").json()[0]["id"]
    stored = speaker.http.get(f"/api/{speaker.id}/conversations/{conversation}/messages").json()
    assert [c["result"]["task_id"] for c in stored[-1]["tool_calls"]] == [task["id"]] and stored[-1]["error"] is None


def test_a_pasted_list_is_one_undo_step(user):
    pasted = "\n".join(f"- errand number {n}" for n in range(1, 11))
    before = user.add("Older task")
    added = user.chat(f"add these:\n{pasted}")
    assert "Added 10 tasks" in added["response"] and len(user.tasks()) == 11
    undone = user.chat("undo", added["conversation_id"])
    assert undone["response"] == "Undone: adding 10 tasks."
    assert [t["id"] for t in user.tasks()] == [before["id"]]
    # the next undo goes one step further back: the task added outside chat
    assert user.http.post(f"/api/{user.id}/undo").json()["undone"] == 'adding "Older task"'


def test_undo_all_of_that_takes_back_the_whole_last_message(user):
    first = user.chat("add these:\n- milk\n- bread\n- eggs")
    assert len(user.tasks()) == 3, first
    user.chat("buy stamps", first["conversation_id"])
    assert user.chat("undo all of that", first["conversation_id"])["response"] == "Undone: adding “Buy stamps”."
    assert user.chat("undo all of that", first["conversation_id"])["response"] == "Undone: adding 3 tasks."
    assert user.tasks() == []


def test_a_models_several_changes_are_one_step_for_rest_mcp_and_chat(speaker, fake):
    rent = speaker.add("Pay rent")
    fake.push(
        Step(calls=[("add_task", {"title": "Rope"}), ("add_task", {"title": "Chalk"}), ("complete_task", {"task_id": rent["id"]})]),
        Step(text="Done."),
    )
    speaker.chat("add rope and chalk, and I paid rent")
    r = speaker.http.post(f"/api/{speaker.id}/undo")
    assert r.status_code == 200 and r.json()["undone"] == 'adding 2 tasks and completing "Pay rent"'
    assert [(t["title"], t["completed"]) for t in speaker.tasks()] == [("Pay rent", False)]
    # the model's own undo_last_change takes back a whole earlier message too
    fake.push(Step(calls=[("add_task", {"title": "Rope"}), ("add_task", {"title": "Chalk"})]), Step(text="Added both."))
    first = speaker.chat("add rope and chalk")
    fake.push(Step(tool="undo_last_change"), Step(text="Undone."))
    undone = speaker.chat("undo that", first["conversation_id"])
    assert undone["tool_calls"][0]["result"]["undone"] == "adding 2 tasks"
    assert speaker.titles() == ["Pay rent"]
    # REST changes stay one step each
    speaker.add("One")
    speaker.add("Two")
    assert speaker.http.post(f"/api/{speaker.id}/undo").json()["undone"] == 'adding "Two"'
    assert speaker.titles() == ["Pay rent", "One"]
