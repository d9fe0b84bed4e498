"""Answers to the assistant's own questions: a yes or no to "Delete …? (yes / no)" (`Confirm`), and a
number, a place in the list, part of a title or "never mind" to "Which one…?" (`Pending`).

`interpret` tries these first, on the whole message and on its first sentence ("No, keep it. I
mixed it up with something else."); `parse` is its reading of a message on its own, so an answer
that is a request of its own ("undo", "add milk") is told from one that picks a task.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from . import ranking
from . import vocabulary as v
from .asides import aside
from .command import Command
from .reading import FLAGS, Reading, yes_no
from .reply import Reply, quote, which_one
from .state import Confirm, Context, Pending, State
from .vocabulary_answers import ANSWER_FILLERS

Parse = Callable[[Reading], Command | None]
ID_REF = re.compile(v.ID_REF, FLAGS)
_NOT_THE_OTHER = re.compile(r",? (?:not|rather than|instead of) (?:the )?[\w' -]+$", FLAGS)
ORDINAL_REF = re.compile(r"^(?:the )?(?P<ord>" + "|".join(v.ORDINALS) + r")(?: one| task| item)?$", FLAGS)


def answer(context: Context, reading: Reading, parse: Parse) -> Command | Reply | None:
    """The message as an answer to the question the previous reply asked, if it answers it."""
    previous = context.previous
    if previous.confirm is not None and (confirmed := _answer_confirm(previous.confirm, reading, parse)) is not None:
        return confirmed
    if previous.pending is not None and (chosen := _answer_pending(previous.pending, reading, parse)) is not None:
        return chosen
    return None


def _answer_confirm(confirm: Confirm, reading: Reading, parse: Parse) -> Command | None:
    """Yes carries out what a "Delete …?" question asked about, no drops it; anything else is
    read on its own. "No, undo" at "Delete …?" keeps the task and undoes nothing older."""
    said = yes_no(reading.message)
    head, comma, tail = reading.message.partition(",")
    if said is None and comma and aside(tail):  # "yep, dairy guy is dropping it off now": the answer, then why
        said = yes_no(head)
    if said is None and (parsed := parse(reading)) is not None and parsed.intent == "undo":
        said = False
    if said is True:
        if confirm.task_id is None:
            return Command(confirm.action, task_ids=confirm.task_ids)
        return Command(confirm.action, task_id=confirm.task_id)
    if said is False:
        kept = {"delete_many": "OK, nothing was deleted.", "reopen_many": "OK, nothing was changed."}
        return Command("say", answer=kept.get(confirm.action, f"OK, I kept {quote(confirm.title)}."))
    return None


def _answer_pending(pending: Pending, reading: Reading, parse: Parse) -> Command | Reply | None:
    """Carries out the request a "Which one…?" question left open, if the answer picks one."""
    ids = pending.options
    answer = reading.text.lower()  # "the topper, my sister is making one": the aside is off
    parsed = parse(reading)
    if yes_no(reading.message) is False or (parsed is not None and parsed.intent == "undo"):
        return Command("say", answer="OK, I left them as they were.")
    if answer in v.SEVERAL:  # "both": one at a time, and the question stays open
        return Reply("One at a time, please: which one — " + " or ".join(f"#{i}" for i in ids) + "?", State(pending=pending))
    chosen: int | None = None
    by_id = ID_REF.match(answer)
    ordinal = ORDINAL_REF.match(answer)
    if by_id and int(by_id.group("id")) in ids:
        chosen = int(by_id.group("id"))
    elif ordinal:
        index = v.ORDINALS[ordinal.group("ord").lower()]
        chosen = ids[index] if -len(ids) <= index < len(ids) else None
    held = pending.command
    if chosen is None:
        return _answer_by_title(pending, answer, parsed)

    return replace(held, task_id=chosen)  # "the second one" of the tasks the question named: that one


def _answer_by_title(pending: Pending, answer: str, parsed: Command | None) -> Command | Reply | None:
    """ "nursery", "the nursery one": an answer naming one of the offered tasks by part of its title,
    if the answer is no request of its own. Fitting several still, it asks again among those."""
    if not pending.titles or (parsed is not None and not parsed.plain) or not ranking.ref_words(answer):
        return None
    held = pending.command
    answer = _NOT_THE_OTHER.sub("", answer)  # "the inspection, not the radon"
    offered = [{"id": i, "title": t, "completed": held.intent == "reopen"} for i, t in zip(pending.options, pending.titles, strict=True)]
    # "the nursery one", "the motion obviously": among those offered, a name
    named = " ".join(w for w in answer.split() if w not in v.LOOSE_NAMING and w.lower().strip(",.!") not in ANSWER_FILLERS)
    decision = ranking.decide(named or answer, offered, held.intent)
    whole = [t for t in decision.options if ranking.named_exactly(named or answer, t, decision.options)]
    if len(whole) == 1:  # "parks" for "… at the Parks house", not "… office park"
        decision = ranking.Decision(whole[0])
    if decision.options:
        return which_one(held.intent, held, decision.options)
    if decision.task is None:
        return None
    if held.intent == "delete" and not decision.exact:
        return Command("confirm_delete", task_id=int(decision.task["id"]))
    return replace(held, task_id=int(decision.task["id"]))
