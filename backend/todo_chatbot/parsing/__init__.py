"""What a person types -> task fields: title, due date and time, priority, tags, recurrence.

Shared by the REST quick add (POST /api/{user}/tasks/quick) and the offline
assistant's "add"; and whether a message is only small talk (a conversation's title
comes from its first message that asks for something). Pure functions of the text and the user's local `now`; no
database, no other part of the application.
"""

from __future__ import annotations

from .chatter import is_small_talk
from .slots import ParsedTask, Priority, as_title, extract_slots, slot_words, unquote
from .splitting import parse_quick_add, split_tasks, strip_command

__all__ = [
    "ParsedTask",
    "Priority",
    "as_title",
    "extract_slots",
    "is_small_talk",
    "parse_quick_add",
    "slot_words",
    "split_tasks",
    "strip_command",
    "unquote",
]
