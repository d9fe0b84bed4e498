"""What every chat agent offers, and the errors a turn can end with.

The protocol and the base error live in turn.py (the chat service reads them
without importing the agents); the agents' own failures are refined here."""

from __future__ import annotations

from ..turn import ChatAgent, TurnError

__all__ = ["ChatAgent", "InternalError", "ProviderError", "TurnError"]


class ProviderError(TurnError):
    """The model provider failed; status_code is 502, 503 or 504."""


class InternalError(TurnError):
    """A bug on our side while answering (logged with its traceback where it was caught); status 500."""

    def __init__(self, message: str = "Something went wrong on our side (not the model's); please try again.") -> None:
        super().__init__(500, message)
