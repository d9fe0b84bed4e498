"""The list as a whole: showing it narrowed by what the message says, answering "did I …?"
about one task, and acting on several tasks at once ("mark everything due today as done").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from ...parsing import extract_slots, unquote
from . import ranking
from . import vocabulary_lists as words
from .act import Turn, act
from .command import Command
from .reading import FLAGS
from .reply import ASK_WHICH, LINES_SHOWN, Reply, completed_many, day_words, explain, listing, quote, tasks_word, titles, when
from .resolve import Found, resolve, resolve_job
from .state import Confirm, State
from .verbs import present
from .vocabulary_refs import KIND_WORDS

_STATUS = {status: [re.compile(p, FLAGS) for p in words] for status, words in words.STATUS_WORDS.items()}
_DUE = {due: re.compile(p, FLAGS) for due, p in words.DUE_WORDS.items()}
_PRIORITY = {level: re.compile(p, FLAGS) for level, p in words.PRIORITY_WORDS.items()}
_TAG = re.compile(words.TAG_WORDS, FLAGS)
_BULK_COMPLETE = re.compile(r"(?:mark|complete|finish|tick off|check off)\b", FLAGS)
_BULK_DELETE = re.compile(
    r"(?:[^,]+, )?(?:delete|remove|clear|erase|wipe|empty|drop|get rid of|clean up|reset)\b(?!.*\b(?:from|to|until)\b)", FLAGS
)
_BULK_REOPEN = re.compile(
    r"(?:(?:reopen|re-open|uncheck|unmark|untick|uncomplete)\b"
    r"|(?:mark|set|put) (?:all|every|everything|each)\b.*\b(?:as|to|back to) (?:not done|not complete|not completed|"
    r"not finished|undone|incomplete|unfinished|open|pending|to do)\b)",
    FLAGS,
)
_BULK_ACTIONS = {"reopen": _BULK_REOPEN, "complete": _BULK_COMPLETE, "delete": _BULK_DELETE}  # in this order
_DONE_WORDS = re.compile(r"\b(?:completed|done|finished|ticked off|checked off)\b", FLAGS)
_NOT_DONE = re.compile(r"\bnot (?:yet )?(?:done|complete|completed|finished)\b", FLAGS)
_NEXT_WEEK = re.compile(r"\bnext week\b", FLAGS)
_WEEKEND = re.compile(r"\b(?:the|this) weekend\b", FLAGS)
_BEFORE_THE_WEEKEND = re.compile(r"\b(?:before|by|until|till) (?:the|this) weekend\b", FLAGS)
_POSSESSIVE = re.compile(r"'s\b", FLAGS)


async def show(turn: Turn, command: Command) -> Reply:
    """The list, narrowed by status, due day, priority, tag or words, with a heading."""
    text = command.text
    status = status_asked(text)
    arguments: dict[str, Any] = {"status": status}
    now, zone = turn.context.now, turn.context.zone
    due, filters, headings = _filters(text, now)
    days = _days_asked(text, now) if due is None and command.q is None else None
    if days is not None:  # "what's on friday?", "what's due next week?"
        headings.append(days[0])
        filters |= {"due_from": days[1].isoformat(), "due_to": days[2].isoformat(), "sort": "due"}
    if not headings and command.q is None:  # "show me my work stuff": a tag named without its #
        extra = [w for w in _unexplained(text) if w not in words.LIST_FILLER]
        if len(extra) == 1 and extra[0] in await _tags(turn):
            filters["tag"] = extra[0]
            headings.append(f"Tagged #{extra[0]}")
    arguments |= filters
    if command.q is not None:
        wanted = " ".join(ranking.ref_words(command.q))
        if not wanted:
            return Reply(ASK_WHICH)
        arguments["q"] = wanted
        headings.append(f"Matching {quote(wanted)}")
    if headings and "status" not in _explicit_status(text):
        dated = due in ("overdue", "today", "tomorrow", "week") or days is not None
        arguments["status"] = status = "pending" if dated else "all"
    tasks, total = await turn.tools.list_start(arguments)  # only what the reply shows is read
    kindless = " ".join(w for w in str(arguments.get("q", "")).split() if w not in KIND_WORDS)
    if not tasks and kindless and kindless != arguments.get("q"):  # "when is dad's appointment?": the tasks of dad's
        tasks, total = await turn.tools.list_start(arguments | {"q": kindless})
        headings[-1] = f"Matching {quote(kindless)}"
    state = State(shown=[int(t["id"]) for t in tasks[:LINES_SHOWN]])
    if headings:
        if not tasks:
            return Reply("Nothing " + headings[0][0].lower() + headings[0][1:] + ".", state)
        lines = [f"- #{t['id']} {t['title']}{when(t, now, zone)}" + (" ✓" if t["completed"] else "") for t in tasks]
        return Reply(listing(", ".join(headings), lines, total), state)
    if not tasks:
        empty = {"pending": "Nothing left to do — you're all caught up! 🎉", "completed": "You haven't completed any tasks yet."}
        return Reply(empty.get(status, "Your list is empty. Try: add buy milk"), state)
    heading = {"pending": "Still to do", "completed": "Done", "all": "Your tasks"}[status]
    lines = [f"- #{t['id']} {t['title']}{when(t, now, zone)}" + (" ✓" if t["completed"] and status == "all" else "") for t in tasks]
    return Reply(listing(heading, lines, total), state)


async def check(turn: Turn, command: Command) -> Reply:
    """ "Did I finish the report?": answers about that task, changing nothing."""
    first, _, rest = unquote(command.ref or "").partition(" ")
    ref = f"{present(first.lower()) or first} {rest}".strip()  # "have I paid rent" -> "pay rent"
    everything = await turn.tools.call("list_tasks", {"status": "all"})
    found = await resolve(turn.tools, ref, "check", turn.context, everything)
    if isinstance(found, str):  # "did I get the cat food?": "Buy cat food"
        found = await resolve_job(turn.tools, ref, "check", turn.context)
    if isinstance(found, str):
        return Reply(found)
    by_id = {t["id"]: t for t in everything}
    if isinstance(found, Found) and found.task_id not in by_id:
        return Reply(explain(f"Task {found.task_id} not found"))
    tasks = found if isinstance(found, list) else [found.task or by_id[found.task_id]]
    lines = [
        f"Yes — {quote(t['title'])} is done. ✓"
        if t["completed"]
        else f"Not yet — {quote(t['title'])} is still open{when(t, turn.context.now, turn.context.zone)}."
        for t in tasks
    ]
    return Reply("\n".join(lines), State(shown=[int(t["id"]) for t in tasks]))


async def bulk(turn: Turn, command: Command) -> Reply:
    """Several tasks at once, narrowed by what the message says ("due today", "#work", "high priority").
    Completing acts (one undo reverts it); reopening several and deleting ask first."""
    text = command.text
    action = next((a for a, pattern in _BULK_ACTIONS.items() if pattern.match(text)), None)
    if action is None:
        return Reply(words.BULK_CANT)
    due, filters, _ = _filters(text, turn.context.now)
    extra = _unexplained(text)
    if extra:  # "check off everything for work": a tag; "… except the rent": not understood, so nothing changes
        if len(extra) != 1 or "tag" in filters or extra[0] not in await _tags(turn):
            return Reply(words.BULK_UNSURE.format(words=" ".join(extra)))
        filters["tag"] = extra[0]
    if action == "reopen":
        done = await _bulk_list(turn, "completed", due, filters)
        if not done:
            return Reply("Nothing there is marked as done.")
        if len(done) > 1:
            confirm = Confirm("reopen_many", tasks_word(len(done)), task_ids=[t["id"] for t in done])
            return Reply(f"Reopen {len(done)} tasks: {titles(done)}? (yes / no)", State(confirm=confirm))
        return await act(turn, "reopen", int(done[0]["id"]), Command("reopen"), done[0])
    if action == "complete":
        pending = await _bulk_list(turn, "pending", due, filters)
        if not pending:
            return Reply("Nothing left to do — you're all caught up! 🎉")
        result = await turn.tools.call("complete_tasks", {"task_ids": [t["id"] for t in pending]})
        said = completed_many(result)
        return Reply(said, State(shown=[int(t["id"]) for t in pending]))  # "reopen it" after this: which one?
    done_only = bool(_DONE_WORDS.search(text))
    tasks = await _bulk_list(turn, "completed" if done_only else "all", due, filters)
    if not tasks:
        return Reply("You have no completed tasks." if done_only else ("No task fits that." if filters else "Your list is already empty."))
    confirm = Confirm("delete_many", tasks_word(len(tasks)), task_ids=[t["id"] for t in tasks])
    if done_only:
        which = f"{len(tasks)} completed {'task' if len(tasks) == 1 else 'tasks'}"
    elif len(tasks) == 1 and not filters:
        which = "your only task"
    else:
        which = tasks_word(len(tasks)) if filters else f"all {len(tasks)} tasks"
    return Reply(f"Delete {which}: {titles(tasks)}? (yes / no)", State(confirm=confirm))


async def _tags(turn: Turn) -> set[str]:
    """Every tag on the user's tasks ("show me my work stuff" names one without its #)."""
    return {tag for t in await turn.tools.call("list_tasks", {"status": "all"}) for tag in t.get("tags", [])}


