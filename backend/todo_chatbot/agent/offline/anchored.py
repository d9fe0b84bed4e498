"""Reading a message against the list: the stage after interpreting, for a message the rules left
unexplained, would add as a to-do though nobody asked to add one, or read as done without finding
the task ("kim's daughter texted, they want to move to 1pm tmrw", "morning. rekeyed oak lane
already", "did the GWO online refresher last night, cert's renewed").

It reads no phrasing. A question is about the task it speaks of (its answer changes nothing). Else
it reads three things of the whole message: the one open task it speaks of
(ranking.mentioned: more of that title's words than of any other's), the slots it carries (the
parsing module's date, time, repeat and priority), and what it says happened to the task: a word of
a change ("moved", "push", "they want", "bump that") or of a completion ("done", "finished", the
task's own verb in the past: "rekeyed" for "Rekey locks at 14 Oak Lane"). A change with slots
changes that task; a completion, not denied, completes it; anything else stays as the rules read it.
Pure functions: the agent gives the list.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any

from ...parsing import extract_slots, slot_words
from ...parsing.lexicon import any_past, bare_verb, known, lemma, participle
from ...parsing.vocabulary import TODO_VERBS
from . import ranking
from . import vocabulary_news as news
from .command import Command
from .pasted import level
from .reading import FLAGS, Reading
from .reply import Reply
from .verbs import job_fits, no_job_of, said_verb
from .vocabulary_repair import MUSING, NOT_ENGLISH_REPLY, PRIORITY_LEVEL
from .vocabulary_verbs import DONE_TO_YOU, FEELINGS, GIVING, NO_JOB_DONE, REACHING, TAKING

Task = dict[str, Any]
ASKS_TO_ADD = re.compile(
    r"\b(?:add|adding|create|remind me|jot|note down|put (?:down|on)|new task|need to|have to|got to|gotta|forget to)\b"
    r"|^(?:new|\w+ more)(?: \w+)?:",  # "new orders: shorten sleeves …", "two more: …": a heading
    FLAGS,
)
_CAN_COME = re.compile(news.CAN_COME, FLAGS)
_BARE_HOUR = re.compile(news.BARE_HOUR, FLAGS)
_BARE_DAY = re.compile(r"(?<!\bon )(?<!\bby )(?<!\bdue )(?<!\bfor )\bthe (?=(?:[12]?\d|3[01])(?:st|nd|rd|th)\b)", FLAGS)
_CUE = re.compile(r"\b(?:" + "|".join(sorted(news.CHANGE_CUES)) + r")\b", FLAGS)
_OWN_WISH = re.compile(r"\b(?:i|we|i'd|we'd) (?:want|wanted|would rather|prefer|need|needed)\b", FLAGS)  # "I want to paint the fence"
_POINTING = {"it", "that", "this", "them"}
_IS_NOW = re.compile(  # "the munchkin fitting is now tuesday", "chair yoga should only be tuesdays now"
    r"\b(?:is|are|'s|s) now (?!done|finished|ready|in\b|on\b|off\b)|\bshould (?:only |just |now )?be\b(?! (?:done|finished)\b)", FLAGS
)
_LEVEL = re.compile(rf"\b(?:to|it|that|as|make|is|are) (?P<level>{PRIORITY_LEVEL})\b", FLAGS)  # "bump to medium", "make it high"
_WISHES = {"want", "wants", "wanted", "prefer", "prefers", "rather", "need", "needs", "needed"}
_CORRECTING = {"actually", "no", "wait", "sorry", "oops", "correction"}
_FILLERS = _CORRECTING | {"ok", "okay", "so", "oh", "and", "also", "hey", "hi", "um", "well", "yes", "yeah", "pls", "please"}
_WE_ARE_DONE = re.compile(r"\b(?:i'm|im|i am|we're|we are|you're|you are|be|get) (?:all )?(?:done|finished)\b", FLAGS)  # of a person
_NOT_DONE = re.compile(f"{news.NOT_DONE}|{news.PART_OF}", FLAGS)
_DONE_STATE = re.compile(news.DONE_STATES, FLAGS)
_CHECKED = re.compile(news.CHECKED_STATES, FLAGS)
_RETURNED = re.compile(news.RETURNED_STATES, FLAGS)
_PLACED = re.compile(news.PLACED_STATES, FLAGS)
_MUSING = re.compile(MUSING, FLAGS)
_ABOUT_ME = re.compile(r"(?:i'm|im|i am|we're|were|we are)\b", FLAGS)  # "I'm so tired today": a state, no past
_LEADING = {"the", "a", "an", "my", "our", "that", "this"}
_SETTING = {"set", "put", "make", "move", "push", "bump", "change", "switch", "mark", "drop"}  # verbs that change a task
_NUMBER_FIX = re.compile(r"\b(?P<new>\d+)(?: \w+)?,? not (?P<old>\d+)\b", FLAGS)  # "library is 4 dozen not 3": its title's number
_NO_JOB = {"done", "been", "gone", "had", "got", "gotten"}
_PARTS = re.compile(r"\s*(?:[,;:]|\s[-—–]\s|!+|\.\s)\s*")


def second_look(found: Command | Reply, reading: Reading, asked: bool) -> bool:
    """Whether the rules' reading may give way to the list's: a message they left unexplained, or one
    they would add as a to-do though it asks to add nothing (no "add", no "remind me"); never an answer
    to the question the last reply `asked` ("no wait keep it, might need more before we're done")."""
    if asked:
        return False
    if isinstance(found, Reply):
        state = found.state
        explained = not state.unclear or state.pending is not None or state.confirm is not None or found.text == NOT_ENGLISH_REPLY
    elif found.intent == "smalltalk":  # "hey. BI results logged, all negative 👍": more than a greeting; not "how are you?"
        explained = reading.asked or _MUSING.match(reading.message) is not None  # not "thinking about the shift today"
    else:
        explained = found.intent != "add" or found.also is not None or ASKS_TO_ADD.search(reading.text) is not None
        if not explained and found.plain and slot_words(reading.message, reading.now):
            return True  # "bubble mailers high priority pls": it may name a task on the list outright
    return not explained and may_say(reading)


def may_say(reading: Reading) -> bool:
    """Whether the message has the words `against_list` reads (a change with slots, a completion, a
    past), so that a message with none of them ("asdfghjkl", "milk") does not read the list."""
    text = reading.message  # the whole message: its remarks say what happened ("host wants one more listen")
    said = ranking.words(text)
    if reading.asked or _NUMBER_FIX.search(text):
        return True
    if set(said) & news.DONE_CUES or any(mark in reading.message for mark in news.DONE_MARKS):
        return True
    states = _DONE_STATE.search(text) or _CHECKED.search(text) or _RETURNED.search(text) or _PLACED.search(text)
    if states or set(said[:-1]) & DONE_TO_YOU:
        return True  # "salt's good", "bluefin order in", "yeah called jensen back", "patels emailed the w2s" (not "mom called")
    if not _ABOUT_ME.match(text) and [w for w in _past(said) if w != said[0] or _ed(w)]:  # not "put the kids to bed"
        return True
    changing = set(said) & news.CHANGE_CUES or news.MAKE in said or _CAN_COME.search(text) or _IS_NOW.search(text)
    return bool(changing and (_LEVEL.search(text) or _BARE_HOUR.search(text) or slot_words(text, reading.now)))


def own_change(found: Command) -> Command | None:
    """The rules' change, when it says what to change (a date, time, repeat, priority or tag), else None."""
    said = found.when or found.prio or found.tag or found.shift or found.untag or found.undate
    return found if found.intent == "schedule" and said else None


