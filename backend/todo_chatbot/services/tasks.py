"""The task service: the only code that reads or writes tasks.

Every change is one transaction that also appends to the user's change log
(task_changes), so that `undo` can put back exactly what was there, whatever
door the change came through (REST, chat, MCP). A change made for a chat
message records that message (the session's origin, infra/origin.py): `undo` takes back all of
a message's changes as one step, and a retried message reads what its earlier
attempt did (`made_for_message`) instead of doing it again.

The task's fields are listed in models.py (see its docstring); here are only the
rules that treat some of them differently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Integer, Table, bindparam, case, delete, func, insert, or_, text, update
from sqlalchemy import inspect as sa_inspect
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from .. import recurrence as rrules
from ..infra import clock, events
from ..infra.origin import origin_of
from ..models import (
    EDITABLE,
    ID_MAX,
    BulkChange,
    DueFilter,
    Task,
    TaskChange,
    TaskChangeLog,
    TaskCreate,
    TaskPublic,
    TaskSnapshot,
    TaskSort,
    TaskStatus,
    UndoChange,
    User,
    utcnow,
)
from . import InvalidField, NotFound, core, reminders, users, writing

LOG_KEPT = 100  # changes kept per user for undo (at least this many)
_PRIORITY_RANK = case((col(Task.priority) == "high", 0), (col(Task.priority) == "medium", 1), (col(Task.priority) == "low", 2), else_=3)
TASKS: Table = Task.__table__  # type: ignore[attr-defined]
CHANGES: Table = TaskChangeLog.__table__  # type: ignore[attr-defined]
USERS: Table = User.__table__  # type: ignore[attr-defined]
_ATTR = {column.name: attr.key for attr in sa_inspect(Task).column_attrs for column in attr.columns}  # column name -> attribute
# None leaves these unchanged in an update (a column that can't be empty can't be cleared); it clears the others.
_KEPT_ON_NONE = frozenset(name for name in EDITABLE if name in TASKS.c and not TASKS.c[name].nullable)
# Built once: creating is the commonest change, and these skip the ORM's unit of work.
_INSERT_TASK = insert(TASKS)
_INSERT_CHANGE = insert(CHANGES).returning(CHANGES.c.id)
_NEXT_NUMBER = (
    update(USERS).where(USERS.c.id == bindparam("uid")).values(task_seq=USERS.c.task_seq + 1).returning(USERS.c.task_seq, USERS.c.timezone)
)


class NothingToUndo(Exception):
    pass


@dataclass
class Query:
    """What a list asks for; every value is already validated."""

    status: TaskStatus = "all"
    q: str | None = None
    tag: str | None = None
    priority: str | None = None
    due: DueFilter | None = None
    sort: TaskSort = "created"
    limit: int | None = None
    offset: int = 0
    due_from: date | None = None  # due on this day or later (the owner's days)
    due_to: date | None = None  # due on this day or earlier

    def __post_init__(self) -> None:
        if self.tag is not None:  # "#Work" finds the tag "work", from any door
            self.tag = self.tag.strip().lower().removeprefix("#") or None


_COUNTED = func.count().over().label("total")  # every row the filters keep, before the page is cut


# ---------------------------------------------------------------- reading


async def list_tasks(session: AsyncSession, user_id: str, status: TaskStatus = "all", query: Query | None = None) -> list[Task]:
    return list((await session.exec(await _listing(session, user_id, query or Query(status=status)))).all())


async def list_page(session: AsyncSession, user_id: str, query: Query, first: int) -> tuple[list[Task], int]:
    """The first `first` tasks of a list and how many the whole list has, in one statement (a
    reply that shows the start of a long list and counts the rest reads no more than it shows)."""
    if query.limit is not None:
        first = min(first, query.limit)
    stmt = (await _listing(session, user_id, query, _COUNTED)).limit(first)
    rows = (await session.exec(stmt)).all()
    # The count is taken before the offset and the limit; no row: the offset is past the end.
    total = max(0, int(rows[0][1]) - query.offset) if rows else 0
    return [row[0] for row in rows], (total if query.limit is None else min(total, query.limit))


async def _listing(session: AsyncSession, user_id: str, query: Query, *counted: Any) -> Any:
    """The SELECT of a list (with `counted`: its tasks and the count, row by row)."""
    stmt = select(Task, *counted).where(Task.user_id == user_id)
    if query.status == "pending":
        stmt = stmt.where(col(Task.completed).is_(False))
    elif query.status == "completed":
        stmt = stmt.where(col(Task.completed).is_(True))
    for word in (query.q or "").lower().split():
        stmt = stmt.where(
            or_(
                func.lower(col(Task.title)).contains(word, autoescape=True),
                func.lower(func.coalesce(col(Task.description), "")).contains(word, autoescape=True),
            )
        )
    if query.tag:
        stmt = stmt.where(col(Task.tag_list).contains(f",{query.tag},", autoescape=True))
    if query.priority:
        stmt = stmt.where(col(Task.priority) == query.priority)
    if query.due == "none":
        stmt = stmt.where(col(Task.due_date).is_(None))
    elif query.due:
        now = clock.local_now(await users.timezone_in(session, user_id))
        today = now.date()
        if query.due == "today":
            stmt = stmt.where(col(Task.due_date) == today)
        elif query.due == "week":
            stmt = stmt.where(col(Task.due_date) >= today, col(Task.due_date) <= today + timedelta(days=6))
        else:  # overdue: open and past its day, or past its time today
            moment = now.time().replace(second=0, microsecond=0)
            stmt = stmt.where(
                col(Task.completed).is_(False),
                or_(
                    col(Task.due_date) < today,
                    (col(Task.due_date) == today) & (col(Task.due_time) < moment),
                ),
            )
    if query.due_from is not None:
        stmt = stmt.where(col(Task.due_date) >= query.due_from)
    if query.due_to is not None:
        stmt = stmt.where(col(Task.due_date) <= query.due_to)
    by_due = [col(Task.due_date).asc().nulls_last(), col(Task.due_time).asc().nulls_last()]
    orders: dict[str, list[Any]] = {
        "created": [],
        "due": by_due,
        "priority": [_PRIORITY_RANK, *by_due],
        "title": [func.lower(col(Task.title))],
    }
    order = orders[query.sort]
    stmt = stmt.order_by(*order, col(Task.id))
    if query.limit is not None:
        stmt = stmt.limit(query.limit)
    if query.offset:
        stmt = stmt.offset(query.offset)
    return stmt


async def get_task(session: AsyncSession, user_id: str, task_id: int) -> Task:
    task = await session.get(Task, (user_id, task_id)) if 1 <= task_id <= ID_MAX else None
    if task is None:
        raise NotFound("Task", task_id)
    return task


async def _locked(session: AsyncSession, user_id: str, task_id: int) -> Task:
    """The task, locked for this transaction (PostgreSQL; SQLite serialises writers anyway)."""
    if not 1 <= task_id <= ID_MAX:
        raise NotFound("Task", task_id)
    stmt = select(Task).where(Task.user_id == user_id, Task.id == task_id).with_for_update()
    task = (await session.exec(stmt)).first()
    if task is None:
        raise NotFound("Task", task_id)
    return task


# ---------------------------------------------------------------- writing


async def _next_number(session: AsyncSession, user_id: str) -> tuple[int, str]:
    """The user's next task number (atomically: the row stays locked until commit) and time zone."""
    row: Any = (await core(session, _NEXT_NUMBER, {"uid": user_id})).first()
    if row is None:
        raise NotFound("User", user_id)
    return int(row[0]), str(row[1])


