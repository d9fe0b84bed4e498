"""The offline agent: a deterministic interpreter of everyday todo requests.

No network, no model: it reads the message with the patterns in
vocabulary.py, finds the task meant (by id, by a fuzzy title match, or by
"it" from the conversation), and calls the same MCP tools a model would, so
a turn's tool_calls look the same. When a reference fits several tasks it
asks which one, and a bare answer ("#5", "the second one") to that question
carries out the pending request. A delete acts unasked only on a firm command
that names the task clearly (see _delete and _on_task); anything looser asks
"Delete …? (yes / no)", and what the reply leaves open (the question, the
tasks it listed, the task it was about) is stored with it as state.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from mcp.server.mcpserver import MCPServer
from rapidfuzz import fuzz, process

from ...mcp_server import result_value
from ...models import TITLE_MAX, Message
from ...parsing import ParsedTask, extract_slots, parse_quick_add
from ...parsing.vocabulary import TODO_VERBS
from ...services import quick_add
from ...turn import leave_state, turn_now
from ..tools import use_tool
from . import ranking
from . import vocabulary as v

HELP = (
    "I keep your todo list. Tell me things like:\n"
    "- **add** buy milk / remind me to call the dentist tomorrow at 3pm / pay rent every 1st p1 #home\n"
    "- **show** my tasks / what's still open? / what have I finished?\n"
    "- **complete**: I finished the milk one / mark task 3 as done\n"
    "- **rename**: rename task 3 to call mom tonight\n"
    "- **delete**: get rid of the dentist task\n"
    "- **undo**: undo that"
)
ASK_WHICH = "Which task do you mean — its number (“task 3”) or part of its title (“the milk one”)?"
NOT_UNDERSTOOD = "Sorry, I didn't catch that. " + HELP

_FLAGS = re.IGNORECASE
_FREE = re.compile(r"(?<![>\]])(\.\*\??|\.\+\??|\[\^,\]\+)")


def _marked(pattern: str) -> str:
    """The pattern with each free wildcard (".*", ".+", "[^,]+") in a group of its own (_f0, _f1 ...)."""
    count = iter(range(100))
    return _FREE.sub(lambda m: f"(?P<_f{next(count)}>{m.group(1)})", pattern)


_PATTERNS = {intent: [re.compile(_marked(p), _FLAGS) for p in patterns] for intent, patterns in v.PATTERNS.items()}
_PREFIX = re.compile(r"^(?:" + "|".join(v.POLITE_PREFIXES) + r")[\s,]+", _FLAGS)
_SUFFIX = re.compile(r"[\s,]+(?:" + "|".join(v.POLITE_SUFFIXES) + r")$", _FLAGS)
_QUESTION = re.compile(v.QUESTION_STARTS, _FLAGS)
_STATUS = {status: [re.compile(p, _FLAGS) for p in words] for status, words in v.STATUS_WORDS.items()}
_ID_REF = re.compile(v.ID_REF, _FLAGS)
_ORDINAL_REF = re.compile(r"^(?:the )?(?P<ord>" + "|".join(v.ORDINALS) + r")(?: one| task| item)?$", _FLAGS)
_DUE = {due: re.compile(p, _FLAGS) for due, p in v.DUE_WORDS.items()}
_PRIORITY = {level: re.compile(p, _FLAGS) for level, p in v.PRIORITY_WORDS.items()}
_TAG = re.compile(v.TAG_WORDS, _FLAGS)
_PAST = re.compile(r"(?:(?:i|we)(?:'ve| have)? )?(?:just |already |finally |actually |now )?(?P<verb>[a-z]+) (?P<rest>.+)", _FLAGS)
_SMALLTALK_KINDS = {
    "greeting": {"hi", "hello", "hey", "hiya", "howdy", "yo", "greetings", "good", "there"},
    "thanks": {"thanks", "thank", "thx", "ty", "cheers"},
    "how": {"how", "how's", "what's", "sup"},
    "bye": {"bye", "goodbye", "see", "later", "ttyl", "that's", "i'm", "im", "we're", "all"},
    "leave": {"do", "don't", "dont", "never"},
}
_BULK_COMPLETE = re.compile(r"(?:mark|complete|finish|tick off|check off)\b", _FLAGS)
_BULK_DELETE = re.compile(
    r"(?:[^,]+, )?(?:delete|remove|clear|erase|wipe|empty|drop|get rid of|clean up|reset)\b(?!.*\b(?:from|to|until)\b)", _FLAGS
)
_BULK_REOPEN = re.compile(
    r"(?:(?:reopen|re-open|uncheck|unmark|untick|uncomplete)\b"
    r"|(?:mark|set|put) (?:all|every|everything|each)\b.*\b(?:as|to|back to) (?:not done|not complete|not completed|"
    r"not finished|undone|incomplete|unfinished|open|pending|to do)\b)",
    _FLAGS,
)
_BULK_ACTIONS = {"reopen": _BULK_REOPEN, "complete": _BULK_COMPLETE, "delete": _BULK_DELETE}  # in this order
_DONE_WORDS = re.compile(r"\b(?:completed|done|finished|ticked off|checked off)\b", _FLAGS)
_EMOTICON = re.compile(r"(?:\s*(?:[:;]-?[()dp]|<3))+\s*$", _FLAGS)
_PRIORITY_CHANGE = re.compile(r"prioriti[sz]e\b|(?:remove|clear|drop)\b.*\bpriorit", _FLAGS)
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_TOKEN = re.compile(r"\S+")
_RENAME = re.compile(v.RENAME_VERBS, _FLAGS)
_CLEAR_DATE = re.compile(v.CLEAR_DATE + r"\b", _FLAGS)
_ASKED = re.compile(r"\?[\s!?.)]*$")
_NOT_DONE = re.compile(r"\bnot (?:yet )?(?:done|complete|completed|finished)\b", _FLAGS)
MOST_AT_ONCE = 10  # tasks one "I paid rent and called mom …" message completes
_FIRM_DELETE = re.compile(r"(?:delete|remove|erase|get rid of)\b|.*\b(?:off|from|out of) (?:of )?(?:my|the) (?:todo |to-do )?list$", _FLAGS)
_WHEN_DONE = re.compile(r"(?: (?:today|yesterday|this (?:morning|afternoon|evening)|earlier|last night|at last|already|finally))+$", _FLAGS)
_PARTICIPLE = re.compile(  # "the plants are watered", "rent - paid", "passport renewed ✅" (the verb: a past form)
    r"(?P<obj>(?!(?:i|we|you|it|that|this|there)\b)[^,]+?)(?P<aux> is| are| has been| have been| was| were| got)?"
    r"(?: now| all| finally)?(?P<sep> -|:)? (?P<verb>[a-z]+)(?: (?:now|at last|finally|today))?(?P<mark> ?[✅✓✔️]+)?",
    _FLAGS,
)
_AND_PAST = re.compile(r",? (?:and|&)(?: (?:i|we|also|then))* (?P<verb>[a-z]+) ", _FLAGS)
_NUMBER = re.compile(r"[0-9]{1,2}")
_NEXT_WEEK = re.compile(r"\bnext week\b", _FLAGS)
_WEEKEND = re.compile(r"\b(?:the|this) weekend\b", _FLAGS)
_POSSESSIVE = re.compile(r"'s\b", _FLAGS)
_POSTPONE = re.compile(r"(?:actually )?" + v.POSTPONE + r"\b", _FLAGS)
_WEEKDAY = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?s?\b", _FLAGS)

_ACTION_PHRASES = {"complete": "mark as done", "delete": "delete", "reopen": "reopen", "schedule": "change"}


@dataclass
class Parsed:
    intent: str
    parts: dict[str, str]


def clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("’", "'").replace("‘", "'").splitlines()]
    lines = [line for line in lines if line] or [""]
    # "add\n- milk\n- eggs": one to-do a line
    text = lines[0].rstrip(":") + ": " + "; ".join(lines[1:]) if len(lines) > 1 else lines[0]
    text = _EMOTICON.sub("", text)
    text = text.rstrip(" .!?;")
    for _ in range(3):  # "ok so please can you ..."
        text = _PREFIX.sub("", text)
    for _ in range(2):
        text = _SUFFIX.sub("", text)
    return text.strip(" .!?;,")


def parse(message: str, retyped: bool = False) -> Parsed | None:
    """What the message asks for: the intent whose pattern explains most of it (see `candidates`)."""
    text = clean(message)
    if not text:
        return Parsed("help", {}) if message.strip() else None
    question = bool(_QUESTION.match(text))
    allowed = v.QUESTION_INTENTS if question else v.INTENT_ORDER  # questions read the list; they never change it
    found = candidates(text, allowed)
    if not found:
        return None if question else _without_command(text, retyped)
    best = max(found, key=lambda c: c.score)
    intent, parts = best.intent, dict(best.parts)
    if "verb" in parts:  # "I haven't actually called mom": the task is "call mom"
        verb = parts.pop("verb")
        parts["ref"] = f"{_present(verb.lower()) or verb} {parts.pop('obj')}"
    if (intent in ("complete", "delete") or (intent == "list" and "q" in parts)) and _is_todo(text, parts):
        return Parsed("add", {"title": text, "text": text, "plain": "yes"})
    if intent == "delete" and _dated(parts.get("ref", "")):  # "scrap the car on friday": a to-do
        if not _FIRM_DELETE.match(text):
            return Parsed("add", {"title": text, "text": text, "plain": "yes"})
        parts["dated"] = "yes"  # "remove the stain tomorrow" or "delete the dentist appointment on friday": see _delete
    if _ASKED.search(message):
        parts["asked"] = "yes"
    return Parsed(intent, parts | {"text": text})


@dataclass
class Candidate:
    """One reading of a message: an intent, the parts its pattern took, and its score."""

    intent: str
    parts: dict[str, str]
    score: float


def candidates(text: str, intents: list[str]) -> list[Candidate]:
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
            parts = {k: val.strip() for k, val in match.groupdict().items() if val and not k.startswith("_")}
            if "when" in parts and not _only_when(parts["when"]):
                continue  # "change X to Y" without a date in Y is a rename; "put the kids to bed at 8pm" a to-do
            if next(iter(ranking.words(parts.get("ref", ""))), "") in v.ALL_WORDS:
                continue  # "remove everything from my list", "mark all of today's tasks as done": not one task
            found.append(Candidate(intent, parts, _explained(match) + v.INTENT_WEIGHTS[intent]))
    return found


def _explained(match: re.Match[str]) -> float:
    """The share of the message's words that the pattern's own words account for (a word a
    named group or a wildcard takes is unexplained)."""
    spans = [match.span(name) for name, value in match.groupdict().items() if value]
    tokens = [m.span() for m in _TOKEN.finditer(match.string)]
    free = sum(any(s <= start and stop <= e for s, e in spans) for start, stop in tokens)
    return 1 - free / max(1, len(tokens))


def _is_todo(text: str, parts: dict[str, str]) -> bool:
    """A command word that is really the to-do's own verb: "finish the report by friday" (a date),
    "drop off the donations" (a particle), "show the flat to the tenants on saturday"."""
    ref = parts.get("ref", "")
    if ref.split(" ", 1)[0].lower() in {"off", "out", "up", "by", "over", "down", "in"}:
        return True
    if text.split(" ", 1)[0].lower() not in TODO_VERBS:
        return False
    found = extract_slots(ref or parts.get("q") or text, turn_now())
    return bool(found.due_date or found.recurrence) and ref.lower() not in v.PRONOUNS


def _only_when(text: str) -> bool:
    """Whether `text` says when and nothing else ("friday at 10am"), or a new to-do with its date
    ("buy oat milk tomorrow"); not "bed at 8pm" nor "the garage on saturday"."""
    found = slots_in(text)
    if found is None:
        return False
    if found.title.lower() == " ".join(text.split()).lower():
        return True  # nothing but slots: the title is the words themselves
    named = [w for w in ranking.words(found.title) if w not in v.REF_FILLER]
    return not named or found.title.split(" ", 1)[0].lower() in TODO_VERBS


def _dated(ref: str) -> bool:
    """A reference that carries a date or a repeat names a to-do, not a task to find."""
    found = extract_slots(ref, turn_now()) if ref else None
    return bool(found and (found.day_named or found.recurrence)) and ref.lower() not in v.PRONOUNS


def _yes_no(text: str) -> bool | None:
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


def _without_command(text: str, retyped: bool) -> Parsed | None:
    """A message with no command word: "I called mom" (done), "pick up the parcel" (a to-do),
    or a misspelt command ("shw my tasks")."""
    past = _PAST.fullmatch(text)
    if past:
        verb = _present(past.group("verb").lower())
        said = past.group("verb").lower() != verb or re.match(r"(?:i|we)\b", text, _FLAGS)  # "put the kids to bed": not "I put"
        if verb and said:
            rest = _WHEN_DONE.sub("", past.group("rest")) or past.group("rest")  # "I renewed my passport today"
            return Parsed("past", _past_parts(f"{verb} {rest}", text))
    done = _PARTICIPLE.fullmatch(text)
    said = done and (done.group("aux") or done.group("sep") or done.group("mark") or done.group("verb").lower() not in v.DONE_TO_YOU)
    if done and said and (verb := _present(done.group("verb").lower())):  # "the plants are watered", "rent - paid"
        return Parsed("past", {"ref": f"{verb} {done.group('obj')}", "verb": verb, "text": text})
    first, _, rest = text.partition(" ")
    if first.lower() in TODO_VERBS and rest and rest.lower() not in v.PRONOUNS | v.BULK_WORDS:
        return Parsed("add", {"title": text, "text": text, "plain": "yes"})
    if not retyped:
        fixed = process.extractOne(first.lower(), v.COMMAND_WORDS, scorer=fuzz.ratio, score_cutoff=v.TYPO_SCORE)
        word = first.lower()
        negated = word.endswith(fixed[0]) and word.removesuffix(fixed[0]) in v.NEGATING_PREFIXES if fixed else False
        if fixed and fixed[0] != word and not negated:  # not "un-complete" -> "complete"
            return parse(f"{fixed[0]} {rest}".strip(), retyped=True)
    # a date, time, priority or label first: "urgent: call the landlord", "tomorrow: call the school"
    found = extract_slots(text, turn_now())
    label = re.match(r"^[^:]{1,30}:\s*(?P<rest>.+)$", text)
    remainder = label.group("rest") if label and slots_in(text[: label.start("rest")]) else found.title
    has_slots = found.due_date or found.priority != "none" or found.tags
    lead = remainder.split(" ", 1)[0].lower()
    if has_slots and remainder != text and lead in TODO_VERBS:
        return Parsed("add", {"title": text, "text": text, "plain": "yes"})
    # a thing at a time: "dentist appt next tuesday 9:30am", "gym mon wed fri at 7am"
    named = [w for w in ranking.words(remainder) if w not in v.REF_FILLER and w not in v.PRONOUNS]
    if (found.day_named or found.recurrence) and remainder != text and named and lead not in v.NOT_A_TITLE_START | v.SUBJECTS:
        return Parsed("add", {"title": text, "text": text, "plain": "yes"})
    return None


def _present(verb: str) -> str | None:
    """The to-do verb a past-tense form comes from ("called" -> "call"), if it is one."""
    if verb in v.PAST_TENSE:
        return v.PAST_TENSE[verb]
    if verb.endswith("ied") and verb[:-3] + "y" in TODO_VERBS:
        return verb[:-3] + "y"
    if verb.endswith("ed"):
        for stem in (verb[:-2], verb[:-1], verb[:-3]):  # called, baked, mopped
            if stem in TODO_VERBS:
                return stem
    return None


def slots_in(text: str) -> ParsedTask | None:
    """The date, time, repeat, priority and tags in `text`, if it has any."""
    found = extract_slots(text, turn_now())
    if found.due_date or found.recurrence or found.priority != "none" or found.tags:
        return found
    return None


def status_asked(text: str) -> str:
    for status in ("pending", "completed"):  # "not done" is pending, so pending is checked first
        if any(p.search(text) for p in _STATUS[status]):
            return status
    return "all"


def _explicit_status(text: str) -> set[str]:
    """{"status"} when the message itself says done or not done."""
    return {"status"} if any(p.search(text) for ps in _STATUS.values() for p in ps if p.pattern != r"\bdue\b") else set()


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in "'\"“" and text[-1] in "'\"”":
        return text[1:-1].strip()
    return text


def as_title(text: str) -> str:
    title = " ".join(unquote(text).split()).rstrip(" .!;,")
    return title[:1].upper() + title[1:] if title[:1].islower() else title


def quote(title: str) -> str:
    return f"“{title}”"


LINES_SHOWN = 25  # lines of a list in one reply; a longer list ends with how many more there are


def _listing(heading: str, lines: list[str]) -> str:
    shown = "\n".join(lines[:LINES_SHOWN])
    if len(lines) > LINES_SHOWN:
        shown += f"\n…and {len(lines) - LINES_SHOWN} more. Ask for what's due today, this week, a #tag or some words to see fewer."
    return f"{heading} ({len(lines)}):\n{shown}"


class OfflineAgent:
    """Answers with no model: parse, resolve, call tools, say what happened."""

    provider: str = "offline"
    model: str | None = None

    def __init__(self, server: MCPServer) -> None:
        self._server = server

    async def start(self) -> None:
        pass

    async def aclose(self) -> None:
        pass

    async def stream(self, history: list[Message], text: str) -> AsyncIterator[str]:
        answer = await self.reply(history, text)
        for piece in re.findall(r"\S+\s*|\s+", answer):
            yield piece

    async def reply(self, history: list[Message], text: str) -> str:
        try:
            return await self._reply(history, text)
        except _ToolFailed as exc:  # a task gone meanwhile (deleted in the panel): said, not a failure
            return _explain(str(exc))

    async def _reply(self, history: list[Message], text: str) -> str:
        state = _last_state(history)
        if "confirm" in state:
            answer = await self._answer_confirm(state["confirm"], text)
            if answer is not None:
                return answer
        if "pending" in state:
            answer = await self._answer_pending(state["pending"], text)
            if answer is not None:
                return answer
        parsed = parse(text)
        if parsed is None:
            leave_state(unclear=True)  # "move it to monday" after this: which task?
            return NOT_UNDERSTOOD
        handler = getattr(self, f"_{parsed.intent}")
        return str(await handler(parsed.parts, history))

    # -------------------------------------------------------------- intents

    async def _help(self, parts: dict[str, str], history: list[Message]) -> str:
        return HELP

    async def _smalltalk(self, parts: dict[str, str], history: list[Message]) -> str:
        said = ranking.words(parts["text"])
        first = next(iter(said), "")
        if {"night", "nite", "bye"} & set(said):  # "good night" is no greeting
            return v.SMALLTALK_REPLIES["bye"]
        kind = next((k for k, starts in _SMALLTALK_KINDS.items() if first in starts), "ok")
        return v.SMALLTALK_REPLIES[kind]

    async def _offtopic(self, parts: dict[str, str], history: list[Message]) -> str:
        return v.CONDITIONAL_REPLY if re.match(r"if\b", parts["text"], _FLAGS) else v.OFFTOPIC_REPLY

    async def _bulk(self, parts: dict[str, str], history: list[Message]) -> str:
        """Several tasks at once, narrowed by what the message says ("due today", "#work", "high priority").
        Completing acts (one undo reverts it); reopening several and deleting ask first."""
        text = parts["text"]
        action = next((a for a, pattern in _BULK_ACTIONS.items() if pattern.match(text)), None)
        if action is None:
            return v.BULK_CANT
        due, filters, _ = _filters(text)
        extra = _unexplained(text)
        if extra:  # "check off everything for work": a tag; "… except the rent": not understood, so nothing changes
            if len(extra) != 1 or "tag" in filters or extra[0] not in await self._tags():
                return v.BULK_UNSURE.format(words=" ".join(extra))
            filters["tag"] = extra[0]
        if action == "reopen":
            done = await self._bulk_list("completed", due, filters)
            if not done:
                return "Nothing there is marked as done."
            if len(done) > 1:
                leave_state(confirm={"action": "reopen_many", "task_ids": [t["id"] for t in done], "title": _tasks_word(len(done))})
                return f"Reopen {len(done)} tasks: {_titles(done)}? (yes / no)"
            return await self._act("reopen", int(done[0]["id"]), {}, done[0])
        if action == "complete":
            pending = await self._bulk_list("pending", due, filters)
            if not pending:
                return "Nothing left to do — you're all caught up! 🎉"
            result = await self._tool("complete_tasks", {"task_ids": [t["id"] for t in pending]})
            leave_state(shown=[int(t["id"]) for t in pending])  # "reopen it" after this: which one?
            return f"Marked {_tasks_word(result['count'])} as done: {_titles(result['tasks'])}. ✓"
        done_only = bool(_DONE_WORDS.search(text))
        tasks = await self._bulk_list("completed" if done_only else "all", due, filters)
        if not tasks:
            return "You have no completed tasks." if done_only else ("No task fits that." if filters else "Your list is already empty.")
        leave_state(confirm={"action": "delete_many", "task_ids": [t["id"] for t in tasks], "title": _tasks_word(len(tasks))})
        which = (
            f"{len(tasks)} completed {'task' if len(tasks) == 1 else 'tasks'}"
            if done_only
            else (
                "your only task" if len(tasks) == 1 and not filters else _tasks_word(len(tasks)) if filters else f"all {len(tasks)} tasks"
            )
        )
        return f"Delete {which}: {_titles(tasks)}? (yes / no)"

    async def _tags(self) -> set[str]:
        """Every tag on the user's tasks ("show me my work stuff" names one without its #)."""
        return {tag for t in await self._tool("list_tasks", {"status": "all"}) for tag in t.get("tags", [])}

    async def _bulk_list(self, status: str, due: str | None, filters: dict[str, Any]) -> list[dict[str, Any]]:
        return _due_tomorrow(await self._tool("list_tasks", {"status": status, **filters}), due, turn_now())

    async def _past(self, parts: dict[str, str], history: list[Message]) -> str:
        """ "I called mom": completes the task it names, if there is one. "I paid rent and called
        mom": each in turn, until one needs a "Which one…?"."""
        replies: list[str] = []
        for _ in range(MOST_AT_ONCE):
            found = await self._resolve(parts["ref"], "complete", history)
            if isinstance(found, Found) and "verb" in parts and parts["verb"] not in ranking.words((found.task or {}).get("title", "")):
                found = "none"  # "the flight is delayed" is not "Book flight" done
            if isinstance(found, list):
                return "\n".join([*replies, self._which_one("complete", parts, found)])
            if isinstance(found, str):
                replies.append(f"I don't see a task for {quote(parts['ref'])} on your list, so nothing changed.")
            else:
                replies.append(await self._act("complete", found.task_id, parts, found.task))
            if "more" not in parts:
                break
            parts = _past_parts(parts["more"], parts["text"])
        return "\n".join(replies)

    async def _list(self, parts: dict[str, str], history: list[Message]) -> str:
        if "check" in parts:
            if "pp" in parts:  # "is rent paid?": did I pay rent
                if not _present(parts["pp"].lower()):
                    return NOT_UNDERSTOOD
                return await self._check(f"{parts['pp']} {parts['check']}", history)
            return await self._check(parts["check"], history)
        text = parts["text"]
        status = status_asked(text)
        arguments: dict[str, Any] = {"status": status}
        headings: list[str] = []
        now = turn_now()
        due, filters, headings = _filters(text)
        days = _days_asked(text, now) if due is None and "q" not in parts else None
        if days is not None:  # "what's on friday?", "what's due next week?": list_tasks has no date range
            headings.append(days[0])
            filters["sort"] = "due"
        if not headings and "q" not in parts:  # "show me my work stuff": a tag named without its #
            extra = [w for w in _unexplained(text) if w not in v.LIST_FILLER]
            if len(extra) == 1 and extra[0] in await self._tags():
                filters["tag"] = extra[0]
                headings.append(f"Tagged #{extra[0]}")
        arguments |= filters
        if "q" in parts:
            wanted = " ".join(ranking.ref_words(parts["q"]))
            if not wanted:
                return ASK_WHICH
            arguments["q"] = wanted
            headings.append(f"Matching {quote(wanted)}")
        if headings and "status" not in _explicit_status(text):
            dated = due in ("overdue", "today", "tomorrow", "week") or days is not None
            arguments["status"] = status = "pending" if dated else "all"
        tasks = _due_tomorrow(await self._tool("list_tasks", arguments), due, now)
        if days is not None:
            tasks = [t for t in tasks if t.get("due_date") and days[1] <= date.fromisoformat(t["due_date"]) <= days[2]]
        leave_state(shown=[int(t["id"]) for t in tasks[:LINES_SHOWN]])
        if headings:
            if not tasks:
                return "Nothing " + headings[0][0].lower() + headings[0][1:] + "."
            lines = [f"- #{t['id']} {t['title']}{_when(t, now)}" + (" ✓" if t["completed"] else "") for t in tasks]
            return _listing(", ".join(headings), lines)
        if not tasks:
            return {
                "pending": "Nothing left to do — you're all caught up! 🎉",
                "completed": "You haven't completed any tasks yet.",
            }.get(status, "Your list is empty. Try: add buy milk")
        heading = {"pending": "Still to do", "completed": "Done", "all": "Your tasks"}[status]
        lines = [f"- #{t['id']} {t['title']}{_when(t, now)}" + (" ✓" if t["completed"] and status == "all" else "") for t in tasks]
        return _listing(heading, lines)

    async def _add(self, parts: dict[str, str], history: list[Message]) -> str:
        now = turn_now()
        if "plain" in parts:  # a to-do said plainly: if it is already on the list, say so
            same = [t for t in await self._tool("list_tasks", {"status": "pending"}) if t["title"].lower() == parts["title"].lower()]
            if same:
                return f"{quote(same[0]['title'])} is already on your list (task #{same[0]['id']})."
        found = parse_quick_add(parts["title"], now) or [ParsedTask(title=parts["title"])]
        too_long = [p.title for p in found if len(as_title(p.title)) > TITLE_MAX]
        if too_long:
            return f"That title is too long ({len(too_long[0])} characters); keep it under {TITLE_MAX + 1}."
        added = [await self._tool("add_task", _add_arguments(p)) for p in found]
        notes = [f"(task #{r['task_id']}{_when(r.get('task'), now)})" for r in added]
        if len(added) == 1:
            return f"Added {quote(added[0]['title'])} to your list {notes[0]}."
        lines = [f"{quote(r['title'])} {note}" for r, note in zip(added, notes, strict=True)]
        return f"Added {len(lines)} tasks:\n" + "\n".join(f"- {line}" for line in lines)

    async def _undo(self, parts: dict[str, str], history: list[Message]) -> str:
        if _last_state(history).get("unclear"):  # the last reply changed nothing: "undo that" may not mean the change before
            return "I didn't change anything just then. Say “undo” again to undo your last change before that."
        try:
            result = await self._tool("undo_last_change", {})
        except _ToolFailed:
            return "There's nothing to undo."
        return f"Undone: {_curly(result['undone'])}."

    async def _reopen(self, parts: dict[str, str], history: list[Message]) -> str:
        return await self._on_task("reopen", parts, history)

    async def _schedule(self, parts: dict[str, str], history: list[Message]) -> str:
        return await self._on_task("schedule", {"ref": "it"} | parts, history)  # "remove the due date": of it

    async def _complete(self, parts: dict[str, str], history: list[Message]) -> str:
        return await self._on_task("complete", parts, history)

    async def _delete(self, parts: dict[str, str], history: list[Message]) -> str:
        """Acts unasked only on a command with a firm verb ("delete", "remove", "get rid of") that names
        the task clearly. A statement ("the meeting is cancelled"), an everyday verb ("trash the old
        sofa", "drop the kids"), or a question mark asks first."""
        if not _FIRM_DELETE.match(parts["text"]) or parts.get("asked"):
            parts = parts | {"ask": "yes"}
        if "dated" in parts:  # a task by the words before the date, asked about; else a to-do of its own
            ref = extract_slots(parts["ref"], turn_now()).title
            found = await self._resolve(ref, "delete", history)
            if isinstance(found, str):
                return await self._add({"title": parts["text"], "text": parts["text"], "plain": "yes"}, history)
            return await self._on_task("delete", parts | {"ref": ref, "ask": "yes"}, history, found)
        return await self._on_task("delete", parts, history)

    async def _update(self, parts: dict[str, str], history: list[Message]) -> str:
        """A new title or notes. "Change the report to done" or "… to high" is not a new title, and a
        loosely named task keeps its verb: "change mom to dad" makes "Call mom" "Call dad"."""
        if "new" not in parts or parts["new"] != unquote(parts["new"]):
            return await self._on_task("update", parts, history)
        if _RENAME.match(parts["text"]):  # "rename the report to done" is a rename
            return await self._on_task("update", parts, history)
        new = clean(parts["new"]).lower()
        if _NUMBER.fullmatch(new):  # "change it to 7": the hour, if it is one; never a title of digits
            if slots_in(f"at {new}") is None:
                return "I'm not sure what “" + new + "” should change, so I changed nothing. Try “make it 7pm”."
            return await self._on_task("schedule", parts | {"when": f"at {new}", "bare_hour": "yes"}, history)
        if new in v.DONE_STATES:
            return await self._on_task("complete", parts, history)
        if new in v.OPEN_STATES:
            return await self._on_task("reopen", parts, history)
        if new in v.PRIORITY_LEVELS:
            return await self._on_task("schedule", parts | {"prio": v.PRIORITY_LEVELS[new]}, history)
        if next(iter(ranking.words(new)), "") in v.NOT_A_TITLE_START:
            return (
                f"I'm not sure what “{parts['new']}” means for that task, so I changed nothing. "
                "To rename it, say “rename … to …”; to move it, name a day or time (“move it to friday at 10am”)."
            )
        return await self._on_task("update", parts | {"keep_verb": "yes"}, history)

    # -------------------------------------------------------------- acting on one task

    async def _on_task(
        self, action: str, parts: dict[str, str], history: list[Message], found: Found | list[dict] | str | None = None
    ) -> str:
        """Does `action` to the task `parts["ref"]` names (`found`, when the caller has resolved it already)."""
        ref = unquote(parts["ref"])
        if found is None:
            found = await self._resolve(ref, action, history)
        if isinstance(found, str):
            leave_state(unclear=True)  # no task was found: nothing to call "it", nothing for "undo that"
            return found
        if isinstance(found, list):
            return self._which_one(action, parts, found)
        if "pp" in parts and (verb := _present(parts["pp"].lower())):  # "the dog needs to be walked at 6pm"
            task = found.task or await self._task(found.task_id)
            if verb not in ranking.words(task["title"]):  # is not "Feed the dog"
                return f"I couldn't find a task to {verb} matching {quote(ref)}. Say “show my tasks” to see them all."
        vague = set(ranking.ref_words(ref)) <= v.VAGUE_WORDS  # "the new one": not "Buy new shoes" by name
        # destructive: loosely named ("it", "the pay one"), said loosely ("trash", "?", a statement): ask
        if action == "delete" and (not found.exact or "ask" in parts or vague):
            task = found.task or await self._task(found.task_id)
            leave_state(confirm={"action": "delete", "task_id": found.task_id, "title": task["title"]})
            return f"Delete {quote(task['title'])}? (yes / no)"
        return await self._act(action, found.task_id, parts, found.task)

    async def _answer_confirm(self, confirm: dict[str, Any], text: str) -> str | None:
        """Carries out (yes) or drops (no) the action a "Delete …?" question asked about."""
        said = _yes_no(text)
        action = confirm["action"]
        if said is None and (parsed := parse(text)) is not None and parsed.intent == "undo":
            said = False  # "no, undo" at "Delete …?": keep it, and undo nothing older
        if said is True and action == "delete_many":
            result = await self._tool("delete_tasks", {"task_ids": [int(i) for i in confirm["task_ids"]]})
            return f"Deleted {_tasks_word(result['count'])}. (Say “undo” to bring them back.)"
        if said is True and action == "reopen_many":
            ids = [int(i) for i in confirm["task_ids"]]
            result = await self._tool("complete_tasks", {"task_ids": ids, "completed": False})
            return f"Reopened {_tasks_word(result['count'])}: {_titles(result['tasks'])}. (Say “undo” to take that back.)"
        if said is True:
            return await self._act(action, int(confirm["task_id"]), {"text": ""})
        if said is False:
            return {"delete_many": "OK, nothing was deleted.", "reopen_many": "OK, nothing was changed."}.get(
                action, f"OK, I kept {quote(confirm['title'])}."
            )
        return None

    async def _act(self, action: str, task_id: int, parts: dict[str, str], task: dict[str, Any] | None = None) -> str:
        """Does `action` to the task; `task` is its listing when this turn has already read it."""
        leave_state(mentioned=[task_id] if action != "delete" else None)
        if action == "complete":
            result = await self._tool("complete_task", {"task_id": task_id})
            return f"Marked {quote(result['title'])} as done. ✓"
        if action == "delete":
            result = await self._tool("delete_task", {"task_id": task_id})
            return f"Deleted {quote(result['title'])}."
        if action == "reopen":
            task = task or await self._task(task_id)
            if not task["completed"]:
                return f"{quote(task['title'])} isn't marked as done, so it's still on your list."
            result = await self._tool("complete_task", {"task_id": task_id, "completed": False})
            return f"Reopened {quote(result['title'])}: it's back on your list."
        if action == "schedule":
            return await self._reschedule(task_id, parts, task)
        arguments: dict[str, Any] = {"task_id": task_id}
        if "new" in parts:
            title = as_title(_with_verb(parts, task) if "keep_verb" in parts else parts["new"])
            if len(title) > TITLE_MAX:
                return f"That title is too long ({len(title)} characters); keep it under {TITLE_MAX + 1}."
            arguments["title"] = title
        if "desc" in parts:
            arguments["description"] = unquote(parts["desc"])
        result = await self._tool("update_task", arguments)
        if "title" in arguments:
            return f"Renamed task #{task_id} to {quote(result['title'])}."
        return f"Updated the notes of {quote(result['title'])}."

    async def _check(self, ref: str, history: list[Message]) -> str:
        """ "Did I finish the report?": answers about that task, changing nothing."""
        first, _, rest = unquote(ref).partition(" ")
        ref = f"{_present(first.lower()) or first} {rest}".strip()  # "have I paid rent" -> "pay rent"
        everything = await self._tool("list_tasks", {"status": "all"})
        found = await self._resolve(ref, "check", history, everything)
        if isinstance(found, str):
            return found
        by_id = {t["id"]: t for t in everything}
        if isinstance(found, Found) and found.task_id not in by_id:
            return _explain(f"Task {found.task_id} not found")
        tasks = found if isinstance(found, list) else [found.task or by_id[found.task_id]]
        leave_state(shown=[int(t["id"]) for t in tasks])
        lines = [
            f"Yes — {quote(t['title'])} is done. ✓"
            if t["completed"]
            else f"Not yet — {quote(t['title'])} is still open{_when(t, turn_now())}."
            for t in tasks
        ]
        return "\n".join(lines)

    async def _reschedule(self, task_id: int, parts: dict[str, str], task: dict[str, Any] | None = None) -> str:
        """Changes a task's date, time, repeat, priority or tags as the message says."""
        now = turn_now()
        arguments: dict[str, Any] = {"task_id": task_id}
        if "when" in parts:
            found = slots_in(parts["when"])
            assert found is not None  # parse() only matches a <when> that has slots
            if found.due_date and (found.due_time or _POSTPONE.match(parts["text"])):
                task = task or await self._task(task_id)
                if "bare_hour" in parts and (task.get("due_time") or "00") >= "12":  # 18:30, "change it to 7": 19:00
                    found = slots_in(parts["when"] + " in the evening") or found  # the parser's rule for a bare hour
                found = _keep_day(found, parts, task)
            arguments |= {k: v for k, v in _add_arguments(found).items() if k != "title"}
            leftover = found.title.strip()
            new_verb = leftover.split(" ", 1)[0].lower() in TODO_VERBS
            if leftover.lower() != parts["when"].strip().lower() and new_verb:
                arguments["title"] = as_title(leftover)  # "change it to buy oat milk tomorrow", not "… 8:30 instead"
            if found.recurrence and not found.due_date:
                arguments.pop("due_date", None)
        elif "shift" in parts:
            task = task or await self._task(task_id)
            n = _COUNTS.get(parts["shift"].lower()) or int(parts["shift"])
            days = n * (7 if parts["unit"].lower().startswith("week") else 1)
            start = date.fromisoformat(task["due_date"]) if task.get("due_date") else now.date()
            arguments["due_date"] = (start + timedelta(days=days)).isoformat()
        elif "tag" in parts:
            task = task or await self._task(task_id)
            arguments["tags"] = sorted({*task.get("tags", []), parts["tag"].lstrip("#").lower()})
        elif "prio" in parts or _PRIORITY_CHANGE.match(parts["text"]):
            level = parts.get("prio", "").lower()
            arguments["priority"] = {"urgent": "high", "normal": "medium", "": "high"}.get(level, level)
            if re.match(r"(?:remove|clear|drop)\b", parts["text"], _FLAGS):
                arguments["priority"] = "none"
        elif _CLEAR_DATE.match(parts["text"]):
            arguments["clear_due_date"] = True
        else:  # never a change nobody named
            return "I'm not sure what to change about that task, so I changed nothing. Try “move it to friday” or “make it high priority”."
        result = await self._tool("update_task", arguments)
        when = _when(result.get("task"), now)
        if arguments.get("clear_due_date"):
            return f"Removed the date from {quote(result['title'])}."
        return f"Updated {quote(result['title'])}: {when[2:]}." if when else f"Updated {quote(result['title'])}."

    async def _task(self, task_id: int) -> dict[str, Any]:
        for task in await self._tool("list_tasks", {"status": "all"}):
            if task["id"] == task_id:
                return dict(task)
        raise _ToolFailed(f"Task {task_id} not found")

    async def _resolve(
        self, ref: str, action: str, history: list[Message], tasks: list[dict[str, Any]] | None = None
    ) -> Found | list[dict] | str:
        """The task meant (and whether it was named exactly), the near-tied candidates, or a
        sentence saying why there is none. A number names a task exactly without listing; "it"
        and "the second one" name one from the conversation, but not exactly enough to delete
        it unasked; anything else is ranked against the list (ranking.decide)."""
        lowered = ref.lower().strip(" .!?")
        ordinal = _ORDINAL_REF.match(lowered)
        shown = _last_shown(history)
        if ordinal and shown:  # "the last one" after a list: the last listed
            index = v.ORDINALS[ordinal.group("ord").lower()]
            return Found(shown[index]) if -len(shown) <= index < len(shown) else ASK_WHICH
        if ordinal and lowered not in v.PRONOUNS:  # "the first one" with no list: of which?
            return ASK_WHICH
        if lowered in v.PRONOUNS:
            task_id = _last_task_id(history)
            return Found(task_id) if task_id is not None else ASK_WHICH
        by_id = _ID_REF.match(lowered)
        if by_id:
            return Found(int(by_id.group("id")), exact=True)
        if not ranking.ref_words(ref):
            return ASK_WHICH
        if tasks is None:
            tasks = await self._tool("list_tasks", {"status": "all"})
        decision = ranking.decide(ref, tasks, action)
        if decision.options:
            return decision.options
        if decision.task is None:
            return f"I couldn't find a task matching {quote(ref)}. Say “show my tasks” to see them all."
        return Found(int(decision.task["id"]), decision.task, decision.exact)

    def _which_one(self, action: str, parts: dict[str, str], candidates: list[dict]) -> str:
        if action == "update":
            phrase = (
                f"rename to {quote(as_title(parts['new']))}" if "new" in parts else f"describe as {quote(unquote(parts.get('desc', '')))}"
            )
        else:
            phrase = _ACTION_PHRASES[action]
        options = [f"#{t['id']} {quote(t['title'])}" for t in candidates]
        listed = ", ".join(options[:-1]) + " or " + options[-1]
        kept = {k: parts[k] for k in ("new", "desc", "when", "shift", "unit", "tag", "prio", "text", "keep_verb") if k in parts}
        leave_state(pending={"action": action, "options": [t["id"] for t in candidates], "parts": kept})
        return f"Which one do you want to {phrase}: {listed}?"

    async def _answer_pending(self, pending: dict[str, Any], text: str) -> str | None:
        """Carries out the request a "Which one…?" question left open, if the answer picks one."""
        ids = [int(i) for i in pending["options"]]
        answer = clean(text).lower()
        if _yes_no(text) is False or ((parsed := parse(text)) is not None and parsed.intent == "undo"):
            return "OK, I left them as they were."
        chosen: int | None = None
        by_id = _ID_REF.match(answer)
        ordinal = _ORDINAL_REF.match(answer)
        if answer in v.SEVERAL:  # "both": one at a time, and the question stays open
            leave_state(pending=pending)
            return "One at a time, please: which one — " + " or ".join(f"#{i}" for i in ids) + "?"
        if by_id and int(by_id.group("id")) in ids:
            chosen = int(by_id.group("id"))
        elif ordinal:
            index = v.ORDINALS[ordinal.group("ord").lower()]
            chosen = ids[index] if -len(ids) <= index < len(ids) else None
        if chosen is None:
            return None
        if pending["action"] == "delete" and not by_id:  # "the second one" is not a name: ask
            task = await self._task(chosen)
            leave_state(confirm={"action": "delete", "task_id": chosen, "title": task["title"]})
            return f"Delete {quote(task['title'])}? (yes / no)"
        return await self._act(pending["action"], chosen, {"text": ""} | dict(pending.get("parts") or {}))

    async def _tool(self, name: str, arguments: dict[str, Any]) -> Any:
        value = result_value(await use_tool(self._server, name, arguments))
        if isinstance(value, dict) and "error" in value:
            raise _ToolFailed(value["error"])
        return value


