"""Reminders: when a task's reminder fires, and firing the due ones exactly once.

A task's `reminder` is {"before": N} (N minutes before it is due; a date without a time counts as
DEFAULT_TIME in the owner's zone) or {"at": moment}. Its `remind_at` is the next moment it fires,
kept by the task service whenever the task changes (`schedule`): null while the task is completed,
once it has fired, or when the moment has passed.

Firing (`fire_due`, run by every backend process's scheduler) claims the due tasks in one
transaction, with `FOR UPDATE SKIP LOCKED` on PostgreSQL (each process takes other rows) and the
single writer on SQLite. In that same transaction it records each in the delivery log, unique per
(task, moment), clears remind_at, and publishes the `reminder` event (one per delivery; the
streams add the `tasks` change it made): all of it commits, or none of it does and another process
fires it at its next poll.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from ..infra import events
from ..models import ReminderDelivery, Task, TaskPublic, User, as_utc
from . import writing

log = logging.getLogger("todo_chatbot.reminders")

DEFAULT_TIME = time(9, 0)  # "due on Friday" with no time reminds at 09:00 that day
BATCH = 100
# A reminder fired this much after its moment counts as late (missed while nothing ran).
LATE_AFTER = timedelta(minutes=1)


def stored(value: Any) -> dict[str, Any] | None:
    """A reminder as the task's column keeps it: {"before": N} or {"at": ISO 8601 in UTC}."""
    if value is None:
        return None
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if "before" in value:
        return {"before": int(value["before"])}
    at = value["at"]
    moment = at if isinstance(at, datetime) else datetime.fromisoformat(at)
    return {"at": _utc(moment).isoformat()}


def _utc(moment: datetime) -> datetime:
    return as_utc(moment).astimezone(UTC)


def moment(reminder: dict[str, Any] | None, due_date: date | None, due_time: time | None, zone: str) -> datetime | None:
    """When a reminder fires (UTC), whether past or not; None if it can't (a "before" without a date)."""
    if not reminder:
        return None
    if "at" in reminder:
        return _utc(datetime.fromisoformat(reminder["at"]))
    if due_date is None:
        return None
    due = datetime.combine(due_date, due_time or DEFAULT_TIME, ZoneInfo(zone))
    return (due - timedelta(minutes=int(reminder["before"]))).astimezone(UTC)


def schedule(task: Task, zone: str, now: datetime) -> None:
    """Sets the task's remind_at: its reminder's moment if the task is open and the moment is ahead."""
    when = None if task.completed else moment(task.reminder, task.due_date, task.due_time, zone)
    task.remind_at = when if when is not None and when > now else None


def shifted(reminder: dict[str, Any] | None, days: int) -> dict[str, Any] | None:
    """The next occurrence's reminder: a "before" one as it is; an "at" one as many days later as
    the due date moved."""
    if not reminder or "before" in reminder or not days:
        return reminder
    return {"at": (datetime.fromisoformat(reminder["at"]) + timedelta(days=days)).isoformat()}


# ---------------------------------------------------------------- firing


@dataclass
class Fired:
    user_id: str
    task_id: int
    late: bool
    notify: bool


async def fire_due(session: AsyncSession, now: datetime, max_late: timedelta, batch: int = BATCH) -> list[Fired]:
    """Fires the reminders due at `now` (at most `batch`), each once; returns what fired."""
    fired: list[Fired] = []
    async with writing(session):
        claim = (
            select(Task)
            .where(col(Task.remind_at).is_not(None), col(Task.remind_at) <= now)
            .order_by(col(Task.remind_at))
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        due = list((await session.exec(claim)).all())
        if not due:
            return []
        owners = {u.id: u for u in (await session.exec(select(User).where(col(User.id).in_({t.user_id for t in due})))).all()}
        for task in due:
            assert task.remind_at is not None
            when = as_utc(task.remind_at)
            task.remind_at = None
            session.add(task)
            if now - when > max_late:
                log.info("reminder of task %s was due at %s: more than %s ago, not fired", task.id, when.isoformat(), max_late)
                continue
            late = now - when > LATE_AFTER
            notify = bool(owners[task.user_id].notify_url) if task.user_id in owners else False
            if not await _record(session, task, when, now, late, notify):
                continue  # fired already (a moment is fired once)
            fired.append(Fired(task.user_id, task.id, late, notify))
            # one notification per delivery: the streams also give it as the `tasks` change it made
            await events.publish(session, task.user_id, "reminder", {"task": _shown(task), "late": late})
        await session.flush()
    return fired


async def _record(session: AsyncSession, task: Task, when: datetime, now: datetime, late: bool, notify: bool) -> bool:
    """The delivery log's row for this (task, moment); False if it was there already."""
    values = {
        "user_id": task.user_id,
        "task_id": task.id,
        "moment": when,
        "fired_at": now,
        "late": late,
        "notify_state": "pending" if notify else "none",
        "notify_tries": 0,
        "notify_next_at": now if notify else None,
    }
    dialect = postgresql if session.bind is not None and session.bind.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(ReminderDelivery).values(values).on_conflict_do_nothing().returning(col(ReminderDelivery.id))
    inserted = (await (await session.connection()).execute(statement)).first()
    return inserted is not None


def _shown(task: Task) -> dict[str, Any]:
    shown = TaskPublic.of(task).model_dump(mode="json")
    if shown.get("description") and len(shown["description"]) > 1000:  # the event travels in an 8 kB notification
        shown["description"] = shown["description"][:1000] + "…"
    return shown
