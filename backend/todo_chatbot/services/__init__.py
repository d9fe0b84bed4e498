"""Business logic, one module per entity. Routes, MCP tools and the offline
interpreter all call these; nothing re-implements them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import CursorResult, Executable
from sqlmodel.ext.asyncio.session import AsyncSession

from ..infra.db import WRITE_OPTION
from ..models import ID_MAX


class NotFound(Exception):
    """The thing does not exist for this user (another user's thing is not found either)."""

    def __init__(self, what: str, ident: object) -> None:
        super().__init__(f"{what} {ident} not found")
        self.what = what
        self.ident = ident


class InvalidField(ValueError):
    """A value that is well-formed alone but impossible with the task's other fields."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


Owned = TypeVar("Owned")


async def get_owned(session: AsyncSession, model: type[Owned], user_id: str, ident: int) -> Owned:
    """The row with this id if it belongs to this user; NotFound otherwise, alike for both cases."""
    row = await session.get(model, ident) if 1 <= ident <= ID_MAX else None
    if row is None or row.user_id != user_id:  # type: ignore[attr-defined]
        raise NotFound(model.__name__, ident)
    return row


async def core(session: AsyncSession, statement: Executable, params: dict[str, Any] | None = None) -> CursorResult[Any]:
    """A Core statement on the session's connection (and its transaction, if one is open): no
    unit of work, for the hot paths that insert or update a row they don't read back."""
    return await (await session.connection()).execute(statement, params)


@asynccontextmanager
async def writing(session: AsyncSession) -> AsyncIterator[None]:
    """One transaction around a change (its reads, its writes, its log entry): all are stored, or none.

    Sessions read in autocommit on both databases (one round trip per read). A change asks
    for a real transaction: READ COMMITTED with row locks (SELECT ... FOR UPDATE) on
    PostgreSQL; on SQLite, BEGIN IMMEDIATE, which takes the database's write lock before the
    first read (infra/db.py), so writers run one after another."""
    if session.in_transaction():
        await session.commit()
    bind = session.bind
    if bind is not None and bind.dialect.name == "postgresql":
        await session.connection(execution_options={"isolation_level": "READ COMMITTED"})
    else:
        options: Any = {WRITE_OPTION: True}  # our own option: not among SQLAlchemy's typed ones
        await session.connection(execution_options=options)
    try:
        yield
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
