"""Conversations and their messages: the chat's only memory is the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, DateTime, String, Text, bindparam, exists, insert, literal, true, update
from sqlalchemy import select as core_select
from sqlalchemy.orm import aliased
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from ..infra import events
from ..models import ID_MAX, Conversation, Message, utcnow
from ..parsing import is_small_talk
from . import NotFound, core, get_owned, writing

CONVERSATIONS = Conversation.__table__  # type: ignore[attr-defined]
MESSAGES = Message.__table__  # type: ignore[attr-defined]
# The statements of a chat turn, built once (building one per call cost more than running it).
_START = insert(CONVERSATIONS)
_TOUCH = (
    update(CONVERSATIONS)
    .where(CONVERSATIONS.c.id == bindparam("conversation"), CONVERSATIONS.c.user_id == bindparam("owner"))
    .values(updated_at=bindparam("now"))
)
_ADD_MESSAGE = insert(MESSAGES)
# On PostgreSQL a turn in a conversation starts with one statement, atomic by itself: the UPDATE
# that checks the owner and moves updated_at, the INSERT of the message (only if that UPDATE
# found the conversation), and the latest messages before it (the statement's snapshot does not
# see its own INSERT). No row: not this user's conversation. A row whose message columns are all
# NULL: a conversation with no messages yet.
_touched = _TOUCH.returning(CONVERSATIONS.c.id).cte("touched")
_added = (
    insert(MESSAGES)
    .from_select(
        ["conversation_id", "user_id", "role", "content", "client_message_id", "created_at"],
        core_select(
            _touched.c.id,
            bindparam("owner", type_=String),
            literal("user"),
            bindparam("content", type_=Text),
            bindparam("client_message_id", type_=String),
            bindparam("now", type_=DateTime(timezone=True)),
        ),
    )
    .returning(MESSAGES.c.id)
    .cte("added")
)
_recent = (
    core_select(MESSAGES)
    .where(MESSAGES.c.conversation_id == bindparam("conversation"))
    .order_by(MESSAGES.c.id.desc())
    .limit(bindparam("limit"))
    .lateral("recent")
)
_RECENT = aliased(Message, _recent)
_START_TURN = select(_RECENT, _added.c.id).select_from(_added).outerjoin(_RECENT, true()).order_by(col(_RECENT.id))
# Names a conversation still titled after the small talk it began with (never one renamed since).
_RETITLE = (
    update(CONVERSATIONS)
    .where(
        CONVERSATIONS.c.id == bindparam("conversation"),
        CONVERSATIONS.c.user_id == bindparam("owner"),
        CONVERSATIONS.c.title == bindparam("small_talk"),
    )
    .values(title=bindparam("title"))
)


async def get_conversation(session: AsyncSession, user_id: str, conversation_id: int) -> Conversation:
    return await get_owned(session, Conversation, user_id, conversation_id)


async def list_conversations(session: AsyncSession, user_id: str) -> list[Conversation]:
    """The user's conversations with at least one message, the most recently used first."""
    has_messages = exists().where(col(Message.conversation_id) == col(Conversation.id))
    query = (
        select(Conversation)
        .where(Conversation.user_id == user_id, has_messages)
        .order_by(col(Conversation.updated_at).desc(), col(Conversation.id).desc())
    )
    return list((await session.exec(query)).all())


async def list_messages(session: AsyncSession, user_id: str, conversation_id: int) -> list[Message]:
    await get_conversation(session, user_id, conversation_id)
    query = select(Message).where(Message.conversation_id == conversation_id).order_by(col(Message.id))
    return list((await session.exec(query)).all())


async def recent_messages(session: AsyncSession, conversation_id: int, limit: int) -> list[Message]:
    query = select(Message).where(Message.conversation_id == conversation_id).order_by(col(Message.id).desc()).limit(limit)
    return list(reversed((await session.exec(query)).all()))


async def latest_user_message(session: AsyncSession, conversation_id: int) -> Message | None:
    query = (
        select(Message).where(Message.conversation_id == conversation_id, Message.role == "user").order_by(col(Message.id).desc()).limit(1)
    )
    return (await session.exec(query)).first()


async def by_client_id(session: AsyncSession, user_id: str, client_message_id: str) -> Message | None:
    query = select(Message).where(Message.user_id == user_id, Message.client_message_id == client_message_id)
    return (await session.exec(query)).first()


async def reply_to(session: AsyncSession, message: Message) -> Message | None:
    """The latest assistant message that answered `message` (a failed try, then its retry), if any."""
    query = (
        select(Message)
        .where(Message.conversation_id == message.conversation_id, col(Message.id) > message.id)
        .order_by(col(Message.id))
        .limit(20)
    )
    reply = None
    for following in (await session.exec(query)).all():
        if following.role != "assistant":
            break
        reply = following
    return reply


async def history_until(session: AsyncSession, conversation_id: int, last_id: int, limit: int) -> list[Message]:
    """The conversation's messages up to `last_id` (included), the most recent `limit` of them."""
    query = (
        select(Message)
        .where(Message.conversation_id == conversation_id, col(Message.id) <= last_id)
        .order_by(col(Message.id).desc())
        .limit(limit)
    )
    return list(reversed((await session.exec(query)).all()))


