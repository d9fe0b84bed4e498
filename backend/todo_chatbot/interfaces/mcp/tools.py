"""The MCP task tools: plain async functions over the task service, each taking the database first.
interfaces/mcp/server.py registers them (with the database bound) on the MCP server.

The user a tool acts for is never a tool argument: it is read from `turn.acting()`, which
only authenticated code sets (a chat turn for its own user, the /mcp bearer-token check, or
the stdio command's --user).

add_task and update_task take one parameter per field a person sets on a task
(models.TaskFields, as REST does); ARG_HELP words them for a model.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field
from pydantic.fields import FieldInfo
from sqlmodel.ext.asyncio.session import AsyncSession

from ...infra.db import Database
from ...infra.origin import Origin
from ...models import (
    EDITABLE,
    BulkChange,
    DueDate,
    DueFilter,
    Priority,
    SearchText,
    TagFilter,
    TaskChange,
    TaskCreate,
    TaskFields,
    TaskPublic,
    TaskSort,
    TaskStatus,
    UndoChange,
    WholeNumber,
)
from ...services import InvalidField, NotFound
from ...services import tasks as task_service
from ...turn import acting

TaskId = Annotated[WholeNumber, Field(description="The task's number in the user's list, as shown by list_tasks.")]
TaskIds = Annotated[
    list[Annotated[WholeNumber, Field(ge=1)]],
    Field(min_length=1, max_length=500, description="The task numbers, as shown by list_tasks."),
]
# The task fields' descriptions as a model reads them in add_task; a field not named here
# is described by its own type in models.py.
ARG_HELP = {
    "title": "Short title of the task, e.g. 'Buy milk'.",
    "description": "Optional longer notes.",
    "due_date": "Due day as YYYY-MM-DD, in the user's time zone.",
    "due_time": "Time of day as HH:MM (24 h), user's time zone; needs a due_date.",
    "priority": "'none', 'low', 'medium' or 'high'.",
    "tags": "Tags: lower-case words without spaces or '#', e.g. ['home'].",
    "recurrence": "Repeat rule, an RFC 5545 RRULE without 'RRULE:': FREQ=DAILY, FREQ=WEEKLY;BYDAY=MO,TH, "
    "FREQ=MONTHLY;BYMONTHDAY=1, FREQ=DAILY;INTERVAL=2. Completing the task creates the next one.",
    "reminder": 'When to remind the user: {"before": N} minutes before the due date and time (needs a due_date; '
    'a date without a time counts as 09:00), or {"at": "2026-12-24T17:00:00+01:00"} (ISO 8601 with offset).',
}
# ... and in update_task, where they replace what is there.
UPDATE_HELP = ARG_HELP | {
    "title": "The new title, if it changes.",
    "description": "The new notes, if they change.",
    "tags": "The task's new tags (replace the old ones); [] removes all.",
}

ToolFunction = Callable[..., Awaitable[Any]]
# The tools in the order tools/list gives them, each with its title and annotations.
TOOLS: list[tuple[ToolFunction, str, ToolAnnotations]] = []


def tool(*, title: str, annotations: ToolAnnotations) -> Callable[[_Tool], _Tool]:
    """Marks a function as one of the MCP tools (its name and docstring are the tool's)."""

    def mark(function: _Tool) -> _Tool:
        TOOLS.append((function, title, annotations))
        return function

    return mark


_Tool = TypeVar("_Tool", bound=Callable[..., Any])


def _task_fields(shape: type[TaskFields], help: dict[str, str]) -> Callable[[_Tool], _Tool]:
    """Gives a tool written as `(own parameters, *, own options, **fields)` one keyword parameter
    per field of `shape` (its type, default and whether it is required), between its own
    parameters and its options: the SDK builds a tool's input schema from its signature."""

    def parameter(name: str, info: FieldInfo) -> inspect.Parameter:
        annotation = info.rebuild_annotation()
        if name in help:
            annotation = Annotated[annotation, Field(description=help[name])]
        default = inspect.Parameter.empty if info.is_required() else info.default
        return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)

    def give(tool: _Tool) -> _Tool:
        signature = inspect.signature(tool, eval_str=True)
        own = list(signature.parameters.values())
        first = [p for p in own if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
        options = [p for p in own if p.kind is inspect.Parameter.KEYWORD_ONLY]
        fields = [parameter(name, info) for name, info in shape.model_fields.items()]
        tool.__signature__ = signature.replace(parameters=[*first, *fields, *options])  # type: ignore[attr-defined]
        return tool

    return give


@asynccontextmanager
async def _acting_session(db: Database) -> AsyncIterator[tuple[AsyncSession, str]]:
    """A session for the user the tools act for (turn.acting), its changes marked as theirs: a
    chat turn's, with the message they answer, or an MCP client's."""
    actor = acting()
    if actor is None or not actor.user_id:
        raise ToolError("Not authenticated: no user for this tool call")
    async with db.session(Origin(actor.via, actor.message_id)) as session:
        yield session, actor.user_id


def _change(task: Any, status: str, next_task: Any = None) -> TaskChange:
    return TaskChange(
        task_id=task.id,
        status=status,
        title=task.title,
        task=TaskPublic.of(task) if status != "deleted" else None,
        next_task=TaskPublic.of(next_task) if next_task is not None else None,
    )


@tool(
    title="Add a task",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=False, openWorldHint=False),
)
@_task_fields(TaskCreate, ARG_HELP)
async def add_task(db: Database, **fields: Any) -> TaskChange:
    """Add a new task to the user's todo list, optionally with a due date and time (user's time zone),
    a priority, tags, a repeat rule and a reminder."""
    async with _acting_session(db) as (session, user_id):
        task = await _found(task_service.create_task(session, user_id, **_given(fields)))
    return _change(task, "created")


