"""Whether a message is only small talk ("hi", "thanks!", "hello there, how are you?"): words
that ask for nothing, so a conversation is not named after them."""

from __future__ import annotations

import re

from . import vocabulary as v

_SMALL_TALK = re.compile("|".join(f"(?:{p})" for p in v.SMALL_TALK), re.IGNORECASE)
_EMOTICON = re.compile(r"(?<!\w)(?:[:;=]-?[()dpo3]|<3)(?!\w)", re.IGNORECASE)
_BREAK = re.compile(r"[,.!?;\n]+")
_NOT_A_WORD = re.compile(r"[^\w\s']+")


def is_small_talk(text: str) -> bool:
    """True when every part of the message (between commas and stops) is a greeting, thanks,
    "how are you" or goodbye, or no words at all ("👋"); False as soon as one part asks for
    something ("hi, add milk", "what can you do?")."""
    said = _EMOTICON.sub(" ", text.replace("’", "'").replace("‘", "'"))
    parts = (" ".join(_NOT_A_WORD.sub(" ", part).split()) for part in _BREAK.split(said))
    return all(_SMALL_TALK.fullmatch(part) for part in parts if part)
