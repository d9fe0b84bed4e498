"""Acting on one task: find it (resolve.py), then call the tools through the port and say
what happened, as a `Reply` with the state the next turn needs.

A delete acts unasked only when the command is firm and names the task exactly (see
interpret._delete); anything looser asks "Delete …? (yes / no)". A reference that fits
several tasks asks "Which one…?", keeping the request for the answer (state.Pending).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from ...infra import clock
from ...models import TITLE_MAX
from ...parsing import ParsedTask, as_title, parse_quick_add, slot_words, unquote
from ...parsing.reminders import asks_to_remind
from ...parsing.vocabulary import TODO_VERBS
from ...services import quick_add
from . import ranking, reminding
from . import vocabulary as v
from .command import Command
from .moving import moved_task
from .pasted import after_a_heading
from .port import ToolFailed, ToolPort
from .reading import FLAGS, slots_in
from .reply import Reply, added, completed, deleted, deleted_many, quote, reopened, reopened_many, undone, when, which_one
from .resolve import Found, Resolved, resolve, spoken_of, task_by_id, the_repeating_one
from .state import Confirm, Context, State
from .verbs import present

_PRIORITY_CHANGE = re.compile(r"prioriti[sz]e\b|(?:remove|clear|drop|take)\b.*\bpriorit", FLAGS)
_CLEAR_DATE = re.compile(v.CLEAR_DATE + r"\b", FLAGS)
_POSTPONE = re.compile(r"(?:actually )?" + v.POSTPONE + r"\b", FLAGS)
_BYDAY = re.compile(r"BYDAY=[A-Z,]+")
_WEEKDAY = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?s?\b", FLAGS)
MOST_AT_ONCE = 10  # tasks one "I paid rent and called mom …" message completes
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True)
class Turn:
    """What a handler works with: the tools, and what the conversation so far gives this turn."""

    tools: ToolPort
    context: Context


def _named_by_the_rest(command: Command, ref: str, options: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Of the tasks a reference fits, the one the rest of the message (its remark too) names, if one."""
    named = set(ranking.words(ref))
    rest = " ".join(w for w in ranking.words(f"{command.topic or ''} {command.text}") if w not in named)
    return ranking.mentioned(rest, options)


async def on_task(turn: Turn, command: Command, found: Resolved | None = None, action: str | None = None) -> Reply:
    """Does the command's action (`action`, else its intent) to the task its reference names
    (`found`, when the caller has resolved it already; `command.task_id`, when an answer to a
    question chose it)."""
    action = action or command.intent
    if command.task_id is not None:
        return await act(turn, action, command.task_id, command)
    ref = unquote(command.ref or "")
    tasks = None
    thing = v.THAT_THING.fullmatch(ref)  # "…, make that order high priority": the order the remark speaks of
    if (
        found is None and command.topic and (not ref or ref.lower() in v.PRONOUNS or thing)
    ):  # "still waiting on the fees. push that to monday"
        tasks = await turn.tools.call("list_tasks", {"status": "all"})
        found = spoken_of(tasks, f"{command.topic} {thing['thing']}" if thing else command.topic, action)
    if found is None:
        # a reason's words ("pediatrician office called, moving it …"): up to half may name nothing
        found = await resolve(turn.tools, ref, action, turn.context, tasks, loose=command.loose, reason=command.loose)
    if isinstance(found, str):
        return Reply(found, State(unclear=True))  # no task was found: nothing to call "it", nothing for "undo that"
    repeat = slots_in(command.when, turn.context.now) if command.intent == "schedule" and command.when else None
    if isinstance(found, list) and repeat is not None and (repeating := the_repeating_one(found, repeat.recurrence)) is not None:
        found = repeating  # "walter's visits are wednesdays now": the visit that repeats, not the call about a visit
    if isinstance(found, list) and action != "delete" and (named := _named_by_the_rest(command, ref, found)) is not None:
        found = Found(int(named["id"]), named)  # "The attorney moved our call to 2:30": the call the rest names
    if isinstance(found, list):
        return which_one(action, command, found)
    if command.pp not in (None, "done") and (verb := present(str(command.pp).lower())):  # "the dog needs to be walked at 6pm"
        task = found.task or await task_by_id(turn.tools, found.task_id)
        if verb not in ranking.words(task["title"]):  # is not "Feed the dog"
            return Reply(f"I couldn't find a task to {verb} matching {quote(ref)}. Say “show my tasks” to see them all.")
    vague = set(ranking.ref_words(ref)) <= v.VAGUE_WORDS  # "the new one": not "Buy new shoes" by name
    # destructive: loosely named ("it", "the pay one"), said loosely ("trash", "?", a statement): ask
    if action == "delete" and (not found.exact or command.ask or vague):
        return await confirm_delete(turn, found.task_id, found.task)
    return await act(turn, action, found.task_id, command, found.task)


