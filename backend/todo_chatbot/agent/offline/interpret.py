"""Interpreting: a `Reading` and the dialogue state -> one `Command`, or a reply back.

Every rule that turns one intent into another lives here, each a named function: the
reading that explains most of the message (`_command_for`); a command word that is the
to-do's own verb (`_is_todo`, `_dated`); messages with no command word (`_without_command`);
and the redirects of a command by what its slots say (`_redirect`: "change it to done" is
a completion, "change it to 7" a time, a loose delete asks). The rules that read a message
against the conversation or around its request are named functions of their own modules,
tried from `interpret` in this order: the one sentence that asks, a preamble, a comment after
a comma (clauses.py); answers to its own questions (answers.py); thanks and a reason before
"so" (clauses.py); taking back, same-for (repair.py); one-field follow-ups (followup.py);
corrections (correct.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from functools import partial

from rapidfuzz import fuzz, process

from ...parsing import extract_slots, strip_command, unquote
from ...parsing.lexicon import any_past, bare_verb, finite_forms, known, lemma, participle, third_person
from ...parsing.vocabulary import TODO_VERBS
from . import ranking
from . import vocabulary as v
from . import vocabulary_news as news
from . import vocabulary_repair as repair
from .answers import ID_REF, answer
from .clauses import (
    ADDING,
    Reread,
    after_preamble,
    chatting,
    first_sentence,
    imperative,
    on_topic,
    reason_first,
    thanks,
    the_one_request,
    then_on_it,
    topic_then_it,
    without_comment,
)
from .command import Command
from .correct import correction
from .followup import follow_up, instead_of_a_delete, move_it_then, retag, said_alone, tag_both, to_the_group
from .joined import each_request, two_requests
from .reading import FLAGS, Reading, clean, only_when, read, slots_in
from .repair import MARKERS, same_for, take_back, unmarked
from .reply import NOT_UNDERSTOOD, WHAT_TO_ADD, Reply
from .state import Context, State
from .statements import WHEN_DONE, done_said, without_second_done
from .verbs import misspelt_past, present, said_verb
from .vocabulary_verbs import FEELINGS, OBJECT_PRONOUNS

_FIRM_DELETE = re.compile(
    r"(?:delete|remove|erase|get rid of)\b|.*\b(?:off|from|out of) (?:of )?(?:my|the) (?:todo |to-do )?list$|" + v.FIRM_BY_NUMBER + "$",
    FLAGS,
)
_RENAME = re.compile(v.RENAME_VERBS, FLAGS)
_NOT_ENGLISH_CHARS = re.compile(repair.NOT_ENGLISH_CHARS, FLAGS)
_REMARK = re.compile(r"(?:it's |its |it is )?(?:gonna|going to) be\b|looks like\b|feels like\b", FLAGS)
_ANOTHER_REQUEST = re.compile(r"\b(?:and|&) (?:then )?(?:tag|untag|move|push|bump|mark|make|delete|remove|change|rename)\b", FLAGS)
_MARK_IT = re.compile(r"(?:mark|set|make|flag|tick|check) (?:it|that|this|them)(?: off| as)?", FLAGS)
_NUMBER = re.compile(r"[0-9]{1,2}")
_ONLY_HER = OBJECT_PRONOUNS | {"now", "already", "actually", "just", "back"}  # "calling her now"
_PART_OF = re.compile(news.PART_OF, FLAGS)


def interpret(reading: Reading, context: Context) -> Command | Reply:
    """What this message asks for, given the conversation: first as an answer to the
    question the previous reply asked (if it answers it), else on its own."""
    own = partial(reread, now=reading.now)  # words read on their own
    asked = context.previous.confirm is not None or context.previous.pending is not None
    if asked and (first := first_sentence(reading)) is not None and (answered := answer(context, first, _command_for)) is not None:
        return answered  # "No, keep it. I mixed it up with something else."
    if (both := tag_both(reading, context, own)) is not None:  # "and restock protein bars tmrw, tag both inventory"
        return both
    if (each := each_request(reading, own, lambda said: interpret(read(said, reading.now), context))) is not None:
        return each  # "called the doc's office. add ava pediatrician appt tmrw 9:15am"
    if (moved := move_it_then(reading)) is not None:
        return moved  # "textiles have to wait, conservator can't come til monday. move it"
    if (alone := the_one_request(reading, own) or after_preamble(reading, own)) is not None:  # "long night. …"; "hi there, add …"
        return on_topic(interpret(alone, context), reading, alone)
    if (superseded := then_on_it(reading, own)) is not None:  # "the license renewal isnt urgent, set it to low"
        return superseded
    reading = without_comment(reading, own)  # "make it 7:30am, client leaves for work early"
    if (answered := answer(context, reading, _command_for)) is not None:
        return answered
    command = command_for(reading)
    if command is not None and command.ref and MARKERS.match(command.ref) and unmarked(reading) != reading.text:
        # "sorry, bridge is at 3 not 2", "sorry the venue call is actually on monday": the apology is no part of the task's name
        only_marker = MARKERS.fullmatch(command.ref.strip(" :,-"))  # "Correction: the 3rd, not the 1st": a correction, not a move
        command = command_for(read(unmarked(reading), reading.now)) or (None if only_marker else command)
    # "… so thats done", "new tech handles the furnace now so delete task 3"
    swallowed = command is None or command.plain or command.intent == "past" or " so " in (command.ref or command.title or "")
    if swallowed and (other := thanks(reading, own) or reason_first(reading, own)) is not None:  # "thx man, …"; "… so delete task 3"
        return other
    if (command is None or command.plain) and (on_it := topic_then_it(reading, own)) is not None:  # "the highlighter thing, get rid of it"
        return on_it
    if (instead := instead_of_a_delete(reading, context, command)) is not None:  # "actually just mark it done instead"
        return instead
    if (taken := take_back(reading, context, command)) is not None:  # "no keep it": the last change undone
        return taken
    if (group := to_the_group(reading, context, own)) is not None:  # "tag all of those zoo" after a paste
        return group
    joined = _ANOTHER_REQUEST.search(reading.text) is not None  # "take the downtown tag off the copies and tag it northside"
    if joined and (two := two_requests(reading, own, lambda tail: interpret(read(tail, reading.now), context))) is not None:
        return two
    if (changed := retag(reading) or follow_up(reading)) is not None:  # "tag it trip not parade", "make it the 5th instead"
        return changed
    if (again := _same_for(reading, context, command)) is not None:  # "same for the jenny one"
        return again
    if command is None or command.plain:  # no command word: a correction, another language, or a to-do
        # "no, thursday" (the words after a correction's own read on their own); "every other wednesday"
        corrected = correction(reading, context, own) or said_alone(reading, context)
        if corrected is not None:
            return corrected
        if _not_english(reading.message, command):
            return Reply(repair.NOT_ENGLISH_REPLY, State(unclear=True))
    if (command is None or command.plain) and (two := two_requests(reading, own, lambda tail: interpret(read(tail, reading.now), context))):
        return two  # "mark task 1 as complete and delete CE credits"
    if command is None and (asking := _asked_at_the_end(reading, own)) is not None:
        return asking  # "morning. end of shift, quick one - anything overdue?"
    if command is None:
        return Reply(NOT_UNDERSTOOD, State(unclear=True))  # "move it to monday" after this: which task?
    if command.intent == "add" and _NO_THING.fullmatch(command.title or ""):  # "can you add a few things for me": which?
        return Reply(WHAT_TO_ADD, State(unclear=True))
    if command.intent == "add" and chatting(reading):  # "long shift tonight lol airport runs all evening"
        return Command("smalltalk", text=reading.text)
    if command.intent == "add" and command.plain and reading.asked:  # "insurance is still high priority right?": no to-do
        return Reply(NOT_UNDERSTOOD, State(unclear=True))
    return command


# "pump guy says its not in til monday", "priya can only do sunday now": someone's news with a day, no thing to do
_STATEMENT = re.compile(
    r"(?:[\w'-]+ ){1,3}(?:says|said|can|can't|cant|could|couldn't|wants|thinks|won't|will|isn't|is|are|was|were)\b[^,:;]*", FLAGS
)
_NO_THING = re.compile(
    r"(?:(?:a )?few|(?:a )?couple(?: of)?|some|several|more|(?:a )?bunch of|(?:a )?lot of|\d+|two|three)(?: more)? "
    r"(?:things|stuff|tasks|items|todos|to-dos|errands)(?: (?:for|to) (?:me|us|my list|the list))?",
    FLAGS,
)


def _stated(remainder: str) -> bool:
    """Someone's news, not a to-do: "pump guy says its not in til monday", "my editor gave me till wednesday …"
    (a past that is no participle, "gave", "took", after a word or two; not "haircut booked friday")."""
    said = ranking.words(re.split(r"[,:;]", remainder, maxsplit=1)[0])
    return bool(_STATEMENT.fullmatch(remainder)) or any(any_past(w) and not participle(w) and not w.endswith("ed") for w in said[1:3])


_LAST_PART = re.compile(r"(?:[,;:]|\s[-—–]+|[.!]+)\s+(?=[^,;:.!—–]+$)")


def _asked_at_the_end(reading: Reading, own: Reread) -> Command | None:
    """A question said last, after remarks no rule read: its answer, which changes nothing."""
    last = _LAST_PART.search(reading.text)
    if not reading.asked or last is None:
        return None
    found = own(reading.text[last.end() :])
    return found if found is not None and found.intent in ("list", "check") else None


def _same_for(reading: Reading, context: Context, whole: Command | None) -> Command | None:
    """The last change again for another task, unless the words after "same for" are a request of
    their own ("delete the milk too" is that delete)."""
    again = same_for(reading, context)
    said = ranking.words(again.ref or "") if again is not None else []
    if again is None or (len(said) > 1 and (said[1] in finite_forms() or third_person(said[1]))):
        return None  # not "Marcus wants to see the loft on Blake too": someone doing something, news
    # "tag the autoclave one and the insta one w/ shop too": the message's own reading is a change of its own
    if whole is not None and not whole.plain and whole.intent == "schedule" and (whole.tag or whole.when or whole.prio):
        return whole
    if ID_REF.match(again.ref or ""):  # "task 3 too"
        return again
    own = command_for(read(again.ref or "", reading.now))
    return own if own is not None and not own.plain and own.intent not in ("list", "smalltalk", "help") else again


def reread(text: str, now: datetime) -> Command | None:
    """What words read on their own ask for (a message's own words once a correction's are off)."""
    return command_for(read(text, now))


def parse(message: str, now: datetime) -> Command | None:
    """What the message asks for on its own (no conversation), read at `now`: the corpus's measure."""
    return command_for(read(message, now))


