"""Where a session's changes come from, carried by the session itself (Session.info): the change
log records the chat message a change answers, and the event stream says where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KEY = "todo.origin"


@dataclass(frozen=True)
class Origin:
    source: str = "rest"  # "rest", "mcp" or "chat"
    message_id: int | None = None  # for "chat": the stored user message the changes answer


REST = Origin()


def origin_of(session: Any) -> Origin:
    """The origin a session was opened with (Database.session); the REST API's by default."""
    found = session.info.get(KEY)
    return found if isinstance(found, Origin) else REST
