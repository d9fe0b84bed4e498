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

from .infra import clock

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
    """What a turn did (its tool calls) and what it leaves for the next turn (state), and the
    stored user message it answers (every change it makes records it: services/tasks.py)."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    message_id: int | None = None


_record: contextvars.ContextVar[TurnRecord | None] = contextvars.ContextVar("turn_record", default=None)


def recording_turn(message_id: int | None = None, made: list[dict[str, Any]] | None = None) -> AbstractContextManager[TurnRecord]:
    """Logs the tool calls made inside the block into the TurnRecord it yields, after `made` (calls
    an earlier attempt at the message made); the changes they make record that they answer the
    user's message `message_id`."""
    return _recording(TurnRecord(calls=list(made or []), message_id=message_id))


def in_recorded_turn() -> bool:
    """Whether the code runs inside a chat turn (its changes come from chat)."""
    return _record.get() is not None


def turn_message_id() -> int | None:
    """The stored user message the code runs for (None outside a chat turn)."""
    record = _record.get()
    return record.message_id if record is not None else None


@contextmanager
def _recording(record: TurnRecord) -> Iterator[TurnRecord]:
    with _setting(_record, record):
        yield record


LIST_SHOWN = 30  # tasks of one list a model is given and a turn records; the rest are counted


def summarised(value: Any, shown: int = LIST_SHOWN, more: int = 0) -> Any:
    """A task list as a model is given it and a turn records it: at most `shown` tasks, then
    how many more there are (with `more` already left out before) and how to narrow the list.
    Anything else unchanged (the same object)."""
    if not isinstance(value, list) or (len(value) <= shown and not more):
        return value
    more += max(0, len(value) - shown)
    return {
        "tasks": value[:shown],
        "more": more,
        "note": f"…and {more} more not shown. Narrow the list with status, q, tag, priority or due instead of listing everything.",
    }


def listed(value: Any) -> tuple[list[Any], int] | None:
    """The tasks of a recorded list result and how many more it left out; None for anything else."""
    if isinstance(value, list):
        return value, 0
    if isinstance(value, dict) and set(value) == {"tasks", "more", "note"} and isinstance(value["tasks"], list):
        return value["tasks"], int(value["more"]) if isinstance(value["more"], int) else 0
    return None


def record_tool_call(name: str, arguments: dict[str, Any], result: Any, more: int = 0) -> None:
    """Adds a tool call and its result to the turn being recorded (if any). A long list is
    recorded as a model is given it: every later turn reads it again with the history, and a
    list of 1,000 tasks in each of 40 messages made every turn slow. `more`: how many tasks of a
    list result were left out before (read only its start)."""
    record = _record.get()
    if record is not None:
        record.calls.append({"name": name, "arguments": arguments, "result": summarised(result, more=more)})


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