async def confirm_delete(turn: Turn, task_id: int, task: dict[str, Any] | None = None) -> Reply:
    task = task or await task_by_id(turn.tools, task_id)
    return Reply(f"Delete {quote(task['title'])}? (yes / no)", State(confirm=Confirm("delete", task["title"], task_id)))


async def act(turn: Turn, action: str, task_id: int, command: Command, task: dict[str, Any] | None = None) -> Reply:
    """Does `action` to the task; `task` is its listing when this turn has already read it.
    The reply mentions the task ("it" next turn), unless it is gone."""
    did = replace(command, intent=action, ref=None, task_id=None)  # "same for the jenny one" does it again
    state = State(mentioned=[task_id], did=did) if action != "delete" else State(did=did)
    try:
        return Reply(await _act(turn, action, task_id, command, task), state)
    except ToolFailed as exc:  # nothing was done: nothing for "same for …" to do again
        raise ToolFailed(str(exc), replace(state, did=None)) from exc


async def _act(turn: Turn, action: str, task_id: int, command: Command, task: dict[str, Any] | None) -> str:
    tools = turn.tools
    if action == "complete":
        result = await tools.call("complete_task", {"task_id": task_id})
        return completed(result["title"])
    if action == "delete":
        result = await tools.call("delete_task", {"task_id": task_id})
        return deleted(result["title"])
    if action == "reopen":
        task = task or await task_by_id(tools, task_id)
        if not task["completed"]:
            return f"{quote(task['title'])} isn't marked as done, so it's still on your list."
        result = await tools.call("complete_task", {"task_id": task_id, "completed": False})
        return reopened(result["title"])
    if action == "schedule":
        return await _reschedule(turn, task_id, command, task)
    if action == "remind":
        return await _remind(turn, task_id, command, task)
    arguments: dict[str, Any] = {"task_id": task_id}
    if command.new is not None:
        if command.keep_verb and task is None and command.task_id is not None:  # chosen by an answer: read its verb
            task = await task_by_id(tools, task_id)
        title = as_title(_with_verb(command, task) if command.keep_verb else command.new)
        if command.old is not None:  # "change chapter 4 to chapter 5 on the study one": those words of the title
            task = task or await task_by_id(tools, task_id)
            if command.old.lower() not in task["title"].lower():
                return f"{quote(task['title'])} has no “{command.old}” in its title, so I changed nothing."
            at = task["title"].lower().index(command.old.lower())
            title = task["title"][:at] + command.new + task["title"][at + len(command.old) :]
        if len(title) > TITLE_MAX:
            return f"That title is too long ({len(title)} characters); keep it under {TITLE_MAX + 1}."
        arguments["title"] = title
    if command.desc is not None:
        arguments["description"] = unquote(command.desc)
    result = await tools.call("update_task", arguments)
    if "title" in arguments:
        return f"Renamed task #{task_id} to {quote(result['title'])}."
    return f"Updated the notes of {quote(result['title'])}."


def _nearest_hour(when: str, current: str, now: datetime) -> ParsedTask | None:
    """A bare hour ("7", "4:30") read as the morning's or the evening's, whichever is nearer the task's time."""
    read = [found for part in (" in the morning", " in the evening") if (found := slots_in(when + part, now)) and found.due_time]
    minutes = int(current[:2]) * 60 + int(current[3:5])
    return min(read, key=lambda f: abs(f.due_time.hour * 60 + f.due_time.minute - minutes) if f.due_time else 0, default=None)


