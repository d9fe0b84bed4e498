"""ChatKit ids derived from our rows: thread "conv_12" is conversation 12, item "msg_40" the user's
message 40, "msg_40_reply" its answer, "msg_40_reply_tasks" the task widget of that answer."""

from __future__ import annotations

from ...services import NotFound

THREAD_PREFIX = "conv_"
ITEM_PREFIX = "msg_"
REPLY_SUFFIX = "_reply"
TASKS_SUFFIX = "_tasks"
PAGE_MAX = 100
# The SDK's own parser, as ChatKitServer.process reads requests (mypy can't type an Annotated union's adapter).


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
