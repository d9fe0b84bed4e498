"""A message's clauses that are not its request: a comment after a comma ("make it 7:30am, client
leaves for work early"), a reason before "so" ("movers are packing the kitchen so delete task 3"),
thanks before a remark ("thx man, back on the road"). Named functions of the reading, tried by
interpret.interpret; `reread` reads words on their own (interpret's command_for of them), so a
clause that is a request of its own is that request.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from ...parsing import ParsedTask, extract_slots, strip_command
from ...parsing.lexicon import any_past, bare_verb, third_person, verb
from ...parsing.vocabulary import TODO_VERBS
from . import ranking
from . import vocabulary as v
from . import vocabulary_news as news
from . import vocabulary_repair as repair
from .asides import aside, takes_back
from .command import Command
from .followup import follow_up
from .reading import FLAGS, Reading, clean, needed, only_when, opens_brackets, read, slot_words, slots_in, unmarked_start
from .repair import MARKERS
from .reply import Reply
from .sentences import AND_THEN, sentences
from .verbs import present

Reread = Callable[[str], Command | None]
CHANGES = {"schedule", "update", "complete", "delete", "reopen", "remind", "add", "past", "undo"}
# words that ask to add: "add …", "remind me …", "new one: …"
ADDING = re.compile(
    r"(?:(?:and|also|pls|please|can you|could you|ok|okay|oh|ugh|lol|i|need to|have to|gotta) )*"
    r"(?:add|remind|put|create|new|make|jot|note)\b",
    FLAGS,
)
_LATER_FILLER = r"(?:(?:ok|okay|so|pls|please|can you|could you|i need to|need to|i gotta|gotta|also|and|then|quick|quickly)[\s,–—-]+)*"
_LATER_ADD = re.compile(
    # "ok busy day, add nail trim tmrw 11am", "between patients, quick - add call …", "The poetry section is a disaster. Please add: …"
    rf"(?:[,.!?;]|\s[-–—])\s*(?P<rest>{_LATER_FILLER}(?:add|remind me)\b.+)$"
    # "yo on shore leave in cozumel for like 6 hrs add: get sim card, …": a heading ends in a colon, whatever is before it
    rf"|\s(?P<headed>{_LATER_FILLER}add\b[^:,.]{{0,25}}:.+)$",
    FLAGS,
)
_NEEDING_TO = re.compile(repair.NEEDING_TO, FLAGS)
_SAID_OF = re.compile(r"[\w' ]+?(?:'s| is| are| starts| begins| opens)\b", FLAGS)
_LEVEL = re.compile(repair.PRIORITY_LEVEL, FLAGS)
_NOT = re.compile(r"not\b", FLAGS)
_GREETING = re.compile(repair.GREETING, FLAGS)
_MUSING = re.compile(repair.MUSING, FLAGS)
_SO = re.compile(r"(?P<why>.+?),? so (?P<then>.+)", FLAGS)
_NEEDED_BY = re.compile(r"\b(?:needs?|needed|due|has to be|have to be|must be)\b.*?\bby\b", FLAGS)  # "needs doing by"
_FORGET = re.compile(r"(?:nvm|never ?mind|forget)\b,?\s+(?=\S)", FLAGS)
_CHAT_OR_COMMA = re.compile(r",|\s(?=(?:" + "|".join(sorted(repair.CHATTING)) + r")\b)", FLAGS)
_WHOM = re.compile(r"(?:the|a|an|my|our|his|her|their|this|these|those)\s|(?-i:[A-Z][a-z]+)\b", FLAGS)
_BARE_TAG = re.compile(r"(?:and )?tag (?!it\b|that\b|this\b|them\b)(?P<tag>#?[\w-]+)(?: too| as well| also)?", FLAGS)
_TOPIC_END = re.compile(r"(?:,|\s[-—–]|:|\.)\s+|(?:(?<=\bone)|(?<=\bthing)|(?<=\btask))\s+(?=(?:high|low|medium|urgent|top)\b)", FLAGS)
_KIND_TOPIC = re.compile(r"(?:the|that|my|our) [\w' ]+ (?:one|thing|task)", FLAGS)
_SLOTS_FIRST = re.compile(r"(?:high|low|medium|urgent|top)(?: priority| prio)?\b", FLAGS)  # "the pucks one high priority …"
_ON_IT = {"schedule", "update", "complete", "delete"}
_ASKS_INSIDE = re.compile(r"\?\s*$|\b(?:please add|pls add|can you add|add|remind me)\b", FLAGS)
_OTHERS = re.compile(r"(?:we|they|he|she|it)\b", FLAGS)  # "…, we got an extra sea day": news of others, not of a task done
_WHY = re.compile(r"\s+(?:now\s+)?(?:since|because|cuz|cause|bc)\s+(?=\S)", FLAGS)
_MOVE_THE = re.compile(rf"{news.MOVING} (?P<ref>.+)", FLAGS)
_REASON_COMMA = re.compile(r"(?P<why>[^,]+), (?P<then>[^,]+)", FLAGS)
_TO_ME = re.compile(r"(?P<who>.+?) (?P<verb>called|rang|phoned|texted|emailed|messaged) (?:me|us)\b", FLAGS)
_SO_DONE = re.compile(
    r"(?:that's|thats|that is|it's|its|that one's) (?:done|sorted|taken care of|dealt with|handled)(?: too| as well| now| at least)?", FLAGS
)


def without_comment(reading: Reading, reread: Reread) -> Reading:
    """The message without what follows its last comma, when that reads as nothing (no request, no
    slot) and what comes before is a request that changes a task: "make it 7:30am, client leaves for
    work early", "no date on that one, still waiting on the rewrite". When what follows only says
    when ("…, needs doing by friday"), its day joins the change: "the bouncy castle is urgent, needs
    doing by friday" makes it urgent and due friday."""
    head, comma, tail = reading.text.rpartition(",")
    if opens_brackets(head):  # a comma in brackets: "fix trailer hitch (high priority, crew B can't tow …) and …"
        return reading
    if not comma and (why := _WHY.search(reading.text)):  # "lower it to medium now since there's breathing room"
        changed = reread(reading.text[: why.start()])
        return read(reading.text[: why.start()], reading.now) if changed is not None and changed.intent in _ON_IT else reading
    if not comma or takes_back(tail):
        return reading
    when, own_tail = slots_in(tail, reading.now), reread(tail)
    remark_day = when is not None and (when.due_date or when.due_time) and not only_when(tail.strip(), reading.now)
    if remark_day and not imperative(tail) and not ADDING.match(tail.strip()):
        moved = reread(head)  # "push aeration to wednesday, rain coming monday": the change has its day; the remark's is its own
        if moved is not None and not moved.plain and moved.intent == "schedule" and moved.when:
            return read(head.strip(), reading.now)
    if (own_tail is None or own_tail.plain) and _firm_before_a_remark(head, tail, when, reread):
        return read(head.strip(), reading.now)  # "make the socks one low priority, no rush on those"
    said_of = _SAID_OF.match(tail.strip()) and not imperative(tail)  # not "…, pick up kid's birthday cake saturday 10am"
    if when is not None and (when.due_date or when.due_time) and said_of and any(_slots(head, reading.now)[:2]):
        return read(head.strip(), reading.now)  # "make the chalking 7am, first game's at 9": when something else is
    if when is None and _slots(reading.text, reading.now) != _slots(head, reading.now):
        return reading  # "…, important": a slot of the request, said after its comma
    if own_tail is None and imperative(tail):
        return reading  # "add call the beer guy, restock the well vodka and fix the stool": a to-do of its own
    lead = next((w for w in ranking.words(tail) if w not in ("and", "also", "then")), "")  # "…, and order 40 more rail clamps"
    own_head = reread(head) if own_tail is not None and own_tail.intent == "add" else None  # read once, for the two rules below
    if own_tail is not None and own_tail.plain and lead not in TODO_VERBS and (own_head or Command("")).intent == "past":
        return read(head.strip(), reading.now)  # "rebar ordered, 2 tons coming wed": a remark on what was done, its day too
    news_of_others = own_tail is not None and own_tail.intent == "past" and _OTHERS.match(tail.strip())
    if news_of_others and when is None and _changes_a_task(reread(head)):
        return read(head.strip(), reading.now)  # "push the setlist to saturday, we got an extra sea day …": why
    said_to_do = own_tail is not None and own_tail.intent == "add" and not ADDING.match(tail.strip())
    if said_to_do and when is None and _changes_a_task(own_head):
        return read(head.strip(), reading.now)  # "move the market setup to 5:30am, gotta beat the other trucks": why
    on_it = own_tail is not None and own_tail.intent == "schedule" and (own_tail.ref or "").lower() in v.PRONOUNS
    if own_tail is not None and not (when and (own_tail.plain or on_it)):
        return reading  # "…, buy milk": a request of its own; "…, make it important" joins the change
    if when is not None and not set(needed(ranking.words(when.title))) <= repair.NEEDING_WORDS:
        return reading
    said = slot_words(tail, when) if when else ""
    if when and not said:
        return reading
    before = read(f"{head} {said}".strip(), reading.now)
    own = reread(before.text) or follow_up(before)
    kept = own is not None and not own.plain and own.intent in CHANGES and (own.intent != "add" or aside(tail))
    return before if kept else reading  # not "add oat milk, wipes, diapers": a thing more to add


