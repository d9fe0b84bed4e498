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
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any, TypeVar, cast

import anyio
from chatkit.errors import CustomStreamError
from chatkit.server import ChatKitServer, NonStreamingResult, StreamingResult
from chatkit.store import NotFoundError, Store, StoreItemType
from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageContentPartAdded,
    AssistantMessageContentPartDone,
    AssistantMessageContentPartTextDelta,
    AssistantMessageItem,
    Attachment,
    ChatKitReq,
    InferenceOptions,
    ItemsFeedbackReq,
    ItemsListReq,
    Page,
    ThreadItem,
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
    UserMessageContent,
    UserMessageInput,
    UserMessageItem,
    UserMessageTextContent,
    WidgetItem,
)
from chatkit.widgets import Badge, Caption, Col, ListView, ListViewItem, Row, Text
from pydantic import TypeAdapter, ValidationError

from ...models import ChatBody, Message, Title, as_utc
from ...services import InvalidField, NotFound, chat, conversations
from ...turn import TurnError
from . import UNSUPPORTED, BadRequest, ChatKitContext

THREAD_PREFIX = "conv_"
ITEM_PREFIX = "msg_"
REPLY_SUFFIX = "_reply"
TASKS_SUFFIX = "_tasks"
PAGE_MAX = 100
# The SDK's own parser, as ChatKitServer.process reads requests (mypy can't type an Annotated union's adapter).
REQUEST: TypeAdapter[ChatKitReq] = TypeAdapter(cast(Any, ChatKitReq))
TITLE = TypeAdapter[str](Title)


# ---------------------------------------------------------------- ids


def thread_id_of(conversation_id: int) -> str:
    return f"{THREAD_PREFIX}{conversation_id}"


def conversation_id_of(thread_id: str) -> int:
    """The conversation a thread id names; a malformed id is a thread that is not found."""
    number = thread_id.removeprefix(THREAD_PREFIX)
    if not thread_id.startswith(THREAD_PREFIX) or not number.isascii() or not number.isdigit() or len(number) > 10:
        raise NotFound("Thread", thread_id)
    return int(number)


def message_item_id(message_id: int) -> str:
    return f"{ITEM_PREFIX}{message_id}"


def reply_item_id(user_message_id: int) -> str:
    return f"{ITEM_PREFIX}{user_message_id}{REPLY_SUFFIX}"


def message_id_of(item_id: str) -> int | None:
    """The user message an item id names (None for any other item)."""
    number = item_id.removeprefix(ITEM_PREFIX)
    if not item_id.startswith(ITEM_PREFIX) or not number.isascii() or not number.isdigit() or len(number) > 10:
        return None
    return int(number)


# ---------------------------------------------------------------- messages as items


def text_of(content: Sequence[UserMessageContent]) -> str:
    """A ChatKit user message as the text we store: its text parts (and tags' text), joined."""
    return " ".join(part.text for part in content if part.text.strip())


def input_text(content: UserMessageInput) -> str:
    """The text of a ChatKit user message, checked as a chat message is (InvalidField otherwise)."""
    if content.attachments:
        raise BadRequest("Attachments are not supported: send text only")
    if content.quoted_text:
        raise BadRequest("Quoted text is not supported: send text only")
    text = text_of(content.content)
    try:
        return ChatBody(message=text).message
    except ValidationError as exc:
        raise InvalidField("params.input.content", exc.errors()[0]["msg"]) from exc


def _user_item(thread_id: str, message: Message) -> UserMessageItem:
    assert message.id is not None
    return UserMessageItem(
        id=message_item_id(message.id),
        thread_id=thread_id,
        created_at=as_utc(message.created_at),
        content=[UserMessageTextContent(text=message.content)],
        inference_options=InferenceOptions(),
    )


def _reply_text(message: Message) -> str:
    """What the user saw: the reply, or for a failed turn what was said and then the error."""
    if message.error:
        return f"{message.content}\n\n{message.error}" if message.content else message.error
    return message.content


def _assistant_item(item_id: str, thread_id: str, text: str, created_at: datetime) -> AssistantMessageItem:
    return AssistantMessageItem(id=item_id, thread_id=thread_id, created_at=created_at, content=[AssistantMessageContent(text=text)])