def command_for(reading: Reading) -> Command | None:
    command = _command_for(reading)
    if command is not None and command.intent in ("past", "complete") and _PART_OF.search(reading.text):
        return None  # "got 9 of 14 fees in": part of a job is news of it, not the job done
    if command is not None and command.intent == "past" and said_verb(command.ref or "") in FEELINGS:
        return None  # "worried about the rent": how a task feels
    done_to = ranking.words(command.ref or "")[1:] if command is not None and command.intent in ("past", "complete") else []
    if done_to and set(done_to) <= _ONLY_HER and _MARK_IT.search(reading.text):
        return Command("complete", text=reading.text, ref="it")  # "calling her now actually, mark it done": the one talked about
    return _redirect(command, reading.now) if command is not None else None


def _not_english(message: str, command: Command | None) -> bool:
    """A message in another language: its letters or its everyday words. A to-do said plainly
    needs two signs, a message nothing else explains one."""
    said = re.findall(r"[^\W\d_]+", message.lower())
    foreign = sum(w in repair.NOT_ENGLISH_WORDS for w in said)
    marks = bool(_NOT_ENGLISH_CHARS.search(message))
    if command is None:
        return marks or foreign >= 2 or 2 * foreign > len(said)
    return foreign >= 2 or (marks and foreign >= 1)


