"""Replying: a turn's answer is one `Reply`, its text and the state it leaves for the next turn.

Also the wording every stage shares: the fixed sentences, quoting a title, a task's due day,
repeat, priority, tags and reminder in words, a list with its heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ...parsing import as_title, unquote
from .command import Command
from .state import Pending, State

HELP = (
    "I keep your todo list. Tell me things like:\n"
    "- **add** buy milk / remind me to call the dentist tomorrow at 3pm / pay rent every 1st p1 #home\n"
    "- **show** my tasks / what's still open? / what have I finished?\n"
    "- **complete**: I finished the milk one / mark task 3 as done\n"
    "- **rename**: rename task 3 to call mom tonight\n"
    "- **delete**: get rid of the dentist task\n"
    "- **undo**: undo that"
)
ASK_WHICH = "Which task do you mean — its number (“task 3”) or part of its title (“the milk one”)?"
NOT_UNDERSTOOD = "Sorry, I didn't catch that. " + HELP
WHAT_TO_ADD = "Sure — what should I add? Send them in one message, a line or a comma each."  # "can you add a few things"
HINT = "Sorry, I didn't catch that. Try “add buy milk”, “what's due today?”, “undo” — or “help” for more."
_ACTION_PHRASES = {"complete": "mark as done", "delete": "delete", "reopen": "reopen", "schedule": "change"}
LINES_SHOWN = 25  # lines of a list in one reply; a longer list ends with how many more there are


@dataclass(frozen=True)
class Reply:
    """What a turn answers: the text, and the state it leaves for the next turn."""

    text: str
    state: State = field(default_factory=State)

    def then(self, later: Reply) -> Reply:
        """This reply followed by a later one of the same turn ("I paid rent and called mom")."""
        said = self.text.splitlines()
        head = later.text.split(":", 1)[0]
        if said and head.startswith("Updated “") and said[-1].split(":", 1)[0] == head:
            said.pop()  # two changes of one task ("make it high and move it to monday"): its state after both, said once
        return Reply("\n".join(t for t in ("\n".join(said), later.text) if t), self.state.merged(later.state))


def quote(title: str) -> str:
    return f"“{title}”"


def curly(text: str) -> str:
    """'adding "Buy milk"' as the chat quotes titles: 'adding “Buy milk”'."""
    return re.sub(r'"([^"]*)"', r"“\1”", text)


def tasks_word(n: int) -> str:
    return "1 task" if n == 1 else f"{n} tasks"


def titles(tasks: list[dict[str, Any]], most: int = 5) -> str:
    names = [quote(t["title"]) for t in tasks[:most]]
    more = len(tasks) - most
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def day_words(due: date, now: datetime) -> str:
    """ "today", "tomorrow", "on Friday", "on Thu 3 Dec" (and the year when it is another one)."""
    days = (due - now.date()).days
    if days in (0, 1, -1):
        return {0: "today", 1: "tomorrow", -1: "yesterday"}[days]
    if 1 < days < 7:
        return f"on {due:%A}"
    return f"on {due:%a} {due.day} {due:%b}" + (f" {due.year}" if due.year != now.year else "")


def when(task: dict[str, Any] | None, now: datetime, zone: str) -> str:
    """ ", due tomorrow at 15:00, every Monday, high priority" for a task's extra fields (`now`: the
    user's wall clock, in their time zone `zone`)."""
    if not task:
        return ""
    bits = []
    if task.get("due_date"):
        due = date.fromisoformat(task["due_date"])
        days = (due - now.date()).days
        day = day_words(due, now)
        late = days < 0 or (days == 0 and (task.get("due_time") or "99") < f"{now:%H:%M}")
        at = f" at {task['due_time']}" if task.get("due_time") else ""
        bits.append(("overdue, was due " if late and not task.get("completed") else "due ") + day + at)
    if task.get("recurrence_text"):
        bits.append(task["recurrence_text"])
    if task.get("priority") and task["priority"] != "none":
        bits.append(f"{task['priority']} priority")
    if task.get("tags"):
        bits.append(" ".join(f"#{t}" for t in task["tags"]))
    if task.get("reminder") and not task.get("completed"):
        bits.append(reminder_words(task["reminder"], now, zone) if task.get("remind_at") else "its reminder time has passed")
    return ", " + ", ".join(bits) if bits else ""


# ---------------------------------------------------------------- what a change did, in words
# One sentence per tool result; a turn that acts says these, and so does a retried message
# about what its earlier attempt did (`already_done`).


def added(results: list[dict[str, Any]], now: datetime, zone: str) -> str:
    notes = [f"(task #{r['task_id']}{when(r.get('task'), now, zone)})" for r in results]
    if len(results) == 1:
        return f"Added {quote(results[0]['title'])} to your list {notes[0]}."
    lines = [f"{quote(r['title'])} {note}" for r, note in zip(results, notes, strict=True)]
    return f"Added {len(lines)} tasks:\n" + "\n".join(f"- {line}" for line in lines)


