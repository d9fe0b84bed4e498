"""The calendar feed: a secret address a calendar app subscribes to, showing the open tasks with
a due date as events (RFC 5545, written by the `icalendar` library).

The address holds a random token; only its SHA-256 is stored, so the database never holds a
working address. Making a new one replaces the old (which stops at once); deleting revokes it.

Each open task with a due date is one VEVENT: all-day on its date when it has no time, else at
its time in the owner's zone (TZID, with the zone's VTIMEZONE) for 30 minutes; its repeat rule as
RRULE; its reminder as a VALARM (relative to the start for "before" reminders on timed events,
an absolute trigger otherwise, as all-day events have no time to be relative to). UIDs are stable
per task, so calendar apps update events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from ..models import Task, User, as_utc
from . import NotFound, reminders, users

if TYPE_CHECKING:  # imported where a feed is written: a backend that starts does not load it (0.1 s)
    from icalendar import Alarm, Calendar, Event

TIMED_EVENT = timedelta(minutes=30)
PRODID = "-//todo-chatbot//tasks//EN"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def new_feed(session: AsyncSession, user_id: str) -> str:
    """A new secret token for the user's feed (the previous one stops working)."""
    token = secrets.token_urlsafe(32)
    await users.set_own(session, user_id, "calendar_token_hash", _hash(token))
    return token


async def revoke(session: AsyncSession, user_id: str) -> bool:
    return await users.set_own(session, user_id, "calendar_token_hash", None) is not None


async def feed(session: AsyncSession, token: str) -> bytes:
    """The feed's calendar for a token; NotFound for an unknown one."""
    if not token or len(token) > 100:
        raise NotFound("Calendar feed", "")
    user = (await session.exec(select(User).where(col(User.calendar_token_hash) == _hash(token)))).first()
    if user is None:
        raise NotFound("Calendar feed", "")
    stmt = (
        select(Task)
        .where(col(Task.user_id) == user.id, col(Task.completed).is_(False), col(Task.due_date).is_not(None))
        .order_by(col(Task.due_date), col(Task.due_time), col(Task.id))
    )
    tasks = list((await session.exec(stmt)).all())
    return calendar(user, tasks).to_ical()


def calendar(user: User, tasks: list[Task]) -> Calendar:
    from icalendar import Calendar

    # a UID of its own, stable per user: a random one would change the feed (and its ETag) each time
    cal = Calendar.new(prodid=PRODID, name="Todo list", description="Open tasks with a due date", uid=f"tasks-{user.id}@todo-chatbot")
    zone = ZoneInfo(user.timezone)
    for task in tasks:
        cal.add_component(_event(task, user, zone))
    cal.add_missing_timezones()
    return cal


def _event(task: Task, user: User, zone: ZoneInfo) -> Event:
    from icalendar import Event, vRecur

    assert task.due_date is not None
    event = Event()
    event.add("uid", f"task-{task.id}-{user.id}@todo-chatbot")
    event.add("dtstamp", as_utc(task.updated_at).astimezone(UTC))
    event.add("summary", task.title)
    if task.description:
        event.add("description", task.description)
    if task.due_time is None:
        event.add("dtstart", task.due_date)
        event.add("dtend", task.due_date + timedelta(days=1))
    else:
        start = datetime.combine(task.due_date, task.due_time, zone)
        event.add("dtstart", start)
        event.add("dtend", start + TIMED_EVENT)
    if task.recurrence:
        event.add("rrule", vRecur.from_ical(task.recurrence))
    if task.tags:
        event.add("categories", task.tags)
    if task.priority != "none":
        event.add("priority", {"high": 1, "medium": 5, "low": 9}[task.priority])
    alarm = _alarm(task, user)
    if alarm is not None:
        event.add_component(alarm)
    return event


def _alarm(task: Task, user: User) -> Alarm | None:
    if not task.reminder:
        return None
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", task.title)
    if "before" in task.reminder and task.due_time is not None:
        alarm.add("trigger", -timedelta(minutes=int(task.reminder["before"])))
    else:
        moment = reminders.moment(task.reminder, task.due_date, task.due_time, user.timezone)
        if moment is None:
            return None
        alarm.add("trigger", moment.astimezone(UTC))
    return alarm


def etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
