"""The scheduler: what runs on its own in every backend process, not in answer to a request.

Today that is reminders. Every REMINDER_POLL_SECONDS it asks the database one indexed question
(is any reminder or notification due?), and only when one is does it fire them
(services/reminders.fire_due: claimed with FOR UPDATE SKIP LOCKED, so with several processes or
replicas each fires once) and send the notifications due to people's own services
(services/notify), without waiting for slow services: sends run beside the loop.

Coordination is the database's own: row locks (SKIP LOCKED) and the unique delivery log on
PostgreSQL, the single writer on SQLite; no lock service or queue of our own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from sqlalchemy import DateTime, bindparam, text
from sqlalchemy.exc import DBAPIError, OperationalError

from ..infra import clock
from ..infra.db import Database
from ..services import notify, reminders
from ..settings import Settings

log = logging.getLogger("todo_chatbot.scheduler")

# One round trip when nothing is due: both questions are answered from partial indexes.
_ANYTHING_DUE = text(
    "SELECT EXISTS (SELECT 1 FROM tasks WHERE remind_at IS NOT NULL AND remind_at <= :now), "
    "EXISTS (SELECT 1 FROM reminder_deliveries WHERE notify_state = 'pending' AND notify_next_at <= :now)"
).bindparams(bindparam("now", type_=DateTime(timezone=True)))
SENDS_AT_ONCE = 4


class Scheduler:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.settings = db, settings
        self.poll = settings.reminder_poll_seconds
        self.max_late = timedelta(seconds=settings.reminder_max_late)
        self._loop: asyncio.Task[None] | None = None
        self._sends: set[asyncio.Task[None]] = set()
        self._sending = asyncio.Semaphore(SENDS_AT_ONCE)

    async def start(self) -> None:
        if self.settings.reminders and self._loop is None:
            self._loop = asyncio.create_task(self._run(), name="scheduler")

    async def stop(self) -> None:
        tasks = [t for t in (self._loop, *self._sends) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._loop = None

    async def _run(self) -> None:
        while True:
            try:
                await self.tick()
            except (OperationalError, DBAPIError) as exc:  # the database is away: try again at the next poll
                log.warning("scheduler: the database did not answer (%s)", type(exc.orig).__name__ if exc.orig else exc)
            except Exception:
                log.exception("scheduler: a poll failed")
            await asyncio.sleep(self.poll)

    async def tick(self, now: datetime | None = None) -> int:
        """One poll: fires what is due and starts the sends that are due; returns how many fired."""
        now = now or clock.now()
        async with self.db.session() as session:
            row = (await (await session.connection()).execute(_ANYTHING_DUE, {"now": now})).one()
            reminders_due, sends_due = bool(row[0]), bool(row[1])
            fired: list[reminders.Fired] = []
            if reminders_due:
                while batch := await reminders.fire_due(session, now, self.max_late):
                    fired += batch
                    if len(batch) < reminders.BATCH:
                        break
            if sends_due or any(f.notify for f in fired):
                for pending in await notify.claim(session, now):
                    task = asyncio.create_task(self._send(pending), name=f"notify-{pending.id}")
                    self._sends.add(task)
                    task.add_done_callback(self._sends.discard)
        if fired:
            log.info("reminders fired: %d (%d late)", len(fired), sum(f.late for f in fired))
        return len(fired)

    async def _send(self, pending: notify.Pending) -> None:
        async with self._sending:
            try:
                sent = await notify.send(pending.url, pending.title, pending.body, self.settings.notify_allow_private)
            except Exception:
                log.exception("reminder notification %s: sending failed", pending.id)
                sent = False
        async with self.db.session() as session:
            await notify.record(session, pending, sent, clock.now())

    async def idle(self) -> None:
        """Waits until the notifications started so far are sent (for tests and shutdown)."""
        while self._sends:
            await asyncio.gather(*list(self._sends), return_exceptions=True)
