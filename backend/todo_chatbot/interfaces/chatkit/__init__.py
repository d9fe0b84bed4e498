"""The ChatKit protocol over our conversations: what a request needs before the SDK is loaded.

The protocol itself is in server.py. It imports the `openai-chatkit` server SDK, which
brings the OpenAI Agents SDK (about 60 MB), so it is loaded on the first /chatkit
request, not when an offline backend starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...infra.db import Database
from ...services import chat
from ...turn import ChatAgent

# Requests for what this server does not offer (files, client tools, widget actions, dictation).
UNSUPPORTED = {
    "attachments.create",
    "attachments.delete",
    "input.transcribe",
    "threads.add_client_tool_output",
    "threads.add_structured_input",
    "threads.custom_action",
    "threads.sync_custom_action",
}


class BadRequest(Exception):
    """A well-formed ChatKit request this server can't carry out (answered 400)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ChatKitContext:
    """One request's context: who asks, and what answers."""

    user_id: str
    db: Database
    agent: ChatAgent
    history_limit: int
    new_conversation_id: int | None = None  # threads.create: the conversation made for it
    turn: chat.TurnStart | None = None  # the turn begun by storing the user's message
