"""The user's event stream: what changed, told to every open tab of that user, on any replica.

A change to a user's tasks is published in the same transaction as the change (services call
`publish`). How it travels depends on the database:
- PostgreSQL: `pg_notify` inside the change's transaction, so it is sent when (and only when)
  the change commits, to every process that LISTENs on the channel: each backend process keeps
  one connection LISTENing and hands what arrives to its own open streams. A change made through
  one replica reaches a tab connected to another; a rolled-back change is never announced.
- SQLite (the single-process default): the event waits in the session until its commit, then
  goes to this process's streams.

`EventBus.open_stream` gives an open stream (GET /api/{user_id}/events) its queue. A stream whose
queue overflows, or whose process loses its LISTEN connection, is ended: the client reconnects
and reloads, which is cheaper and more honest than pretending nothing was missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Insert, bindparam, event, func, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from .origin import origin_of

log = logging.getLogger("todo_chatbot.infra.events")

CHANNEL = "todo_events"
BUS_KEY = "todo.events"  # in Session.info: the process's bus (set by db.Database)
_PENDING_KEY = "todo.events.pending"
QUEUE_SIZE = 1000
STREAMS_PER_USER = 20  # per process; more answer 429
NOTIFY_MAX_BYTES = 7900  # PostgreSQL's payload limit is 8000


@dataclass(frozen=True)
class Event:
    user_id: str
    name: str  # "tasks" or "reminder"
    data: dict[str, Any]


class TooManyStreams(Exception):
    pass


class EventBus:
    """One per process (per Database): the open streams of this process, and on PostgreSQL the
    connection that LISTENs for every process's events."""

    def __init__(self, database_url: str) -> None:
        url = make_url(database_url.replace("postgres://", "postgresql://", 1))
        self.shared = url.get_backend_name() == "postgresql"
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False) if self.shared else ""
        self._streams: dict[str, set[asyncio.Queue[Event | None]]] = {}
        self._listener: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()

    # ------------------------------------------------------------ streams

    def open_stream(self, user_id: str) -> asyncio.Queue[Event | None]:
        """A queue of the user's events for one open stream; None in it means "end the stream"."""
        streams = self._streams.setdefault(user_id, set())
        if len(streams) >= STREAMS_PER_USER:
            raise TooManyStreams()
        queue: asyncio.Queue[Event | None] = asyncio.Queue(QUEUE_SIZE)
        streams.add(queue)
        return queue

    def close_stream(self, user_id: str, queue: asyncio.Queue[Event | None]) -> None:
        streams = self._streams.get(user_id, set())
        streams.discard(queue)
        if not streams:
            self._streams.pop(user_id, None)

    def deliver(self, item: Event) -> None:
        """Hands an event to this process's open streams of its user."""
        items = _as_streamed(item)
        for queue in list(self._streams.get(item.user_id, ())):
            try:
                for one in items:
                    queue.put_nowait(one)
            except asyncio.QueueFull:  # a stream that doesn't keep up is ended; its client reloads
                _end(queue)

    def _end_all(self) -> None:
        for streams in self._streams.values():
            for queue in streams:
                _end(queue)

    # ------------------------------------------------------------ PostgreSQL LISTEN

    async def ready(self, seconds: float = 3.0) -> bool:
        """Whether events reach this process now (on PostgreSQL: once its LISTEN connection is up)."""
        if not self.shared:
            return True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.listening.wait(), seconds)
        return self.listening.is_set()

    async def start(self) -> None:
        if self.shared and self._listener is None:
            self._listener = asyncio.create_task(self._listen(), name="event-listener")

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
            self._listener = None
        self._end_all()

    async def _listen(self) -> None:
        import psycopg  # only with PostgreSQL

        delay = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    delay = 0.5
                    async for note in conn.notifies():
                        self._received(note.payload)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database went away: streams end (clients reload), then we listen again
                log.warning("event stream: lost the database (%s); listening again in %.1f s", exc, delay)
            self.listening.clear()
            self._end_all()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 15)

    def _received(self, payload: str) -> None:
        if not self._streams:  # no stream open in this process: nothing to hand the event to
            return
        try:
            raw = json.loads(payload)
            item = Event(raw["u"], raw["e"], raw["d"])
        except (ValueError, KeyError, TypeError):
            log.exception("event stream: unreadable notification %r", payload[:200])
            return
        self.deliver(item)


