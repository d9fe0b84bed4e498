"""Reading: text -> a `Reading`, the message cleaned and every way the vocabulary's patterns
read it, each a `Candidate` with labelled spans (the named groups: ref, title, when …).

Nothing here decides what the message asks for (interpret.py does); stages after this one
add to what a reading found and never lose it. Also here: the word-level readers the later
stages share (a yes or a no; a past-tense verb's to-do verb is verbs.present, quoted titles are parsing's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache

from ...parsing import ParsedTask, extract_slots
from ...parsing.vocabulary import TODO_VERBS
from . import ranking
from . import vocabulary as v
from . import vocabulary_repair as repair
from . import vocabulary_said as shapes
from .asides import aside
from .pasted import OWN_LEVEL, each_of_a_list, level, pasted
from .sentences import AND_THEN, EMOJI, PICTURE, parts_at_a_picture, sentences_as_clauses

FLAGS = re.IGNORECASE
_FREE = re.compile(r"(?<![>\]])(\.\*\??|\.\+\??|\[\^,\]\+\??)")


def _marked(pattern: str) -> str:
    """The pattern with each free wildcard (".*", ".+", "[^,]+") in a group of its own (_f0, _f1 ...)."""
    count = iter(range(100))
    return _FREE.sub(lambda m: f"(?P<_f{next(count)}>{m.group(1)})", pattern)


_PATTERNS = {intent: [re.compile(_marked(p), FLAGS) for p in patterns] for intent, patterns in v.PATTERNS.items()}
_PREFIX = re.compile(r"^(?:" + "|".join(v.POLITE_PREFIXES) + r")(?:[\s,]+|[.!]\s+)", FLAGS)  # "Good morning. Please add …"
_SUFFIX = re.compile(r"[\s,]+(?:" + "|".join(v.POLITE_SUFFIXES) + r")$", FLAGS)
_QUESTION = re.compile(v.QUESTION_STARTS, FLAGS)
# emoticons and pictographs ending a message: tone ("thanks!! 🏡", "back on the road 🚛"); ✅ is kept (it says done)
_EMOTICON = re.compile(
    r"(?:\s*(?:[:;]-?[()dp]|<3|[\U0001F1E6-\U0001F1FF\U0001F300-\U0001FAFF\u2600-\u2704\u2706-\u2712\u2715-\u27BF\uFE0F\u200D]+))+"
    r"\s*$",
    FLAGS,
)
_COMMA_SPACE = re.compile(r"\s*,(?:\s*,)*")
# A smiley or a face standing alone anywhere ("good morning :) add …", "called the plumber 🙄"):
# tone, not words. Faces only (Unicode's emoticons and face blocks): "🎂 order the cake" keeps its cake.
_FACE = re.compile(
    r"(?<!\S)(?:[:;]-?[()dp]|<3|[\U0001F600-\U0001F64F\U0001F910-\U0001F92F\U0001F970-\U0001F97F\uFE0F\u200D]+)(?!\S)", FLAGS
)
# …and any pictograph between two words ("fixed the leak 💪 took forever"; not "🎂 order the cake")
_LEADING_PICTURES = re.compile(rf"^[{EMOJI}\s]+")
_TOKEN = re.compile(r"\S+")
_ASKED = re.compile(r"\?(?:[\s!?.)]|lol|lmao|haha|hehe|jk|tho|[\U0001F300-\U0001FAFF])*$", FLAGS)  # "… last year? lol"
_BARE_DAY = re.compile(r"(?:the )?(?:[12]?\d|3[01])(?:st|nd|rd|th)\b", FLAGS)
_BECAUSE = re.compile(shapes.BECAUSE, FLAGS)
_IMPORTANT_FIRST = re.compile(shapes.IMPORTANT_FIRST, FLAGS)
_TAG_IT = re.compile(shapes.TAG_IT, FLAGS)
_PRIORITY_IT = re.compile(shapes.PRIORITY_IT, FLAGS)
_TOPIC_FIRST = re.compile(shapes.TOPIC_FIRST, FLAGS)
_DEGREE = re.compile(shapes.DEGREE, FLAGS)
_WEEKLY_ON = re.compile(shapes.WEEKLY_ON, FLAGS)
_ADD_THAT = re.compile(shapes.ADD_THAT, FLAGS)
_PUT_QUOTED = re.compile(shapes.PUT_QUOTED, FLAGS)
_PUT_ON_LIST = re.compile(shapes.PUT_ON_LIST, FLAGS)
_LEVEL_UP = re.compile(shapes.LEVEL_UP, FLAGS)
_LEVEL_DOWN = re.compile(shapes.LEVEL_DOWN, FLAGS)
_GOES_UNDER = re.compile(shapes.GOES_UNDER, FLAGS)
_MOVE_UNNAMED = re.compile(shapes.MOVE_UNNAMED, FLAGS)
_NO_DEADLINE = re.compile(shapes.NO_DEADLINE, FLAGS)
_NO_RUSH_ON = re.compile(shapes.NO_RUSH_ON, FLAGS)
_TAG_AFTER_WHEN = re.compile(shapes.TAG_AFTER_WHEN, FLAGS)
_ADD_TAG = re.compile(shapes.ADD_TAG, FLAGS)
_THEM_SHORT = re.compile(shapes.THEM_SHORT, FLAGS)
_RUN_ON = re.compile(shapes.RUN_ON, FLAGS)
_WHEN_AROUND = re.compile(shapes.WHEN_AROUND, FLAGS)
_REPEAT_THING = re.compile(shapes.REPEAT_THING, FLAGS)
_TAGS_LISTED = re.compile(shapes.TAGS_LISTED, FLAGS)
_MOVED_ONLY = re.compile(  # "oil change got moved up, …", "sunrise called, they want it at 3 instead": the clause after says when
    r".+ (?:got|was|has been|is being) (?:moved|pushed|bumped|rescheduled)(?: up| back| out)?"
    r"|[\w' ]+ (?:just )?(?:called|texted|emailed|rang|messaged)",
    FLAGS,
)
_UNTIL_HOUR = re.compile(r"\b(?:until|till|til|at|by) \d{1,2}(?:[:.]\d\d)?\b", FLAGS)  # "…, owner isn't home until 4"
# a few words of chat after a comma, no slot among them (not "…, urgent lol")
_CHAT_CLAUSE = re.compile(
    r",\s*(?!(?:[\w']+\s+){0,3}?(?:urgent|important|asap|high|low|medium|today|tonight|tomorrow|tmrw|\w+day|\d)\b)"
    r"(?:[\w']+\s+){1,3}(?:" + "|".join(sorted(repair.CHATTING)) + r")$"
    # ... or a chat word, then a few words of why: "remind me to stretch every day at 2pm lol my back"
    r"|\s+(?:" + "|".join(sorted(repair.CHATTING)) + r")(?:\s+(?!(?:urgent|important|high|low|medium)\b)[\w']+){1,4}$",
    FLAGS,
)
_CHAT_WORD = re.compile(r"(?<=\S)\s+(?:" + "|".join(sorted(repair.CHATTING)) + r")\b(?=\s+\S)", FLAGS)
_ACTUALLY_NOT = re.compile(r",?\s+actually(?=,?\s+not\b)", FLAGS)
_PLEASE_MID = re.compile(r"\s+(?:pls|plz|please)(?=,|\s+(?:and|&|then)\s)", FLAGS)  # "… kittens pls and make it high"
# a sentence's end: its stop, or a face or sign that ends it ("found a pallet in the back 😂 delete the order")
_BARE_HOUR = re.compile(r"(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?", FLAGS)
# a word that says a task was moved: news of a move, never of a job done ("the deadline got pushed")
MOVED = re.compile(r"\b(?:move[ds]?|moving|push(?:ed|es)?|pushing|bump(?:ed|s)?|reschedul\w*|postpon\w*|shift(?:ed|s)?)\b", FLAGS)
_DOING = re.compile(
    r"(?:^|(?<=, ))(?:i'm |im |we're |were )?(?P<verb>" + "|".join(shapes.DOING_BASE) + r")\b(?= (?:it|that|this|the|my)\b)", FLAGS
)
_SAME_TIME = re.compile(r",?\s+(?:(?:at |for )?(?:the )?same time|from now on|going forward|from here on(?: out)?)$", FLAGS)
_TAG_TWO = re.compile(r"^(?P<verb>tag|label) (?P<a>.+? (?:one|thing|task)) #?(?P<tag>[\w-]+) and (?P<b>.+?)(?: too| as well)$", FLAGS)
_NOT_A_TIME = re.compile(r"\bnot (?:at )?\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?$", FLAGS)  # "pickup is 5 now, not 4:30"
# the words that start a correction ("oops, no, ..."); repair.py and correct.py read them from here
MARKERS = re.compile(r"(?:(?:" + "|".join(repair.CORRECTION_MARKERS) + r")\b[\s,!.:;-]*)+", FLAGS)


@dataclass(frozen=True)
class Span:
    """A labelled stretch of the cleaned text: what one named group of a pattern took."""

    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Candidate:
    """One reading of a message: an intent, the spans its pattern labelled, and its score."""

    intent: str
    spans: tuple[Span, ...]
    score: float

    @property
    def parts(self) -> dict[str, str]:
        return {span.label: span.text for span in self.spans}


@dataclass(frozen=True)
class Reading:
    """A message as read: `text` is the cleaned message (polite words, emoticons, end
    punctuation gone; lines joined), `question` whether it reads as a question (then only
    the intents a question may have are tried), `asked` whether it ended with "?"."""

    message: str
    text: str
    now: datetime  # the user's wall-clock time, what "today" and "friday" are read against
    question: bool = False
    asked: bool = False
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def best(self) -> Candidate | None:
        return max(self.candidates, key=lambda c: c.score) if self.candidates else None


@lru_cache(maxsize=256)
def read(message: str, now: datetime) -> Reading:
    """`message` read at `now`, the user's wall-clock time. A turn reads a message's parts more than
    once (a sentence, the words before a comma): a reading is a frozen value, so the last few are kept."""
    cleaned = clean(message)
    text = without_aside(cleaned, now)
    text = clean(text) if text != cleaned else text  # "…, then" once the comment is off
    if not text:
        return Reading(message, text, now)
    question = bool(_QUESTION.match(text))
    allowed = v.QUESTION_INTENTS if question else v.INTENT_ORDER  # questions read the list; they never change it
    return Reading(message, text, now, question, bool(_ASKED.search(message)), candidates(text, allowed, now))


def unmarked_start(text: str) -> str:
    """`text` without the correction markers it starts with ("hmm no never mind, leave it" -> "never mind, leave it")."""
    marked = MARKERS.match(text)
    return text[marked.end() :] if marked else text


@lru_cache(maxsize=1024)  # a pure function of the text, read for several stages of a turn
def clean(text: str) -> str:
    text = _THEM_SHORT.sub("them", text.replace("’", "'").replace("‘", "'"))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [_RUN_ON.sub(r"\g<end>, ", sentences_as_clauses(lines[0]))] if len(lines) == 1 else lines  # a paste's lines keep their heading
    lines = pasted([line for line in lines if line]) or [""]
    # "add\n- milk\n- eggs": one to-do a line
    text = lines[0].rstrip(":") + ": " + "; ".join(lines[1:]) if len(lines) > 1 else lines[0]
    # a face between two clauses parts them as a comma would ("… my husband's list 🙈 undo all of that")
    text = PICTURE.sub(
        lambda m: ", " if parts_at_a_picture(m.string, m.start(), m.end()) else m.group(),
        _EMOTICON.sub("", text),
    )
    text = _COMMA_SPACE.sub(",", " ".join(_FACE.sub(", ", text).split())).strip(" ,")
    text = _PLEASE_MID.sub("", text.rstrip(" .!?;"))  # "order bands by monday pls, low priority"
    text = _ACTUALLY_NOT.sub("", text)  # "snacks for the party are for friday actually not tuesday"
    # "add fix flaky test asap and tag it work", "…, tag it social": the tag said as a slot of the request
    text = _TAG_AFTER_WHEN.sub(r"\g<when> #\g<tag>", _ADD_TAG.sub("tag it ", text))
    text = _TAG_IT.sub(lambda m: " " + " ".join(f"#{t.lstrip('#')}" for t in (m["tag"] or m["named"]).split(" and ")), text)
    text = _PRIORITY_IT.sub(lambda m: f" {level(m['level'] or m['on'])} priority", text)
    text = _PUT_QUOTED.sub(r"add \g<quoted>", text)
    low = text.lower()  # (the shapes below only where their words are: each is a scan of the text)
    if any(put in low for put in ("put ", "pop ", "stick ", "throw ")):
        text = _PUT_ON_LIST.sub(r"add \g<thing>", text)
    text = _ADD_THAT.sub(r"add \g<todo>", text)
    if "prio" in low:
        text = _LEVEL_UP.sub(r"make \g<ref> high priority", _LEVEL_DOWN.sub(r"make \g<ref> low priority", text))
    if " under " in low:
        text = _GOES_UNDER.sub(r"tag \g<ref> \g<tag>", text)
    if " no " in f" {low}":
        text = _NO_RUSH_ON.sub(r"make \g<ref> low priority", _NO_DEADLINE.sub(r"no date on \g<ref>", text))
    text = _TOPIC_FIRST.sub(lambda m: f"{m['verb']} {m['before']}{m['topic']}{m['after']}", text)  # "The tuner - please put that …"
    text = each_of_a_list(text)
    text = _TAGS_LISTED.sub(lambda m: " and ".join(f"tag {m['ref']} {t}" for t in re.findall(r"#?[\w-]+", m["tags"]) if t != "and"), text)
    text = _DEGREE.sub("", _WEEKLY_ON.sub("", _REPEAT_THING.sub(lambda m: m["every"], text)))
    text = _TAG_TWO.sub(r"\g<verb> \g<a> and \g<b> with \g<tag>", text)  # "tag the elk one fieldwork and the site one too"
    # "…, moving it to wednesday same time": the change said as what is being done; the time it keeps goes
    # unsaid, as does "from now on" of a repeat
    text = _SAME_TIME.sub("", _DOING.sub(lambda m: shapes.DOING_BASE[m["verb"].lower()], text))
    for _ in range(3):  # "ok so please can you ...", "hi 👶👶 quick: add …" (the greeting off, then its picture)
        text = _LEADING_PICTURES.sub("", _PREFIX.sub("", text))
    if moved := _MOVE_UNNAMED.match(text):  # "ok push to monday": "it"
        text = f"{moved['verb']} it{moved['rest']}"
    text = _CHAT_CLAUSE.sub("", text)  # "pitch Rebecca Solnit's team, long shot lol": a remark made in chat, off whole
    text = _CHAT_WORD.sub("", text)  # "call the vet lol urgent": no word of a title
    for _ in range(2):
        text = _SUFFIX.sub("", text)
    return text.strip(" .!?;,")


_BARE_LEVEL_END = re.compile(r"\b(?:high|low|medium)$", FLAGS)


def needed(said: list[str]) -> list[str]:
    """The words from the first that says a need: "exam board needs it" -> "needs it"."""
    at = next((i for i, w in enumerate(said) if w in _NEEDS), 0)
    return said[at:]


_NEEDS = {"needs", "need", "wants", "want", "gotta", "has", "have"}


def opens_brackets(head: str) -> bool:
    """Whether the words before a comma leave a bracket open: the comma is in the brackets."""
    return head.count("(") > head.count(")")


def without_aside(text: str, now: datetime) -> str:
    """`text` without a comment after its last comma ("remove the cpr one, the hospital is doing it",
    "add oil change saturday 7am, shop opens early", "put it back, the guy confirmed after all"; of
    "…, its urgent were nearly out" the "urgent" stays; a day or time in a comment is the comment's:
    "make that 3pm, got a walk in at 2"). See `_aside`. Not after a correction's own
    words: "no, I meant oat milk" is the correction."""
    head, comma, tail = text.rpartition(",")
    if opens_brackets(head):  # "fix trailer hitch (high priority, crew B can't tow without it) and …": in brackets
        return text
    if not comma and (linked := _BECAUSE.search(text)):  # "feed the parkers cat daily 6pm while theyre in spain"
        head, comma, tail = text[: linked.start()], ",", text[linked.end() :]
        if linked.group().strip().endswith(("of", "to")):  # "… to monday bc of the rain forecast": a reason, whatever it is
            return head.strip()
    if not comma or not ranking.words(head) or MARKERS.fullmatch(head) or not aside(tail):
        return text
    joined = AND_THEN.match(tail.strip())  # "chaperones is high priority, and the camp call is tomorrow at 9am": a change too
    if joined and any(c.intent == "schedule" for c in candidates(tail.strip()[joined.end() :], ["schedule"], now)):
        return text
    found = slots_in(tail, now)
    when_after = (found is not None and (found.due_date or found.due_time)) or _UNTIL_HOUR.search(tail)
    if _MOVED_ONLY.fullmatch(head.strip()) and when_after:
        return text  # "oil change got moved up, shop can take me tmrw at 7": moved, and the clause after says to when
    if found is None:  # "…, its important ive missed the last two": how important, then why
        said = _IMPORTANT_FIRST.match(tail.strip())
        return f"{head.strip()}, {said['level']}" if said else head.strip()
    if not aside(found.title) or set(ranking.words(found.title)) <= repair.LINKING_WORDS:
        return text  # "…, its tomorrow": the request's own date
    if (found.due_date or found.due_time) and set(needed(ranking.words(found.title))) <= repair.NEEDING_WORDS | {"i", "we"}:
        head = _BARE_LEVEL_END.sub(r"\g<0> priority", head.strip())  # "make the physical form high, exam board needs it by …"
        return f"{head}, {slot_words(tail, found)}"  # "add buy a gift, need it by saturday": the request's day
    if found.due_date or found.due_time or found.recurrence:
        return head.strip()  # "make that 3pm, got a walk in at 2": the comment's day or time, not the request's
    if found.priority != "none" and OWN_LEVEL.search(head):
        return head.strip()  # "knock it down to medium, they said no rush": the request says how important, the remark why
    kept = slot_words(tail, found)
    if kept:
        return f"{head.strip()}, {kept}"
    remark = found.priority == "low" and found.title.lower() == tail.strip().lower()
    return head.strip() if remark else text  # "…, no rush": a remark, though it reads as "low"; "…, it's urgent" is said


def slot_words(text: str, found: ParsedTask) -> str:
    """The words of `text` that gave its slots (all but those of `found.title`, in order): "urgent"
    of "its urgent were nearly out", "by friday" of "needs doing by friday"; "" if they can't be told."""
    left = found.title.lower().split()
    kept = [w for w in text.split() if not (left and w.lower() == left[0] and left.pop(0))]
    return " ".join(kept) if not left else ""


