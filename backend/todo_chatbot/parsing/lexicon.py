"""The English words a message is read with, from lemminflect's inflection table: each verb form's
lemma ("tasting" -> "taste"), the forms that can only be a verb said of a subject ("confirmed",
"opens"), every verb's past ("placed"), and the verbs as a command says them ("restock"). Shared by
quick add's splitting and the offline assistant. Pure functions.

The table is read from the file lemminflect ships, without importing the package: its lemmatiser
would load numpy and all its tables (+66 MiB and 1.3 s in every server process). It is read in one
pass (~0.1 to 0.2 s and ~8 MB), once per process, on the first message that needs it.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


def table() -> Path:
    """lemminflect's inflection table (lemma, category, VBD, VBN, VBG, VBZ; "/" between spellings)."""
    spec = importlib.util.find_spec("lemminflect")  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("lemminflect is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "infl_lu.csv.gz"


@dataclass(frozen=True)
class _Words:
    """What the whole table gives, read in one pass (~0.2 s and ~8 MB, once per process, on the first
    message that needs it): every verb's past forms that are not the verb itself ("placed"; not
    "put"); the words that can only be a verb said of a subject (finite_forms); every word the table
    knows; each verb form's lemma ("tasting" -> "taste"); the words that are only a verb (bare_verb);
    every verb's dictionary form (verb); every verb's third person, a plural's too (third_person); and
    every verb's past participle (participle)."""

    past: frozenset[str]
    finite: frozenset[str]
    known: frozenset[str]
    lemmas: dict[str, str]
    bare: frozenset[str]
    verbs: frozenset[str]
    third: frozenset[str]
    participles: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    verbs: dict[str, list[str]] = {}
    other: set[str] = set()
    not_verbs_only: set[str] = set()
    lemmas: dict[str, str] = {}
    plurals: set[tuple[str, str]] = set()
    with gzip.open(table(), "rt", encoding="utf-8") as rows:
        for row in csv.reader(rows):
            if len(row) < 3:
                continue
            if len(row) >= 6 and row[1] == "verb":
                verbs[row[0]] = row
            else:
                other.update([row[0], *row[2].split("/")])
                if row[1] in ("adv", "noun"):
                    not_verbs_only.add(row[0])
            if row[1] == "verb":
                for form in "/".join(row[2:]).split("/"):
                    if form and form != row[0]:
                        lemmas.setdefault(form, row[0])
            elif row[1] == "noun" and not row[2].startswith(row[0]):  # "batteries": a plural that is no longer word of it
                plurals.update((form, row[0]) for form in row[2].split("/") if form and form != row[0])
    for form, noun in plurals:
        lemmas.setdefault(form, noun)  # a verb's form first: "meeting" is "meet"
    past: set[str] = set()
    third: set[str] = set()
    participles: set[str] = set()
    for lemma, row in verbs.items():
        past.update(form for form in row[2].split("/") if form and form != lemma)
        third.update(form for form in row[5].split("/") if form)
        participles.update(form for form in row[3].split("/") if form and form != lemma)
    known = frozenset(other | set(verbs) | past | third)
    finite = frozenset((past | third) - other - set(verbs))
    bare = frozenset(set(verbs) - not_verbs_only)
    return _Words(frozenset(past - set(verbs)), finite, known, lemmas, bare, frozenset(verbs), frozenset(third), frozenset(participles))


def lemma(word: str) -> str:
    """A verb form's dictionary form ("tasting" -> "taste"), a noun's singular when its plural is
    spelt otherwise ("batteries" -> "battery"), or the word itself."""
    return _words().lemmas.get(word, word)


def finite_forms() -> frozenset[str]:
    """Words that can only be a verb said of a subject: the past tense of any verb ("confirmed",
    "went") and the third person of one that is no noun's plural ("opens", not "eggs" or "plants").
    Past forms that are also a verb ("put", "set"), a noun or an adjective ("used") are left out.
    Read once (see _Words)."""
    return _words().finite


def participle(word: str) -> bool:
    """Whether `word` is a verb's past participle ("written", "sent"), whatever else it is."""
    return word.lower() in _words().participles


def third_person(word: str) -> bool:
    """Whether `word` is a verb said of one subject ("goes", "closes"), whatever else it is ("takes")."""
    return word.lower() in _words().third


def bare_verb(word: str) -> bool:
    """Whether `word` is a verb as a command says it, and only a verb ("restock", "sanitize"; not
    "still", "well" or "board", which are also other words)."""
    return word.lower() in _words().bare


def verb(word: str) -> bool:
    """Whether `word` is a verb's dictionary form, whatever else it is ("measure", "list", "mend")."""
    return word.lower() in _words().verbs


def any_past(word: str) -> bool:
    """Whether `word` is the past tense of some verb, a to-do's or not ("placed", "graded")."""
    return word.lower() in _words().past


def known(word: str) -> bool:
    """Whether the table knows `word` as any word's form ("baker" is a word of its own)."""
    return word.lower() in _words().known
