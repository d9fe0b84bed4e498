"""Database engines and sessions.

The app talks to the database through an async engine (psycopg 3 for
PostgreSQL, aiosqlite for SQLite), so no query blocks the event loop.
Migrations use a plain synchronous engine on the same database.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool
from sqlmodel.ext.asyncio.session import AsyncSession

from . import origin as origins
from .events import BUS_KEY, EventBus

HEALTH_TIMEOUT_SECONDS = 1.5


def parse_database_url(raw: str) -> URL:
    """Accepts postgres://, postgresql://, postgresql+<driver>:// and sqlite:/// URLs."""
    raw = raw.strip()
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://") :]
    url = make_url(raw)
    backend = url.get_backend_name()
    if backend not in ("postgresql", "sqlite"):
        raise ValueError(f"DATABASE_URL must be postgresql://... or sqlite:///..., not {backend}://")
    return url


def sync_url(raw: str) -> URL:
    url = parse_database_url(raw)
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    return url.set(drivername="sqlite")


def async_url(raw: str) -> URL:
    url = parse_database_url(raw)
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    return url.set(drivername="sqlite+aiosqlite")


def ensure_sqlite_dir(url: URL) -> None:
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


# An execution option that writing() (services) sets on a connection it is about to change
# data with: SQLite then begins with BEGIN IMMEDIATE.
WRITE_OPTION = "todo_chatbot_write"


def _sqlite_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    # The driver's own transaction handling off (it begins one lazily, at the first write, after
    # the reads): transactions begin where SQLAlchemy begins them, in _sqlite_begin.
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection) -> None:
    """Transactions as on PostgreSQL (which runs in autocommit here): reads need none; a change
    (services.writing) takes the write lock before its first read, so its reads and writes are
    one atomic step and concurrent writers queue (busy_timeout) instead of overwriting each other
    or failing half-way with "database is locked". (SQLAlchemy's documented pysqlite recipe.)"""
    if connection.get_execution_options().get(WRITE_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_async_engine(raw_url: str, *, pooled: bool = True, timeout: float = 10.0) -> AsyncEngine:
    """pooled=False: a fresh connection per use (health checks, which must not wait behind a busy pool).
    timeout: seconds a PostgreSQL statement may run, and how soon a silent server is noticed."""
    url = async_url(raw_url)
    ensure_sqlite_dir(url)
    if url.get_backend_name() == "sqlite":
        engine = create_async_engine(url, connect_args={"timeout": 5}, **({} if pooled else {"poolclass": NullPool}))
        event.listen(engine.sync_engine, "connect", _sqlite_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    milliseconds = int(timeout * 1000)
    connect_args = {
        "connect_timeout": 3,
        # A statement or lock wait longer than this is cancelled by the server itself.
        "options": f"-c statement_timeout={milliseconds} -c lock_timeout={milliseconds}",
        # A server or network that goes silent is noticed by TCP within seconds, not hours.
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": milliseconds,
    }
    if not pooled:
        return create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT", connect_args=connect_args)
    return create_async_engine(
        url,
        pool_size=10,
        max_overflow=10,
        pool_timeout=5,
        # No pre-ping (a round trip per checkout, three per chat turn: bench/fast_paths_bench.py):
        # a connection broken by a database restart fails one request with 503 and the pool is
        # then renewed.
        pool_recycle=300,
        # Reads in autocommit (one round trip each); a change asks for a transaction (services.writing).
        isolation_level="AUTOCOMMIT",
        # A connection back in the pool in autocommit has no transaction to roll back: not asked to.
        skip_autocommit_rollback=True,
        connect_args=connect_args,
    )


class Database:
    """Owns the engine, the session factory and the event bus (events.py) for one process."""

    def __init__(self, raw_url: str, timeout: float = 10.0) -> None:
        self.engine = make_async_engine(raw_url, timeout=timeout)
        # /health asks on a connection of its own: a pool busy with slow requests is not an outage.
        self.health_engine = make_async_engine(raw_url, pooled=False, timeout=timeout)
        self.events = EventBus(raw_url)
        # every session knows the bus, so a change can announce itself in its own transaction
        self.sessionmaker = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False, info={BUS_KEY: self.events})

    @asynccontextmanager
    async def session(self, origin: origins.Origin | None = None) -> AsyncIterator[AsyncSession]:
        """A session; `origin`: where its changes come from (infra/origin.py), else the REST API."""
        async with self.sessionmaker() as session:
            if origin is not None:
                session.info[origins.KEY] = origin
            yield session

    async def ping(self, timeout: float = HEALTH_TIMEOUT_SECONDS) -> bool:
        """A real round trip to the database, bounded in time."""

        async def _round_trip() -> None:
            async with self.health_engine.connect() as conn:
                await conn.execute(text("SELECT 1"))

        try:
            await asyncio.wait_for(_round_trip(), timeout)
            return True
        except Exception:  # any failure means "not ready"
            return False

    async def dispose(self) -> None:
        await self.events.stop()
        await self.engine.dispose()
        await self.health_engine.dispose()