class _ToolFailed(Exception):
    pass


@dataclass
class Found:
    """The task a reference means: its number, its listing if this turn read it, and whether
    it was named exactly (a number, the exact title, words whole in its title alone)."""

    task_id: int
    task: dict[str, Any] | None = None
    exact: bool = False


def _filters(text: str) -> tuple[str | None, dict[str, Any], list[str]]:
    """What a message narrows a list to: the due word it names (if any), list_tasks' filters
    (due, priority, tag) and their headings ("Due today", "High priority", "Tagged #work")."""
    filters: dict[str, Any] = {}
    headings: list[str] = []
    due = next((d for d, pattern in _DUE.items() if pattern.search(text)), None)
    if due is not None:
        filters |= {"due": "week" if due == "tomorrow" else due, "sort": "due"}
        headings.append(
            {"overdue": "Overdue", "today": "Due today", "tomorrow": "Due tomorrow", "week": "Due this week", "none": "With no date"}[due]
        )
    priority = next((p for p, pattern in _PRIORITY.items() if pattern.search(text)), None)
    if priority is not None:
        filters["priority"] = priority
        headings.append(f"{priority.capitalize()} priority")
    tag = _TAG.search(text)
    if tag:
        filters["tag"] = tag.group("tag").lower()
        headings.append(f"Tagged #{filters['tag']}")
    return due, filters, headings