async def start_turn(
    session: AsyncSession,
    user_id: str,
    conversation_id: int | None,
    text: str,
    history_limit: int,
    client_message_id: str | None = None,
) -> tuple[int, list[Message], int]:
    """Finds (or starts) the conversation, reads its history, then stores the user's message.

    Returns the conversation's id, the history *before* this message, and the stored message's id.
    In a conversation the ownership check is the UPDATE that moves its updated_at, and the
    message is inserted only after it: on PostgreSQL one statement with the history read beside
    them (_START_TURN), on SQLite three that stand alone (a transaction around them took six
    round trips). A new conversation and its first message are stored together, so a refused
    message leaves no empty conversation behind.
    """
    now = utcnow()
    if conversation_id is None:
        async with writing(session):
            started = {"user_id": user_id, "title": _title_from(text), "created_at": now, "updated_at": now}
            conversation_id = _new_id(await core(session, _START, started))
            message_id = await _store_user_message(session, user_id, conversation_id, text, client_message_id, now)
        return conversation_id, [], message_id
    if not 1 <= conversation_id <= ID_MAX:
        raise NotFound("Conversation", conversation_id)
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        history, message_id = await _start_in_one_statement(session, user_id, conversation_id, text, history_limit, client_message_id, now)
    else:
        touched = {"conversation": conversation_id, "owner": user_id, "now": now}
        if (await core(session, _TOUCH, touched)).rowcount != 1:
            raise NotFound("Conversation", conversation_id)
        history = await recent_messages(session, conversation_id, history_limit)
        message_id = await _store_user_message(session, user_id, conversation_id, text, client_message_id, now)
    said = _small_talk_title(history, history_limit, text)
    if said is not None:
        retitled = {"conversation": conversation_id, "owner": user_id, "small_talk": said, "title": _title_from(text)}
        await core(session, _RETITLE, retitled)
    await session.commit()
    return conversation_id, history, message_id


async def _start_in_one_statement(
    session: AsyncSession, user_id: str, conversation_id: int, text: str, history_limit: int, client_message_id: str | None, now: datetime
) -> tuple[list[Message], int]:
    """PostgreSQL: the history before the message and the stored message's id, in one round trip (_START_TURN)."""
    params = {
        "conversation": conversation_id,
        "owner": user_id,
        "now": now,
        "content": text,
        "client_message_id": client_message_id,
        "limit": history_limit,
    }
    rows = (await session.exec(_START_TURN, params=params)).all()
    if not rows:
        raise NotFound("Conversation", conversation_id)
    return [message for message, _ in rows if message is not None], int(rows[0][1])


async def _store_user_message(
    session: AsyncSession, user_id: str, conversation_id: int, text: str, client_message_id: str | None, now: datetime
) -> int:
    message = _message(conversation_id, user_id, "user", text, created_at=now, client_message_id=client_message_id)
    return _new_id(await core(session, _ADD_MESSAGE, message))


def _new_id(result: CursorResult[Any]) -> int:
    """The id of the row an INSERT made (RETURNING on PostgreSQL, the driver's lastrowid or
    RETURNING on SQLite: SQLAlchemy picks)."""
    key = result.inserted_primary_key
    assert key is not None and key[0] is not None
    return int(key[0])


async def create_conversation(session: AsyncSession, user_id: str, first_message: str) -> Conversation:
    """An empty conversation, titled after the message that will start it."""
    async with writing(session):
        conversation = Conversation(user_id=user_id, title=_title_from(first_message))
        session.add(conversation)
    return conversation


async def rename_conversation(session: AsyncSession, user_id: str, conversation_id: int, title: str) -> Conversation:
    async with writing(session):
        conversation = await get_conversation(session, user_id, conversation_id)
        conversation.title = title
        conversation.updated_at = utcnow()
        session.add(conversation)
    return conversation


async def delete_conversation(session: AsyncSession, user_id: str, conversation_id: int) -> None:
    """Deletes a conversation and its messages (the tasks its turns changed stay as they are)."""
    async with writing(session):
        conversation = await get_conversation(session, user_id, conversation_id)
        await session.exec(delete(Message).where(col(Message.conversation_id) == conversation_id))
        await session.delete(conversation)


async def get_message(session: AsyncSession, user_id: str, conversation_id: int, message_id: int) -> Message:
    """A message of this user's conversation; NotFound otherwise."""
    message = await get_owned(session, Message, user_id, message_id)
    if message.conversation_id != conversation_id:
        raise NotFound("Message", message_id)
    return message


async def store_reply(
    session: AsyncSession,
    user_id: str,
    conversation_id: int,
    text: str,
    tool_calls: list[dict[str, Any]],
    state: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    """Stores an assistant message: one INSERT, atomic by itself. (The conversation's
    updated_at moved when the user's message was stored.)"""
    reply = _message(conversation_id, user_id, "assistant", text, tool_calls=tool_calls or None, state=state or None, error=error)
    # the `messages` event (other tabs show the turn), in the same statement on PostgreSQL
    statement, announced = events.announcing(session, _ADD_MESSAGE, user_id, "messages", {"conversation_id": conversation_id})
    await core(session, statement, reply | announced)
    await session.commit()


def _message(conversation_id: int, user_id: str, role: str, content: str, **fields: Any) -> dict[str, Any]:
    """A messages row: every column but the id (one INSERT statement serves them all)."""
    row = {"tool_calls": None, "state": None, "error": None, "client_message_id": None, "created_at": utcnow()}
    return row | fields | {"conversation_id": conversation_id, "user_id": user_id, "role": role, "content": content}


def _small_talk_title(history: list[Message], history_limit: int, text: str) -> str | None:
    """The title a conversation has from the small talk it began with ("hi"), when `text` is its
    first message that asks for something and so names it instead; None otherwise. Only a
    conversation whose whole history was read (shorter than the limit) can tell."""
    said = [m.content for m in history if m.role == "user"]
    if not said or len(history) >= history_limit or is_small_talk(text) or not all(map(is_small_talk, said)):
        return None
    return _title_from(said[0])


def _title_from(text: str) -> str:
    first_line = " ".join(text.split())
    return first_line if len(first_line) <= 60 else first_line[:57].rstrip() + "..."
