"""One chat turn, stateless: everything it needs comes from the database.

1. load the conversation (or start one) and store the user's message;
2. run the agent for that user, recording its tool calls;
3. store the reply with its tool calls, or, if the turn failed, an assistant
   message with the error the user saw and every tool call already made, in
   one write (so user and assistant still alternate, and nothing done is lost).

A message may carry the client's id for it. Sending the same id again never
applies it twice: a turn that completed is answered from the record; one that
failed runs again, with the tool calls it already made in its history. Every
change records the message it was made for (services/tasks.py), so a message
whose earlier attempt died before its reply or failure could be stored (the
database restarting mid-turn, a killed process) still finds its changes: they
come to the agent as a failed reply with those calls, and none is made again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any

import anyio
from sqlalchemy.exc import IntegrityError

from ..infra.db import Database
from ..models import Message
from ..turn import ChatAgent, Turn, TurnError
from . import conversations, tasks, users

log = logging.getLogger("todo_chatbot.chat")
FAILED = "The reply could not be completed; try again."
CLIENT_GONE = "The connection closed before the reply was complete."
INTERRUPTED = "The reply was interrupted before it could be stored."


class ClientIdReused(Exception):
    """A client_message_id sent again with another message or conversation."""


@dataclass
class TurnResult:
    conversation_id: int
    response: str
    tool_calls: list[dict[str, Any]]


@dataclass
class TurnStart:
    conversation_id: int
    history: list[Message]
    timezone: str = "UTC"
    replay: TurnResult | None = None  # a retried message that already has its answer
    message_id: int | None = None  # the stored user message this turn answers
    # Changes an earlier attempt made that no stored reply records (read from the change log):
    # in the history as that attempt's failed reply, and recorded with this attempt's reply.
    made: list[dict[str, Any]] = field(default_factory=list)

    def turn(self, user_id: str) -> Turn:
        """The turn to give the agent: the user, their zone, the message it answers, and what an
        earlier attempt at it already did (recorded first)."""
        return Turn(user_id, self.timezone, self.message_id, calls=list(self.made))


def history_limit(agent: ChatAgent, configured: int) -> int:
    """How many of a conversation's latest messages a turn reads: the configured limit, or
    fewer if the agent needs fewer (the offline assistant reads only its last few replies)."""
    return configured if agent.history_needed is None else min(configured, agent.history_needed)


async def begin(
    db: Database,
    user_id: str,
    conversation_id: int | None,
    text: str,
    history_limit: int,
    client_message_id: str | None = None,
) -> TurnStart:
    timezone = await users.timezone_of(db, user_id) or "UTC"
    with anyio.CancelScope(shield=True):  # stored whole even if the client goes away meanwhile (see finish)
        start = await _store_message(db, user_id, conversation_id, text, history_limit, client_message_id, timezone)
    return start


async def _store_message(
    db: Database, user_id: str, conversation_id: int | None, text: str, history_limit: int, client_message_id: str | None, timezone: str
) -> TurnStart:
    async with db.session() as session:
        if client_message_id is not None:
            retried = await _retry(session, user_id, conversation_id, text, history_limit, client_message_id, timezone)
            if retried is not None:
                return retried
        try:
            conversation_id, history, message_id = await conversations.start_turn(
                session, user_id, conversation_id, text, history_limit, client_message_id
            )
        except IntegrityError:
            await session.rollback()
            if client_message_id is not None:  # the same message sent twice at once: the other request stored it
                retried = await _retry(session, user_id, conversation_id, text, history_limit, client_message_id, timezone)
                if retried is not None:
                    return retried
            if conversation_id is not None:  # the conversation deleted meanwhile: NotFound
                await conversations.get_conversation(session, user_id, conversation_id)
            raise  # else the account was deleted meanwhile (answered as such)
    return TurnStart(conversation_id, history, timezone, message_id=message_id)


async def _retry(
    session: Any, user_id: str, conversation_id: int | None, text: str, history_limit: int, client_message_id: str, timezone: str
) -> TurnStart | None:
    """For a message sent before: its recorded answer, or the history to run it again with, where
    what it already did is told as failed replies with their tool calls (the ones stored, and the
    changes the log holds that none of those records)."""
    sent = await conversations.by_client_id(session, user_id, client_message_id)
    if sent is None:
        return None
    if sent.content != text or (conversation_id is not None and conversation_id != sent.conversation_id):
        raise ClientIdReused(client_message_id)
    reply = await conversations.reply_to(session, sent)
    if reply is not None and reply.error is None:
        return TurnStart(
            sent.conversation_id, [], timezone, TurnResult(sent.conversation_id, reply.content, reply.tool_calls or []), sent.id
        )
    assert sent.id is not None
    last = reply.id if reply is not None else sent.id - 1
    assert last is not None
    made = await tasks.made_for_message(session, user_id, sent.id)
    if made and reply is None:
        last = sent.id  # the message, then what its earlier attempt did, then the message again
    history = await conversations.history_until(session, sent.conversation_id, last, history_limit)
    unrecorded = _not_recorded(made, history)
    if unrecorded:
        interrupted = Message(
            id=None,
            conversation_id=sent.conversation_id,
            user_id=user_id,
            role="assistant",
            content="",
            tool_calls=unrecorded,
            error=INTERRUPTED,
        )
        history.append(interrupted)
    return TurnStart(sent.conversation_id, history, timezone, message_id=sent.id, made=unrecorded)


def _not_recorded(made: list[dict[str, Any]], history: list[Message]) -> list[dict[str, Any]]:
    """The calls in `made` (read from the change log) that no failed reply in the history records."""
    recorded: list[tuple[Any, ...]] = []
    for message in history:
        if message.role == "assistant" and message.error is not None:
            recorded += [_signature(call) for call in message.tool_calls or []]
    left = []
    for call in made:
        key = _signature(call)
        if key in recorded:
            recorded.remove(key)
        else:
            left.append(call)
    return left


def _signature(call: dict[str, Any]) -> tuple[Any, ...]:
    """What identifies a changing tool call by its result: the tool, the task(s) and what became of them."""
    result = call.get("result")
    result = result if isinstance(result, dict) else {}
    listed = result.get("tasks")
    ids = tuple(t.get("id") for t in listed if isinstance(t, dict)) if isinstance(listed, list) else ()
    return (call.get("name"), result.get("task_id"), result.get("status"), ids)


async def finish(db: Database, user_id: str, start: TurnStart, text: str, record: Turn, error: str | None = None) -> TurnResult:
    # A client that goes away mid-turn cancels the stream wherever it is, and every later await
    # in it too. Storing is shielded, so it runs to its end (a few ms) and gives its connection
    # back: cancelled half-way, an SQLite statement could keep the database's write lock.
    with anyio.CancelScope(shield=True):
        async with db.session() as session:
            await conversations.store_reply(session, user_id, start.conversation_id, text, record.calls, record.state, error=error)
    return TurnResult(start.conversation_id, text, record.calls)


async def _record_failure(db: Database, user_id: str, start: TurnStart, said: str, record: Turn, exc: BaseException) -> None:
    """Stores a failed turn: what was said before it failed, the error the user sees, the tool calls made."""
    error = exc.message if isinstance(exc, TurnError) else FAILED
    try:
        await finish(db, user_id, start, said, record, error=error)
    except Exception:  # the failure itself is what the user hears about
        log.exception("a failed turn could not be recorded")


async def run_turn(db: Database, agent: ChatAgent, user_id: str, start: TurnStart, text: str) -> TurnResult:
    if start.replay is not None:
        return start.replay
    turn = start.turn(user_id)
    try:
        answer = await agent.reply(turn, start.history, text)
    except Exception as exc:
        await _record_failure(db, user_id, start, "", turn, exc)
        raise
    return await finish(db, user_id, start, answer, turn)


async def stream_turn(db: Database, agent: ChatAgent, user_id: str, start: TurnStart, text: str) -> AsyncGenerator[str | TurnResult, None]:
    """Yields text pieces as they come, then the stored TurnResult. The agent runs in a task of its
    own; the turn it is given records what it does as it goes, so a reply cut short (the client
    gone, a failure) is stored with every tool call already made."""
    if start.replay is not None:
        yield start.replay
        return
    queue: asyncio.Queue[str | BaseException | None] = asyncio.Queue()
    done = start.turn(user_id)

    async def produce() -> None:
        try:
            async for piece in agent.stream(done, start.history, text):
                await queue.put(piece)
            await queue.put(None)
        except BaseException as exc:  # handed to the consumer, who re-raises it
            await queue.put(exc)
            if isinstance(exc, asyncio.CancelledError):
                raise

    producer = asyncio.create_task(produce())
    pieces: list[str] = []
    recorded = False
    try:
        while (item := await queue.get()) is not None:
            if isinstance(item, BaseException):
                if isinstance(item, Exception):
                    recorded = True
                    await _record_failure(db, user_id, start, "".join(pieces), done, item)
                raise item
            pieces.append(item)
            yield item
        result = await finish(db, user_id, start, "".join(pieces), done)
        recorded = True
    finally:
        if not producer.done():
            producer.cancel()
        if not recorded:  # the client went away mid-answer: what was done is recorded all the same
            with anyio.CancelScope(shield=True):
                await _record_failure(db, user_id, start, "".join(pieces), done, TurnError(499, CLIENT_GONE))
    yield result