def _unexplained(text: str) -> list[str]:
    """The words of a request about several tasks that are neither its command, nor "all",
    nor a due day, priority or tag it narrows to: "except", "rent" in "mark all as done except the rent"."""
    for pattern in [_NOT_DONE, *_DUE.values(), *_PRIORITY.values(), _TAG, _POSSESSIVE]:
        text = pattern.sub(" ", text)
    return [w for w in ranking.words(text) if w not in v.BULK_FILLER]


def _days_asked(text: str, now: datetime) -> tuple[str, date, date] | None:
    """The days a list request names beyond today, tomorrow and this week: a heading and the first and
    last day ("what's on friday?", "what's due next week?", "anything for the weekend?")."""
    today = now.date()
    if _NEXT_WEEK.search(text):
        start = today + timedelta(days=7 - today.weekday())
        return "Due next week", start, start + timedelta(days=6)
    if _WEEKEND.search(text):
        start = today + timedelta(days=(5 - today.weekday()) % 7) if today.weekday() < 5 else today
        end = start + timedelta(days=6 - start.weekday())
        return "Due this weekend", start, end
    found = extract_slots(text, now)
    if not found.day_named or found.due_date is None:
        return None
    return "Due " + _day_words(found.due_date, now), found.due_date, found.due_date


def _due_tomorrow(tasks: list[dict[str, Any]], due: str | None, now: datetime) -> list[dict[str, Any]]:
    """list_tasks has no "tomorrow": the week's tasks, kept only if due tomorrow."""
    if due != "tomorrow":
        return tasks
    return [t for t in tasks if t.get("due_date") == (now.date() + timedelta(days=1)).isoformat()]