async def _reschedule(turn: Turn, task_id: int, command: Command, task: dict[str, Any] | None = None) -> str:
    """Changes a task's date, time, repeat, priority or tags as the message says."""
    tools, now = turn.tools, turn.context.now
    arguments: dict[str, Any] = {"task_id": task_id}
    untagged = ""
    if command.when is not None:
        found = slots_in(command.when, now)
        assert found is not None  # reading.candidates only keeps a <when> that has slots
        if found.due_date and (found.due_time or _POSTPONE.match(command.text)):
            task = task or await task_by_id(tools, task_id)
            if command.bare_hour and task.get("due_time"):  # 18:30, "change it to 7": 19:00; 05:00, "i meant 4:30": 04:30
                found = _nearest_hour(command.when, str(task["due_time"]), now) or found
            found = _keep_day(found, command, task)
        arguments |= {k: val for k, val in add_arguments(found).items() if k != "title"}
        if command.prio is not None:  # "felt - i need it by saturday, make it medium": the day and the level
            arguments["priority"] = _level(command)
        leftover = found.title.strip()
        new_verb = leftover.split(" ", 1)[0].lower() in TODO_VERBS and not set(ranking.words(leftover)) & v.PRONOUNS  # "… and make it"
        if leftover.lower() != command.when.strip().lower() and new_verb and "," not in command.when:  # not "…, print shop closes early"
            arguments["title"] = as_title(leftover)  # "change it to buy oat milk tomorrow", not "… 8:30 instead"
        if found.recurrence and not found.due_date:
            arguments.pop("due_date", None)
        if found.recurrence and found.due_date and not found.due_time:  # "make that every weekday": at its own time
            task = task or await task_by_id(tools, task_id)
            timed = slots_in(f"{command.when} at {task['due_time']}", now) if task.get("due_time") else None
            arguments["due_date"] = timed.due_date.isoformat() if timed and timed.due_date else arguments.get("due_date")
        if found.recurrence and found.recurrence.startswith("FREQ=WEEKLY") and "BYDAY=" not in found.recurrence:
            task = task or await task_by_id(tools, task_id)  # "every other week instead": on the days it has
            byday = _BYDAY.search(task.get("recurrence") or "")
            arguments["recurrence"] = f"{found.recurrence};{byday.group()}" if byday else found.recurrence
    elif command.shift is not None:
        task = task or await task_by_id(tools, task_id)
        n = _COUNTS.get(command.shift.lower()) or int(command.shift)
        days = n * (7 if (command.unit or "").lower().startswith("week") else 1)
        start = date.fromisoformat(task["due_date"]) if task.get("due_date") else now.date()
        arguments["due_date"] = (start + timedelta(days=days)).isoformat()
    elif command.copy is not None and turn.context.it is not None:  # "same tag for the motion one"
        task = task or await task_by_id(tools, task_id)
        source = await task_by_id(tools, turn.context.it)
        if command.copy == "tag":
            arguments["tags"] = sorted({*task.get("tags", []), *source.get("tags", [])})
        else:
            field = {"date": "due_date", "time": "due_time", "priority": "priority"}[command.copy]
            arguments[field] = source.get(field) or ("none" if field == "priority" else None)
    elif command.untag:  # "drop the tag", "remove the work tag"
        task = task or await task_by_id(tools, task_id)
        gone = (command.tag or "").lstrip("#").lower()
        arguments["tags"] = [t for t in task.get("tags", []) if gone and t != gone]
        untagged = " ".join(f"#{t}" for t in task.get("tags", []) if t not in arguments["tags"])
        if not untagged:
            return f"{quote(task['title'])} has no {'tag #' + gone if gone else 'tags'}."
    elif command.tag is not None:
        task = task or await task_by_id(tools, task_id)
        arguments["tags"] = sorted({*task.get("tags", []), command.tag.lstrip("#").lower()})
        if command.prio is not None:  # "tag the cooler task chores and make it low"
            arguments["priority"] = _level(command)
    elif command.prio is not None or _PRIORITY_CHANGE.match(command.text):
        arguments["priority"] = _level(command)
    elif command.undate or _CLEAR_DATE.match(command.text):
        arguments["clear_due_date"] = True
    else:  # never a change nobody named
        return "I'm not sure what to change about that task, so I changed nothing. Try “move it to friday” or “make it high priority”."
    result = await tools.call("update_task", arguments)
    said = when(result.get("task"), now, turn.context.zone)
    if arguments.get("clear_due_date"):
        return f"Removed the date from {quote(result['title'])}."
    if command.untag:
        return f"Removed {untagged} from {quote(result['title'])}."
    if arguments.get("priority") == "none" and not said:  # "no longer important"
        return f"{quote(result['title'])} has no priority now."
    return f"Updated {quote(result['title'])}: {said[2:]}." if said else f"Updated {quote(result['title'])}."


