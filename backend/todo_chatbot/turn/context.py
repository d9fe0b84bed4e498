"""Who a turn acts for and in which time zone: set by the chat handler (user and zone), the /mcp
bearer check and the stdio command (user). The MCP tools read the user from here, never from a
tool argument; the agents read the user's clock ("today", "tomorrow")."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from ..infra import clock

if TYPE_CHECKING:
    pass


current_user_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_user_id", default=None)
_timezone: contextvars.ContextVar[str] = contextvars.ContextVar("turn_timezone", default="UTC")

T = TypeVar("T")


@contextmanager
def scoped(var: contextvars.ContextVar[T], value: T) -> Iterator[None]:
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def acting_for(user_id: str) -> AbstractContextManager[None]:
    """Runs the enclosed tool calls on behalf of `user_id`."""
    return scoped(current_user_id, user_id)


def in_timezone(timezone: str) -> AbstractContextManager[None]:
    """Reads "now" in the user's IANA time zone inside the block."""
    return scoped(_timezone, timezone)


def turn_timezone() -> str:
    return _timezone.get()


def turn_now() -> datetime:
    """The user's wall-clock time for this turn (naive, in their zone)."""
    return clock.local_now(_timezone.get())