def _firm_before_a_remark(head: str, tail: str, when: ParsedTask | None, reread: Reread) -> bool:
    """A change with a command word before the comma, a remark after it that gives no new day or time
    ("…, no rush on those"; "…, not happening today": a day said not to be), and the two read together
    as no change at all (a to-do, or nothing)."""
    if when is not None and (when.due_date or when.due_time) and not (_NOT.match(tail.strip()) or _SAID_OF.match(tail.strip())):
        return False  # "…, got a walk in at 2" is when; "…, guy's doing a race sunday" and "…, not today" are not
    own_head = reread(head)
    if own_head is None or own_head.plain or own_head.intent not in CHANGES - {"add", "past", "undo"}:
        return False
    whole = reread(f"{head},{tail}")
    return whole is None or whole.plain


def then_on_it(reading: Reading, reread: Reread) -> Command | None:
    """ "the license renewal isnt urgent, set it to low": a change to a task named, then a change of
    the same field to "it" after the comma; the second is what is meant, to the task the first named."""
    head, comma, tail = reading.message.rpartition(",")  # as sent: "…, set it to low" is no aside
    if not comma:
        return None
    first, then = _change(head, reading.now, reread), _change(tail, reading.now, reread)
    if first is None or then is None or (first.ref or "it").lower() in v.PRONOUNS or (then.ref or "").lower() not in v.PRONOUNS:
        return None
    if then.prio == "none" or then.untag or then.undate:  # the same said the other way: the change to the task named
        return replace(first, text=reading.text)  # "massage can be low priority, not urgent"; "… isn't urgent anymore, drop the priority"
    if _field(first, reading.now) == _field(then, reading.now):
        return replace(then, ref=first.ref, text=reading.text)
    if _field(first, reading.now) == "date" and then.prio and not (then.when or then.tag or then.untag):
        return replace(first, prio=then.prio, text=reading.text)  # "license renewal needs doing by the 15th …, make it high": both
    return None


