"""POST /chatkit: the ChatKit protocol (openai-chatkit's server SDK) with our bearer token.

Threads are the user's conversations (interfaces/chatkit/server.py). A request that creates a
thread, adds a message or retries one answers as server-sent events (`data: {event}`
lines, ChatKit's ThreadStreamEvent); the others answer in one JSON body. A bad request
is refused before anything is streamed: 422 malformed, 400 not supported here, 404
another user's (or no) thread.
"""

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response, StreamingResponse
from pydantic import ValidationError

from ...services import chat
from ..http.deps import COMMON_RESPONSES, AgentDep, DbDep, SettingsDep, TokenUserId
from . import UNSUPPORTED, BadRequest, ChatKitContext

router = APIRouter(tags=["chatkit"])

# The request types of the ChatKit protocol, for the API's description: named here so that a backend
# that starts does not import the SDK (a quarter of a second); tests/interfaces/chatkit checks them
# against the SDK's own ChatKitReq.
REQUEST_TYPES = [
    "attachments.create",
    "attachments.delete",
    "input.transcribe",
    "items.feedback",
    "items.list",
    "threads.add_client_tool_output",
    "threads.add_structured_input",
    "threads.add_user_message",
    "threads.create",
    "threads.custom_action",
    "threads.delete",
    "threads.get_by_id",
    "threads.list",
    "threads.retry_after_item",
    "threads.sync_custom_action",
    "threads.update",
]
REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "description": "A ChatKit request: its `type` and that type's `params` (see the openai-chatkit SDK's types). "
    f"Not supported here (400): {', '.join(sorted(UNSUPPORTED))}.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["type", "params"],
                "properties": {
                    "type": {"type": "string", "enum": REQUEST_TYPES},
                    "params": {"type": "object"},
                    "metadata": {"type": "object"},
                },
            }
        }
    },
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMON_RESPONSES,
    200: {
        "description": "threads.create, threads.add_user_message and threads.retry_after_item: server-sent events "
        "(`data: <ThreadStreamEvent>`); the other requests: one JSON body",
        "content": {"application/json": {}, "text/event-stream": {}},
    },
    400: {
        "description": "A malformed body, or a request this server does not support (attachments, client tools, "
        "widget actions, dictation, retrying an earlier message)"
    },
    401: {"description": "Missing, invalid or expired token, or the account no longer exists"},
    404: {"description": "No such thread or message for this user"},
    422: {"description": "Not a valid ChatKit request, or a message or title that is empty or too long"},
}


@router.post("/chatkit", responses=RESPONSES, openapi_extra={"requestBody": REQUEST_BODY}, response_class=Response)
async def chatkit(request: Request, user_id: TokenUserId, db: DbDep, agent: AgentDep, settings: SettingsDep) -> Response:
    # Loaded on the first request (the ChatKit SDK and the Agents SDK), not by every backend that starts.
    from chatkit.store import NotFoundError

    from .server import SERVER, StreamingResult

    context = ChatKitContext(user_id=user_id, db=db, agent=agent, history_limit=chat.history_limit(agent, settings.chat_history_limit))
    try:
        result = await SERVER.handle(await request.body(), context)
    except ValidationError as exc:
        errors: list[dict[str, Any]] = []
        for error in exc.errors(include_url=False, include_context=False):
            value = error.get("input")  # a body that is not JSON is echoed as text, whatever its bytes
            shown = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
            errors.append({**error, "loc": ("body", *error["loc"]), "input": shown})
        raise RequestValidationError(errors) from exc
    except BadRequest as exc:
        raise HTTPException(400, exc.message) from exc
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    if isinstance(result, StreamingResult):
        headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
        return StreamingResponse(result, media_type="text/event-stream", headers=headers)
    return Response(result.json, media_type="application/json")
