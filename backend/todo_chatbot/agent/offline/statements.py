"""Statements of what was done, read on their own: "I called mom", "got the cat food", "landlord finally
fixed the proofer door", "the plants are watered", "amox reorder went thru", "fermenter 3 is clean". Each is
a "past" command whose reference names the job (completing.py finds the task); news of a move ("harrisons
rescheduled the meet and greet") is none. Pure functions of the text, used by interpret._without_command."""

from __future__ import annotations

import re
from datetime import datetime

from ...parsing.lexicon import any_past, lemma
from . import vocabulary_repair as repair
from . import vocabulary_said as shapes
from .command import Command
from .reading import FLAGS, MOVED, slots_in
from .repair import MARKERS
from .verbs import present
from .vocabulary_verbs import DONE_PARTICIPLES, DONE_STATES, DONE_TO_YOU, GOING

_NOT_THE_OLD = re.compile(r"\bnot (?:on |at )?(?P<old>\w+)$", FLAGS)
_PAST = re.compile(r"(?:(?:i|we)(?:'ve| have)? )?(?:just |already |finally |actually |now )?(?P<verb>[a-z]+) (?P<rest>.+)", FLAGS)
_SOMEONE_DID = re.compile(  # "landlord finally fixed the proofer door"
    r"(?:the |my |our )?(?P<who>[a-z]+(?: [a-z]+)?) (?:finally |just |already |actually )?(?P<verb>[a-z]+)"
    r" (?P<rest>(?:the|my|our|his|her|their|a|an) .+)",
    FLAGS,
)
WHEN_DONE = re.compile(
    r"(?: (?:today|yesterday|this (?:morning|afternoon|evening)|earlier|last night|at last|already|finally|just now|at lunch(?:time)?"
    r"|on (?:the|my) way (?:home|back|in|to work)|after work|before work|(?:before|after|during) (?:my|the|our) \w+"
    r"|(?:before|after|during|at) (?:lunch|work|dinner|breakfast|class|school|practice)"
    r"|(?:this|last) (?:week|weekend)|last nite|tonite|actually))+$",
    FLAGS,
)
_PARTICIPLE = re.compile(  # "the plants are watered", "rent - paid", "passport renewed ✅" (the verb: a past form)
    r"(?P<obj>(?!(?:i|we|you|it|that|this|there|needs?|has|have|should|must|will|can)\b)[^,]+?)"
    r"(?P<aux> is| are| has been| have been| was| were| got)?"
    r"(?: now| all| finally)?(?P<sep> -|:)? (?P<verb>[a-z]+)(?P<whom> for [a-z][\w' -]*?)?"
    r"(?: (?:at|by|to|from) (?:(?:the|my|our) )?[a-z][\w' -]*?)?"
    r"(?: (?:now|at last|finally|today))?"
    r"(?P<mark> ?[✅✓✔️]+)?",
    FLAGS,
)
_AND_PAST = re.compile(r"(?:,|,? (?:and|&))(?: (?:i|we|also|then))* (?P<verb>[a-z]+) ", FLAGS)
_WENT_THROUGH = re.compile(
    r"(?P<obj>.+?) (?:(?:went|came|got|has gone|is) (?:thru|through|done|sorted)\b.*|(?:went|has gone|got sent) (?:out|home)\b.*"
    r"|(?:came|have come|has come|arrived) in\b.*"
    r"|(?:is|are) (?:up|live|out(?: the door)?)(?: (?:on|at) [\w ]+?)?(?: now| already| today| finally)?(?:,.*)?)"  # not "is out sick"
    r"|(?P<short>.+?)(?:'s| is| are) in",  # "registration's in"
    FLAGS,
)
_AND_SAID_DONE = re.compile(shapes.AND_DONE + "$", FLAGS)  # "got the tape, and flowers are ordered"
_AND_ALSO_DONE = re.compile(r"(?<=ed) and [a-z]+ed$", FLAGS)
_DATED_END = re.compile(r"(?P<head>.+?) (?P<when>(?:for|on|at|by) .+)", FLAGS)