def _tasks_word(n: int) -> str:
    return "1 task" if n == 1 else f"{n} tasks"


def _titles(tasks: list[dict[str, Any]], most: int = 5) -> str:
    names = [quote(t["title"]) for t in tasks[:most]]
    more = len(tasks) - most
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _curly(text: str) -> str:
    """'adding "Buy milk"' as the chat quotes titles: 'adding “Buy milk”'."""
    return re.sub(r'"([^"]*)"', r"“\1”", text)


def _add_arguments(parsed: ParsedTask) -> dict[str, Any]:
    """add_task's arguments for a parsed to-do: the quick-add fields, as JSON, without the empty ones."""
    fields = quick_add.as_fields(replace(parsed, title=as_title(parsed.title)))
    wire = {
        name: value.strftime("%H:%M") if isinstance(value, time) else value.isoformat() if isinstance(value, date) else value
        for name, value in fields.items()
    }
    return {name: value for name, value in wire.items() if value not in (None, [], "none")}


def _day_words(due: date, now: datetime) -> str:
    """ "today", "tomorrow", "on Friday", "on Thu 3 Dec" (and the year when it is another one)."""
    days = (due - now.date()).days
    if days in (0, 1, -1):
        return {0: "today", 1: "tomorrow", -1: "yesterday"}[days]
    if 1 < days < 7:
        return f"on {due:%A}"
    return f"on {due:%a} {due.day} {due:%b}" + (f" {due.year}" if due.year != now.year else "")


