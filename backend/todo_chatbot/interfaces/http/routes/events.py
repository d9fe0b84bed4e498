"""GET /api/{user_id}/events: the user's event stream (Server-Sent Events), see events.py."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, HTTPException, status
from sse_starlette import EventSourceResponse, ServerSentEvent

from ....infra.events import TooManyStreams
from ..deps import OWNER_RESPONSES, DbDep, OwnerId

router = APIRouter(prefix="/api/{user_id}", tags=["events"], responses=OWNER_RESPONSES)
KEEPALIVE_SECONDS = 15
RECONNECT_MS = 3000


@router.get(
    "/events",
    response_class=EventSourceResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "`event: tasks` with {ids, source} after any change to the user's tasks; "
            "`event: messages` with {conversation_id} after a chat turn is stored; "
            "`event: reminder` with {task, late}; a comment every 15 s. The stream ends when the "
            "server can no longer vouch for it (reconnect and reload).",
        },
        429: {"description": "Too many open streams for this user"},
        503: {"description": "The stream can't reach the database now (PostgreSQL); try again shortly"},
    },
)
async def events(user_id: OwnerId, db: DbDep) -> EventSourceResponse:
    """The user's events, as they happen, from every channel and every replica."""
    if not await db.events.ready():
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "The event stream can't reach the database right now; try again shortly")
    try:
        queue = db.events.open_stream(user_id)  # before the answer starts: nothing falls in between
    except TooManyStreams:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "Too many open event streams for this user; close some tabs") from None

    async def stream() -> AsyncIterator[ServerSentEvent]:
        try:
            yield ServerSentEvent(comment="connected", retry=RECONNECT_MS)
            while (item := await queue.get()) is not None:
                yield ServerSentEvent(event=item.name, data=json.dumps(item.data, separators=(",", ":")))
        finally:
            db.events.close_stream(user_id, queue)

    return EventSourceResponse(stream(), ping=KEEPALIVE_SECONDS, headers={"Cache-Control": "no-store"})