@tool(
    title="List tasks",
    annotations=ToolAnnotations(readOnlyHint=True, idempotentHint=True, openWorldHint=False),
)
async def list_tasks(
    db: Database,
    status: Annotated[TaskStatus, Field(description="'pending' (not done), 'completed' (done) or 'all'.")] = "all",
    q: Annotated[SearchText | None, Field(description="Words to find in titles or descriptions.")] = None,
    tag: Annotated[TagFilter | None, Field(description="Only tasks with this tag.")] = None,
    priority: Annotated[Priority | None, Field(description="Only tasks of this priority.")] = None,
    due: Annotated[
        DueFilter | None,
        Field(description="'today', 'overdue', 'week' (the next 7 days) or 'none' (no date), in the user's zone."),
    ] = None,
    sort: Annotated[TaskSort, Field(description="'created' (default), 'due', 'priority' or 'title'.")] = "created",
    limit: Annotated[int | None, Field(ge=1, le=500, description="At most this many tasks (a page).")] = None,
    offset: Annotated[int, Field(ge=0, le=1_000_000, description="Skip this many first (the next page).")] = 0,
    due_from: Annotated[DueDate | None, Field(description="Only tasks due on this day (YYYY-MM-DD) or later.")] = None,
    due_to: Annotated[DueDate | None, Field(description="Only tasks due on this day (YYYY-MM-DD) or earlier.")] = None,
) -> list[TaskPublic]:
    """List the user's tasks with their number, due date and time, priority, tags and repeat rule;
    optionally filtered (pending/completed, words, tag, priority, due, a range of due days) and sorted."""
    query = task_service.Query(
        status=status,
        q=q,
        tag=tag,
        priority=priority,
        due=due,
        sort=sort,
        limit=limit,
        offset=offset,
        due_from=due_from,
        due_to=due_to,
    )
    async with _acting_session(db) as (session, user_id):
        tasks = await task_service.list_tasks(session, user_id, query=query)
    return [TaskPublic.of(t) for t in tasks]


async def list_start(db: Database, arguments: dict[str, Any], shown: int) -> tuple[list[TaskPublic], int]:
    """What list_tasks(**arguments) gives, cut to its first `shown` tasks, and how many tasks the
    whole list has, in one statement; `arguments` already checked (as list_tasks' parameters)."""
    async with _acting_session(db) as (session, user_id):
        tasks, total = await task_service.list_page(session, user_id, task_service.Query(**arguments), shown)
    return [TaskPublic.of(t) for t in tasks], total


@tool(
    title="Get a task",
    annotations=ToolAnnotations(readOnlyHint=True, idempotentHint=True, openWorldHint=False),
)
async def get_task(db: Database, task_id: TaskId) -> TaskPublic:
    """One task by its number, with all its fields (cheaper than listing them all)."""
    async with _acting_session(db) as (session, user_id):
        task = await _found(task_service.get_task(session, user_id, task_id))
    return TaskPublic.of(task)