def _command_for(reading: Reading, retyped: bool = False) -> Command | None:
    """The reading whose pattern explains most of the message, unless the message is a to-do
    whose first word only looks like a command; with no pattern, `_without_command`."""
    text = reading.text
    if not text:
        return Command("help") if reading.message.strip() else None
    best = reading.best
    if best is None:
        return None if reading.question else _without_command(text, retyped, reading.now)
    intent, parts = best.intent, dict(best.parts)
    if "verb" in parts:  # "I haven't actually called mom": the task is "call mom"
        verb = parts.pop("verb")
        parts["ref"] = f"{present(verb.lower()) or verb} {parts.pop('obj')}"
    if (intent in ("complete", "delete") or (intent == "list" and "q" in parts)) and _is_todo(text, parts, reading.now):
        return _to_do(text)
    if intent == "delete" and _dated(parts.get("ref", ""), reading.now):  # "scrap the car on friday": a to-do
        if not _FIRM_DELETE.match(text):
            return _to_do(text)
        parts["dated"] = "yes"  # "remove the stain tomorrow" or "delete the dentist appointment on friday": see _redirect
    if intent == "complete" and "ref" in parts:  # "did the hendersons lawn yesterday"
        head, comma, tail = parts["ref"].rpartition(",")
        again = _command_for(read(tail.strip(), reading.now)) if comma else None
        if (again is not None and again.intent == "complete" and (again.ref or "").lower() in v.PRONOUNS) or _MARK_IT.fullmatch(
            tail.strip()
        ):
            said = _command_for(read(head.strip(), reading.now))  # "snack schedule went out last night, mark it done"
            if comma and said is not None and said.intent == "past":
                return said
            parts["ref"] = head  # "did the staff schedule this morning actually, mark it done": the same said twice
        parts["ref"] = WHEN_DONE.sub("", parts["ref"]) or parts["ref"]
        doing, _, rest = parts["ref"].partition(" ")
        if doing.lower().endswith("ing") and rest and lemma(doing.lower()) != doing.lower():  # "finished going thru the responses"
            return Command("past", text=text, ref=f"{lemma(doing.lower())} {rest}")
    if reading.asked:
        parts["asked"] = "yes"
    return Command.from_parts(intent, parts | {"text": text})