def found_nothing(found: Command, unclear: bool) -> bool:
    """Whether a completion or a change found no task by its words ("I don't see a task for …", "I
    couldn't find a task matching “newsletter push it”"), so the list may say which. Never a delete."""
    return unclear and found.also is None and found.intent in ("past", "complete", "schedule")


def said_done(found: Command) -> bool:
    """Whether the rules read a completion of a job, said as done by the person ("finished okafor's
    trousers", "faxed the DOT stuff over"), not news of a thing's state ("the flight is delayed")."""
    said = said_verb(found.ref or "")  # "forgot the rent": no job done
    return found.intent == "complete" or (found.intent == "past" and found.verb is None and said not in NO_JOB_DONE | FEELINGS)


def against_list(
    reading: Reading, tasks: list[Task], done: bool = False, change: Command | None = None, plain: bool = False
) -> Command | None:
    """The change or completion of the one open task the message speaks of, if it says one; `done`:
    the rules read the message as a completion already, only the task was not found by its words;
    `change`: the rules' change, whose words found no task ("holiday segment airs at 3:30 now not 3"),
    made to the task the message speaks of; `plain`: the rules read a to-do said plainly, which changes the
    task it names outright with the slots it says."""
    text = reading.message  # the whole message: its remarks say what happened ("host wants one more listen")
    task = ranking.mentioned(text, [t for t in tasks if not t["completed"]])
    if task is None:
        return None
    if not reading.asked and _answered(ranking.words(text), task):  # "manager said yes to the 24th!!": no move to the 24th
        return Command("complete", text=text, task_id=int(task["id"]))
    if change is not None:  # with a level said beside it ("pizza order is high priority and needs to be done by the 15th")
        said_level = _LEVEL.search(text) if change.prio is None else None
        changed_level = level(said_level["level"]) if said_level else change.prio
        return replace(change, ref=None, topic=None, task_id=int(task["id"]), prio=changed_level)
    if reading.asked:  # "insurance is still high priority right?": a question about it, answered
        return Command("check", text=text, ref=task["title"])
    said = ranking.words(text)
    text = _BARE_DAY.sub("on the ", text)  # "make it the 5th instead": a day of the month, said without its "on"
    cue = _CUE.search(text)
    # "office hours tmrw moved to 3": the new time is said after the change; before "instead" ("going back tuesday
    # instead, warehouse is closed fri")
    after = text[cue.end() :] if cue and ranking.words(text[cue.end() :]) else text
    after = text[: cue.start()] if cue and cue.group().lower() == "instead" else after
    if cue is None and (now_is := _IS_NOW.search(text)):  # "chair yoga should only be tuesdays now, thursday PT took the room"
        after = re.sub(r"\bnow\b", "", text[now_is.end() :].split(",")[0])
    said_after = slot_words(after, reading.now)
    hour = None if said_after else _BARE_HOUR.search(after)  # "wants it at 2 instead": an hour said bare
    when = "" if hour else said_after or slot_words(text, reading.now)
    prio = _LEVEL.search(text)
    if (when or hour or prio) and _changes(text, said, task):
        if hour is not None:  # "elm st guy called, wants it at 2 instead": 14:00 if the task is at 13:00
            return Command("schedule", text=text, when=f"at {hour['hour']}", bare_hour=True, task_id=int(task["id"]))
        level_said = level(prio["level"]) if prio else None  # "theraband refills bump to medium", "… till tuesday but bump it to high"
        return Command("schedule", text=text, when=when or None, prio=level_said, task_id=int(task["id"]))
    if (fixed := _NUMBER_FIX.search(text)) and re.search(rf"\b{fixed['old']}\b", task["title"]):  # "the bolsters should be 24 not 20"
        new = re.sub(rf"\b{fixed['old']}\b", fixed["new"], task["title"], count=1)
        return Command("update", text=text, new=new, task_id=int(task["id"]))
    if _done(reading.message, said, task, done) and not _NOT_DONE.search(text):
        return Command("complete", text=text, task_id=int(task["id"]))
    if plain and _named_outright(text, task) and (own := _own_slots(reading.message, task, reading.now)):
        return Command("schedule", text=text, when=own, task_id=int(task["id"]))  # "bubble mailers high priority pls"
    return None