def _when(task: dict[str, Any] | None, now: datetime) -> str:
    """ ", due tomorrow at 15:00, every Monday, high priority" for a task's extra fields."""
    if not task:
        return ""
    bits = []
    if task.get("due_date"):
        due = date.fromisoformat(task["due_date"])
        days = (due - now.date()).days
        day = _day_words(due, now)
        late = days < 0 or (days == 0 and (task.get("due_time") or "99") < f"{now:%H:%M}")
        at = f" at {task['due_time']}" if task.get("due_time") else ""
        bits.append(("overdue, was due " if late and not task.get("completed") else "due ") + day + at)
    if task.get("recurrence_text"):
        bits.append(task["recurrence_text"])
    if task.get("priority") and task["priority"] != "none":
        bits.append(f"{task['priority']} priority")
    if task.get("tags"):
        bits.append(" ".join(f"#{t}" for t in task["tags"]))
    return ", " + ", ".join(bits) if bits else ""


def _explain(error: str) -> str:
    found = re.search(r"Task (\d+) not found", error)
    if found:
        return f"I couldn't find task #{found.group(1)}. Say “show my tasks” to see your tasks and their numbers."
    return f"I couldn't do that: {error}"


def _last_state(history: list[Message]) -> dict[str, Any]:
    """What the previous reply left for this turn (only if it was the last message)."""
    last = history[-1] if history else None
    if last is None or last.role != "assistant" or not isinstance(last.state, dict):
        return {}
    return last.state


