"""The task-list widget that shows the tasks a reply changed, as it left them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from chatkit.types import (
    WidgetItem,
)
from chatkit.widgets import Badge, Caption, Col, ListView, ListViewItem, Row, Text

from .ids import TASKS_SUFFIX

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
