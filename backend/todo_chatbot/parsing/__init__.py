"""What a person types -> task fields: title, due date and time, priority, tags, recurrence.

Shared by the REST quick add (POST /api/{user}/tasks/quick) and the offline
assistant's "add". Pure functions of the text and the user's local `now`; no
database, no other part of the application.
"""

from __future__ import annotations

from .slots import ParsedTask, Priority, as_title, extract_slots, unquote
from .splitting import parse_quick_add, split_tasks, strip_command

__all__ = ["ParsedTask", "Priority", "as_title", "extract_slots", "parse_quick_add", "split_tasks", "strip_command", "unquote"]
