"""Applies the Alembic migrations; safe when several processes run it at once.

On PostgreSQL a session-level advisory lock serialises concurrent runs (pods
starting together): the second waits, then finds nothing left to do. SQLite
is single-host; its own file lock does the same job.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from .db import ensure_sqlite_dir, sync_url

log = logging.getLogger("todo_chatbot.migrate")
MIGRATIONS = Path(__file__).parent / "migrations"
ADVISORY_LOCK_ID = 0x70D0C4A7  # any constant shared by every instance of this app


def upgrade(database_url: str, revision: str = "head") -> None:
    url = sync_url(database_url)
    ensure_sqlite_dir(url)
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
    log.info("database schema is up to date")
