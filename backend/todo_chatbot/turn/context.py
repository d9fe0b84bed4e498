"""Who the task tools act for (`Acting`, the one context variable), and what a chat turn is given
and gives back (`Turn`, passed in).

`Acting` is the security boundary: the MCP tools take their user from it, never from a tool
argument, and only authenticated code sets it (a chat turn for its own user, the /mcp bearer
check, the stdio command). For a chat turn it also names the stored user message the tools'
changes answer, so that `undo` takes back a message's changes as one step.

A `Turn` is made by the chat service and handed to the agent: the user, their time zone (so
"now" and "today"), the message it answers, and what it records as it goes (its tool calls and
the state its reply leaves for the next turn). The service stores what the turn recorded.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..infra import clock
from .lists import summarised


@dataclass(frozen=True)
class Acting:
    """The user the tools act for; for a chat turn ("chat"), the stored user message its changes answer."""

    user_id: str
    message_id: int | None = None
    via: str = "mcp"  # "chat" or "mcp": where the changes come from (the events say so)


_acting: contextvars.ContextVar[Acting | None] = contextvars.ContextVar("acting", default=None)


@contextmanager
def acting_for(user_id: str, message_id: int | None = None, via: str = "mcp") -> Iterator[Acting]:
    """Runs the enclosed tool calls on behalf of `user_id`."""
    actor = Acting(user_id, message_id, via)
    token = _acting.set(actor)
    try:
        yield actor
    finally:
        _acting.reset(token)


def acting() -> Acting | None:
    """Who the tool calls of this task act for (None: nobody signed in)."""
    return _acting.get()


@dataclass
class Turn:
    """One chat turn: given to the agent, recorded as it goes, stored by the chat service."""

    user_id: str
    timezone: str = "UTC"
    message_id: int | None = None  # the stored user message this turn answers
    calls: list[dict[str, Any]] = field(default_factory=list)  # the tool calls made, with their results
    state: dict[str, Any] = field(default_factory=dict)  # what the reply leaves for the next turn

    def now(self) -> datetime:
        """The user's wall-clock time (naive, in their zone)."""
        return clock.local_now(self.timezone)

    def acting(self) -> AbstractContextManager[Acting]:
        """The tools act for this turn's user, and their changes answer its message, inside the block."""
        return acting_for(self.user_id, self.message_id, "chat")

    def record(self, name: str, arguments: dict[str, Any], result: Any, more: int = 0) -> None:
        """Adds a tool call and its result. A long list is recorded as a model is given it: every
        later turn reads it again with the history, and a list of 1,000 tasks in each of 40
        messages made every turn slow. `more`: how many tasks of a list result were left out
        before (only its start was read)."""
        self.calls.append({"name": name, "arguments": arguments, "result": summarised(result, more=more)})

    def leave(self, **state: Any) -> None:
        """Stores data with this turn's reply for the next turn (e.g. a question awaiting its answer)."""
        self.state.update({k: v for k, v in state.items() if v is not None})