def completed(title: str) -> str:
    return f"Marked {quote(title)} as done. ✓"


def reopened(title: str) -> str:
    return f"Reopened {quote(title)}: it's back on your list."


def deleted(title: str) -> str:
    return f"Deleted {quote(title)}."


def completed_many(result: dict[str, Any]) -> str:
    return f"Marked {tasks_word(result['count'])} as done: {titles(result['tasks'])}. ✓"


def deleted_many(result: dict[str, Any]) -> str:
    return f"Deleted {tasks_word(result['count'])}. (Say “undo” to bring them back.)"


def reopened_many(result: dict[str, Any]) -> str:
    return f"Reopened {tasks_word(result['count'])}: {titles(result['tasks'])}. (Say “undo” to take that back.)"


def undone(result: dict[str, Any]) -> str:
    return f"Undone: {curly(result['undone'])}."


def already_done(calls: list[dict[str, Any]], now: datetime, zone: str) -> Reply:
    """What changing tool calls did, in words: the reply of a retried message whose earlier
    attempt made them (it makes none again). The last task it left is "it" next turn."""
    lines: list[str] = []
    adds: list[dict[str, Any]] = []
    mentioned: list[int] = []
    for call in calls:
        name, result = call.get("name"), call.get("result")
        if not isinstance(result, dict) or "error" in result:
            continue
        if name == "add_task":
            adds.append(result)
        else:
            if adds:
                lines.append(added(adds, now, zone))
                adds = []
            lines.append(_told(str(name), result))
        if isinstance(result.get("task_id"), int) and result.get("status") != "deleted":
            mentioned.append(result["task_id"])
    if adds:
        lines.append(added(adds, now, zone))
    return Reply("\n".join(line for line in lines if line), State(mentioned=mentioned[-1:] or None))


def _told(name: str, result: dict[str, Any]) -> str:
    status, title = result.get("status"), str(result.get("title", ""))
    if name == "complete_task":
        return completed(title) if status == "completed" else reopened(title)
    if name == "delete_task":
        return deleted(title)
    if name == "update_task":
        return f"Updated {quote(title)}."
    if name == "complete_tasks":
        return completed_many(result) if status == "completed" else reopened_many(result)
    if name == "delete_tasks":
        return deleted_many(result)
    if name == "undo_last_change":
        return undone(result)
    return ""


def reminder_words(reminder: dict[str, Any], now: datetime, zone: str) -> str:
    """ "I'll remind you then", "reminder 30 minutes before", "reminder on Friday at 17:00"."""
    if "before" in reminder:
        minutes = int(reminder["before"])
        if not minutes:
            return "I'll remind you then"
        for size, unit in ((10080, "week"), (1440, "day"), (60, "hour"), (1, "minute")):
            if minutes % size == 0:
                count = minutes // size
                return f"reminder {count} {unit}{'' if count == 1 else 's'} before"
    moment = datetime.fromisoformat(reminder["at"]).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return f"reminder {day_words(moment.date(), now)} at {moment:%H:%M}"


def listing(heading: str, lines: list[str], total: int | None = None) -> str:
    """A list's heading with how many it has (`total`, when `lines` are only its start), and its first lines."""
    total = len(lines) if total is None else total
    shown = "\n".join(lines[:LINES_SHOWN])
    if total > LINES_SHOWN:
        shown += f"\n…and {total - LINES_SHOWN} more. Ask for what's due today, this week, a #tag or some words to see fewer."
    return f"{heading} ({total}):\n{shown}"


def explain(error: str) -> str:
    found = re.search(r"Task (\d+) not found", error)
    if found:
        return f"I couldn't find task #{found.group(1)}. Say “show my tasks” to see your tasks and their numbers."
    return f"I couldn't do that: {error}"


def which_one(action: str, command: Command, options: list[dict[str, Any]]) -> Reply:
    """Asks which of the near-tied tasks is meant; the question keeps the request for its answer."""
    if action == "update" and command.new is not None:
        phrase = f"rename to {quote(as_title(command.new))}"
    elif action == "update":
        phrase = f"describe as {quote(unquote(command.desc or ''))}"
    else:
        phrase = _ACTION_PHRASES[action]
    named = [f"#{t['id']} {quote(t['title'])}" for t in options]
    listed = ", ".join(named[:-1]) + " or " + named[-1]
    pending = Pending(replace(command, intent=action), [t["id"] for t in options], [t["title"] for t in options])
    return Reply(f"Which one do you want to {phrase}: {listed}?", State(pending=pending))
