"""The context of a chat turn: who it acts for, in which time zone, and what it did.

The chat handler sets the user and the zone for a turn; the /mcp bearer check
and the stdio command set the user. The MCP tools read the user from here,
never from a tool argument, and the agents read the user's clock ("today",
"tomorrow"). While a turn is recorded (recording_turn), every tool call made
for it is logged here (record_tool_call), with what it leaves for the next
turn (leave_state). Also here: what answers a turn (ChatAgent) and how a turn
fails (TurnError), so the chat service needs nothing from the agents.

This module sits at the bottom of the dependency graph: it imports only the
clock (and, for type checking, the Message model).
"""

from __future__ import annotations

import contextvars
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from . import clock

if TYPE_CHECKING:
    from .models import Message

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


# ---------------------------------------------------------------- the turn log


@dataclass
class TurnRecord:
    """What a turn did (its tool calls) and what it leaves for the next turn (state)."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)


_record: contextvars.ContextVar[TurnRecord | None] = contextvars.ContextVar("turn_record", default=None)


def recording_turn() -> AbstractContextManager[TurnRecord]:
    """Logs the tool calls made inside the block into the TurnRecord it yields."""
    return _recording(TurnRecord())


@contextmanager
def _recording(record: TurnRecord) -> Iterator[TurnRecord]:
    with _setting(_record, record):
        yield record


def record_tool_call(name: str, arguments: dict[str, Any], result: Any) -> None:
    """Adds a tool call and its result to the turn being recorded (if any)."""
    record = _record.get()
    if record is not None:
        record.calls.append({"name": name, "arguments": arguments, "result": result})


def leave_state(**state: Any) -> None:
    """Stores data with this turn's reply for the next turn (e.g. a question awaiting its answer)."""
    record = _record.get()
    if record is not None:
        record.state.update({k: v for k, v in state.items() if v is not None})


# ---------------------------------------------------------------- what answers a turn, and how it fails


class TurnError(Exception):
    """A chat turn failed: the HTTP status to answer with and a sentence for people."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


class ChatAgent(Protocol):
    provider: str
    model: str | None

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