async def _bulk_list(turn: Turn, status: str, due: str | None, filters: dict[str, Any]) -> list[dict[str, Any]]:
    return list(await turn.tools.call("list_tasks", {"status": status, **filters}))


def status_asked(text: str) -> str:
    for status in ("pending", "completed"):  # "not done" is pending, so pending is checked first
        if any(p.search(text) for p in _STATUS[status]):
            return status
    return "all"


def _explicit_status(text: str) -> set[str]:
    """{"status"} when the message itself says done or not done."""
    return {"status"} if any(p.search(text) for ps in _STATUS.values() for p in ps if p.pattern != r"\bdue\b") else set()


def _filters(text: str, now: datetime) -> tuple[str | None, dict[str, Any], list[str]]:
    """What a message narrows a list to: the due word it names (if any), list_tasks' filters
    (due, priority, tag) and their headings ("Due today", "High priority", "Tagged #work")."""
    filters: dict[str, Any] = {}
    headings: list[str] = []
    due = next((d for d, pattern in _DUE.items() if pattern.search(text)), None)
    if due == "tomorrow":  # a day: list_tasks' date range
        tomorrow = (now.date() + timedelta(days=1)).isoformat()
        filters |= {"due_from": tomorrow, "due_to": tomorrow, "sort": "due"}
    elif due is not None:
        filters |= {"due": due, "sort": "due"}
    if due is not None:
        headings.append(
            {
                "overdue": "Overdue",
                "today": "Due today",
                "tomorrow": "Due tomorrow",
                "week": "Due in the next 7 days",
                "none": "With no date",
            }[due]
        )
    priority = next((p for p, pattern in _PRIORITY.items() if pattern.search(text)), None)
    if priority is not None:
        filters["priority"] = priority
        headings.append(f"{priority.capitalize()} priority")
    tag = _TAG.search(text)
    if tag:
        filters["tag"] = tag.group("tag").lower()
        headings.append(f"Tagged #{filters['tag']}")
    return due, filters, headings


