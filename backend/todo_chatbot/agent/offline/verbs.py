"""A task's verb in other words: the to-do verb a past-tense form comes from ("picked" -> "pick",
"emailed" -> "email", "went" -> "go"), read with lemminflect's English lemma tables (its
rules for words the tables lack: "texted", "hoovered"), and the errand verbs that name the same
job ("got the cat food" is "Buy cat food" done; vocabulary_verbs.ERRANDS). Pure functions.

lemminflect (and numpy under it) is imported on the first past-tense word, not at start.
"""

from __future__ import annotations

from functools import lru_cache

from ...parsing.vocabulary import TODO_VERBS
from .vocabulary_verbs import ERRANDS, PARTICLES

_KNOWN = TODO_VERBS | {verb for group in ERRANDS for phrase in group for verb in phrase.split()[:1]}


@lru_cache(maxsize=4096)
def present(word: str) -> str | None:
    """The to-do verb `word` is the past tense or past participle of ("called" -> "call", "put" ->
    "put"), if it is one of a to-do's verbs; None for any other word ("bed", "need", "was")."""
    from lemminflect import getInflection, getLemma  # its tables load on first use (0.3 s)

    word = word.lower()
    for lemma in getLemma(word, upos="VERB"):
        if lemma not in _KNOWN:
            continue
        past = {*getInflection(lemma, tag="VBD"), *getInflection(lemma, tag="VBN")}
        if word in past:
            return lemma
    return None


def same_job(ref: str) -> list[str]:
    """The reference with its errand verb said in the other ways that name the same job:
    "pick up the parcel" -> "collect the parcel", "buy the parcel", ... (none when its verb
    is no errand's)."""
    words = ref.split()
    if not words:
        return []
    verb = words[0].lower()
    size = 2 if len(words) > 2 and words[1].lower() in PARTICLES and f"{verb} {words[1].lower()}" in _PHRASES else 1
    said = " ".join(words[:size]).lower()
    rest = " ".join(words[size:])
    return [f"{other} {rest}" for group in ERRANDS if said in group for other in group if other != said]


_PHRASES = {phrase for group in ERRANDS for phrase in group}