def _change(text: str, now: datetime, reread: Reread) -> Command | None:
    own = reread(text.strip())
    if own is None or own.plain:
        own = follow_up(read(text.strip(), now))
    return own if own is not None and not own.plain and own.intent == "schedule" else None


def _field(command: Command, now: datetime) -> str:
    if command.prio is not None or (command.when and extract_slots(command.when, now).priority != "none"):
        return "priority"
    return "tag" if command.tag or command.untag else "date" if command.when or command.undate else "other"


def imperative(words: str) -> bool:
    """A clause that says what to do: a verb first ("restock the well vodka"; a word that may be a verb
    before a thing's determiner or a name: "pitch Rebecca Solnit's team"), and no clause of a subject."""
    clause = AND_THEN.sub("", words.strip())  # "…, and restock the surgical packs"
    said = ranking.words(clause)
    if not said or aside(words) or (len(said) == 2 and said[1].endswith("ing")):  # not "dry cleaning": a thing
        return False
    rest = clause.split(None, 1)[-1]
    return said[0] in TODO_VERBS or bare_verb(said[0]) or (verb(said[0]) and bool(_WHOM.match(rest)))


def _changes_a_task(own: Command | None) -> bool:
    """A request that changes a task on the list (not a to-do, not a question)."""
    return own is not None and not own.plain and own.intent in CHANGES - {"add", "undo"}


def _slots(text: str, now: datetime) -> tuple[object, ...]:
    found = extract_slots(text, now)
    return (found.due_date, found.due_time, found.recurrence, found.priority, tuple(found.tags))