def _unexplained(text: str) -> list[str]:
    """The words of a request about several tasks that are neither its command, nor "all",
    nor a due day, priority or tag it narrows to: "except", "rent" in "mark all as done except the rent"."""
    for pattern in [_NOT_DONE, *_DUE.values(), *_PRIORITY.values(), _TAG, _POSSESSIVE]:
        text = pattern.sub(" ", text)
    return [w for w in ranking.words(text) if w not in words.BULK_FILLER]


def _days_asked(text: str, now: datetime) -> tuple[str, date, date] | None:
    """The days a list request names beyond today, tomorrow and this week: a heading and the first and
    last day ("what's on friday?", "what's due next week?", "anything for the weekend?")."""
    today = now.date()
    if _NEXT_WEEK.search(text):
        start = today + timedelta(days=7 - today.weekday())
        return "Due next week", start, start + timedelta(days=6)
    if _BEFORE_THE_WEEKEND.search(text):  # "what's due before the weekend?": today to friday
        return "Due before the weekend", today, today + timedelta(days=max(0, 4 - today.weekday()))
    if _WEEKEND.search(text):
        start = today + timedelta(days=(5 - today.weekday()) % 7) if today.weekday() < 5 else today
        end = start + timedelta(days=6 - start.weekday())
        return "Due this weekend", start, end
    found = extract_slots(text, now)
    if not found.day_named or found.due_date is None:
        return None
    return "Due " + day_words(found.due_date, now), found.due_date, found.due_date
