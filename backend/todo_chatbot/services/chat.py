"""One chat turn, stateless: everything it needs comes from the database.

1. load the conversation (or start one) and store the user's message;
2. run the agent for that user, recording its tool calls;
3. store the reply with its tool calls.
A provider failure leaves the user's message saved and stores no reply.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from ..agent.base import ChatAgent
from ..agent.tools import TurnRecord, recording_turn
from ..db import Database
from ..models import Message
from ..turn import acting_for, in_timezone
from . import conversations, users


@dataclass
class TurnStart:
    conversation_id: int
    history: list[Message]
    timezone: str = "UTC"


@dataclass
class TurnResult:
    conversation_id: int
    response: str
    tool_calls: list[dict[str, Any]]


async def begin(db: Database, user_id: str, conversation_id: int | None, text: str, history_limit: int) -> TurnStart:
    async with db.session() as session:
        conversation, history = await conversations.start_turn(session, user_id, conversation_id, text, history_limit)
    timezone = await users.timezone_of(db, user_id) or "UTC"
    return TurnStart(conversation.id, history, timezone)


async def finish(db: Database, user_id: str, start: TurnStart, text: str, record: TurnRecord) -> TurnResult:
    async with db.session() as session:
        await conversations.store_reply(session, user_id, start.conversation_id, text, record.calls, record.state)
    return TurnResult(start.conversation_id, text, record.calls)


async def run_turn(db: Database, agent: ChatAgent, user_id: str, start: TurnStart, text: str) -> TurnResult:
    with acting_for(user_id), in_timezone(start.timezone), recording_turn() as record:
        answer = await agent.reply(start.history, text)
    return await finish(db, user_id, start, answer, record)


async def stream_turn(
    db: Database, agent: ChatAgent, user_id: str, start: TurnStart, text: str
) -> AsyncIterator[str | TurnResult]:
    """Yields text pieces as they come, then the stored TurnResult.

    The agent runs in its own task, so the acting user and the turn log are
    set in that task's context and never leak into the consumer's.
    """
    queue: asyncio.Queue[str | BaseException | None] = asyncio.Queue()
    done = TurnRecord()

    async def produce() -> None:
        try:
            with acting_for(user_id), in_timezone(start.timezone), recording_turn() as record:
                async for piece in agent.stream(start.history, text):
                    await queue.put(piece)
                done.calls, done.state = record.calls, record.state
            await queue.put(None)
        except BaseException as exc:  # handed to the consumer, who re-raises it
            await queue.put(exc)
            if isinstance(exc, asyncio.CancelledError):
                raise

    producer = asyncio.create_task(produce())
    pieces: list[str] = []
    try:
        while (item := await queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            pieces.append(item)
            yield item
    finally:
        if not producer.done():
            producer.cancel()
    yield await finish(db, user_id, start, "".join(pieces), done)
