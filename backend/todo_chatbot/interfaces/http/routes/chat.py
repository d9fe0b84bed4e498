"""POST /chat answers in one JSON body; POST /chat/stream answers as server-sent events:
  event: delta  data: {"text": "..."}            (repeated)
  event: done   data: {"conversation_id", "response", "tool_calls"}
  event: error  data: {"detail", "status"}       (if the turn fails mid-stream)
A failure before the first piece of text answers with a plain JSON error and its status.
"""

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio
from fastapi import APIRouter, HTTPException
from fastapi.responses import StreamingResponse

from ....models import ChatBody, ChatResponse
from ....services import chat
from ....turn import TurnError
from ..deps import OWNER_RESPONSES, AgentDep, DbDep, OwnerId, SettingsDep

log = logging.getLogger("todo_chatbot.chat")
router = APIRouter(prefix="/api/{user_id}/chat", tags=["chat"], responses=OWNER_RESPONSES)
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown conversation"},
    409: {"description": "The client_message_id was used for another message"},
    500: {"description": "Something went wrong on our side (logged with the request id)"},
    502: {"description": "The model provider failed"},
    503: {"description": "The model provider or the database is unavailable"},
    504: {"description": "The model provider timed out"},
}


async def _begin(body: ChatBody, user_id: str, db: DbDep, agent: AgentDep, settings: SettingsDep) -> chat.TurnStart:
    limit = chat.history_limit(agent, settings.chat_history_limit)
    try:
        return await chat.begin(db, user_id, body.conversation_id, body.message, limit, body.client_message_id)
    except chat.ClientIdReused as exc:
        raise HTTPException(409, "This client_message_id was already used for another message") from exc


@router.post("", responses=ERRORS)
async def send_message(body: ChatBody, user_id: OwnerId, db: DbDep, agent: AgentDep, settings: SettingsDep) -> ChatResponse:
    start = await _begin(body, user_id, db, agent, settings)
    result = await chat.run_turn(db, agent, user_id, start, body.message)
    return ChatResponse(**_fields(result))


def _fields(result: chat.TurnResult) -> dict:
    """A turn's answer, field by field: asdict() would deep-copy every tool result only for it to be serialised."""
    return {"conversation_id": result.conversation_id, "response": result.response, "tool_calls": result.tool_calls}


def _event(name: str, data: dict) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


@router.post(
    "/stream",
    responses={200: {"content": {"text/event-stream": {}}, "description": "Server-sent events"}, **ERRORS},
    response_class=StreamingResponse,
)
async def stream_message(body: ChatBody, user_id: OwnerId, db: DbDep, agent: AgentDep, settings: SettingsDep) -> StreamingResponse:
    start = await _begin(body, user_id, db, agent, settings)
    events = chat.stream_turn(db, agent, user_id, start, body.message)
    first = await anext(events)  # a failure here answers with a plain error status

    async def sse() -> AsyncIterator[bytes]:
        item = first
        try:
            while True:
                if isinstance(item, chat.TurnResult):
                    yield _event("done", _fields(item))
                    return
                yield _event("delta", {"text": item})
                item = await anext(events)
        except TurnError as exc:
            yield _event("error", {"detail": exc.message, "status": exc.status_code})
        except Exception:
            log.exception("chat stream failed")
            yield _event("error", {"detail": "The reply could not be completed; try again.", "status": 500})
        finally:  # also when the client has gone: the turn still records what it did
            with anyio.CancelScope(shield=True):
                await events.aclose()

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(sse(), media_type="text/event-stream", headers=headers)
