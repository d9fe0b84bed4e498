"""What every chat agent offers, and the errors a model provider can cause."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..models import Message


@dataclass
class Reply:
    """An agent's answer to one turn. Tool calls are recorded by agent.tools."""

    text: str
    tool_calls: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Delta:
    """A piece of reply text, streamed as it arrives."""

    text: str


class ProviderError(Exception):
    """The model provider failed; status_code is 502, 503 or 504 and the message is for people."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


class ChatAgent(Protocol):
    provider: str
    model: str | None

    async def reply(self, history: list[Message], text: str) -> str:
        """Answers one user message, using the tools as needed."""
        ...

    def stream(self, history: list[Message], text: str) -> AsyncIterator[str]:
        """Like reply, yielding the answer's text in pieces."""
        ...