def items_of(thread_id: str, messages: Sequence[Message]) -> list[ThreadItem]:
    """A conversation's messages as ChatKit items: each user message, then its (latest) answer, then the
    tasks that answer changed."""
    answers: dict[int, Message] = {}  # user message id -> its latest answer
    users: list[Message] = []
    last_user: Message | None = None
    for message in messages:
        if message.role == "user":
            users.append(message)
            last_user = message
        elif last_user is not None and last_user.id is not None:
            answers[last_user.id] = message
    items: list[ThreadItem] = []
    for user in users:
        assert user.id is not None
        items.append(_user_item(thread_id, user))
        answer = answers.get(user.id)
        if answer is not None:
            created = as_utc(answer.created_at)
            items.append(_assistant_item(reply_item_id(user.id), thread_id, _reply_text(answer), created))
            widget = tasks_widget_item(reply_item_id(user.id), thread_id, answer.tool_calls or [], created)
            if widget is not None:
                items.append(widget)
    return items


# ---------------------------------------------------------------- task changes as a widget

# What each change is called, as the tools report it (mcp_server.TaskChange, BulkChange, UndoChange).
CHANGE_WORDS = {
    "created": "Added",
    "completed": "Done",
    "reopened": "Reopened",
    "updated": "Changed",
    "deleted": "Deleted",
    "undone": "Restored",
    "next": "Next",
}
CHANGE_COLORS: dict[str, Any] = {
    "created": "success",
    "completed": "info",
    "reopened": "warning",
    "updated": "secondary",
    "deleted": "danger",
    "undone": "discovery",
    "next": "success",
}