def _level(command: Command) -> str:
    """The priority a change names ("urgent": high); none for "remove the priority"."""
    level = (command.prio or "").lower()
    if not level and re.match(r"(?:remove|clear|drop|take)\b", command.text, FLAGS):
        return "none"
    named = {"urgent": "high", "important": "high", "asap": "high", "high priority": "high", "top priority": "high", "normal": "medium"}
    return named.get(level, level or "high")


def add_arguments(parsed: ParsedTask) -> dict[str, Any]:
    """add_task's arguments for a parsed to-do: the quick-add fields, as JSON, without the empty ones."""
    fields = quick_add.as_fields(parsed)  # titled as quick add titles (parsing.as_title)
    wire = {
        name: value.strftime("%H:%M") if isinstance(value, time) else value.isoformat() if isinstance(value, date) else value
        for name, value in fields.items()
    }
    return {name: value for name, value in wire.items() if value not in (None, [], "none")}


def _keep_day(found: ParsedTask, command: Command, task: dict[str, Any]) -> ParsedTask:
    """A dated task given only a time ("make it 10am") keeps its day; postponed to a weekday
    ("postpone the rent to friday"), it moves to that weekday after its current date."""
    if not task.get("due_date") or found.due_date is None:
        return found
    current = date.fromisoformat(task["due_date"])
    if not found.day_named and not found.recurrence:  # not "tuesdays at 8": the repeat's next day
        return replace(found, due_date=current)
    if _POSTPONE.match(command.text) and _WEEKDAY.search(command.when or ""):
        day = found.due_date
        while day <= current:
            day += timedelta(days=7)
        return replace(found, due_date=day)
    return found


def _with_verb(command: Command, task: dict[str, Any] | None) -> str:
    """The new title, with the old title's verb when the reference and the new words leave it out:
    "change mom to dad" for "Call mom" is "call dad"."""
    new = command.new or ""
    if task is None:
        return new
    verb = task["title"].split(" ", 1)[0]
    named = ranking.ref_words(command.ref or "")
    if verb.lower() not in TODO_VERBS or verb.lower() in named or not named or len(new.split()) > 2:
        return new
    if new.split(" ", 1)[0].lower() in TODO_VERBS:
        return new
    return f"{verb} {new}"


# ---------------------------------------------------------------- handlers of one task's intents


async def add(turn: Turn, command: Command) -> Reply:
    now = turn.context.now
    title = after_a_heading(command.title or "")
    found = parse_quick_add(title, now, reminding=asks_to_remind(command.text)) or [ParsedTask(title=title)]
    if len(found) == 1 and _VERB_IT.fullmatch(found[0].title):  # "remind me to do it tomorrow", "i gotta redo it": no thing named
        said = slot_words(title, now)
        if said and turn.context.it is not None:
            return await act(turn, "schedule", turn.context.it, Command("schedule", text=said, when=said))
        verb, which = found[0].title.lower().split()
        return Reply(
            f"I'm not sure which task “{which}” is, so I added nothing. Say it with its name (“{verb} the …”).", State(unclear=True)
        )
    if command.plain:  # a to-do said plainly: if it is already on the list, say so
        pending = await turn.tools.call("list_tasks", {"status": "pending"})
        same = [t for t in pending if t["title"].lower() == title.lower()]
        if same:
            return Reply(f"{quote(same[0]['title'])} is already on your list (task #{same[0]['id']}).")
        moved = moved_task(title, found, pending, now)
        if moved is not None:  # "put the haircut on saturday", with "Haircut" on the list: a move, not a to-do
            task, when_said = moved
            return await act(turn, "schedule", int(task["id"]), Command("schedule", text=when_said, when=when_said), task)
    too_long = [p.title for p in found if len(as_title(p.title)) > TITLE_MAX]
    if too_long:
        return Reply(f"That title is too long ({len(too_long[0])} characters); keep it under {TITLE_MAX + 1}.")
    arguments = [add_arguments(p) for p in found]
    for each in arguments if command.tag else []:  # "add order volumes and order t-nuts, tag both gear"
        each["tags"] = sorted({*each.get("tags", []), command.tag})
    if command.desc is not None and len(arguments) == 1:  # "add 'Q3 review' with description 'numbers from finance'"
        arguments[0]["description"] = unquote(command.desc)
    results = [await turn.tools.call("add_task", a) for a in arguments]
    return Reply(added(results, now, turn.context.zone), State(mentioned=[results[0]["task_id"]]) if len(results) == 1 else State())