def the_one_request(reading: Reading, reread: Reread) -> Reading | None:
    """Of a message of several sentences, the one that asks for something, when only one does and
    the others are remarks ("morning!! ok busy day. add nail trim tmrw 11am"); None otherwise."""
    said = sentences(reading.message)
    if len(said) < 2:
        return None
    value = unmarked_start(said[0])  # "wait no, tuesday. monday we're closed": a new value, then why
    found = slots_in(value, reading.now)
    only_value = found is not None and (found.title == value or set(ranking.words(found.title)) <= repair.LINKING_WORDS)
    if value not in (said[0], "") and (only_value or _LEVEL.fullmatch(value)):  # not "ugh its supposed to hit 95 this weekend"
        return read(said[0], reading.now)
    own = [(s, reread(s)) for s in said]
    asking = [s for s, c in own if c is not None and not c.plain and c.intent not in ("smalltalk", "help")]
    # not "oil change on the pete, do it the 6th. make it high": two asks, the first to "it" after its topic
    if len(asking) == 1 and not any((c is None or c.plain) and topic_then_it(read(s, reading.now), reread) for s, c in own):
        return read(asking[0], reading.now)
    chat = [s for s, c in own if c is not None and c.intent == "smalltalk"]
    if not chat or asking or any(_ASKS_INSIDE.search(s) for s, c in own if c is None or c.plain):
        return None  # "Good morning! Quick one before homeroom — is anything overdue?": the whole message asks
    chat_said = chatting(reading)  # "long day today 😩 thanks …": a to-do there needs its verb first
    to_do = any(
        c is not None and c.plain and c.intent == "add" and (not chat_said or next(iter(ranking.words(s)), "") in TODO_VERBS)
        for s, c in own
    )
    # "It has been a long week. Thank you for the help.": thanks after remarks, and no to-do
    return None if to_do else read(chat[-1], reading.now)


def on_topic(found: Command | Reply, whole: Reading, alone: Reading) -> Command | Reply:
    """The request of a message said after a remark, to "it": the remark's words go with it, since they may
    name the task meant ("recurrency module is overdue i know. push it to tuesday"; act.on_task)."""
    before = whole.message[: whole.message.find(alone.message)] if alone.message in whole.message else ""
    if not isinstance(found, Command) or not _points(found.ref or "") or not ranking.ref_words(before):
        return found
    return replace(found, topic=before)


def _points(ref: str) -> bool:
    """ "it", "that"; "his session": a reference the words said before it may name ("tom cancelled again 🙄 move his …")."""
    return ref.lower() in v.PRONOUNS or ref.lower().startswith(("his ", "her ", "their "))


def first_sentence(reading: Reading) -> Reading | None:
    """The first of a message's sentences, when it has several ("No, keep it. I mixed it up.")."""
    said = sentences(reading.message)
    return read(said[0], reading.now) if len(said) > 1 else None


def after_preamble(reading: Reading, reread: Reread) -> Reading | None:
    """ "ok busy day, add nail trim tmrw 11am", "hi there, need to add staff meeting tuesday": what
    comes before a request to add, when it is no request and no to-do of its own (a remark, a greeting)."""
    later = _LATER_ADD.search(reading.text)
    if later is None or not later.start():
        return None
    rest = later["rest"] or later["headed"]
    head = reading.text[: later.start()]
    own = reread(head)
    lead = next(iter(ranking.words(head)), "")
    if own is not None and (not own.plain or lead in TODO_VERBS) and own.intent not in ("smalltalk", "help"):
        return None  # "called mom, add buy milk": a request first; "buy bread, add milk": a to-do first
    return read(rest, reading.now)


def chatting(reading: Reading) -> bool:
    """A remark, not a to-do: a word or face of chat (vocabulary_repair.CHATTING), and no word that asks to add;
    not a to-do with chat only in a remark after it ("and pitch Rebecca Solnit's team, long shot lol")."""
    said = set(ranking.words(reading.message))
    head = _CHAT_OR_COMMA.split(reading.message, maxsplit=1)[0]  # "call the vet lol", "pitch …'s team, long shot lol"
    if ADDING.match(reading.text) or (head != reading.message and len(ranking.words(head)) > 1 and imperative(head)):
        return False
    chat = bool(said & repair.CHATTING) or any(face in reading.message for face in repair.CHATTING_FACES)
    chat = chat or _GREETING.match(reading.message) is not None or _MUSING.match(reading.message) is not None
    return bool(said & repair.LEAVING) or (chat and not _NEEDING_TO.search(reading.message))


