"""The ChatKit protocol (the `openai-chatkit` server SDK) over our own conversations.

A ChatKit thread IS a conversation and its items ARE the conversation's messages:
nothing is stored twice, so a thread started in ChatKit is in the web app's history
and the other way round. Ids are derived from the rows:

  thread "conv_12"            conversation 12
  item   "msg_40"             the user's message 40
  item   "msg_40_reply"       the answer to message 40 (the latest, when a failed turn was retried)
  item   "msg_40_reply_tasks" a task-list widget of the tasks that answer changed, as it left them

A turn goes through the chat service, exactly as POST /api/{user_id}/chat does: the
user's message is stored by chat.begin (with the ChatKit item id as its client
message id, so a retry never applies it twice), the configured agent answers through
chat.stream_turn, and its reply and tool calls are stored by the same service.

Beside this server: ids.py (the id codec), items.py (messages as thread items), widget.py
(the tasks a reply changed), store.py (ChatKit's Store over our conversations).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any, cast

import anyio
from chatkit.errors import CustomStreamError
from chatkit.server import ChatKitServer, NonStreamingResult, StreamingResult
from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageContentPartAdded,
    AssistantMessageContentPartDone,
    AssistantMessageContentPartTextDelta,
    AssistantMessageItem,
    ChatKitReq,
    ItemsFeedbackReq,
    ItemsListReq,
    ThreadItemAddedEvent,
    ThreadItemDoneEvent,
    ThreadItemUpdatedEvent,
    ThreadMetadata,
    ThreadsAddUserMessageReq,
    ThreadsCreateReq,
    ThreadsDeleteReq,
    ThreadsGetByIdReq,
    ThreadsListReq,
    ThreadsRetryAfterItemReq,
    ThreadStreamEvent,
    ThreadsUpdateReq,
    UserMessageItem,
)
from pydantic import TypeAdapter, ValidationError

from ...models import Title
from ...services import InvalidField, chat, conversations
from ...turn import TurnError
from . import UNSUPPORTED, BadRequest, ChatKitContext
from .ids import PAGE_MAX, conversation_id_of, message_id_of, reply_item_id
from .items import assistant_item, input_text, text_of
from .store import ConversationStore
from .widget import tasks_widget_item

REQUEST: TypeAdapter[ChatKitReq] = TypeAdapter(cast(Any, ChatKitReq))
TITLE = TypeAdapter[str](Title)


class TodoChatKitServer(ChatKitServer[ChatKitContext]):
    """Answers ChatKit requests with the configured agent (the offline assistant included)."""

    def __init__(self) -> None:
        super().__init__(ConversationStore())

    async def handle(self, body: bytes, context: ChatKitContext) -> StreamingResult | NonStreamingResult:
        """Checks a request before anything is streamed, so a bad one is answered with a 4xx status:
        ValidationError (malformed), BadRequest (unsupported), NotFound (not this user's), InvalidField."""
        request = REQUEST.validate_json(body)
        if request.type in UNSUPPORTED:
            raise BadRequest(f"{request.type} is not supported by this server")
        match request:
            case ThreadsCreateReq():
                text = input_text(request.params.input)
                async with context.db.session() as session:
                    made = await conversations.create_conversation(session, context.user_id, text)
                context.new_conversation_id = made.id
            case ThreadsAddUserMessageReq():
                input_text(request.params.input)
                await self._owned(request.params.thread_id, context)
            case ThreadsRetryAfterItemReq():
                await self._check_retry(request.params.thread_id, request.params.item_id, context)
            case ThreadsUpdateReq():
                try:
                    request.params.title = TITLE.validate_python(request.params.title)
                except ValidationError as exc:
                    raise InvalidField("params.title", exc.errors()[0]["msg"]) from exc
                await self._owned(request.params.thread_id, context)
            case ThreadsListReq() | ItemsListReq():
                if request.params.limit is not None and not 1 <= request.params.limit <= PAGE_MAX:
                    raise InvalidField("params.limit", f"must be from 1 to {PAGE_MAX}")
                if isinstance(request, ItemsListReq):
                    await self._owned(request.params.thread_id, context)
            case ThreadsGetByIdReq() | ThreadsDeleteReq() | ItemsFeedbackReq():
                await self._owned(request.params.thread_id, context)
        return await self.process(request.model_dump_json(), context)

    async def _owned(self, thread_id: str, context: ChatKitContext) -> int:
        conversation_id = conversation_id_of(thread_id)
        async with context.db.session() as session:
            await conversations.get_conversation(session, context.user_id, conversation_id)
        return conversation_id

    async def _check_retry(self, thread_id: str, item_id: str, context: ChatKitContext) -> None:
        """Only the thread's latest message can be answered again, and only one sent through ChatKit."""
        conversation_id = await self._owned(thread_id, context)
        message_id = message_id_of(item_id)
        if message_id is None:
            raise BadRequest(f"{item_id[:80]!r} is not a user message of this thread")
        async with context.db.session() as session:
            message = await conversations.get_message(session, context.user_id, conversation_id, message_id)
            latest = await conversations.latest_user_message(session, conversation_id)
        if latest is None or latest.id != message.id:
            raise BadRequest("Only the latest message of a thread can be retried")
        if not message.client_message_id:
            raise BadRequest("This message was sent without an id to retry it by; send it again instead")

    async def respond(
        self, thread: ThreadMetadata, input_user_message: UserMessageItem | None, context: ChatKitContext
    ) -> AsyncIterator[ThreadStreamEvent]:
        assert input_user_message is not None  # client tool outputs and structured input are refused
        start = context.turn or await self._resume(thread, input_user_message, context)
        assert start.message_id is not None
        item_id = reply_item_id(start.message_id)
        began = datetime.now().astimezone()
        yield ThreadItemAddedEvent(item=AssistantMessageItem(id=item_id, thread_id=thread.id, created_at=began, content=[]))
        yield ThreadItemUpdatedEvent(
            item_id=item_id, update=AssistantMessageContentPartAdded(content_index=0, content=AssistantMessageContent(text=""))
        )
        text = text_of(input_user_message.content)
        turn = chat.stream_turn(context.db, context.agent, context.user_id, start, text)
        result: chat.TurnResult | None = None
        try:
            async for piece in turn:
                if isinstance(piece, chat.TurnResult):
                    result = piece
                else:
                    yield ThreadItemUpdatedEvent(item_id=item_id, update=AssistantMessageContentPartTextDelta(content_index=0, delta=piece))
        except TurnError as exc:  # recorded by the chat service; the client shows the sentence
            raise CustomStreamError(exc.message, allow_retry=True) from exc
        finally:  # also when the client has gone: the turn still records what it did
            with anyio.CancelScope(shield=True):
                await turn.aclose()
        assert result is not None
        yield ThreadItemUpdatedEvent(
            item_id=item_id, update=AssistantMessageContentPartDone(content_index=0, content=AssistantMessageContent(text=result.response))
        )
        yield ThreadItemDoneEvent(item=assistant_item(item_id, thread.id, result.response, began))
        widget = tasks_widget_item(item_id, thread.id, result.tool_calls, began)
        if widget is not None:
            yield ThreadItemDoneEvent(item=widget)
        if thread.title is None:  # a new thread: its conversation is titled after the first message
            thread.title = (await self.store.load_thread(thread.id, context)).title

    async def _resume(self, thread: ThreadMetadata, message: UserMessageItem, context: ChatKitContext) -> chat.TurnStart:
        """A retry: the chat service answers it from the record, or runs it again if it failed."""
        message_id = message_id_of(message.id)
        assert message_id is not None  # checked by _check_retry
        async with context.db.session() as session:
            stored = await conversations.get_message(session, context.user_id, conversation_id_of(thread.id), message_id)
        return await chat.begin(
            context.db,
            context.user_id,
            stored.conversation_id,
            stored.content,
            context.history_limit,
            client_message_id=stored.client_message_id,
        )


SERVER = TodoChatKitServer()  # stateless: everything a request needs is in its context