def task_changes(tool_calls: Sequence[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """(change, task as it was left) for every task the tool calls changed, in order; reads and errors
    are not changes. A deleted task is the title and number the tool reported."""
    changes: list[tuple[str, dict[str, Any]]] = []
    for call in tool_calls:
        result = call.get("result")
        if not isinstance(result, dict) or "error" in result or result.get("status") not in CHANGE_WORDS:
            continue
        status = result["status"]
        if isinstance(result.get("tasks"), list):  # several at once, or an undo
            changes += [(status, task) for task in result["tasks"] if isinstance(task, dict)]
            continue
        task = result.get("task") or {"id": result.get("task_id"), "title": result.get("title"), "completed": False}
        changes.append((status, task))
        if isinstance(result.get("next_task"), dict):
            changes.append(("next", result["next_task"]))
    return changes


def _when(task: dict[str, Any]) -> str | None:
    parts = [str(task[key]) for key in ("due_date", "due_time") if task.get(key)]
    if task.get("recurrence_text"):
        parts.append(str(task["recurrence_text"]))
    return ", ".join(parts) or None


def tasks_widget_item(reply_id: str, thread_id: str, tool_calls: Sequence[dict[str, Any]], created_at: datetime) -> WidgetItem | None:
    """A list of the tasks a turn changed, each as it was left, or None when it changed none."""
    changes = task_changes(tool_calls)
    if not changes:
        return None
    rows: list[ListViewItem] = []
    for status, task in changes:
        title = str(task.get("title") or "")
        done = status == "deleted" or bool(task.get("completed"))
        details: list[Any] = [Text(value=f"#{task.get('id')} {title}", lineThrough=done or None, truncate=True)]
        when = _when(task)
        if when:
            details.append(Caption(value=when))
        badge = Badge(label=CHANGE_WORDS[status], color=CHANGE_COLORS[status], variant="soft")
        rows.append(ListViewItem(children=[Row(gap=2, align="center", children=[Col(children=details), badge])]))
    copy = "\n".join(f"{CHANGE_WORDS[status]}: #{task.get('id')} {task.get('title')}" for status, task in changes)
    return WidgetItem(
        id=reply_id + TASKS_SUFFIX, thread_id=thread_id, created_at=created_at, widget=ListView(children=rows), copy_text=copy
    )


# ---------------------------------------------------------------- paging

Paged = TypeVar("Paged")


def _page(rows: list[Paged], ids: list[str], after: str | None, limit: int, order: str) -> Page[Paged]:
    if order == "desc":
        rows, ids = rows[::-1], ids[::-1]
    start = 0
    if after is not None:
        if after not in ids:
            raise BadRequest(f"Unknown 'after' cursor {after[:80]!r}")
        start = ids.index(after) + 1
    chosen = rows[start : start + limit]
    has_more = start + limit < len(rows)
    return Page(data=chosen, has_more=has_more, after=ids[start + len(chosen) - 1] if chosen and has_more else None)


# ---------------------------------------------------------------- the store


class ConversationStore(Store[ChatKitContext]):
    """ChatKit's Store over conversations and messages, through the conversations and chat services."""

    def generate_thread_id(self, context: ChatKitContext) -> str:
        if context.new_conversation_id is None:  # TodoChatKitServer.handle makes it before a threads.create
            raise RuntimeError("threads.create without a conversation made for it")
        return thread_id_of(context.new_conversation_id)

    async def load_thread(self, thread_id: str, context: ChatKitContext) -> ThreadMetadata:
        async with context.db.session() as session:
            found = await conversations.get_conversation(session, context.user_id, conversation_id_of(thread_id))
        return ThreadMetadata(id=thread_id, title=found.title, created_at=as_utc(found.created_at))

    async def save_thread(self, thread: ThreadMetadata, context: ChatKitContext) -> None:
        """Renames the conversation; the rest of a thread's metadata is not stored."""
        conversation_id = conversation_id_of(thread.id)
        async with context.db.session() as session:
            found = await conversations.get_conversation(session, context.user_id, conversation_id)
            if thread.title and thread.title != found.title:
                await conversations.rename_conversation(session, context.user_id, conversation_id, thread.title)

    async def load_threads(self, limit: int, after: str | None, order: str, context: ChatKitContext) -> Page[ThreadMetadata]:
        async with context.db.session() as session:
            found = await conversations.list_conversations(session, context.user_id)
        assert all(c.id is not None for c in found)
        threads = [
            ThreadMetadata(id=thread_id_of(c.id or 0), title=c.title, created_at=as_utc(c.created_at)) for c in reversed(found)
        ]  # oldest activity first; "desc" is the web app's order
        return _page(threads, [t.id for t in threads], after, limit, order)

    async def _items(self, thread_id: str, context: ChatKitContext) -> list[ThreadItem]:
        async with context.db.session() as session:
            found = await conversations.list_messages(session, context.user_id, conversation_id_of(thread_id))
        return items_of(thread_id, found)

    async def load_thread_items(
        self, thread_id: str, after: str | None, limit: int, order: str, context: ChatKitContext
    ) -> Page[ThreadItem]:
        items = await self._items(thread_id, context)
        return _page(items, [i.id for i in items], after, limit, order)

    async def load_item(self, thread_id: str, item_id: str, context: ChatKitContext) -> ThreadItem:
        for item in await self._items(thread_id, context):
            if item.id == item_id:
                return item
        raise NotFoundError(f"Item {item_id} not found")

    async def add_thread_item(self, thread_id: str, item: ThreadItem, context: ChatKitContext) -> None:
        """A user's message begins a turn (chat.begin stores it); what the answer adds was already
        stored by the chat service."""
        if not isinstance(item, UserMessageItem):
            return
        text = text_of(item.content)
        context.turn = await chat.begin(
            context.db, context.user_id, conversation_id_of(thread_id), text, context.history_limit, client_message_id=item.id
        )
        assert context.turn.message_id is not None
        item.id = message_item_id(context.turn.message_id)  # the id it is listed under from now on

    async def save_item(self, thread_id: str, item: ThreadItem, context: ChatKitContext) -> None:
        """Items are derived from the stored messages: nothing else is kept."""

    async def delete_thread_item(self, thread_id: str, item_id: str, context: ChatKitContext) -> None:
        """A retry replaces the answer to the latest message (the chat service keeps a failed try on
        record, and a completed one is answered again from it): nothing is deleted."""

    async def delete_thread(self, thread_id: str, context: ChatKitContext) -> None:
        async with context.db.session() as session:
            await conversations.delete_conversation(session, context.user_id, conversation_id_of(thread_id))

    async def save_attachment(self, attachment: Attachment, context: ChatKitContext) -> None:
        raise BadRequest("Attachments are not supported")

    async def load_attachment(self, attachment_id: str, context: ChatKitContext) -> Attachment:
        raise BadRequest("Attachments are not supported")

    async def delete_attachment(self, attachment_id: str, context: ChatKitContext) -> None:
        raise BadRequest("Attachments are not supported")

    def generate_item_id(self, item_type: StoreItemType, thread: ThreadMetadata, context: ChatKitContext) -> str:
        """Random and long enough to be a user's unique client message id."""
        return f"ck-{item_type}-{uuid.uuid4().hex}"


# ---------------------------------------------------------------- the server


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
        yield ThreadItemDoneEvent(item=_assistant_item(item_id, thread.id, result.response, began))
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