def _check(fields: dict[str, Any], today: date) -> dict[str, Any]:
    """The rules that span fields; fills a repeating task's first due date."""
    if fields.get("due_time") is not None and fields.get("due_date") is None:
        raise InvalidField("due_time", "a due_time needs a due_date")
    reminder = reminders.stored(fields.get("reminder"))
    if reminder and "before" in reminder and fields.get("due_date") is None and not fields.get("recurrence"):
        raise InvalidField("reminder", "a reminder before the due time needs a due_date")
    rule = fields.get("recurrence")
    if rule:
        start = fields.get("due_date") or today
        first = rrules.first_on_or_after(rule, start)
        if first is None:
            raise InvalidField("recurrence", f"the rule {rule} never occurs on or after {start.isoformat()}")
        if fields.get("due_date") is None:
            fields["due_date"] = first
    return fields


def _apply(task: Task, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "tags":
            task.set_tags(value or [])
        elif name == "title":
            task.title = value.strip()
        elif name == "description":
            task.description = value or None
        elif name == "priority":
            task.priority = value or "none"
        elif name == "reminder":
            task.reminder = reminders.stored(value)
        else:
            setattr(task, name, value)


async def _new_task(session: AsyncSession, user_id: str, fields: dict[str, Any]) -> Task:
    number, zone = await _next_number(session, user_id)
    fields = _check(dict(fields), clock.local_today(zone))
    now = utcnow()
    task = Task(user_id=user_id, id=number, title="", created_at=now, updated_at=now)
    _apply(task, fields)
    reminders.schedule(task, zone, clock.now())
    await core(session, _INSERT_TASK, {c.name: getattr(task, _ATTR[c.name]) for c in TASKS.columns})
    return task


async def create_task(session: AsyncSession, user_id: str, title: str, description: str | None = None, **fields: Any) -> Task:
    """Adds a task (fields: the other EDITABLE ones)."""
    fields = {"title": title, "description": description, **fields}
    fast = not fields.get("recurrence") and not fields.get("reminder")  # both need the user's "today" or zone
    if session.bind is not None and session.bind.dialect.name == "postgresql" and fast:
        return await _create_in_one_statement(session, user_id, fields)
    async with writing(session):
        task = await _new_task(session, user_id, fields)
        await _log(session, user_id, "create", f'adding "{task.title}"', [], [task])
    return task


# On PostgreSQL the commonest change takes one round trip: the number, the task and
# its log entry in one statement, which is atomic by itself.
_CREATE_IN_ONE = text(
    f"""
    WITH seq AS (UPDATE users SET task_seq = task_seq + 1 WHERE id = :user_id RETURNING task_seq),
    t AS (
        INSERT INTO tasks ({", ".join(c.name for c in TASKS.columns)})
        SELECT {", ".join("seq.task_seq" if c.name == "id" else f":{c.name}" for c in TASKS.columns)} FROM seq
        RETURNING id
    )
    INSERT INTO task_changes (user_id, action, summary, before, after, undone, message_id, created_at)
    SELECT :user_id, 'create', :summary, CAST('[]' AS json),
           CAST(jsonb_build_array(jsonb_set(CAST(:snapshot AS jsonb), '{{id}}', to_jsonb(t.id))) AS json),
           false, :message_id, :created_at
    FROM t
    RETURNING task_changes.id, (SELECT id FROM t), {events.NOTIFY_CREATED.format(id="(SELECT id FROM t)")}
    """
).bindparams(*(bindparam(c.name, type_=c.type) for c in TASKS.columns if c.name != "id"), bindparam("message_id", type_=Integer))


async def _create_in_one_statement(session: AsyncSession, user_id: str, fields: dict[str, Any]) -> Task:
    _check(fields, date.min)  # no recurrence here, so "today" is not needed
    now = utcnow()
    task = Task(user_id=user_id, id=0, title="", created_at=now, updated_at=now)
    _apply(task, fields)
    params = {c.name: getattr(task, _ATTR[c.name]) for c in TASKS.columns if c.name != "id"}
    params |= {
        "summary": f'adding "{task.title}"'[:300],
        "snapshot": json.dumps(snapshot(task)),
        "message_id": origin_of(session).message_id,
    }
    params |= events.announcing_created(session, user_id)  # the `tasks` event, sent by the statement too
    row: Any = (await core(session, _CREATE_IN_ONE, params)).first()
    await session.commit()
    if row is None:
        raise NotFound("User", user_id)
    task.id = int(row[1])
    if row[0] % 20 == 0:
        async with writing(session):
            await _prune(session, user_id)
    return task


async def create_tasks(session: AsyncSession, user_id: str, items: list[dict[str, Any]]) -> list[Task]:
    """Adds several tasks as one change (one undo takes them all back)."""
    async with writing(session):
        created = [await _new_task(session, user_id, item) for item in items]
        summary = f'adding "{created[0].title}"' if len(created) == 1 else f"adding {len(created)} tasks"
        await _log(session, user_id, "create" if len(created) == 1 else "bulk", summary, [], created)
    return created


async def update_task(session: AsyncSession, user_id: str, task_id: int, changes: dict[str, Any] | None = None, **kwargs: Any) -> Task:
    """Changes the fields given (None clears description, due_date, due_time, recurrence).

    Clearing due_date also clears its time and recurrence; `completed` goes
    through complete/reopen, so a repeating task's next occurrence appears."""
    changes = {**(changes or {}), **kwargs}
    async with writing(session):
        task = await _locked(session, user_id, task_id)
        before = snapshot(task)
        completed = changes.pop("completed", None)
        fields = {k: v for k, v in changes.items() if k in EDITABLE and not (k in _KEPT_ON_NONE and v is None)}
        if "due_date" in fields and fields["due_date"] is None:
            if fields.get("due_time") is not None or fields.get("recurrence"):
                field = "due_time" if fields.get("due_time") is not None else "recurrence"
                raise InvalidField(field, f"a {field} needs a due_date")
            fields |= {"due_time": None, "recurrence": None}
            if "before" in (fields.get("reminder") or task.reminder or {}):  # a reminder before a due time that is gone
                if fields.get("reminder"):
                    raise InvalidField("reminder", "a reminder before the due time needs a due_date")
                fields["reminder"] = None
        current = {name: getattr(task, name) for name in ("due_date", "due_time", "recurrence", "reminder")}
        dated = (current | fields).get("recurrence") and (current | fields).get("due_date") is None
        today = clock.local_today(await users.timezone_in(session, user_id)) if dated else date.min
        merged = _check(current | fields, today)
        _apply(task, fields | {k: merged[k] for k in ("due_date",) if merged[k] != current[k]})
        if fields.get("recurrence") != current["recurrence"] and "recurrence" in fields:
            task.next_created = False
        touched = [task]
        action, summary = "update", f'changing "{before["title"]}"'
        if completed is not None and completed != task.completed:
            touched += await _set_done(session, task, completed)  # which reschedules the reminder
            if not fields:
                action = "complete" if completed else "reopen"
                summary = f'{"completing" if completed else "reopening"} "{task.title}"'
        else:
            await _reschedule(session, task)
        if snapshot(task) == before:  # nothing changed: nothing to store or undo
            return task
        task.updated_at = utcnow()
        session.add(task)
        await _log(session, user_id, action, summary, [before], touched)
    return task


async def _set_done(session: AsyncSession, task: Task, completed: bool) -> list[Task]:
    """Marks a task done or not; completing a repeating one creates its next occurrence, once."""
    task.completed = completed
    task.completed_at = utcnow() if completed else None
    await _reschedule(session, task)
    if not (completed and task.recurrence and task.due_date and not task.next_created):
        return []
    following = rrules.next_after(task.recurrence, task.due_date)
    task.next_created = True
    if following is None:
        return []
    due, rule = following
    fields = {name: getattr(task, name) for name in EDITABLE} | {"due_date": due, "recurrence": rule}
    fields["reminder"] = reminders.shifted(task.reminder, (due - task.due_date).days)
    return [await _new_task(session, task.user_id, fields)]


async def set_completed(session: AsyncSession, user_id: str, task_id: int, completed: bool | None = True) -> Task:
    """Marks a task done (or not); completed=None toggles it."""
    task, _ = await complete(session, user_id, task_id, completed)
    return task


async def complete(session: AsyncSession, user_id: str, task_id: int, completed: bool | None = True) -> tuple[Task, Task | None]:
    """Marks a task done (or not; None toggles); returns it and the next occurrence this created, if any."""
    async with writing(session):
        task = await _locked(session, user_id, task_id)
        before = snapshot(task)
        done = (not task.completed) if completed is None else completed
        created: list[Task] = []
        if done != task.completed:
            created = await _set_done(session, task, done)
            task.updated_at = utcnow()
            session.add(task)
            await _log(
                session,
                user_id,
                "complete" if done else "reopen",
                f'{"completing" if done else "reopening"} "{task.title}"',
                [before],
                [task, *created],
            )
    return task, (created[0] if created else None)


async def delete_task(session: AsyncSession, user_id: str, task_id: int) -> Task:
    async with writing(session):
        task = await _locked(session, user_id, task_id)
        before = snapshot(task)
        await session.delete(task)
        await _log(session, user_id, "delete", f'deleting "{task.title}"', [before], [])
    return task


async def delete_completed(session: AsyncSession, user_id: str) -> list[Task]:
    """Deletes every completed task, as one change."""
    async with writing(session):
        stmt = select(Task).where(Task.user_id == user_id, col(Task.completed).is_(True)).with_for_update()
        done = list((await session.exec(stmt)).all())
        if done:
            await _delete(session, user_id, done, f"deleting {len(done)} completed {_noun(done)}")
    return done


async def delete_many(session: AsyncSession, user_id: str, task_ids: list[int]) -> list[Task]:
    """Deletes these tasks as one change (one undo brings them all back); NotFound if any is missing."""
    async with writing(session):
        found = [await _locked(session, user_id, task_id) for task_id in dict.fromkeys(task_ids)]
        if found:
            await _delete(session, user_id, found, f'deleting "{found[0].title}"' if len(found) == 1 else f"deleting {len(found)} tasks")
    return found


async def complete_many(session: AsyncSession, user_id: str, task_ids: list[int], completed: bool = True) -> list[Task]:
    """Marks these tasks done (or, completed=False, not done) as one change (repeating ones get their
    next occurrence when completed); returns those it changed."""
    async with writing(session):
        found = [await _locked(session, user_id, task_id) for task_id in dict.fromkeys(task_ids)]
        changed = [t for t in found if t.completed != completed]
        before = [snapshot(t) for t in changed]
        touched: list[Task] = []
        for task in changed:
            touched += [task, *await _set_done(session, task, completed)]
            task.updated_at = utcnow()
            session.add(task)
        if changed:
            verb = "completing" if completed else "reopening"
            summary = f'{verb} "{changed[0].title}"' if len(changed) == 1 else f"{verb} {len(changed)} tasks"
            await _log(session, user_id, "bulk", summary, before, touched)
    return changed


async def _reschedule(session: AsyncSession, task: Task) -> None:
    """Keeps the task's remind_at true to its reminder, due date and state (services/reminders.py)."""
    if task.reminder or task.remind_at:
        dated = bool(task.reminder and "before" in task.reminder)
        zone = await users.timezone_in(session, task.user_id) if dated else "UTC"
        reminders.schedule(task, zone, clock.now())


def _noun(tasks: list[Task]) -> str:
    return "task" if len(tasks) == 1 else "tasks"


async def _delete(session: AsyncSession, user_id: str, tasks: list[Task], summary: str) -> None:
    before = [snapshot(t) for t in tasks]
    for task in tasks:
        await session.delete(task)
    await session.flush()
    await _log(session, user_id, "bulk", summary, before, [])


# ---------------------------------------------------------------- the change log and undo


def snapshot(task: Task) -> dict[str, Any]:
    """The task as the undo log keeps it (models.TaskSnapshot), as JSON."""
    return TaskSnapshot.model_validate(task).model_dump(mode="json")


def _restore(task: Task, saved: dict[str, Any]) -> None:
    task.sqlmodel_update(TaskSnapshot.model_validate(saved).model_dump(by_alias=False, exclude={"id"}), update={"updated_at": utcnow()})


async def _log(session: AsyncSession, user_id: str, action: str, summary: str, before: list[dict[str, Any]], after: Iterable[Task]) -> None:
    """Records a change in the same transaction as the change; now and then drops the oldest."""
    await session.flush()
    saved = [snapshot(t) for t in after]
    values = {
        "user_id": user_id,
        "action": action,
        "summary": summary[:300],
        "before": before,
        "after": saved,
        "undone": False,
        "message_id": origin_of(session).message_id,
        "created_at": utcnow(),
    }
    changed = events.tasks_event(session, [s["id"] for s in [*before, *saved]])
    statement, announced = events.announcing(session, _INSERT_CHANGE, user_id, "tasks", changed)  # one statement on PostgreSQL
    entry_id = (await core(session, statement, values | announced)).scalar_one()
    if entry_id % 20 == 0:
        await _prune(session, user_id)


async def _prune(session: AsyncSession, user_id: str) -> None:
    stmt = select(TaskChangeLog.id).where(TaskChangeLog.user_id == user_id).order_by(col(TaskChangeLog.id).desc()).offset(LOG_KEPT).limit(1)
    cut = (await session.exec(stmt)).first()
    if cut is not None:
        await core(session, delete(CHANGES).where(CHANGES.c.user_id == user_id, CHANGES.c.id <= cut))


async def undo(session: AsyncSession, user_id: str) -> tuple[str, list[Task]]:
    """Reverts the user's most recent change not yet undone, with every other change the same chat
    message made (one message, one undo step); returns it in words and the tasks it touched."""
    async with writing(session):
        latest = (
            select(TaskChangeLog)
            .where(TaskChangeLog.user_id == user_id, col(TaskChangeLog.undone).is_(False))
            .order_by(col(TaskChangeLog.id).desc())
            .limit(1)
            .with_for_update()
        )
        change = (await session.exec(latest)).first()
        if change is None:
            raise NothingToUndo()
        group = [change]
        if change.message_id is not None:
            same_message = (
                select(TaskChangeLog)
                .where(
                    TaskChangeLog.user_id == user_id,
                    TaskChangeLog.message_id == change.message_id,
                    col(TaskChangeLog.undone).is_(False),
                )
                .order_by(col(TaskChangeLog.id).desc())
                .with_for_update()
            )
            group = list((await session.exec(same_message)).all())
        kept: dict[int, Task] = {}
        touched: list[int] = []
        for each in group:  # the newest first, so each puts back what the one before it left
            for number, task in (await _revert(session, user_id, each)).items():
                if task is None:
                    kept.pop(number, None)
                else:
                    kept[number] = task
                touched.append(number)
            each.undone = True
            session.add(each)
        await session.flush()
        await events.tasks_changed(session, user_id, list(dict.fromkeys(touched)), source="undo")
    return _summary(group), sorted(kept.values(), key=lambda t: t.id)


async def _revert(session: AsyncSession, user_id: str, change: TaskChangeLog) -> dict[int, Task | None]:
    """Puts back the tasks as they were before one change; returns each task it touched as it is
    left (None: gone)."""
    before = {s["id"]: s for s in change.before}
    left: dict[int, Task | None] = {}
    for number in dict.fromkeys([*before, *(s["id"] for s in change.after)]):
        task = await session.get(Task, (user_id, number), with_for_update=True)
        saved = before.get(number)
        if saved is None:
            if task is not None:
                await session.delete(task)
            left[number] = None
            continue
        if task is None:
            task = Task(user_id=user_id, id=number, title="")
        _restore(task, saved)
        session.add(task)
        left[number] = task
    await session.flush()
    return left


_VERB = {"create": "adding", "delete": "deleting", "complete": "completing", "reopen": "reopening", "update": "changing"}


def _summary(group: list[TaskChangeLog]) -> str:
    """One message's changes in words: 'adding "Rope"'; 'adding 10 tasks'; 'adding 2 tasks and completing "Pay rent"'."""
    if len(group) == 1:
        return group[0].summary
    counts: dict[str, list[TaskChangeLog]] = {}
    for change in reversed(group):  # in the order they were made
        counts.setdefault(change.action, []).append(change)
    parts = [
        changes[0].summary if len(changes) == 1 else f"{_VERB.get(action, 'changing')} {len(changes)} tasks"
        for action, changes in counts.items()
    ]
    return (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0])[:300]