def _past_parts(done: str, text: str) -> dict[str, str]:
    """ "pay rent and called mom" (a to-do verb, then what was done): the first task's reference, and
    what follows an "and" that another past form starts ("call mom"). "bought bread and milk" is one."""
    verb, _, rest = done.partition(" ")
    for m in _AND_PAST.finditer(rest):
        then = _present(m.group("verb").lower())
        if then:
            return {"ref": f"{verb} {rest[: m.start()]}", "more": f"{then} {rest[m.end() :]}", "text": text}
    return {"ref": done, "text": text}


def _keep_day(found: ParsedTask, parts: dict[str, str], task: dict[str, Any]) -> ParsedTask:
    """A dated task given only a time ("make it 10am") keeps its day; postponed to a weekday
    ("postpone the rent to friday"), it moves to that weekday after its current date."""
    if not task.get("due_date") or found.due_date is None:
        return found
    current = date.fromisoformat(task["due_date"])
    if not found.day_named:
        return replace(found, due_date=current)
    if _POSTPONE.match(parts.get("text", "")) and _WEEKDAY.search(parts["when"]):
        day = found.due_date
        while day <= current:
            day += timedelta(days=7)
        return replace(found, due_date=day)
    return found


def _with_verb(parts: dict[str, str], task: dict[str, Any] | None) -> str:
    """The new title, with the old title's verb when the reference and the new words leave it out:
    "change mom to dad" for "Call mom" is "call dad"."""
    new = parts["new"]
    if task is None:
        return new
    verb = task["title"].split(" ", 1)[0]
    named = ranking.ref_words(parts.get("ref", ""))
    if verb.lower() not in TODO_VERBS or verb.lower() in named or not named or len(new.split()) > 2:
        return new
    if new.split(" ", 1)[0].lower() in TODO_VERBS:
        return new
    return f"{verb} {new}"


