"""Business logic, one module per entity. Routes, MCP tools and the offline
interpreter all call these; nothing re-implements them."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from ..models import ID_MAX


class NotFound(Exception):
    """The thing does not exist for this user (another user's thing is not found either)."""

    def __init__(self, what: str, ident: object) -> None:
        super().__init__(f"{what} {ident} not found")
        self.what = what
        self.ident = ident


Owned = TypeVar("Owned")


async def get_owned(session: AsyncSession, model: type[Owned], user_id: str, ident: int) -> Owned:
    """The row with this id if it belongs to this user; NotFound otherwise, alike for both cases."""
    row = await session.get(model, ident) if 1 <= ident <= ID_MAX else None
    if row is None or row.user_id != user_id:
        raise NotFound(model.__name__, ident)
    return row
