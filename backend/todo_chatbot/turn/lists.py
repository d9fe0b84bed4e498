"""Long task lists as a model is given them and a turn records them: the first ones, and a count."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass


LIST_SHOWN = 30  # tasks of one list a model is given and a turn records; the rest are counted


def summarised(value: Any, shown: int = LIST_SHOWN, more: int = 0) -> Any:
    """A task list as a model is given it and a turn records it: at most `shown` tasks, then
    how many more there are (with `more` already left out before) and how to narrow the list.
    Anything else unchanged (the same object)."""
    if not isinstance(value, list) or (len(value) <= shown and not more):
        return value
    more += max(0, len(value) - shown)
    return {
        "tasks": value[:shown],
        "more": more,
        "note": f"…and {more} more not shown. Narrow the list with status, q, tag, priority or due instead of listing everything.",
    }


def listed(value: Any) -> tuple[list[Any], int] | None:
    """The tasks of a recorded list result and how many more it left out; None for anything else."""
    if isinstance(value, list):
        return value, 0
    if isinstance(value, dict) and set(value) == {"tasks", "more", "note"} and isinstance(value["tasks"], list):
        return value["tasks"], int(value["more"]) if isinstance(value["more"], int) else 0
    return None
