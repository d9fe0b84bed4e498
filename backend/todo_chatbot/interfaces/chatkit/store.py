"""ChatKit's Store over our conversations: a thread IS a conversation, its items ARE its messages."""

from __future__ import annotations

import uuid
from typing import TypeVar

from chatkit.store import NotFoundError, Store, StoreItemType
from chatkit.types import (
    Attachment,
    Page,
    ThreadItem,
    ThreadMetadata,
    UserMessageItem,
)

from ...models import as_utc
from ...services import chat, conversations
from . import BadRequest, ChatKitContext
from .ids import conversation_id_of, message_item_id, thread_id_of
from .items import items_of, text_of

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