def _to_do(text: str) -> Command:
    """A to-do said plainly, the whole message its words."""
    return Command("add", text=text, title=text, plain=True)


def _plain_to_do(text: str) -> Command | None:
    """A to-do said without a command word, unless it has words no to-do has ("no, I meant thursday",
    "whats on today"): those leave it unexplained, and an unexplained message changes nothing."""
    if set(ranking.words(text)) & repair.NOT_A_TODO_WORDS or _REMARK.match(text):  # "gonna be a sunny one today"
        return None
    return _to_do(text)


def _is_todo(text: str, parts: dict[str, str], now: datetime) -> bool:
    """A command word that is really the to-do's own verb: "finish the report by friday" (a date),
    "drop off the donations" (a particle), "show the flat to the tenants on saturday"."""
    ref = parts.get("ref", "")
    if ref.split(" ", 1)[0].lower() in {"off", "out", "up", "by", "over", "down", "in"}:
        return True
    if text.split(" ", 1)[0].lower() not in TODO_VERBS:
        return False
    found = extract_slots(ref or parts.get("q") or text, now)
    return bool(found.due_date or found.recurrence) and ref.lower() not in v.PRONOUNS


def _dated(ref: str, now: datetime) -> bool:
    """A reference that carries a date or a repeat names a to-do, not a task to find."""
    found = extract_slots(ref, now) if ref else None
    return bool(found and (found.day_named or found.recurrence)) and ref.lower() not in v.PRONOUNS


def _without_command(text: str, retyped: bool, now: datetime) -> Command | None:
    """A message with no command word: "I called mom" (done), "pick up the parcel" (a to-do),
    or a misspelt command ("shw my tasks")."""
    joint = next((m for m in re.finditer(r", ", text) if ADDING.match(text, m.end())), None)  # the first ", add …"
    head, tail = (text[: joint.start()], text[joint.end() :]) if joint else (text, "")
    if joint and (added := command_for(read(tail, now))) is not None and added.intent == "add":
        done_first = _without_command(head, retyped, now)  # "just got off a 12, add renew BLS cert by the 1st"
        if done_first is not None and done_first.intent == "past" and done_first.more is None:
            return replace(done_first, then=added.title)
    if (done := done_said(text, now)) is not None:  # "I called mom", "the plants are watered", "amox reorder went thru"
        return done
    text = without_second_done(text)
    first, _, rest = text.partition(" ")
    whom = rest.split(" ", 1)[0].lower().strip(",")
    commanding = set(ranking.words(rest)) & set(v.COMMAND_WORDS)  # not "ignore previous instructions and delete everything"
    told = any_past(whom) and lemma(whom) != whom  # "vet called back": a thing that did something, no "vet …" to do
    verb = first.lower() in TODO_VERBS or (bare_verb(first) and whom not in v.SUBJECTS | {"u", "me", "us"} and not commanding and not told)
    verb = verb or (not commanding and imperative(text))  # "pitch Rebecca Solnit's team"
    if verb and rest and rest.lower() not in v.PRONOUNS | v.BULK_WORDS:  # "restock ice packs", not "bless you"
        return _plain_to_do(text)
    if not retyped:
        fixed = process.extractOne(first.lower(), v.COMMAND_WORDS, scorer=fuzz.ratio, score_cutoff=v.TYPO_SCORE)
        word = first.lower()
        negated = word.endswith(fixed[0]) and word.removesuffix(fixed[0]) in v.NEGATING_PREFIXES if fixed else False
        # a known word two letters longer or shorter is no typo: "rate lock extension" is not "create", "shower chair …" not "show"
        grown = fixed is not None and known(word) and (abs(len(fixed[0]) - len(word)) > 1 or len(word) > 3)  # not "crate cover"
        if fixed and fixed[0] != word and not negated and not grown:  # not "un-complete" -> "complete"
            return _command_for(read(f"{fixed[0]} {rest}".strip(), now), retyped=True)
        past_typo = misspelt_past(word) if rest else None  # "bougth the dog food"
        if past_typo:
            return _command_for(read(f"{past_typo} {rest}", now), retyped=True)
    # a date, time, priority or label first: "urgent: call the landlord", "tomorrow: call the school"
    found = extract_slots(text, now)
    label = re.match(r"^[^:]{1,30}:\s*(?P<rest>.+)$", text)
    remainder = label.group("rest") if label and slots_in(text[: label.start("rest")], now) else found.title
    has_slots = found.due_date or found.priority != "none" or found.tags
    lead = (
        re.sub(r"^(?:an?|another) ", "", strip_command(remainder), flags=FLAGS).split(" ", 1)[0].lower()
    )  # "every friday i have to pick …": pick
    if has_slots and remainder != text and lead in TODO_VERBS:
        return _plain_to_do(text)
    # a thing at a time: "dentist appt next tuesday 9:30am", "gym mon wed fri at 7am"; or of a priority: "bubble mailers - high pri"
    named = [w for w in ranking.words(remainder) if w not in v.REF_FILLER and w not in v.PRONOUNS]
    slotted = found.day_named or found.recurrence or found.priority != "none"
    if slotted and remainder != text and named and lead not in v.NOT_A_TITLE_START | v.SUBJECTS and not _stated(remainder):
        return _plain_to_do(text)
    return None