_VERB_IT = re.compile(r"\w+ (?:it|that|this|them)", FLAGS)


async def undo(turn: Turn, command: Command) -> Reply:
    if turn.context.previous.unclear:  # the last reply changed nothing: "undo that" may not mean the change before
        return Reply("I didn't change anything just then. Say “undo” again to undo your last change before that.")
    try:
        result = await turn.tools.call("undo_last_change", {})
    except ToolFailed:
        return Reply("There's nothing to undo.")
    back = [int(t["id"]) for t in result.get("tasks", []) if isinstance(t, dict)]
    reply = Reply(undone(result), State(mentioned=back) if len(back) == 1 else State())  # "move it to friday" next
    if command.after_undo is not None and len(back) == 1:  # "actually just mark it done instead"
        return reply.then(await act(turn, command.after_undo, back[0], replace(command, intent=command.after_undo, ref=None)))
    return reply


async def and_then(turn: Turn, command: Command, done: Reply) -> Reply:
    """The to-do a command adds after its own change ("…, add renew BLS cert" after a completion; "…, tag
    both inventory" after tagging the task before), unless that change asks a question first."""
    if command.then is None or done.state.pending is not None or done.state.confirm is not None:
        return done
    added = await add(turn, Command("add", text=command.then, title=command.then))
    return added if done.state.unclear else done.then(added)  # "just got off a 12" names no task: no word of it


async def delete(turn: Turn, command: Command) -> Reply:
    """A dated delete ("delete the dentist appointment on friday") is about a task named by the
    words before the date, if one fits; if none does, the message is a to-do of its own."""
    if command.dated and command.task_id is None:
        found = await resolve(turn.tools, command.ref or "", "delete", turn.context)
        if isinstance(found, str):
            return await add(turn, Command("add", text=command.text, title=command.text, plain=True))
        return await on_task(turn, command, found)
    return await on_task(turn, command)


async def confirmed_many(turn: Turn, command: Command) -> Reply:
    """A yes to "Delete 3 tasks …?" or "Reopen 2 tasks …?"."""
    if command.intent == "delete_many":
        return Reply(deleted_many(await turn.tools.call("delete_tasks", {"task_ids": command.task_ids})))
    return Reply(reopened_many(await turn.tools.call("complete_tasks", {"task_ids": command.task_ids, "completed": False})))


# ---------------------------------------------------------------- reminders (reminding.py)


async def remind(turn: Turn, command: Command) -> Reply:
    """ "remind me at 5pm", "remind me again in 10 minutes", "don't remind me about the dentist"."""
    ref = command.ref
    if ref is None and command.again:  # the task that just reminded, else the one just talked about
        fired = reminding.last_fired(await turn.tools.call("list_tasks", {"status": "pending"}), clock.now(), turn.context.zone)
        if fired is not None:
            return await act(turn, "remind", int(fired["id"]), command, fired)
    found = await resolve(turn.tools, unquote(ref or "it"), "remind", turn.context)
    if isinstance(found, str) and ref and command.alarm and not command.off:  # "remind me about the vet at 5pm": a new to-do
        return await add(turn, Command("add", text=command.text, title=f"{unquote(ref)} {command.alarm}"))
    return await on_task(turn, command, found, action="remind")


async def reminders(turn: Turn, command: Command) -> Reply:
    """ "what reminders do I have?": the open tasks' reminders, soonest first."""
    return Reply(reminding.listing(await turn.tools.call("list_tasks", {"status": "pending"}), turn.context.now, turn.context.zone))


async def _remind(turn: Turn, task_id: int, command: Command, task: dict[str, Any] | None) -> str:
    tools, now, zone = turn.tools, turn.context.now, turn.context.zone
    task = task or await task_by_id(tools, task_id)
    if command.off:
        if not task.get("reminder"):
            return f"{quote(task['title'])} has no reminder."
        result = await tools.call("update_task", {"task_id": task_id, "clear_reminder": True})
        return f"OK, I won't remind you about {quote(result['title'])}."
    asked = reminding.wanted(command.alarm or "", task, now, zone, again=command.again)
    if isinstance(asked, str):
        return asked
    result = await tools.call("update_task", {"task_id": task_id, "reminder": asked})
    shown = result.get("task") or {}
    if not shown.get("remind_at"):
        return f"That moment has passed, so {quote(result['title'])} won't remind you; say a time still to come."
    return f"OK, I'll remind you about {quote(result['title'])} {reminding.told(shown, now, zone)}."
