"""A change is one transaction on SQLite as on PostgreSQL: concurrent writers wait for each
other (no lost update, no "database is locked"), and a change that fails half-way leaves nothing."""

import asyncio
import time

import anyio
import httpx
import pytest
from sqlmodel import select

from tests.conftest import Api, database_kind
from todo_chatbot.infra.db import Database
from todo_chatbot.models import Conversation, Message
from todo_chatbot.services import NotFound, chat, conversations, writing
from todo_chatbot.services import tasks as task_service
from todo_chatbot.turn import Turn


async def _at_once(user: Api, requests: list[tuple[str, str, dict | None]]) -> list[httpx.Response]:
    async with httpx.AsyncClient(base_url=str(user.http.base_url), headers=dict(user.http.headers), timeout=60) as http:
        return await asyncio.gather(*(http.request(method, path, json=body) for method, path, body in requests))


async def test_completing_a_repeating_task_from_many_requests_at_once_makes_one_next_occurrence(user):
    r = user.http.post(f"/api/{user.id}/tasks", json={"title": "Water the plants", "due_date": "2026-12-06", "recurrence": "FREQ=WEEKLY"})
    task = r.json()
    answers = await _at_once(user, [("PUT", f"/api/{user.id}/tasks/{task['id']}", {"completed": True})] * 12)
    assert [a.status_code for a in answers] == [200] * 12, [a.text for a in answers if a.status_code != 200]
    listed = user.tasks()
    assert [(t["due_date"], t["completed"]) for t in listed] == [("2026-12-06", True), ("2026-12-13", False)]


async def test_toggles_at_once_are_each_applied(user):
    task = user.add("Toggle me")
    answers = await _at_once(user, [("PATCH", f"/api/{user.id}/tasks/{task['id']}/complete", None)] * 9)
    assert [a.status_code for a in answers] == [200] * 9
    assert sorted(a.json()["completed"] for a in answers) == [False] * 4 + [True] * 5
    assert user.tasks()[0]["completed"] is True  # an odd number of toggles, none lost


async def test_undos_at_once_undo_different_changes(user):
    for title in ("one", "two", "three", "four"):
        user.add(title)
    answers = await _at_once(user, [("POST", f"/api/{user.id}/undo", None)] * 3)
    assert [a.status_code for a in answers] == [200] * 3
    assert sorted(a.json()["undone"] for a in answers) == ['adding "four"', 'adding "three"', 'adding "two"']
    assert user.titles() == ["one"]


async def test_writers_of_many_users_at_once_all_succeed(base_url):
    users = [Api(base_url) for _ in range(4)]
    requests = [(u, i) for i in range(6) for u in users]
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
        answers = await asyncio.gather(
            *(
                http.post(f"/api/{u.id}/tasks", json={"title": f"task {i}"}, headers={"Authorization": f"Bearer {u.token}"})
                for u, i in requests
            )
        )
    assert [a.status_code for a in answers] == [201] * len(requests), [a.text for a in answers if a.status_code != 201]
    for u in users:
        assert sorted(t["id"] for t in u.tasks()) == [1, 2, 3, 4, 5, 6]


class Broken(RuntimeError):
    pass


@pytest.fixture
async def db(database_url, base_url):  # base_url: the schema is migrated
    database = Database(database_url)
    yield database
    await database.dispose()


def _fail_on_call(monkeypatch, name: str, after: int = 0) -> None:
    """Makes task_service.<name> raise on its (after+1)-th call, once the change has written something."""
    real = getattr(task_service, name)
    calls = []

    async def failing(session, *args, **kwargs):
        calls.append(1)
        if len(calls) > after:
            await session.flush()  # what the change did so far reaches the database first
            raise Broken(f"{name} failed")
        return await real(session, *args, **kwargs)

    monkeypatch.setattr(task_service, name, failing)


async def test_a_bulk_completion_that_fails_half_way_changes_nothing(db, user, monkeypatch):
    for title in ("a", "b", "c"):
        user.add(title)
    before = user.tasks()
    _fail_on_call(monkeypatch, "_log")  # after every task was marked done and written
    async with db.session() as session:
        with pytest.raises(Broken):
            await task_service.complete_many(session, user.id, [1, 2, 3])
    assert user.tasks() == before


async def test_a_bulk_add_that_fails_half_way_adds_nothing(db, user, monkeypatch):
    user.add("kept")
    _fail_on_call(monkeypatch, "_new_task", after=2)  # two tasks are already written
    async with db.session() as session:
        with pytest.raises(Broken):
            await task_service.create_tasks(session, user.id, [{"title": t} for t in ("x", "y", "z")])
    monkeypatch.undo()
    assert user.titles() == ["kept"]
    assert user.add("next")["id"] == 2  # the numbers the failed change took were given back