def reason_first(reading: Reading, reread: Reread) -> Command | None:
    """ "movers are packing the kitchen so delete task 3": the request after a reason and "so" (or a
    comma, when what comes before it is a clause: "the archive is closed tuesday, move it to wednesday");
    "chef already ordered the fish so thats done too": the task the reason names, done."""
    said = _SO.fullmatch(reading.text) or _SO.fullmatch(unmarked_start(reading.message.strip()))
    comma = None if said is not None else _REASON_COMMA.fullmatch(unmarked_start(clean(reading.message)))
    then = (_own_or_on_it(comma["then"], reading.now, reread) or Command("")) if comma is not None else Command("")
    firm = not then.plain and then.intent in ("schedule", "update", "complete", "delete")  # "…, move the call to monday"
    first = reread(comma["why"]) if comma is not None and AND_THEN.match(comma["then"]) and firm else None
    if first is not None and not first.plain and first.intent == "schedule" and (first.prio or first.when):
        return replace(first, also=then)  # "chaperones is high priority, and the camp call is tomorrow at 9am": two changes
    if comma is not None and aside(comma["why"]) and (firm or (then.ref or "").lower() in v.PRONOUNS):
        said = comma  # "ugh the archive is closed tuesday, move it to wednesday": a reason, then what to do with "it"
    elif comma is not None and firm and _said_of_a_subject(comma["why"]):
        said = comma  # "weather looks nasty sunday, move the dive trip to monday": a thing and what it does, no to-do
    if said is None:
        return None
    if _SO_DONE.fullmatch(said["then"]):
        if to_me := _TO_ME.match(said["why"]):  # "mrs okafor called me first lol so that's done": the call to her
            return reread(f"{to_me['verb']} {to_me['who']}")
        if (done := reread(said["why"])) is not None and done.intent == "past":
            return done  # "tap costumes came in yesterday so thats done at least"
        verbs = [i for i, w in enumerate(said["why"].split()) if present(w.lower()) or any_past(w)]
        return reread(" ".join(said["why"].split()[verbs[0] :])) if verbs else None
    own = _own_or_on_it(said["then"], reading.now, reread)
    if (own is None or own.plain) and (moving := _MOVE_THE.fullmatch(said["then"])) and slots_in(said["why"], reading.now):
        own = Command("schedule", text=said["then"], ref=moving["ref"])  # "… pushed the service to monday so move the spray"
    if (own is None or own.plain) and said is not comma:  # "judge is out sick so the docket update can wait, move it to monday"
        return reason_first(read(said["then"], reading.now), reread)
    if own is None or own.plain or own.intent in ("smalltalk", "list", "help", "past"):
        return None
    unsaid = own.intent == "schedule" and not (own.when or own.prio or own.tag or own.untag or own.undate or own.shift)
    if unsaid and (day := slots_in(said["why"], reading.now)) is not None and day.due_date:  # "… to monday so move the X"
        own = replace(own, when=slot_words(said["why"], day))
    why = [w for w in said["why"].split() if not (present(w.lower()) or any_past(w) or w.lower() in repair.ASIDE_WORDS)]
    why = extract_slots(" ".join(why), reading.now).title.split() if why else why  # "… is closed tuesday": not its day
    pointing = (own.ref or "").lower() in v.PRONOUNS or v.THAT_THING.fullmatch(own.ref or "")  # "…, make that order high priority"
    if pointing and ranking.ref_words(" ".join(why)):  # "hendersons pushed their pickup back so make it 4pm"
        own = _needed_by(replace(own, topic=said["why"]), said["why"], reading.now)  # the task the reason speaks of (act.on_task)
    elif own.ref:  # "tom cancelled again, move his session to saturday": whose; "pediatrician office called, they moved the
        own = replace(own, topic=said["why"])  # twins to …": which, of the tasks the reference fits (act._named_by_the_rest)
    return own


def _said_of_a_subject(words: str) -> bool:
    """ "weather looks nasty sunday": a word or two, then a verb said of them; no to-do verb first."""
    said = ranking.words(words)
    return len(said) > 1 and said[0] not in TODO_VERBS and any(third_person(w) for w in said[1:3])


def _needed_by(own: Command, why: str, now: datetime) -> Command:
    """A change that names no day, after a remark of when the task is needed by: that day too ("felt - need
    it by sat, make it medium", "license renewal needs doing by the 15th or I'm screwed, make it high")."""
    needed = _NEEDED_BY.search(why) if own.intent == "schedule" and not own.when else None
    if needed and (by := slots_in(need := why[needed.start() :], now)) is not None and by.due_date:
        return replace(own, when=slot_words(need, by))
    return own


