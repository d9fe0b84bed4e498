"""Asides: a clause that asks for nothing and takes nothing back ("…, shop opens early", "…, its urgent
were nearly out", "they're all in B"), read by reading.without_aside and the stages that set a remark
apart from the request around it (clauses.py, answers.py, correct.py)."""

from __future__ import annotations

import re

from ...parsing.lexicon import finite_forms, known, third_person
from ...parsing.vocabulary import TODO_VERBS
from . import ranking
from . import vocabulary as v
from . import vocabulary_repair as repair
from . import vocabulary_said as shapes

FLAGS = re.IGNORECASE
_IS_NOT = re.compile(  # "jim's not answering", "storm's rolling in", "supplier's closed for the holiday"
    r"\w'(?:s|re) (?:not\b|\w+ing\b|\w+ed(?=\s+(?:for|on|at|in|until|till|til|today|tomorrow|again|now)\b|\s*$))", FLAGS
)
_TAKES_BACK = re.compile(repair.ASIDE_TAKES_BACK, FLAGS)
_COMMAND_WORDS = frozenset(v.COMMAND_WORDS)
_TAKE_BACK = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in repair.TAKE_BACKS) + r")\b", FLAGS)
_AND_DONE = re.compile(shapes.AND_DONE, FLAGS)
_REPORTED = re.compile(r"(?!(?:i|we|you|u)\b)\w+(?: \w+)? (?:says|said|wants|told me|thinks)\b", FLAGS)


def aside(words: str) -> bool:
    """A clause (a word of vocabulary_repair.ASIDE_WORDS, or a verb said of a subject,
    lexicon.finite_forms) that takes nothing back and asks for nothing (no command word; no
    to-do verb first, unless a verb follows it: "shop opens early")."""
    said = ranking.words(words)
    if any(w in repair.CONDITIONS for w in said):
        return False  # "yes, but only if it's done": a condition changes what was said
    if _AND_DONE.fullmatch(words.strip()):
        return False  # "got the tape, and flowers are ordered": one more thing done
    finite = finite_forms()
    chat = any(w in repair.CHATTING for w in said)  # "…, long shot lol"
    # "mochi goes home saturday": a name, then what it does (a form that is also a plural: not "fresh eggs")
    does = len(said) > 1 and third_person(said[1]) and not known(said[0])
    if not any(w in repair.ASIDE_WORDS or w in finite for w in said) and not _IS_NOT.search(words) and not chat and not does:
        return False
    lead = [w for w in said if w not in ("and", "also", "then", "so")]
    # "shop opens early", "print shop closes early tmrw": a verb said of a subject of a word or two
    # ... but "get badge reprinted": a thing to have done is a to-do; and "buy kneaded erasers", "buy new running shoes":
    # a form before a thing tells of the thing
    said_of = [w for i, w in enumerate(lead[1:3], 1) if (w in finite or w in repair.ASIDE_WORDS) and _verb_of_a_subject(lead, i)]
    todo = bool(lead) and lead[0] in TODO_VERBS and (lead[0] == "get" or not said_of)
    again = said[-1] in ("too", "also") or words.rstrip().endswith("as well")  # "…, that one too": the change again
    doing = lead[:2] in (["do", "it"], ["do", "that"])  # "…, do it tomorrow": a request to it
    # "…, and a reminder to check humidity logs every day": one more to-do, named by what it is
    asked = lead[:1] == ["reminder"] or lead[:2] in (["a", "reminder"], ["a", "task"], ["a", "todo"])
    return not (todo or again or doing or asked or any(w in _COMMAND_WORDS for w in said) or takes_back(words))


_AFTER_A_VERB = {
    "early",
    "late",
    "today",
    "tonight",
    "tomorrow",
    "tmrw",
    "at",
    "on",
    "in",
    "for",
    "by",
    "off",
    "up",
    "out",
    "again",
    "now",
    "already",
    "yesterday",
    "back",
    "down",
    "over",
    "around",
    "so",
    "too",
    "til",
    "till",
    "until",
    "this",
    "from",
}


def _verb_of_a_subject(lead: list[str], i: int) -> bool:
    """Whether the word at i is a verb said of the words before it ("shop opens early"), not a form
    telling of the thing after it ("kneaded erasers"): last, or before a word that goes with a verb."""
    return i == len(lead) - 1 or lead[i + 1] in _AFTER_A_VERB


def takes_back(words: str) -> bool:
    """Whether a clause takes a request back: "actually no dont", "no wait", "put it back"."""
    if _REPORTED.match(words.strip()):  # "Jen says keep it till january": what someone else said
        return False
    return bool(_TAKES_BACK.match(words.strip()) or _TAKE_BACK.search(words))
