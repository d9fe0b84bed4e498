"""What every chat agent offers, and the errors a model provider can cause."""

from __future__ import annotations

import contextvars
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Protocol

from .. import clock
from ..models import Message

# The user's time zone for the turn being answered (set by the chat service).
_turn_timezone: contextvars.ContextVar[str] = contextvars.ContextVar("turn_timezone", default="UTC")


@contextmanager
def in_timezone(timezone: str) -> Iterator[None]:
    token = _turn_timezone.set(timezone)
    try:
        yield
    finally:
        _turn_timezone.reset(token)


def turn_timezone() -> str:
    return _turn_timezone.get()


def turn_now() -> datetime:
    """The user's wall-clock time for this turn (naive, in their zone)."""
    return clock.local_now(_turn_timezone.get())


class ProviderError(Exception):
    """The model provider failed; status_code is 502, 503 or 504 and the message is for people."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


class ChatAgent(Protocol):
    provider: str
    model: str | None
    history_limit: int  # how many earlier messages of the conversation it reads

    async def start(self) -> None:
        """Called once when the server starts."""
        ...

    async def aclose(self) -> None:
        """Called once when the server stops."""
        ...

    async def reply(self, history: list[Message], text: str) -> str:
        """Answers one user message, using the tools as needed."""
        ...

    def stream(self, history: list[Message], text: str) -> AsyncIterator[str]:
        """Like reply, yielding the answer's text in pieces."""
        ...
