"""One shape for a task: the undo log's snapshot keeps every column in the shape it has
always had, records stored earlier restore, and the MCP tools take the fields REST takes."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import JSON, column, create_engine, table, update

from tests.conftest import Api
from todo_chatbot.infra.db import sync_url
from todo_chatbot.interfaces.mcp.server import build_mcp_server
from todo_chatbot.models import EDITABLE, Task, TaskCreate, TaskFields, TaskPublic
from todo_chatbot.services.tasks import TASKS, _restore, snapshot

# A task as the undo log has stored it since it began: timestamps with "+00:00", times HH:MM,
# tags as the column holds them.
STORED = {
    "id": 7,
    "title": "Pay rent",
    "description": "by transfer",
    "completed": True,
    "completed_at": "2025-03-01T08:30:00+00:00",
    "due_date": "2025-03-01",
    "due_time": "09:15",
    "priority": "high",
    "tags": ",home,money,",
    "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1",
    "next_created": True,
    "created_at": "2025-02-01T10:00:00.123456+00:00",
}
# ... and what version 3 adds to it (a record without them restores with these)
ADDED_IN_V3 = {"reminder": None, "remind_at": None}


def stored_task(naive: bool = False) -> Task:
    """The task STORED describes; SQLite hands timestamps back without a zone."""
    zone = None if naive else UTC
    task = Task(
        user_id="u",
        id=7,
        title="Pay rent",
        description="by transfer",
        completed=True,
        completed_at=datetime(2025, 3, 1, 8, 30, tzinfo=zone),
        due_date=date(2025, 3, 1),
        due_time=time(9, 15),
        priority="high",
        recurrence="FREQ=MONTHLY;BYMONTHDAY=1",
        next_created=True,
        created_at=datetime(2025, 2, 1, 10, 0, 0, 123456, tzinfo=zone),
        updated_at=datetime(2025, 3, 1, 8, 30, tzinfo=zone),
    )
    task.set_tags(["home", "money"])
    return task


@pytest.mark.nodb
@pytest.mark.parametrize("naive", [False, True])
def test_a_snapshot_is_the_shape_the_undo_log_has_always_stored(naive):
    assert snapshot(stored_task(naive)) == STORED | ADDED_IN_V3


@pytest.mark.nodb
def test_a_snapshot_keeps_every_column_but_the_owner_and_updated_at():
    assert list(snapshot(stored_task())) == [c.name for c in TASKS.columns if c.name not in ("user_id", "updated_at")]


@pytest.mark.nodb
def test_a_stored_record_restores_every_column():
    task = Task(user_id="u", id=7, title="")
    _restore(task, STORED)
    expected = stored_task()
    for name in Task.model_fields:
        if name not in ("user_id", "updated_at"):
            assert getattr(task, name) == getattr(expected, name), name
    assert task.updated_at > expected.updated_at  # restoring is a change
    assert snapshot(task) == STORED | ADDED_IN_V3


@pytest.mark.nodb
def test_a_record_stored_before_a_column_existed_restores_with_its_default():
    task = Task(user_id="u", id=7, title="")
    _restore(task, {k: v for k, v in STORED.items() if k not in ("next_created", "recurrence")})
    assert task.next_created is False and task.recurrence is None and task.tag_list == ",home,money,"


@pytest.mark.nodb
def test_the_public_task_is_read_off_the_table():
    shown = TaskPublic.of(stored_task(naive=True)).model_dump(mode="json")
    assert shown == {
        "id": 7,
        "title": "Pay rent",
        "description": "by transfer",
        "completed": True,
        "completed_at": "2025-03-01T08:30:00Z",
        "due_date": "2025-03-01",
        "due_time": "09:15",
        "priority": "high",
        "tags": ["home", "money"],
        "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1",
        "recurrence_text": "every month on the 1st",
        "reminder": None,
        "remind_at": None,
        "created_at": "2025-02-01T10:00:00.123456Z",
        "updated_at": "2025-03-01T08:30:00Z",
    }


@pytest.mark.nodb
def test_the_mcp_task_tools_take_the_fields_people_set():
    tools = {t.name: t for t in asyncio.run(build_mcp_server(None).list_tools())}  # type: ignore[arg-type]
    assert tuple(TaskFields.model_fields) == EDITABLE
    add, change = tools["add_task"].input_schema, tools["update_task"].input_schema
    assert list(add["properties"]) == list(EDITABLE)
    assert add["required"] == [name for name, info in TaskCreate.model_fields.items() if info.is_required()]
    assert list(change["properties"]) == ["task_id", *EDITABLE, "clear_due_date", "clear_reminder"]
    assert change["required"] == ["task_id"]


def test_undo_restores_a_record_written_in_the_stored_shape(user: Api, database_url):
    """An undo record stored before this version (here: a deleted task) still brings the task back."""
    created = user.add("Placeholder")
    assert user.http.delete(f"/api/{user.id}/tasks/{created['id']}").status_code == 204
    changes = table("task_changes", column("user_id"), column("action"), column("before", JSON))
    engine = create_engine(sync_url(database_url))
    try:
        with engine.begin() as conn:
            deleted = changes.c.user_id == user.id, changes.c.action == "delete"
            conn.execute(update(changes).where(*deleted).values(before=[STORED | {"id": created["id"]}]))
    finally:
        engine.dispose()
    undone = user.http.post(f"/api/{user.id}/undo")
    assert undone.status_code == 200, undone.text
    [task] = undone.json()["tasks"]
    assert task == user.http.get(f"/api/{user.id}/tasks/{created['id']}").json()
    assert {k: task[k] for k in ("title", "description", "completed", "due_date", "due_time", "priority", "tags", "recurrence")} == {
        "title": "Pay rent",
        "description": "by transfer",
        "completed": True,
        "due_date": "2025-03-01",
        "due_time": "09:15",
        "priority": "high",
        "tags": ["home", "money"],
        "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1",
    }
    assert (task["completed_at"], task["created_at"]) == ("2025-03-01T08:30:00Z", "2025-02-01T10:00:00.123456Z")