def candidates(text: str, intents: list[str], now: datetime) -> list[Candidate]:
    """Every reading of `text` that one of the intents' patterns allows, scored.

    The score is the share of the message's words that the pattern's own words explain
    (words a named group or a free wildcard takes are unexplained), plus a small weight
    per intent (vocabulary.INTENT_WEIGHTS) that decides between readings explaining as
    much. So "mark X as not done" is a reopen ("as not done" explained), not the
    completion of a task called "X as not"."""
    found = []
    for intent in intents:
        for pattern in _PATTERNS[intent]:
            match = pattern.fullmatch(text)
            if match is None:
                continue
            spans = tuple(Span(k, *match.span(k), val.strip()) for k, val in match.groupdict().items() if val and not k.startswith("_"))
            parts = {s.label: s.text for s in spans}
            if intent == "schedule" and _BARE_HOUR.fullmatch(parts.get("when", "")) and (MOVED.search(text) or _NOT_A_TIME.search(text)):
                # "mr albright's visit got moved to 4": an hour, read against the task's time (act.py)
                moved = [replace(s, text=f"at {s.text}") if s.label == "when" else s for s in spans]
                spans = (*moved, Span("bare_hour", 0, 0, "yes"))
                parts = {s.label: s.text for s in spans}
            if intent == "schedule" and parts.get("when", "").lower() in v.PRIORITY_LEVELS:  # "the daycare one is important"
                spans = tuple(replace(s, label="prio", text=v.PRIORITY_LEVELS[s.text.lower()]) if s.label == "when" else s for s in spans)
                parts = {s.label: s.text for s in spans}
            if "when" in parts and not only_when(parts["when"], now):
                continue  # "change X to Y" without a date in Y is a rename; "put the kids to bed at 8pm" a to-do
            if "prio" in parts and parts.get("ref", "").lower().split(" ", 1)[0] in v.PRONOUNS and _dated(parts["ref"], now):
                continue  # "make it tomorrow and high priority": "it", and a day with the level, not a task "it tomorrow and"
            if next(iter(ranking.words(parts.get("ref", ""))), "") in v.ALL_WORDS:
                continue  # "remove everything from my list", "mark all of today's tasks as done": not one task
            found.append(Candidate(intent, spans, _explained(match) + v.INTENT_WEIGHTS[intent]))
    return found


