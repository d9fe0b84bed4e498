"""Who a request acts for, and in which time zone: set by authenticated code, read below it.

The chat handler sets both for a turn; the /mcp bearer check and the stdio
command set the user. The MCP tools read the user from here, never from a
tool argument, and the agents read the user's clock ("today", "tomorrow").
This module sits at the bottom of the dependency graph: it imports only the clock.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import TypeVar

from . import clock

current_user_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_user_id", default=None)
_timezone: contextvars.ContextVar[str] = contextvars.ContextVar("turn_timezone", default="UTC")

T = TypeVar("T")


@contextmanager
def _setting(var: contextvars.ContextVar[T], value: T) -> Iterator[None]:
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def acting_for(user_id: str) -> AbstractContextManager[None]:
    """Runs the enclosed tool calls on behalf of `user_id`."""
    return _setting(current_user_id, user_id)


def in_timezone(timezone: str) -> AbstractContextManager[None]:
    """Reads "now" in the user's IANA time zone inside the block."""
    return _setting(_timezone, timezone)


def turn_timezone() -> str:
    return _timezone.get()


def turn_now() -> datetime:
    """The user's wall-clock time for this turn (naive, in their zone)."""
    return clock.local_now(_timezone.get())