@tool(
    title="Complete a task",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=True, openWorldHint=False),
)
async def complete_task(
    db: Database,
    task_id: TaskId,
    completed: Annotated[bool, Field(description="true marks it done; false reopens it.")] = True,
) -> TaskChange:
    """Mark a task as completed (done), or reopen it with completed=false. Completing a repeating
    task creates its next occurrence (returned as next_task)."""
    async with _acting_session(db) as (session, user_id):
        task, created = await _found(task_service.complete(session, user_id, task_id, completed))
    return _change(task, "completed" if completed else "reopened", created)


@tool(
    title="Delete a task",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=True, idempotentHint=True, openWorldHint=False),
)
async def delete_task(db: Database, task_id: TaskId) -> TaskChange:
    """Delete a task from the list (undo_last_change brings it back)."""
    async with _acting_session(db) as (session, user_id):
        task = await _found(task_service.delete_task(session, user_id, task_id))
    return _change(task, "deleted")


@tool(
    title="Update a task",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=True, openWorldHint=False),
)
@_task_fields(TaskFields, UPDATE_HELP)
async def update_task(
    db: Database,
    task_id: TaskId,
    *,
    clear_due_date: Annotated[bool, Field(description="true removes the due date, its time and its repeat rule.")] = False,
    clear_reminder: Annotated[bool, Field(description="true removes the reminder.")] = False,
    **fields: Any,
) -> TaskChange:
    """Change a task's title, description, due date/time (user's time zone), priority, tags, repeat rule or reminder."""
    changes = _given(fields)
    for flag, name in ((clear_due_date, "due_date"), (clear_reminder, "reminder")):
        if flag:
            if name in changes:
                raise ToolError(f"Give a {name} or clear_{name}, not both")
            changes[name] = None
    if not changes:
        raise ToolError(f"Give at least one field to change ({', '.join(EDITABLE)}, clear_due_date or clear_reminder)")
    async with _acting_session(db) as (session, user_id):
        task = await _found(task_service.update_task(session, user_id, task_id, changes))
    return _change(task, "updated")


@tool(
    title="Complete several tasks",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=True, openWorldHint=False),
)
async def complete_tasks(
    db: Database,
    task_ids: TaskIds,
    completed: Annotated[bool, Field(description="true marks them done; false reopens them.")] = True,
) -> BulkChange:
    """Mark several tasks as done at once, or reopen them with completed=false (one undo_last_change
    reverts them all)."""
    async with _acting_session(db) as (session, user_id):
        changed = await _found(task_service.complete_many(session, user_id, task_ids, completed))
    return BulkChange(status="completed" if completed else "reopened", count=len(changed), tasks=[TaskPublic.of(t) for t in changed])


@tool(
    title="Delete several tasks",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=True, idempotentHint=True, openWorldHint=False),
)
async def delete_tasks(db: Database, task_ids: TaskIds) -> BulkChange:
    """Delete several tasks at once; confirm with the user first. One undo_last_change brings them all back."""
    async with _acting_session(db) as (session, user_id):
        gone = await _found(task_service.delete_many(session, user_id, task_ids))
    return BulkChange(status="deleted", count=len(gone), tasks=[TaskPublic.of(t) for t in gone])


@tool(
    title="Undo the last change",
    annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=True, idempotentHint=False, openWorldHint=False),
)
async def undo_last_change(db: Database) -> UndoChange:
    """Undo the user's most recent change to their tasks (add, change, complete, reopen, delete),
    whether made here, in the chat or in the app; everything one chat message changed is undone
    together. Call again to go further back."""
    async with _acting_session(db) as (session, user_id):
        try:
            summary, touched = await task_service.undo(session, user_id)
        except task_service.NothingToUndo as exc:
            raise ToolError("Nothing to undo") from exc
    return UndoChange(undone=summary, tasks=[TaskPublic.of(t) for t in touched])


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """The task fields a tool call gave (None: not given)."""
    return {name: value for name, value in values.items() if value is not None}


async def _found(awaitable: Any) -> Any:
    try:
        return await awaitable
    except NotFound as exc:
        raise ToolError(f"{exc}. Use list_tasks to see the task numbers.") from exc
    except InvalidField as exc:
        raise ToolError(str(exc)) from exc
