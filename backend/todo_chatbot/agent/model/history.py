"""A conversation's earlier messages as the model is given them again: short, with long tool
results and lists cut down."""

from __future__ import annotations

import json
from typing import Any

from ...models import Message
from ...turn import listed, summarised

TOOL_RESULT_MAX = 2000  # characters of an earlier tool result the model sees again
HISTORY_LIST_SHOWN = 10  # of an earlier turn's list, fewer and only their main fields
MAIN_FIELDS = ("id", "title", "completed", "due_date", "due_time", "priority", "tags")


def tool_items(message: Message) -> list[dict[str, Any]]:
    """An earlier reply's tool calls and their results, as the model made and read them."""
    items: list[dict[str, Any]] = []
    for n, call in enumerate(message.tool_calls or []):
        call_id = f"call_m{message.id}_{n}"
        items.append(
            {
                "type": "function_call",
                "call_id": call_id,
                "name": str(call.get("name")),
                "arguments": json.dumps(call.get("arguments") or {}, ensure_ascii=False),
            }
        )
        result = call.get("result")
        if (tasks := listed(result)) is not None:
            slim = [{k: t[k] for k in MAIN_FIELDS if k in t} if isinstance(t, dict) else t for t in tasks[0]]
            result = summarised(slim, HISTORY_LIST_SHOWN, tasks[1])
        output = json.dumps(result, ensure_ascii=False)
        if len(output) > TOOL_RESULT_MAX:
            output = output[:TOOL_RESULT_MAX] + " …(cut)"
        items.append({"type": "function_call_output", "call_id": call_id, "output": output})
    return items


def as_history(message: Message) -> str:
    """A failed turn stays an assistant turn in the model's history, saying what it had already done."""
    if message.role != "assistant" or message.error is None:
        return message.content
    done = "; ".join(
        f"{c.get('name')}({json.dumps(c.get('arguments'), ensure_ascii=False)}) -> {json.dumps(c.get('result'), ensure_ascii=False)[:300]}"
        for c in message.tool_calls or []
    )
    said = f"{message.content}\n" if message.content else ""
    return f"{said}[This reply failed: {message.error}" + (f" Tools already called: {done}" if done else "") + "]"