def _named_outright(text: str, task: Task) -> bool:
    """Whether a to-do said plainly names a task on the list by its own words, not one word it shares
    ("happy thanksgiving!!" is no "Confirm Thanksgiving boarding list"; "set the table for dinner" is no
    "Book a table"): two or more of the words of its title that are no verb, and half of them at least."""
    lead = next((w for w in ranking.words(text) if w not in _FILLERS), "")
    if (lead in TODO_VERBS or bare_verb(lead)) and lead not in _SETTING and lead != ranking.words(task["title"])[0]:
        return False  # "pack max's swim bag on monday" is a job of its own, not "Swim lessons for max"
    said = {lemma(w) for w in ranking.ref_words(text)}
    things = [w for w in ranking.ref_words(task["title"]) if len(w) > 2 and w not in TODO_VERBS]
    named = [w for w in things if lemma(w) in said]
    return len(named) >= 2 and 2 * len(named) >= len(things)


def _own_slots(text: str, task: Task, now: datetime) -> str:
    """The slots said in the part of the message that names the task, and in the parts after it that are
    only slots ("rate lock extension: due today 5pm, urgent"); not a remark's ("put the barrel padding down
    to medium, new foam aint coming til next month anyway": medium, not next month)."""
    parts = [p for p in _PARTS.split(text) if p.strip()]
    titled = {lemma(w) for w in ranking.ref_words(task["title"])}
    at = max(range(len(parts)), key=lambda i: len(titled & {lemma(w) for w in ranking.ref_words(parts[i])}))
    kept = [parts[at]]
    for part in parts[at + 1 :]:
        if ranking.ref_words(extract_slots(part, now).title) and not _LEVEL.search(part):
            break
        kept.append(part)
    return slot_words(", ".join(kept), now)


