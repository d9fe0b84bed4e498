"""What answers a turn (ChatAgent) and how a turn fails (TurnError), so the chat service needs
nothing from the agents."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..models import Message
    from .context import Turn


class TurnError(Exception):
    """A chat turn failed: the HTTP status to answer with and a sentence for people."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


class ChatAgent(Protocol):
    provider: str
    model: str | None
    # The most messages of a conversation's history it reads (None: as many as configured,
    # CHAT_HISTORY_LIMIT); the turn reads no more than this from the database.
    history_needed: int | None

    async def start(self) -> None:
        """Called once when the server starts."""
        ...

    async def aclose(self) -> None:
        """Called once when the server stops."""
        ...

    async def reply(self, turn: Turn, history: list[Message], text: str) -> str:
        """Answers one user message, using the tools as needed; records the calls it makes, and
        the state its reply leaves for the next turn, in `turn`."""
        ...

    def stream(self, turn: Turn, history: list[Message], text: str) -> AsyncIterator[str]:
        """Like reply, yielding the answer's text in pieces."""
        ...
