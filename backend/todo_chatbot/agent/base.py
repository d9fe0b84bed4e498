"""What every chat agent offers, and the errors a model provider can cause."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from ..models import Message


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
