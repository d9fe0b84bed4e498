"""Our messages as ChatKit thread items, and a user's ChatKit input as text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    InferenceOptions,
    ThreadItem,
    UserMessageContent,
    UserMessageInput,
    UserMessageItem,
    UserMessageTextContent,
)
from pydantic import ValidationError

from ...models import ChatBody, Message, as_utc
from ...services import InvalidField
from . import BadRequest
from .ids import message_item_id, reply_item_id
from .widget import tasks_widget_item


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


def assistant_item(item_id: str, thread_id: str, text: str, created_at: datetime) -> AssistantMessageItem:
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
            items.append(assistant_item(reply_item_id(user.id), thread_id, _reply_text(answer), created))
            widget = tasks_widget_item(reply_item_id(user.id), thread_id, answer.tool_calls or [], created)
            if widget is not None:
                items.append(widget)
    return items


# ---------------------------------------------------------------- task changes as a widget

# What each change is called, as the tools report it (mcp_server.TaskChange, BulkChange, UndoChange).
