"""Statements of what was done ("I called mom", "got the cat food", "boots got refitted at the shop"):
the task each names is completed, through act.act, if there is one; news that names no task's job
changes nothing ("the flight is delayed")."""

from __future__ import annotations

from dataclasses import replace

from ...parsing.vocabulary import TODO_VERBS
from . import ranking
from .act import MOST_AT_ONCE, Turn, act
from .command import Command
from .port import ToolFailed
from .reply import NOT_UNDERSTOOD, Reply, quote, which_one
from .resolve import Found, names, resolve_job, task_by_id
from .state import State
from .statements import past_command
from .verbs import no_job_of, said_verb, same_verbs
from .vocabulary_verbs import OBJECT_PRONOUNS


async def past(turn: Turn, command: Command) -> Reply:
    """ "I called mom": completes the task it names, if there is one. "I paid rent and called
    mom": each in turn, until one needs a "Which one…?" (the to-do said after them: `and_then`)."""
    done = Reply("")
    for _ in range(MOST_AT_ONCE):
        try:
            reply = await _past_one(turn, command)
        except ToolFailed as exc:  # what the turn did so far stays with the reply that says it failed
            raise ToolFailed(str(exc), done.state.merged(exc.state)) from exc
        done = done.then(reply)
        if reply.state.pending is not None or command.more is None:
            break
        command = past_command(command.more, command.text)
    return done


async def _past_one(turn: Turn, command: Command) -> Reply:
    ref = command.ref or ""
    if set(ranking.ref_words(ref)[1:]) <= OBJECT_PRONOUNS and turn.context.it is not None:  # "I called her already"
        task = await task_by_id(turn.tools, turn.context.it)
        if ranking.ref_words(ref)[:1] == ranking.words(task["title"])[:1]:
            return await act(turn, "complete", turn.context.it, command, task)
    found = await resolve_job(turn.tools, ref, "complete", turn.context)  # "got the cat food": "Buy cat food"
    if (
        isinstance(found, Found)
        and command.verb is not None
        and not any(ranking.says_job(verb, (found.task or {}).get("title", "")) for verb in same_verbs(command.verb))
    ):
        found = "none"  # "the flight is delayed" is not "Book flight" done
    verb_said = said_verb(ref)
    # (a title only clears a reference no_job_of reads as none, so the task is read only then)
    if (
        isinstance(found, Found)
        and no_job_of(ref, verb_said, "")
        and no_job_of(ref, verb_said, (found.task or await task_by_id(turn.tools, found.task_id))["title"])
    ):
        found = "none"  # "talked to my wife about the lunch" is not "Call mom about Sunday lunch" done, nor "Team lunch"
    if isinstance(found, list):
        return which_one("complete", command, found)
    verb, _, done = ref.partition(" ")
    if isinstance(found, str) and len(each := names(done)) > 1:  # "booked the flight and the hotel"
        return await past(turn, replace(command, ref=f"{verb} {each[0]}", more=", ".join(f"{verb} {e}" for e in each[1:])))
    if isinstance(found, str) and command.verb is not None and command.verb not in TODO_VERBS:
        return Reply(NOT_UNDERSTOOD, State(unclear=True))  # "the flight is delayed": news, no task of that job
    if isinstance(found, str):  # no task found: nothing for "it" or "undo that" to mean
        return Reply(f"I don't see a task for {quote(ref)} on your list, so nothing changed.", State(unclear=True))
    return await act(turn, "complete", found.task_id, command, found.task)
