"""Repairing a conversation: the rules that read a message against the change just made.

Taking it back in words ("no keep it", "oops, I still need that": the last message's change
undone, one undo step), and doing it again to another task ("same for the jenny one", "the
milk too"). Each is a named function of the reading and the dialogue state, tried by
interpret.interpret before the message is read on its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import vocabulary_repair as repair
from .command import Command
from .reading import FLAGS, MARKERS, Reading, clean, slots_in, unmarked_start
from .reply import Reply
from .state import Context, State

_TAKE_BACK = re.compile("|".join(f"(?:{p})" for p in repair.TAKE_BACKS), FLAGS)
_LEAVE_IT = re.compile(repair.TAKE_BACKS_OF_A_DELETE, FLAGS)
_KEEP_FIELD = re.compile(repair.TAKE_BACKS_OF_A_CHANGE, FLAGS)
_NOT_DONE_YET = re.compile(repair.TAKE_BACKS_OF_A_COMPLETION, FLAGS)
_CLAUSE = re.compile(r"\s*(?:[,;.!]|\s[—–-])\s*")
_WHY_AFTER = re.compile(r"\s+(?:she|he|they|we|i)(?:'s|'re|'m| is| are| am| needs?| wants?| still| does| do)\b.*$", FLAGS)
_SAME = [re.compile(p, FLAGS) for p in repair.SAME_FOR]


def unmarked(reading: Reading) -> str:
    """The message without the words that start a correction ("oops, no, ...")."""
    text = reading.text
    marked = MARKERS.match(text)
    return clean(text[marked.end() :]) if marked else text


def take_back(reading: Reading, context: Context, own: Command | None) -> Command | Reply | None:
    """ "no keep it", "put it back", "oops, I still need that", "I changed my mind": the previous
    reply's change undone (everything that message changed: one undo step). With no change just
    made, a message nothing else reads says there is nothing to put back."""
    text = unmarked(reading)
    last = _CLAUSE.split(text)[-1]  # "wait no, I haven't yet - put it back"
    deleted = context.changed and any(c.tool == "delete_task" for c in context.changes)
    if deleted and _LEAVE_IT.fullmatch(unmarked_start(clean(reading.message))):  # "hmm no never mind, leave it"
        return Command("undo", text=reading.text)
    updated = context.changed and any(c.tool == "update_task" for c in context.changes)
    if updated and _KEEP_FIELD.fullmatch(text):  # "oops no, keep the tag, wrong task"
        return Command("undo", text=reading.text)
    completed = context.changed and any(c.tool == "complete_task" and c.arguments.get("completed", True) for c in context.changes)
    if completed and (_NOT_DONE_YET.fullmatch(unmarked_start(clean(reading.message))) or _NOT_DONE_YET.fullmatch(text)):
        return Command("undo", text=reading.text)  # "no wait, not done yet" just after a completion
    said_why = _WHY_AFTER.sub("", text)  # "nvm put it back she needs them": the take-back, then why
    if not (_TAKE_BACK.fullmatch(text) or _TAKE_BACK.fullmatch(clean(last)) or _TAKE_BACK.fullmatch(said_why)):
        return None
    if context.changed:
        return Command("undo", text=reading.text)
    if own is None or own.plain:
        return Reply(repair.TAKEN_BACK_NOTHING, State(unclear=True))
    return None


def _same_to_do(other: str, context: Context) -> Command | None:
    """ "same for sopranos" just after adding "Print sheet music for altos": that to-do again, for the
    other one named, with its day, time, priority and tags."""
    change = context.last_change
    if change is None or change.tool != "add_task" or not context.changed:
        return None
    made = change.arguments
    head, sep, _ = str(made.get("title") or "").rpartition(" for ")
    if not sep:
        return None
    said = [f"{head} for {other}"]
    said += [f"on {made['due_date']}"] if made.get("due_date") else []
    said += [f"at {made['due_time']}"] if made.get("due_time") else []
    said += [f"{made['priority']} priority"] if made.get("priority") not in (None, "none") else []
    said += [f"#{tag}" for tag in made.get("tags") or []]
    return Command("add", text=" ".join(said), title=" ".join(said))


def same_for(reading: Reading, context: Context) -> Command | None:
    """ "same for the jenny one", "the milk too", "that one as well": the change the previous reply
    made to a task, made again to the task named (a delete still asks when it named it loosely)."""
    text, sent = reading.text, " ".join(reading.message.split()).strip(" .!?")  # "ok just …": its words as sent
    if (marked := MARKERS.match(sent)) and slots_in(sent[marked.end() :].split(",")[0], reading.now) is not None:
        return None  # "no wait tuesday, monday's rain too": a correction, then why
    for pattern in _SAME:
        found = pattern.fullmatch(text) or pattern.fullmatch(sent)
        if found is None:
            continue
        if found.groupdict().get("field"):  # "same tag for the motion one": copied from "it"
            field = found["field"].rstrip("s").replace("day", "date")
            return Command("schedule", text=text, ref=found["ref"], copy=field) if context.it is not None else None
        # "tag that one too" names the change, so one made before the last (an add) still counts
        did = context.did or (context.named if "verb" in found.groupdict() and _names(found["verb"], context.named) else None)
        return (
            replace(did, ref=found.group("ref"), task_id=None, task_ids=[], plain=False)
            if did
            else _same_to_do(found.group("ref"), context)
        )
    return None


def _names(verb: str, did: Command | None) -> bool:
    """Whether `verb` says what `did` did: "tag" a tag, "mark"/"complete"/"tick"/"check" a completion, "move" a date."""
    if did is None:
        return False
    if verb in ("tag", "label"):
        return did.tag is not None
    if verb == "move":
        return did.intent == "schedule" and did.tag is None
    return did.intent == "complete"