async def test_a_bulk_delete_that_fails_half_way_deletes_nothing(db, user, monkeypatch):
    for title in ("a", "b"):
        user.add(title)
    before = user.tasks()
    _fail_on_call(monkeypatch, "_log")  # after both rows were deleted
    async with db.session() as session:
        with pytest.raises(Broken):
            await task_service.delete_many(session, user.id, [1, 2])
    assert user.tasks() == before


async def test_an_undo_that_fails_half_way_restores_nothing(db, user, monkeypatch):
    user.add("kept")
    r = user.http.post(f"/api/{user.id}/tasks/quick", json={"text": "buy milk, call mom"})
    assert r.status_code == 201
    before = user.tasks()
    async with db.session() as session:
        real_delete = session.delete

        async def delete_then_fail(task):
            await real_delete(task)
            await session.flush()  # the first added task is gone in the transaction...
            raise Broken("undo failed")  # ...and then the change fails

        monkeypatch.setattr(session, "delete", delete_then_fail)
        with pytest.raises(Broken):
            await task_service.undo(session, user.id)
    assert user.tasks() == before
    assert user.http.post(f"/api/{user.id}/undo").json()["undone"] == "adding 2 tasks"  # still there to undo


@pytest.mark.skipif(database_kind() == "postgresql", reason="on PostgreSQL the check and the insert are one statement")
async def test_a_conversation_deleted_while_a_message_is_stored_is_not_found(db, user, monkeypatch):
    """On SQLite the ownership check and the message's insert are separate statements: a
    conversation deleted between them makes the turn 'not found', never a server error."""
    first = user.http.post(f"/api/{user.id}/chat", json={"message": "add tea"}).json()["conversation_id"]
    real = conversations.recent_messages

    async def deleted_meanwhile(session, conversation_id, limit):
        history = await real(session, conversation_id, limit)
        async with db.session() as other:
            await conversations.delete_conversation(other, user.id, conversation_id)
        return history

    monkeypatch.setattr(conversations, "recent_messages", deleted_meanwhile)
    with pytest.raises(NotFound):
        await chat.begin(db, user.id, first, "add coffee", 40)
    monkeypatch.undo()
    assert user.http.get(f"/api/{user.id}/conversations").json() == []


async def test_a_message_sent_while_its_conversation_is_being_deleted_waits_and_is_not_found(db, user):
    """The delete holds the conversation's row: the turn's start waits for it, then finds no
    conversation, and stores nothing."""
    first = user.http.post(f"/api/{user.id}/chat", json={"message": "add tea"}).json()["conversation_id"]
    async with db.session() as other, writing(other):
        await other.delete(await conversations.get_conversation(other, user.id, first))
        await other.flush()  # deleted, not yet committed
        started = asyncio.create_task(chat.begin(db, user.id, first, "add coffee", 40))
        await asyncio.sleep(0.3)
        assert not started.done()  # it waits for the delete (never reads past it)
    with pytest.raises(NotFound):
        await started
    async with db.session() as session:
        said = (await session.exec(select(Message.content).where(Message.user_id == user.id))).all()
    assert said == []


async def test_a_first_message_that_fails_leaves_no_conversation(db, user, monkeypatch):
    async def failing(*args, **kwargs):
        raise Broken("insert failed")

    monkeypatch.setattr(conversations, "_store_user_message", failing)
    with pytest.raises(Broken):
        await chat.begin(db, user.id, None, "add tea", 40)
    monkeypatch.undo()
    async with db.session() as session:
        assert await conversations.list_conversations(session, user.id) == []
        rows = (await session.exec(select(Conversation).where(Conversation.user_id == user.id))).all()
    assert rows == []


async def test_a_turn_whose_client_has_gone_is_still_stored_whole(db, user):
    """A client that goes away mid-turn cancels the stream wherever it is (Starlette cancels an
    anyio scope, and every later await in it is cancelled too). Storing the message and the
    reply is shielded: it runs to its end and gives its connection back. (Cut half-way, an
    SQLite statement kept the database's write lock, and every write after it waited 5 s and
    failed with "database is locked".)"""
    conversation = user.http.post(f"/api/{user.id}/chat", json={"message": "add tea"}).json()["conversation_id"]
    with anyio.CancelScope() as gone:
        gone.cancel()  # the client is gone before the turn is stored
        start = await chat.begin(db, user.id, conversation, "add coffee", 40)
        await chat.finish(db, user.id, start, "Added “Coffee”.", Turn(user.id))
        await anyio.sleep(0)  # anything else is cancelled
        raise AssertionError("not cancelled")
    stored = user.http.get(f"/api/{user.id}/conversations/{conversation}/messages").json()
    assert [(m["role"], m["content"]) for m in stored[-2:]] == [("user", "add coffee"), ("assistant", "Added “Coffee”.")]
    started = time.monotonic()
    assert user.http.post(f"/api/{user.id}/tasks", json={"title": "after"}).status_code == 201
    assert time.monotonic() - started < 2