def _changes(text: str, said: list[str], task: Task) -> bool:
    """A word of a change: someone moved it, wants it, can come then; or "make" said of "it", or of the
    task itself after a correction ("actually make the upload 7am"). Not the verb a to-do starts with
    ("move the couch to the garage on saturday" is a to-do of its own)."""
    lead = next((i for i, w in enumerate(said) if w not in _FILLERS), len(said))
    own_verb = _own_verb(task)  # "locks are changed" for "Change the locks": its job, done
    cues = {w for i, w in enumerate(said) if w in news.CHANGE_CUES and i != lead and lemma(w) != own_verb}
    if cues and not (cues <= _WISHES and _OWN_WISH.search(text)):
        return True
    if _CAN_COME.search(text) or _IS_NOW.search(text):  # "the munchkin fitting is now tuesday same time"
        return True
    if news.MAKE not in said:
        return False
    at = said.index(news.MAKE)
    after = [w for w in said[at + 1 :] if w not in _LEADING - _POINTING]
    if not after:
        return False
    if after[0] in _POINTING:  # "make that order high priority"
        return True
    titled = ranking.words(task["title"])  # the task itself, not its verb
    corrected = any(w in _CORRECTING for w in said[:at])
    return corrected and after[0] != titled[0] and any(ranking.word_fit(after[0], w) >= 0.9 for w in titled)


