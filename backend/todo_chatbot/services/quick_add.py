"""Quick add: tasks from one line as a person types it ("pay rent every 1st p1 #home").

The words are read by `parsing`, the same reader the offline assistant's
"add" uses, so the panel and the chat understand a line alike.
"""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from ..infra import clock
from ..models import TITLE_MAX, Task
from ..parsing import ParsedTask, as_title, parse_quick_add
from . import InvalidField, tasks, users


def as_fields(parsed: ParsedTask) -> dict[str, Any]:
    """A parsed to-do as task fields, its title as the chat writes titles ("call mum" -> "Call mum")."""
    title = as_title(parsed.title)
    if len(title) > TITLE_MAX:
        raise InvalidField("text", f"a task's title can be at most {TITLE_MAX} characters")
    return {
        "title": title,
        "due_date": parsed.due_date,
        "due_time": parsed.due_time if parsed.due_date else None,
        "priority": parsed.priority,
        "tags": parsed.tags,
        "recurrence": parsed.recurrence,
        "reminder": parsed.reminder,
    }


async def parse(session: AsyncSession, user_id: str, text: str) -> list[ParsedTask]:
    """The to-dos in `text`, with dates read in the user's time zone."""
    now = clock.local_now(await users.timezone_in(session, user_id))
    return parse_quick_add(text, now)


async def add(session: AsyncSession, user_id: str, text: str) -> list[Task]:
    found = await parse(session, user_id, text)
    if not found:
        raise InvalidField("text", "there is no task in this text")
    return await tasks.create_tasks(session, user_id, [as_fields(p) for p in found])
