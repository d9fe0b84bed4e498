"""Sentences: where a message's sentences end ("long night. mr albright's visit got moved to 4"), a picture
between two clauses as the end of one ("found a pallet in the back 😂 delete the order"), and the items of a
heading said as sentences ("Please add the following: Schedule …. Send …."). Pure functions of the text,
used by reading.clean and by the stages that read a message sentence by sentence (clauses.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from . import vocabulary as v
from . import vocabulary_repair as repair

FLAGS = re.IGNORECASE
EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d"  # pictures and signs, not the faces of reading._FACE
_QUESTION = re.compile(v.QUESTION_STARTS, FLAGS)
AND_THEN = re.compile(r"^(?:and|also|then|&)\s+", FLAGS)
PICTURE = re.compile(rf"(?<=\S)\s+[{EMOJI}]+\s+(?=\S)")
_COMMANDING = re.compile(
    r"(?:pls |please |can you |could you )?(?:add|remind|delete|remove|move|mark|tag|rename|put)\b", FLAGS
)  # "morning ☕ add …"
_AFTER_WORDS = 3  # …after a clause's worth of words: "add 🎂 order the cake" keeps the cake
_HEADED = re.compile(rf"(?:{repair.PASTE_HEADINGS}): \S", FLAGS)  # … and a sentence of items after it
_SENTENCE_END = re.compile(rf"(?P<word>\w+)(?:[.!?]+\s*[{EMOJI}]*|\s*[{EMOJI}]+[.!?]*)\s+(?=\S)", FLAGS)


def _ends_sentence(m: re.Match[str]) -> bool:
    unit = m["word"].lower() in ("min", "mins", "hr", "hrs", "wk") and m.string[: m.start()].rstrip().split(" ")[-1].isdigit()
    if "!" in m.group() or "?" in m.group():
        return True  # "opening day is sat!! add …": only a dot follows a short form
    if not unit and (m["word"].lower() in repair.DOTTED or (len(m["word"]) == 1 and m["word"].isalpha())):  # "mr. tran", "j. smith"
        return False  # (not "on break, 12 min. paid the water bill")
    return any(stop in m.group() for stop in ".!?") or parts_at_a_picture(m.string, m.end("word"), m.end())


def parts_at_a_picture(text: str, before: int, after: int) -> bool:
    """A picture between two clauses parts them: after a clause's worth of words, or before a command
    ("… my husband's list 🙈 undo all of that", "morning ☕ add …"; "add 🎂 order the cake" keeps the cake)."""
    return len(text[:before].split()) >= _AFTER_WORDS or bool(_COMMANDING.match(text, after) or _QUESTION.match(text, after))


def sentences_as_clauses(text: str) -> str:
    """ "confirmed the florist. they're doing peonies after all": a sentence's end inside a message
    parts its clauses as a comma does."""
    return _SENTENCE_END.sub(lambda m: f"{m['word']}, " if _ends_sentence(m) else m.group(), text)


def sentences(message: str) -> list[str]:
    """The sentences of a message ("long night. mr albright's visit got moved to 4"), a sentence that
    goes on with "also", "and" or "plus" joined to the one before it ("… high pri. also submit …")."""
    return list(_sentences(message))


@lru_cache(maxsize=512)  # a pure function of the message, read by several stages of a turn
def _sentences(message: str) -> tuple[str, ...]:
    if "\n" in message.strip():
        return (message,)  # a pasted list: its lines, not its sentences
    found: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(message):
        if _ends_sentence(m):
            found.append(message[start : m.start() + len(m["word"])])
            start = m.end()
    found.append(message[start:])
    joined: list[str] = []
    for sentence in (f.strip() for f in found):
        if joined and _HEADED.match(joined[-1]):  # "Please add the following: Schedule …. Send …": its items
            joined[-1] += "; " + sentence
        elif joined and AND_THEN.match(sentence) and not _COMMANDING.match(AND_THEN.sub("", sentence)):
            joined[-1] += ", " + sentence  # (not "… make that order high priority. also add …": a request of its own)
        elif sentence:
            joined.append(sentence)
    return tuple(joined)