def _done(text: str, said: list[str], task: Task, done: bool) -> bool:
    """A word or mark of a completion; or a past (the rules' own, when `done`) whose job is the task's
    (verbs.job_fits: "renewed", "rekeyed" of their own tasks, "hay is picked up" for "Buy hay", "faxed
    the DOT stuff" for "DOT paperwork"); unless the rules read it as done, never news ("the dentist appt
    got cancelled", "the ford deadline got pushed"), nor what someone did to you ("mike called")."""
    if (set(said) & news.DONE_CUES and not _WE_ARE_DONE.search(text)) or any(mark in text for mark in news.DONE_MARKS):
        return True
    if _DONE_STATE.search(text):  # "bluefin order in", "death certificate request is in the mail"
        return True
    if _CHECKED.search(text) and set(ranking.words(task["title"])) & news.CHECKING:  # "salt's good" for "Check salt inventory"
        return True
    if _RETURNED.search(text) and _own_verb(task) in news.RETURNING:  # "goggles are back in the cabinet"
        return True
    if (placed := _PLACED.search(text)) and _own_verb(task) in news.PLACING:  # "the turkey is in the oven": "Put turkey in oven"
        return bool(set(ranking.ref_words(placed["where"])) & set(ranking.ref_words(task["title"])))
    # a past that is its own present ("let out the seams", "put", "set") says no past unless the rules read one
    titled = set(ranking.words(task["title"]))  # "lit" of "Lit review section" names it, no "light" done
    verbs = [lemma(w) for w in _past(said) if (done or lemma(w) != w or _ed(w)) and w not in titled]
    if set(verbs[:1]) & FEELINGS or no_job_of(text, next(iter(verbs), ""), task["title"]):  # the first verb says what was done
        return False  # "worried about the lunch", "talked to my wife about the lunch", "I forgot the rent": no job of it done
    lead = next((w for w in said if w not in _FILLERS), "")
    if lead in DONE_TO_YOU and job_fits(lemma(lead), task["title"], said):  # "yeah called jensen back, …": the person did
        return True
    if done and verbs and not set(verbs) & news.NEWS_PAST and _named_outright(text, task):
        return True  # "CAT license renewed" for "Update CAT tool license": the thing named whole, its job done in other words
    if done and not verbs:
        return True  # "finished okafor's trousers": the rules' completion named its job by a word of completion
    if _their_side(said, task):
        return True
    own_verb = _own_verb(task)  # "locks are changed": the task's own job, though "change" is news
    return any(job_fits(verb, task["title"], said) and (done or verb not in news.NEWS_PAST or verb == own_verb) for verb in verbs)


def _own_verb(task: Task) -> str:
    """The verb a task's title starts with ("change" of "Change the locks")."""
    return next(iter(ranking.words(task["title"])), "")


def _their_side(said: list[str], task: Task) -> bool:
    """Whether the person a task gets a thing from gave it, or the one it takes a thing to took it:
    "patels emailed the w2s" for "Get W-2s from the Patels", "Hank came by and grabbed the tiller" for
    "Return borrowed tiller to Hank" (the person said first, a verb of their side in the past)."""
    title = ranking.words(task["title"])
    subject = next((w for w in said if w not in _FILLERS | _LEADING), "")
    for link, verbs in (("from", GIVING), ("to", TAKING), ("ask", GIVING)):  # "Rosa sent the photos" for "Ask Aunt Rosa for …"
        whom = [w for w in title[title.index(link) + 1 :] if w not in _LEADING] if link in title else []
        if subject in whom[: 2 if link == "ask" else 1] and any(lemma(w) in verbs for w in said if _ed(w) or any_past(w)):
            return True
    return False


def _answered(said: list[str], task: Task) -> bool:
    """Whether the one a task is to reach answered: "vet called back" for "Call the vet about cow 212",
    "dana texted back" for "Ask Dana about the swap", "aunt rose said yes" for "Ask Aunt Rose about the cake"
    (the one named first, in a word or two, then a reply)."""
    title = ranking.words(task["title"])
    if _own_verb(task) not in REACHING:
        return False
    start = next((i for i, w in enumerate(said) if w not in _FILLERS | _LEADING), len(said))
    named = said[start:]
    for size in (1, 2):
        whom, replied = named[:size], named[size : size + 2]
        answer = len(replied) == 2 and ((replied[0] in DONE_TO_YOU and replied[1] == "back") or replied == ["said", "yes"])
        if answer and whom and all(w in title[1:] for w in whom):
            return True
    return False


def _past(said: list[str]) -> list[str]:
    """The words in the past ("renewed", "rekeyed"; not "chalking"), but for those that say what
    someone did to you ("mike called")."""
    # "written" too (not "done": "before we're done" says no job)
    written = {w for w in said if participle(w) and w not in _NO_JOB and not w.endswith("ed")}  # "written", not "feed"
    return [w for w in said if w not in DONE_TO_YOU and (_ed(w) or any_past(w) or w in written)]


def _ed(word: str) -> bool:
    """A word in "-ed" that is a past: a known one, or one the table lacks ("rekeyed"); not a word of
    its own that ends so ("feed", "need", "hundred")."""
    return word.endswith("ed") and (any_past(word) or not known(word))