def _last_shown(history: list[Message]) -> list[int]:
    """The task numbers the previous reply listed, in order ("complete the second one")."""
    shown = _last_state(history).get("shown")
    return [i for i in shown if isinstance(i, int)] if isinstance(shown, list) else []


def _last_task_id(history: list[Message]) -> int | None:
    """The task "it" means: the one the latest reply that was about tasks was about. A reply that
    listed several, asked which one, or deleted one leaves no "it" (None: the agent asks)."""
    for message in reversed(history):
        if message.role != "assistant":
            continue
        state = message.state if isinstance(message.state, dict) else {}
        if state.get("unclear"):
            return None
        mentioned = state.get("mentioned")
        if isinstance(mentioned, list) and mentioned and isinstance(mentioned[-1], int):
            return mentioned[-1]
        if "pending" in state:
            return None
        confirm = state.get("confirm")
        if isinstance(confirm, dict):
            task_id = confirm.get("task_id")
            return task_id if isinstance(task_id, int) else None
        shown = state.get("shown")
        if isinstance(shown, list):
            return shown[0] if len(shown) == 1 and isinstance(shown[0], int) else None
        for call in reversed(message.tool_calls or []):
            result = call.get("result")
            if isinstance(result, dict) and isinstance(result.get("task_id"), int):
                return None if result.get("status") == "deleted" else result["task_id"]
    return None
