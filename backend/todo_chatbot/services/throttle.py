"""Login and sign-up throttling, per account and per client address.

Counted in the database (throttle_counts), so every worker and replica shares the
counts: 10 failures means 10 however many processes answer. The `limits` library
has storage backends for Redis, Memcached and MongoDB, none of which this app runs;
a table does it with one atomic upsert per count. A count's window begins with its
first failure and lasts THROTTLE_WINDOW seconds (a fixed window per key). Failures
for an email with no account are counted exactly like the others, so a lockout
says nothing about which emails exist; keys are stored hashed.
"""

from __future__ import annotations

import hashlib
import math
import random
import time
from typing import Any

from sqlalchemy import Table, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from ..infra.db import Database
from ..models import ThrottleCount
from ..settings import Settings
from . import core

COUNTS: Table = ThrottleCount.__table__  # type: ignore[attr-defined]
PRUNE_SHARE = 1 / 32  # of new windows that also delete the windows that are over (a window over is ignored anyway)


class Throttled(Exception):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message, self.retry_after = message, retry_after


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}\0{value}".encode()).hexdigest()


class Throttle:
    def __init__(self, settings: Settings, db: Database) -> None:
        self.window = float(settings.throttle_window)
        self.per_account = settings.login_failures_per_account
        self.per_address = settings.login_failures_per_address
        self.signups = settings.signups_per_address
        self.registrations = settings.oauth_registrations_per_address
        self.db = db

    async def _counts(self, limits: dict[str, int]) -> int:
        """Seconds until one more attempt is allowed under all these {key: limit} (0: allowed now)."""
        now = time.time()
        stmt = select(COUNTS.c.key, COUNTS.c["count"], COUNTS.c.started).where(
            COUNTS.c.key.in_(list(limits)), COUNTS.c.started > now - self.window
        )
        async with self.db.session() as session:
            rows: list[Any] = list((await core(session, stmt)).all())
        waits = [started + self.window - now for key, count, started in rows if count >= limits[key]]
        return max(1, math.ceil(max(waits))) if waits else 0

    async def _hit(self, *keys: str) -> dict[str, tuple[int, float]]:
        """Counts one more for each key, atomically (one statement); returns each key's count and window start."""
        now = time.time()
        async with self.db.session() as session:
            dialect = postgresql if session.bind is not None and session.bind.dialect.name == "postgresql" else sqlite
            stmt: Any = dialect.insert(COUNTS).values([{"key": k, "count": 1, "started": now} for k in sorted(keys)])
            expired = COUNTS.c.started <= now - self.window
            stmt = stmt.on_conflict_do_update(
                index_elements=[COUNTS.c.key],
                set_={
                    "count": case((expired, 1), else_=COUNTS.c["count"] + 1),
                    "started": case((expired, stmt.excluded.started), else_=COUNTS.c.started),
                },
            ).returning(COUNTS.c.key, COUNTS.c["count"], COUNTS.c.started)
            rows: list[Any] = list((await core(session, stmt)).all())
            if any(count == 1 for _, count, _ in rows) and random.random() < PRUNE_SHARE:  # now and then: drop windows that are over
                await core(session, delete(COUNTS).where(COUNTS.c.started <= now - self.window))
            await session.commit()
        return {key: (count, started) for key, count, started in rows}

    async def check_login(self, email: str, address: str) -> None:
        wait = await self._counts({_key("login-account", email): self.per_account, _key("login-address", address): self.per_address})
        if wait:
            raise Throttled(f"Too many failed sign-in attempts; try again in {_duration(wait)}", wait)

    async def login_failed(self, email: str, address: str) -> None:
        await self._hit(_key("login-account", email), _key("login-address", address))

    async def login_succeeded(self, email: str) -> None:
        async with self.db.session() as session:
            await core(session, delete(COUNTS).where(COUNTS.c.key == _key("login-account", email)))
            await session.commit()

    async def signup_attempt(self, address: str) -> None:
        await self._attempt("signup-address", address, self.signups, "sign-ups")

    async def registration_attempt(self, address: str) -> None:
        """A client registration (POST /oauth/register) from this address."""
        await self._attempt("register-address", address, self.registrations, "client registrations")

    async def _attempt(self, kind: str, address: str, limit: int, what: str) -> None:
        key = _key(kind, address)
        count, started = (await self._hit(key))[key]
        if count > limit:
            wait = max(1, math.ceil(started + self.window - time.time()))
            raise Throttled(f"Too many {what} from this address; try again in {_duration(wait)}", wait)


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{math.ceil(seconds / 60)} minutes"