# ---------------------------------------------------------------- what a chat message already did


async def made_for_message(session: AsyncSession, user_id: str, message_id: int) -> list[dict[str, Any]]:
    """The changes the chat message `message_id` made, told as the tool calls that made them with
    their results ({name, arguments, result}, as a turn records them); an undone one is followed by
    its undo_last_change. A retried message reads these instead of doing them again."""
    stmt = (
        select(TaskChangeLog)
        .where(TaskChangeLog.user_id == user_id, TaskChangeLog.message_id == message_id)
        .order_by(col(TaskChangeLog.id))
    )
    calls: list[dict[str, Any]] = []
    for change in (await session.exec(stmt)).all():
        calls += _as_calls(user_id, change)
        if change.undone:
            undone = UndoChange(undone=change.summary, tasks=[_public(user_id, s) for s in change.before])
            calls.append({"name": "undo_last_change", "arguments": {}, "result": undone.model_dump(mode="json")})
    return calls


def _public(user_id: str, saved: dict[str, Any]) -> TaskPublic:
    task = Task(user_id=user_id, id=int(saved["id"]), title="")
    _restore(task, saved)
    return TaskPublic.of(task)


def _added(task: TaskPublic) -> dict[str, Any]:
    arguments = task.model_dump(mode="json", include=set(TaskCreate.model_fields), exclude_defaults=True) | {"title": task.title}
    return {
        "name": "add_task",
        "arguments": arguments,
        "result": TaskChange(task_id=task.id, status="created", title=task.title, task=task).model_dump(mode="json"),
    }