def _dated(words: str, now: datetime) -> bool:
    found = extract_slots(words, now)
    return bool(found.due_date or found.due_time)


def _explained(match: re.Match[str]) -> float:
    """The share of the message's words that the pattern's own words account for (a word a
    named group or a wildcard takes is unexplained)."""
    spans = [match.span(name) for name, value in match.groupdict().items() if value]
    tokens = [m.span() for m in _TOKEN.finditer(match.string)]
    free = sum(any(s <= start and stop <= e for s, e in spans) for start, stop in tokens)
    return 1 - free / max(1, len(tokens))


def only_when(text: str, now: datetime) -> bool:
    """Whether `text` says when and nothing else ("friday at 10am"), or a new to-do with its date
    ("buy oat milk tomorrow"); not "bed at 8pm" nor "the garage on saturday"."""
    text = _WHEN_AROUND.sub("", on_day(text))  # "tomorrow at 3:30 after school"
    found = slots_in(text, now)
    if found is None:
        return False
    if found.title.lower() == " ".join(text.split()).lower():
        return True  # nothing but slots: the title is the words themselves
    named = [w for w in ranking.words(found.title) if w not in v.REF_FILLER]
    return not named or found.title.split(" ", 1)[0].lower() in TODO_VERBS


def on_day(text: str) -> str:
    """ "the 1st", "5th at 3pm": a day of the month said without its "on" ("move rent to the 1st")."""
    return f"on {text}" if _BARE_DAY.match(text) else text


def slots_in(text: str, now: datetime) -> ParsedTask | None:
    """The date, time, repeat, priority and tags in `text` (read at `now`), if it has any."""
    found = extract_slots(on_day(text), now)
    if found.due_date or found.recurrence or found.priority != "none" or found.tags:
        return found
    return None


def yes_no(text: str) -> bool | None:
    """True for yes ("yes", "yeah sure", "sure thing"), False for no ("no", "nope, keep it", "no no no"), None for neither."""
    answer = clean(text).lower()
    if answer in v.YES:
        return True
    if answer in v.NO:
        return False
    said = ranking.words(answer)
    if set(said) & v.HEDGES:  # "yes, but only if it's done": not a yes
        return None
    first = next(iter(said), "")
    if first in v.NO_STARTS:
        return False
    if first in v.YES_STARTS and set(said) <= v.YES_TAIL | v.YES_STARTS:  # not "yes the other one", "sure, add eggs"
        return True
    return None