def _as_streamed(item: Event) -> list[Event]:
    """The events a stream gives for one published: a fired reminder travels once (one notification
    per delivery) and is given as `reminder`, then as the `tasks` change firing made (its remind_at
    cleared)."""
    task = item.data.get("task") if item.name == "reminder" else None
    if not isinstance(task, dict) or not isinstance(task.get("id"), int):
        return [item]
    return [item, Event(item.user_id, "tasks", {"ids": [task["id"]], "source": "reminder"})]


def _end(queue: asyncio.Queue[Event | None]) -> None:
    while True:
        try:
            queue.put_nowait(None)
            return
        except asyncio.QueueFull:
            queue.get_nowait()


# ---------------------------------------------------------------- publishing, from the services


_NOTIFY = func.pg_notify(bindparam("event_channel"), bindparam("event_payload"))


async def publish(session: Any, user_id: str, name: str, data: dict[str, Any]) -> None:
    """Announces an event in the session's transaction: sent when it commits, dropped if it rolls back."""
    payload = _announced(session, user_id, name, data)
    if payload is not None:
        connection = await session.connection()
        await connection.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})


def announcing(session: Any, statement: Insert, user_id: str, name: str, data: dict[str, Any]) -> tuple[Insert, dict[str, Any]]:
    """`statement` (an INSERT of one row) made to announce an event as `publish` would, and the
    parameters that adds. On PostgreSQL the notification rides on the statement itself
    (RETURNING pg_notify(...), after its own RETURNING columns): one round trip, not two."""
    payload = _announced(session, user_id, name, data)
    if payload is None:
        return statement, {}
    return statement.returning(_NOTIFY), {"event_channel": CHANNEL, "event_payload": payload}


# The `tasks` event of a task that a statement creates, whose number only the statement knows (as
# `{id}`): the SQL that sends it (PostgreSQL), with the parameters `announcing_created` gives.
NOTIFY_CREATED = (
    "CASE WHEN CAST(:event_head AS text) IS NOT NULL THEN pg_notify(:event_channel, :event_head || CAST({id} AS text) || :event_tail) END"
)
_ID_MARK = '"ids":[0]'


def announcing_created(session: Any, user_id: str) -> dict[str, Any]:
    """The parameters of NOTIFY_CREATED: the `tasks` event as `publish` would send it, cut where the
    new task's number goes; all None for a session without a bus (on PostgreSQL the bus is shared)."""
    bus: EventBus | None = session.info.get(BUS_KEY)
    if bus is None or not bus.shared:
        return {"event_channel": None, "event_head": None, "event_tail": None}
    payload = _announced(session, user_id, "tasks", tasks_event(session, [0]))
    assert payload is not None
    head, tail = payload.split(_ID_MARK)  # one place only: the user id and the source are words
    return {"event_channel": CHANNEL, "event_head": head + '"ids":[', "event_tail": "]" + tail}


def _announced(session: Any, user_id: str, name: str, data: dict[str, Any]) -> str | None:
    """The NOTIFY payload to send for an event (PostgreSQL), or None: on SQLite the event waits in
    the session for its commit; a session without a bus (migrations, scripts) announces nothing."""
    bus: EventBus | None = session.info.get(BUS_KEY)
    if bus is None:
        return None
    if not bus.shared:
        session.info.setdefault(_PENDING_KEY, []).append(Event(user_id, name, data))
        return None
    payload = json.dumps({"u": user_id, "e": name, "d": data}, separators=(",", ":"))
    if len(payload.encode()) > NOTIFY_MAX_BYTES and "ids" in data:  # too many ids to name: "reload"
        payload = json.dumps({"u": user_id, "e": name, "d": data | {"ids": []}}, separators=(",", ":"))
    return payload


def tasks_event(session: Any, ids: list[int], source: str | None = None) -> dict[str, Any]:
    """The `tasks` event's data: these task numbers changed (created, edited, completed, deleted),
    and where the change came from (`source`, else the session's origin: a chat turn, an MCP
    client, the REST API)."""
    return {"ids": sorted(set(ids)), "source": source or origin_of(session).source}


async def tasks_changed(session: Any, user_id: str, ids: list[int], source: str | None = None) -> None:
    """Publishes the `tasks` event (tasks_event)."""
    await publish(session, user_id, "tasks", tasks_event(session, ids, source))


@event.listens_for(Session, "after_commit")
def _deliver_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING_KEY, None)
    if pending:
        bus: EventBus = session.info[BUS_KEY]
        for item in pending:
            bus.deliver(item)


@event.listens_for(Session, "after_rollback")
def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING_KEY, None)
