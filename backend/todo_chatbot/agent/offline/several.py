"""Several tasks named in one change: "tag the flight and the jenny one with work", "complete 2
and 3", "move the dentist and the vet to friday". Each name is resolved on its own; the change is
made to each (one message: one undo step), or, if one name fits no task or several, to none.

A delete of several acts at once only when the command is firm and names every task exactly;
otherwise it lists them and asks, as deleting several always does.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...parsing import unquote
from . import act
from .act import Turn
from .command import Command
from .reading import FLAGS
from .reply import Reply, quote, tasks_word, titles, which_one
from .resolve import Found, names, resolve
from .state import Confirm, State

_COUNTED = re.compile(
    r"(?:(?P<both>both)|all (?P<n>two|three|four|five|six|\d))(?: of)?(?: the| my)? (?P<word>.+?)(?: ones| tasks| jobs| items)?", FLAGS
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


async def on_tasks(turn: Turn, command: Command) -> Reply:
    """The command's change to the task its reference names, or to each of several."""
    counted = _COUNTED.fullmatch(command.ref or "") if command.task_id is None and command.intent != "delete" else None
    if counted is not None:  # "tag both estimates jobs": the two tasks "estimates" fits, if two fit it
        fitting = await resolve(turn.tools, counted["word"], command.intent, turn.context)
        wanted = 2 if counted["both"] else _COUNTS.get(counted["n"].lower()) or int(counted["n"])
        if isinstance(fitting, list) and len(fitting) == wanted:
            return await _each(turn, command, [Found(int(t["id"]), t) for t in fitting])
    parts = names(command.ref or "") if command.task_id is None and not command.dated else []
    if not parts:
        return await (act.delete if command.intent == "delete" else act.on_task)(turn, command)
    whole = await resolve(turn.tools, unquote(command.ref or ""), command.intent, turn.context)
    if not isinstance(whole, str):  # one task's title has an "and" in it: "Buy salt and pepper"
        return await act.on_task(turn, command, whole)
    tasks = await turn.tools.call("list_tasks", {"status": "all"})
    found: list[Found] = []
    for part in parts:
        each = await resolve(turn.tools, part, command.intent, turn.context, tasks)
        if isinstance(each, str):
            return Reply(f"I couldn't find a task matching {quote(part)}, so I changed nothing.", State(unclear=True))
        if isinstance(each, list):
            return which_one(command.intent, replace(command, ref=part), each)
        found.append(each)
    unique = list({f.task_id: f for f in found}.values())
    if command.intent == "delete":
        return await _delete(turn, command, unique, tasks)
    return await _each(turn, command, unique)


async def _each(turn: Turn, command: Command, unique: list[Found]) -> Reply:
    done = Reply("")
    for each in unique:
        done = done.then(await act.act(turn, command.intent, each.task_id, command, each.task))
    return replace(done, state=replace(done.state, mentioned=[f.task_id for f in unique][-1:]))


async def _delete(turn: Turn, command: Command, found: list[Found], tasks: list[dict]) -> Reply:
    by_id = {t["id"]: t for t in tasks}
    chosen = [by_id[f.task_id] for f in found if f.task_id in by_id]
    if len(chosen) < len(found):
        missing = next(f.task_id for f in found if f.task_id not in by_id)
        return Reply(f"I couldn't find task #{missing}, so I changed nothing.", State(unclear=True))
    if command.ask or not all(f.exact for f in found):
        confirm = Confirm("delete_many", tasks_word(len(chosen)), task_ids=[t["id"] for t in chosen])
        return Reply(f"Delete {tasks_word(len(chosen))}: {titles(chosen)}? (yes / no)", State(confirm=confirm))
    done = Reply("")
    for task in chosen:
        done = done.then(await act.act(turn, "delete", int(task["id"]), command, task))
    return done
