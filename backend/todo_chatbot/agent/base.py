"""What every chat agent offers, and the errors a turn can end with."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from ..models import Message


class TurnError(Exception):
    """A chat turn failed: the HTTP status to answer with and a sentence for people."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


class ProviderError(TurnError):
    """The model provider failed; status_code is 502, 503 or 504."""


class InternalError(TurnError):
    """A bug on our side while answering (logged with its traceback where it was caught); status 500."""

    def __init__(self, message: str = "Something went wrong on our side (not the model's); please try again.") -> None:
        super().__init__(500, message)


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
