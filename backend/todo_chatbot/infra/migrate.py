"""Applies the Alembic migrations; safe when several processes run it at once.

On PostgreSQL a session-level advisory lock serialises concurrent runs (pods
starting together): the second waits, then finds nothing left to do. SQLite
lives on one host: an exclusive lock on a file beside the database does the same.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from .db import ensure_sqlite_dir, sync_url

log = logging.getLogger("todo_chatbot.infra.migrate")
MIGRATIONS = Path(__file__).parent / "migrations"
ADVISORY_LOCK_ID = 0x70D0C4A7  # any constant shared by every instance of this app


@contextmanager
def _sqlite_lock(url: URL) -> Iterator[None]:
    if not url.database or url.database == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: no concurrent starts to guard against there
        yield
        return
    with open(f"{url.database}.migrate-lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def upgrade(database_url: str, revision: str = "head") -> None:
    url = sync_url(database_url)
    ensure_sqlite_dir(url)
    if url.get_backend_name() == "sqlite":
        with _sqlite_lock(url):
            _upgrade(url, revision)
    else:
        _upgrade(url, revision)
    log.info("database schema is up to date")


def _upgrade(url: URL, revision: str) -> None:
    engine = create_engine(url, connect_args={"connect_timeout": 10} if url.get_backend_name() == "postgresql" else {})
    try:
        with engine.connect() as conn:
            postgres = conn.dialect.name == "postgresql"
            if postgres:
                conn.execute(text("SELECT pg_advisory_lock(:id)"), {"id": ADVISORY_LOCK_ID})
                conn.commit()
            try:
                config = Config()
                config.set_main_option("script_location", str(MIGRATIONS))
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                conn.commit()
            finally:
                if postgres:
                    conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": ADVISORY_LOCK_ID})
                    conn.commit()
    finally:
        engine.dispose()