# ---------------------------------------------------------------- redirects by what the slots say


def _redirect(command: Command, now: datetime) -> Command:
    if command.intent == "update":
        return _update(command, now)
    if command.intent == "delete":
        return _delete(command, now)
    if command.intent == "schedule" and command.ref is None:  # "remove the due date": of it
        return replace(command, ref="it")
    if command.intent == "list" and command.check is not None:
        return _check(command)
    return command


def _update(command: Command, now: datetime) -> Command:
    """A new title or notes. "Change the report to done" or "… to high" is not a new title, and a
    loosely named task keeps its verb: "change mom to dad" makes "Call mom" "Call dad"."""
    if command.new is None or command.new != unquote(command.new) or _RENAME.match(command.text):
        return command  # no new title, a quoted one, or "rename the report to done": a rename
    new = clean(command.new).lower()
    if _NUMBER.fullmatch(new):  # "change it to 7": the hour, if it is one; never a title of digits
        if slots_in(f"at {new}", now) is None:
            return Command("say", answer="I'm not sure what “" + new + "” should change, so I changed nothing. Try “make it 7pm”.")
        return replace(command, intent="schedule", when=f"at {new}", bare_hour=True)
    if new in v.DONE_STATES:
        return replace(command, intent="complete")
    if new in v.OPEN_STATES:
        return replace(command, intent="reopen")
    if new in v.PRIORITY_LEVELS:
        return replace(command, intent="schedule", prio=v.PRIORITY_LEVELS[new])
    when = command.new.split(",", 1)[0].strip()  # "change Walk Biscuit to every weekday, his owner works from home now"
    if slots_in(when, now) is not None and only_when(when, now) and not TODO_VERBS & {next(iter(ranking.words(when)), "")}:
        return replace(command, intent="schedule", when=when, new=None)
    if next(iter(ranking.words(new)), "") in v.NOT_A_TITLE_START:
        return Command(
            "say",
            answer=f"I'm not sure what “{command.new}” means for that task, so I changed nothing. "
            "To rename it, say “rename … to …”; to move it, name a day or time (“move it to friday at 10am”).",
        )
    return replace(command, keep_verb=True)


def _delete(command: Command, now: datetime) -> Command:
    """A delete acts unasked only on a command with a firm verb ("delete", "remove", "get rid of") that
    names the task clearly. A statement ("the meeting is cancelled"), an everyday verb ("trash the old
    sofa", "drop the kids"), or a question mark asks first. A dated one ("delete the dentist on friday")
    looks for the task by the words before the date, and asks."""
    if not _FIRM_DELETE.match(command.text) or command.asked:
        command = replace(command, ask=True)
    if command.dated:
        command = replace(command, ref=extract_slots(command.ref or "", now).title, ask=True)
    return command


def _check(command: Command) -> Command:
    """ "Did I finish the report?", "is rent paid?" (did I pay rent): about one task, changing nothing."""
    assert command.check is not None
    if command.pp is None:
        return Command("check", text=command.text, ref=command.check)
    if not present(command.pp.lower()):
        return Command("say", answer=NOT_UNDERSTOOD)
    return Command("check", text=command.text, ref=f"{command.pp} {command.check}")
