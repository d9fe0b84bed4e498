"""The turn log: while a turn is recorded (recording_turn), every tool call made for it is logged
(record_tool_call), with what it leaves for the next turn (leave_state) and the user message its
changes answer."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

from .context import scoped
from .lists import summarised


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
    with scoped(_record, record):
        yield record


def record_tool_call(name: str, arguments: dict[str, Any], result: Any, more: int = 0) -> None:
    """Adds a tool call and its result to the turn being recorded (if any). A long list is
    recorded as a model is given it: every later turn reads it again with the history, and a
    list of 1,000 tasks in each of 40 messages made every turn slow. `more`: how many tasks of a
    list result were left out before (only its start was read)."""
    record = _record.get()
    if record is not None:
        record.calls.append({"name": name, "arguments": arguments, "result": summarised(result, more=more)})


def leave_state(**state: Any) -> None:
    """Stores data with this turn's reply for the next turn (e.g. a question awaiting its answer)."""
    record = _record.get()
    if record is not None:
        record.state.update({k: v for k, v in state.items() if v is not None})