def topic_then_it(reading: Reading, reread: Reread) -> Command | None:
    """ "the highlighter thing, get rid of it": a request to "it", its topic the words before (act.on_task)."""
    start = 0
    for cut in _TOPIC_END.finditer(reading.message):
        topic, part, start = reading.message[: cut.start()].strip(), reading.message[start : cut.start()], cut.end()
        slotted = slots_in(topic, reading.now)
        said_as_to_do = slotted is not None and not set(ranking.words(topic)) & repair.ASIDE_WORDS
        asked_to_do = slotted is not None and (bare := strip_command(slotted.title)) != slotted.title and imperative(bare)
        told = (own_part := reread(part)) is not None and not own_part.plain  # "I talked to him, …": each part read once
        told = told and not (own_part is not None and own_part.intent == "past" and own_part.verb is not None)  # "supplier's closed"
        forget = _FORGET.match(topic)  # "nvm the coat steaming thing, toss it": the thing to forget, named
        if imperative(topic) or said_as_to_do or asked_to_do or (MARKERS.match(topic) and not forget) or told:
            return None  # "renew d&o — make that high priority", "shelf count every monday 9am, tag it inventory": a to-do
        request, *after = sentences(reading.message[cut.end() :])
        later = [other for s in after if (other := _own_or_on_it(s.strip(" ,.-—:"), reading.now, reread)) is not None and not other.plain]
        if not all(_to_it(other) for other in later):
            continue  # a request of its own after it
        kind = _KIND_TOPIC.fullmatch(topic) is not None  # "the pucks one high priority": slots alone are a change to it
        own = _own_or_on_it(request.strip(" ,.-—:"), reading.now, reread, slots_alone=kind)
        if forget and (own is None or own.intent != "delete"):
            return None
        topic = topic[forget.end() :] if forget else topic
        if own is not None and _to_it(own) and ranking.ref_words(topic):
            for other in reversed(later):  # "oil change on the pete, do it the 6th. make it high": both of it
                own = replace(own, also=replace(other, also=own.also))
            return _needed_by(replace(own, topic=topic), topic, reading.now)
        if own is not None and _to_it(own):
            return None
    return None


def _to_it(command: Command) -> bool:
    """A request to "it" that a topic before it may name ("the highlighter thing, get rid of it")."""
    return not command.plain and command.intent in _ON_IT and (command.ref or "").lower() in v.PRONOUNS


def _own_or_on_it(words: str, now: datetime, reread: Reread, slots_alone: bool = False) -> Command | None:
    """What words ask for on their own, or as a change to "it" ("make it 4", "tag unitb too"; with
    `slots_alone`, "high priority")."""
    bare_tag = _BARE_TAG.fullmatch(words.split(",", 1)[0].strip())  # (a remark after it is off)
    # "high priority, tag it gear"; "high priority we lost like 10 …": a remark run on
    level = _SLOTS_FIRST.match(words) if slots_alone else None
    if level and not re.match(r"\s*(?:,|and\b|$)", words[level.end() :]):
        words = level.group()
    said = f"tag it {bare_tag['tag']}" if bare_tag else f"make it {words}" if level else words
    own = reread(said)
    first, _, rest = words.partition(",")
    remark = rest and not any(_slots(rest, now)[:2]) and slots_in(rest, now) is None
    if (own is None or own.plain or not _to_it(own)) and remark and (request := reread(first)) is not None and _to_it(request):
        return request  # "get rid of that, volunteer office already ordered them": a remark after it
    return follow_up(read(words, now)) or own if own is None or own.plain else own


def thanks(reading: Reading, reread: Reread) -> Command | None:
    """ "thx man, back on the road", "ty ur a lifesaver": thanks, unless what follows the thanks is a
    request of its own ("thanks, and add milk")."""
    first, _, rest = reading.text.partition(" ")
    if first.lower().strip(",!.") not in repair.THANKS_WORDS:
        return None
    own = reread(rest.strip(" ,")) if rest.strip(" ,") else None
    leaving = own is not None and own.intent == "add" and not ADDING.match(rest.strip(" ,"))  # "cheers, gotta pull out of the yard"
    if own is not None and not own.plain and own.intent != "smalltalk" and not leaving:
        return own
    if own is not None and own.plain and own.intent == "add" and next(iter(ranking.words(rest)), "") in TODO_VERBS:
        return own  # "thanks. call mom tmrw": a to-do of its own
    return Command("smalltalk", text=reading.text)
