"""Messages of several requests: one per sentence ("called the doc's office. add ava pediatrician appt
tmrw 9:15am"), or two joined by "and" ("mark task 1 as complete and delete CE credits"). Each is read
as a message of its own (`whole`, interpret.interpret of its words), and they are made in turn: one
message, one undo step.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TypeGuard

from . import ranking
from . import vocabulary as v
from .anchored import ASKS_TO_ADD
from .clauses import CHANGES, Reread, chatting, without_comment
from .command import Command
from .followup import follow_up
from .reading import FLAGS, Reading, clean, read, slots_in
from .reply import Reply
from .sentences import sentences

_AND = re.compile(r",? and (?:then |also )?", FLAGS)
_TOO = re.compile(r"(?:and |also |plus )?(?P<ref>.+?),? (?:too|as well)", FLAGS)


def each_request(reading: Reading, reread: Reread, whole: Callable[[str], Command | Reply]) -> Command | None:
    """Of a message of several sentences, each that asks for a change, made in turn, when every other
    is a remark ("called the doc's office. add ava pediatrician appt tmrw 9:15am"); a sentence of only
    a thing and "too" is the change before made to it too ("civic photos done. camry estimate too")."""
    said = sentences(reading.message)
    if len(said) < 2:
        return None
    made: list[Command] = []
    for n, sentence in enumerate(said):
        own = reread(sentence)
        too = _TOO.fullmatch(clean(sentence))
        if made and too is not None and (own is None or own.plain):
            made.append(replace(made[-1], ref=too["ref"], text=sentence, also=None, more=None, then=None))
        elif own is not None and not own.plain and own.intent in CHANGES - {"undo"}:
            found = whole(sentence)
            if not isinstance(found, Command) or found.intent not in CHANGES - {"undo"}:
                return None
            if n and (found.ref or "").lower() in v.PRONOUNS and found.topic is None:  # "… late payers … . rename that task to …"
                found = replace(found, topic=" ".join(said[:n]))
            made.append(found)
        elif made and (own is None or own.plain) and _on_it(found := _said_of_it(sentence, reading.now, reread, whole)):
            # "The prescriptions need to be done Tuesday. High priority please, …": "it" is the task the change before named
            named = made[-1].ref if made[-1].ref and made[-1].ref.lower() not in v.PRONOUNS and made[-1].task_id is None else None
            made.append(replace(found, ref=named) if named else replace(found, topic=" ".join(said[:n])))
        elif made and n == len(said) - 1 and own is not None and not own.plain and own.intent == "list":
            made.append(own)  # "shift change done. what's overdue": the changes, then the question answered
        elif _firm(found := whole(sentence), sentence):  # "printed the cue sheets. LX changed again tho so add reprint …"
            made.append(found)
        elif own is not None and own.intent not in ("smalltalk", "help") and not (own.plain and chatting(read(sentence, reading.now))):
            return None  # a question, a to-do said plainly, or words not understood: not only remarks around requests
    if len(made) < 2:
        return None
    chain = made[-1]
    for before in reversed(made[:-1]):
        chain = _followed(before, chain)
    return chain


def _said_of_it(sentence: str, now: datetime, reread: Reread, whole: Callable[[str], Command | Reply]) -> Command | Reply:
    """What a sentence asks for, as a message of its own, or else as a change to "it" ("High priority please, …")."""
    found = whole(sentence)
    if _on_it(found):
        return found
    alone = without_comment(read(sentence, now), reread)
    said = slots_in(alone.text, now)
    if said is not None and said.title.lower() == " ".join(alone.text.split()).lower():  # only slots: "High priority please"
        return Command("schedule", text=alone.text, ref="it", when=alone.text)
    return follow_up(alone) or found


def _firm(found: Command | Reply, sentence: str) -> TypeGuard[Command]:
    """A change the words ask for, read as a message of their own, around a remark ("… tho so add …");
    an add only when asked for in words ("add", "remind me"), not "… so i gotta redo it"."""
    if not isinstance(found, Command) or found.plain or found.intent not in CHANGES - {"undo"}:
        return False
    named = [w for w in ranking.words(found.title or "") if w not in v.PRONOUNS]  # "redo it" names no thing to do
    return found.intent != "add" or (ASKS_TO_ADD.search(sentence) is not None and len(named) > 1)


def _on_it(found: Command | Reply | None) -> TypeGuard[Command]:
    """A change to "it" (a field of the task just talked about: "high priority please")."""
    return isinstance(found, Command) and found.intent in ("schedule", "update") and (found.ref or "").lower() in v.PRONOUNS


def _followed(first: Command, after: Command) -> Command:
    """`first`, and `after` once it (and whatever it has to do after it) is made."""
    return replace(first, also=after if first.also is None else _followed(first.also, after))


def two_requests(reading: Reading, reread: Reread, whole: Callable[[str], Command | Reply]) -> Command | None:
    """ "mark task 1 as complete and delete CE credits, the hospital pays for those now": two requests
    joined by "and", each with its own command word and its own task, or both of "it", made in turn; the second
    read as a message of its own (`whole`), so a comment after it is off. One message: one undo step."""
    for joint in _AND.finditer(reading.text):
        first = reread(reading.text[: joint.start()])
        if first is None or first.plain:  # "take the downtown tag off the copies": a change of one field
            first = follow_up(read(reading.text[: joint.start()], reading.now)) or first
        if first is None or first.plain or first.intent not in CHANGES or first.intent == "undo":
            continue
        second = whole(reading.text[joint.end() :])
        if not isinstance(second, Command) or second.plain or second.intent not in CHANGES - {"undo", "past"}:
            continue
        pronouns = (second.ref or "").lower() in v.PRONOUNS and (first.ref or "").lower() in v.PRONOUNS
        if (second.ref or "").lower() not in v.PRONOUNS or pronouns:
            return replace(first, also=second)  # "make it high and move it to friday": both of the task talked about
        if first.ref and first.ref.lower() not in v.PRONOUNS and second.intent == "schedule":
            return replace(first, also=replace(second, ref=first.ref))  # "take the downtown tag off the copies and tag it northside"
    return None