def _as_calls(user_id: str, change: TaskChangeLog) -> list[dict[str, Any]]:
    """One logged change as the task tool call that makes it (interfaces/mcp/server.py), with its result
    (tasks added together: one add_task each)."""
    before = [_public(user_id, s) for s in change.before]
    after = [_public(user_id, s) for s in change.after]
    if not before:
        return [_added(task) for task in after]
    name: str
    arguments: dict[str, Any]
    result: TaskChange | BulkChange
    if change.action in ("complete", "reopen"):
        task, following = after[0], after[1] if len(after) > 1 else None
        done = change.action == "complete"
        name, arguments = "complete_task", {"task_id": task.id} | ({} if done else {"completed": False})
        result = TaskChange(task_id=task.id, status="completed" if done else "reopened", title=task.title, task=task, next_task=following)
    elif change.action == "delete":
        name, arguments = "delete_task", {"task_id": before[0].id}
        result = TaskChange(task_id=before[0].id, status="deleted", title=before[0].title)
    elif change.action == "update":
        old, task = change.before[0], after[0]
        new = task.model_dump(mode="json", include=set(EDITABLE))
        was = _public(user_id, old).model_dump(mode="json", include=set(EDITABLE))
        arguments = {"task_id": task.id} | {k: v for k, v in new.items() if v != was.get(k) and v is not None}
        arguments |= {f"clear_{k}": True for k in ("due_date", "reminder") if new.get(k) is None and was.get(k) is not None}
        name, result = "update_task", TaskChange(task_id=task.id, status="updated", title=task.title, task=task)
    elif not change.after:  # several deleted at once
        name, arguments = "delete_tasks", {"task_ids": [t.id for t in before]}
        result = BulkChange(status="deleted", count=len(before), tasks=before)
    else:  # several completed or reopened at once
        ids = [t.id for t in before]
        done = all(t.completed for t in after if t.id in ids)
        name, arguments = "complete_tasks", {"task_ids": ids} | ({} if done else {"completed": False})
        changed = [t for t in after if t.id in ids]
        result = BulkChange(status="completed" if done else "reopened", count=len(changed), tasks=changed)
    return [{"name": name, "arguments": arguments, "result": result.model_dump(mode="json")}]
