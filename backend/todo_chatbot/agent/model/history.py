"""What the model reads of tool results: this turn's (as_output) and earlier turns' (tool_items),
without what says nothing (empty fields, the rows' own timestamps), long lists cut down; and
the tool schemas as the model is given them (compact_schema)."""

from __future__ import annotations

import json
from typing import Any

from ...models import Message
from ...turn import listed, summarised

TOOL_RESULT_MAX = 2000  # characters of an earlier tool result the model sees again
HISTORY_LIST_SHOWN = 10  # of an earlier turn's list, fewer and only their main fields
RESULTS_KEPT = 3  # replies whose tool results the model reads again; of older ones, only what changed
MAIN_FIELDS = ("id", "title", "completed", "due_date", "due_time", "priority", "tags")
_UNSAID: tuple[Any, ...] = (None, [], "none", "")  # a field with one of these values tells the model nothing
_ROW_MOMENTS = ("created_at", "updated_at")  # when the row was written: no question a person asks needs them
_SCHEMA_NOISE = ("title", "default")  # pydantic's per-property titles, and the defaults of optional parameters
# Limits the server enforces anyway (a call past one is answered with an error the model reads).
_SCHEMA_LIMITS = ("maxLength", "minLength", "maxItems", "minItems", "maximum", "minimum", "ge", "le", "additionalProperties")


def _said(task: Any, fields: tuple[str, ...] | None = None) -> Any:
    """A task as the model reads it: its fields that say something (`fields` only, if given)."""
    if not isinstance(task, dict):
        return task
    return {k: v for k, v in task.items() if (k in fields if fields else k not in _ROW_MOMENTS) and v not in _UNSAID}


def _slim(result: Any, fields: tuple[str, ...] | None = None) -> Any:
    """A tool result with its tasks as the model reads them (a list, a change's task, an undo's tasks)."""
    if isinstance(result, list):
        return [_said(t, fields) for t in result]
    if isinstance(result, dict) and "error" not in result:
        slim = {k: v for k, v in result.items() if v is not None}
        for key in ("task", "next_task"):
            if isinstance(slim.get(key), dict):
                slim[key] = _said(slim[key], fields)
        if isinstance(slim.get("tasks"), list):
            slim["tasks"] = [_said(t, fields) for t in slim["tasks"]]
        return slim
    return result


def as_output(value: Any) -> str:
    """This turn's tool result as the model reads it: a long list cut to its start, empty fields
    left out, one compact JSON text."""
    return json.dumps(_slim(summarised(value)), ensure_ascii=False, separators=(",", ":"))


def _undescribed(schema: Any) -> Any:
    """A shape without its descriptions, its properties' included."""
    if not isinstance(schema, dict):
        return schema
    out = {k: v for k, v in schema.items() if k != "description"}
    if isinstance(out.get("properties"), dict):
        out["properties"] = {name: _undescribed(prop) for name, prop in out["properties"].items()}
    return out


def compact_schema(schema: Any) -> Any:
    """A tool's input schema as the model is given it: the same parameters, types, enums, formats and
    descriptions, without pydantic's per-property titles and null defaults, without the words of
    shared shapes ($defs: the parameter using one describes it), without the limits
    the server checks anyway (lengths, ranges; a pattern beside a format), and an optional
    parameter's `anyOf [X, null]` as X (leaving it out is how a model says null)."""
    if isinstance(schema, list):
        return [compact_schema(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: compact_schema(prop) for name, prop in value.items()}
        elif key == "$defs" and isinstance(value, dict):  # the parameter that uses a shape says what it is for
            out[key] = {name: _undescribed(compact_schema(shape)) for name, shape in value.items()}
        elif key in _SCHEMA_NOISE and not isinstance(value, dict):
            if key == "default" and value is not None:
                out[key] = value
        elif key in _SCHEMA_LIMITS or (key == "pattern" and "format" in schema):
            continue
        else:
            out[key] = compact_schema(value)
    options = out.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        kept = dict(next(o for o in options if o != {"type": "null"}))
        if "description" in out:
            kept.pop("description", None)  # the parameter's own words say it
        out = {k: v for k, v in out.items() if k != "anyOf"} | kept
    return out


def _gist(result: Any) -> Any:
    """An older reply's tool result, as far as it still matters: which task became what, or how
    many a list had (the list itself is stale by now)."""
    if (tasks := listed(result)) is not None:
        return {"listed": len(tasks[0]) + tasks[1]}
    if isinstance(result, dict) and "error" not in result:
        kept = {k: result[k] for k in ("task_id", "status", "title", "count", "undone") if k in result}
        return kept or result
    return result


def tool_items(message: Message, whole: bool = True) -> list[dict[str, Any]]:
    """An earlier reply's tool calls and their results, as the model made and read them (whole:
    False, an older reply: the results' gist)."""
    items: list[dict[str, Any]] = []
    for n, call in enumerate(message.tool_calls or []):
        call_id = f"call_m{message.id}_{n}"
        items.append(
            {
                "type": "function_call",
                "call_id": call_id,
                "name": str(call.get("name")),
                "arguments": json.dumps(call.get("arguments") or {}, ensure_ascii=False, separators=(",", ":")),
            }
        )
        result = call.get("result")
        if not whole:
            result = _gist(result)
        elif (tasks := listed(result)) is not None:
            result = summarised(_slim(tasks[0], MAIN_FIELDS), HISTORY_LIST_SHOWN, tasks[1])
        else:
            result = _slim(result, MAIN_FIELDS)
        output = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
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