def done_said(text: str, now: datetime) -> Command | None:
    """What a message with no command word says was done, if it says so; not a value said in place of
    another ("its sunday not sat": "sat" is a day there, no past)."""
    if (instead := _NOT_THE_OLD.search(text)) and slots_in(f"on {instead['old']}", now) is not None:
        return None
    past = _PAST.fullmatch(text)
    if past and MOVED.fullmatch(past.group("verb")):  # "harrisons rescheduled the meet and greet": news, nothing done
        past = None
    if past and past.group("verb").lower() in GOING and re.match(r"(?:over |out |back )?to\b", past.group("rest"), FLAGS):
        past = None  # "ok headed to martinez": on the way, not done
    if past:
        verb = present(past.group("verb").lower())
        said = past.group("verb").lower() != verb or re.match(r"(?:i|we)\b", text, FLAGS)  # "put the kids to bed": not "I put"
        rest = WHEN_DONE.sub("", past.group("rest")) or past.group("rest")  # "I renewed my passport today"
        if verb and said:
            return past_command(f"{verb} {rest}", text)
        if any_past(past.group("verb")) and not MARKERS.match(text):  # "placed the order", "graded the mocks": done, never a to-do
            return Command("past", text=text, ref=f"{past.group('verb')} {rest}")
    someone = _SOMEONE_DID.fullmatch(text)  # "landlord finally fixed the proofer door": done, whoever did it
    verb = present(someone["verb"].lower()) if someone and someone["who"].lower() not in repair.ASIDE_WORDS else None
    moved = someone is not None and MOVED.fullmatch(someone["verb"])  # "harrisons rescheduled the meet and greet"
    if someone and verb and not moved and someone["verb"].lower() not in DONE_TO_YOU and verb != someone["verb"].lower():
        return past_command(f"{verb} {someone['rest']}", text)
    if went := _WENT_THROUGH.fullmatch(text):  # "amox reorder went thru": done
        return Command("past", text=text, ref=f"done {went['obj'] or went['short']}")
    text = without_second_done(text)
    dated = _DATED_END.fullmatch(text)  # "piano tuner booked for the 22nd": done, the day the job's own
    done = _PARTICIPLE.fullmatch(dated["head"] if dated and slots_in(dated["when"], now) is not None else text)
    said = done and (done.group("aux") or done.group("sep") or done.group("mark") or done.group("verb").lower() not in DONE_TO_YOU)
    if done and said and done.group("verb").lower() in DONE_PARTICIPLES:  # "the order is placed", "maple st edits are sent"
        return Command("past", text=text, ref=f"{done.group('verb')} {done.group('obj')}")
    participle = done.group("verb").lower() if done else ""
    if (
        done
        and said
        and not MOVED.fullmatch(participle)
        and (verb := present(participle) or (lemma(participle) if any_past(participle) else None) or _done_state(done))
    ):
        # "the plants are watered", "headcount confirmed", "florist confirmed for henderson", "fermenter 3 is clean"
        return Command("past", text=text, ref=f"{verb} {done.group('obj')}{done.group('whom') or ''}", verb=verb)
    return None


def without_second_done(text: str) -> str:
    """ "the cookies are baked and packed": the first of two things said done."""
    return _AND_ALSO_DONE.sub("", text)


def _done_state(done: re.Match[str]) -> str | None:
    """ "fermenter 3 is clean": a state said of a thing (with "is" or "are") is the job that makes it done."""
    return DONE_STATES.get(done.group("verb").lower()) if done.group("aux") in (" is", " are") else None


def past_command(done: str, text: str) -> Command:
    """ "pay rent and called mom" (a to-do verb, then what was done): the first task's reference, and
    what follows an "and" that another past form starts ("call mom"). "bought bread and milk" is one."""
    verb, _, rest = done.partition(" ")
    for m in _AND_PAST.finditer(rest):
        then = present(m.group("verb").lower())
        if then:
            return Command("past", text=text, ref=f"{verb} {rest[: m.start()]}", more=f"{then} {rest[m.end() :]}")
    if (said := _AND_SAID_DONE.search(rest)) and (then := present(said["pp"].lower()) or lemma(said["pp"].lower())) != said["pp"].lower():
        return Command("past", text=text, ref=f"{verb} {rest[: said.start()]}", more=f"{then} {said['obj']}")  # "… and flowers are ordered"
    return Command("past", text=text, ref=done)
