"""A task's verb in other words: the to-do verb a past-tense form comes from ("picked" -> "pick",
"went" -> "go", "put" -> "put"), read from lemminflect's English inflection table, and the
errand verbs that name the same job ("got the cat food" is "Buy cat food" done;
vocabulary_verbs.ERRANDS). Pure functions.

Only the rows of the verbs a to-do has are read (once, on the first past-tense word: ~0.1 s), from
the table lemminflect ships, without importing the package: its lemmatiser would load numpy and
all its tables (+66 MiB and 1.3 s in every server process) to answer for a few hundred verbs. A
to-do verb the table lacks ("text", "hoover") takes the regular forms.
"""

from __future__ import annotations

import csv
import gzip
import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from ...parsing.lexicon import bare_verb, known, lemma, table
from ...parsing.vocabulary import TODO_VERBS
from .vocabulary_verbs import ANY_JOB_VERBS, ERRANDS, NO_JOB_DONE, OBJECT_PRONOUNS, PARTICLES

_KNOWN = TODO_VERBS | {phrase.split()[0] for group in ERRANDS for phrase in group}
_SHORT = re.compile(r"[^aeiou][aeiou][bdgklmnprt]")  # "mop" -> "mopped", "plan" -> "planned"


@lru_cache(maxsize=1)
def past_forms() -> dict[str, str]:
    """{past tense or past participle: to-do verb} for every verb a to-do has."""
    forms: dict[str, str] = {}
    with gzip.open(table(), "rt", encoding="utf-8") as rows:
        for row in csv.reader(rows):
            if len(row) >= 4 and row[1] == "verb" and row[0] in _KNOWN:
                for form in f"{row[2]}/{row[3] or row[2]}".split("/"):  # an empty VBN is the VBD's
                    if form:
                        forms.setdefault(form, row[0])
    for verb in sorted(_KNOWN - set(forms.values())):  # not in the table: the regular forms
        stem = verb[:-1] + "i" if verb.endswith("y") and verb[-2:-1] not in "aeiou" else verb
        for form in {stem + ("d" if stem.endswith("e") else "ed"), *([verb + verb[-1] + "ed"] if _SHORT.fullmatch(verb[-3:]) else [])}:
            forms.setdefault(form, verb)
    return forms


def misspelt_past(word: str) -> str | None:
    """The past form `word` is a typo of ("bougth" -> "bought"), if it is near one (rapidfuzz ratio
    at least 80, a letter longer or shorter at most) and is neither a past form nor a to-do verb
    itself; for words of five letters or more, where one slip is a small share."""
    lowered = word.lower()
    if len(lowered) < 5 or lowered in past_forms() or lowered in _KNOWN:  # "cancel" is a verb, not a slip of "canceled"
        return None
    if known(lowered):  # "baker" is a word of its own, not a slip of "baked"
        return None
    found = process.extractOne(lowered, list(past_forms()), scorer=fuzz.ratio, score_cutoff=80)
    return str(found[0]) if found and abs(len(found[0]) - len(lowered)) <= 1 else None


def present(word: str) -> str | None:
    """The to-do verb `word` is the past tense or past participle of ("called" -> "call", "put" ->
    "put"), if it is one of a to-do's verbs; None for any other word ("bed", "need", "was")."""
    return past_forms().get(word.lower())


def same_job(ref: str) -> list[str]:
    """The reference with its errand verb said in the other ways that name the same job:
    "pick up the parcel" -> "collect the parcel", "buy the parcel", ... (none when its verb
    is no errand's)."""
    words = ref.split()
    if not words:
        return []
    verb = words[0].lower()
    size = 2 if len(words) > 2 and f"{verb} {words[1].lower()}" in _PHRASES else 1  # "pick up", "go thru"
    said = " ".join(words[:size]).lower()
    rest = " ".join(words[size:])
    # in a fixed order, so that the first way that finds a task is the same in every process
    return [f"{other} {rest}" for group in ERRANDS if said in group for other in sorted(group) if other != said]


_PHRASES = {phrase for group in ERRANDS for phrase in group}


def same_verbs(verb: str) -> set[str]:
    """The verb and every errand verb that names the same job ("order": "buy", "get", "restock", …)."""
    return {verb} | {phrase.split()[0] for group in ERRANDS if verb in group for phrase in group}


def job_fits(verb: str, title: str, said: list[str]) -> bool:
    """Whether a verb said done (its base form) may be of the task titled `title`: the title names no
    verb ("DOT paperwork for bus 7"); the verb is of any job ("did", "finished"), the title's own, or an
    errand verb of the same job ("picked up the hay" for "Buy hay"); or the words `said` after it name
    the title's verb as a thing ("dropped off the invoice" for "Invoice Dave"). Not "I washed the car"
    for "Sell the car": another job done to the same thing."""
    words = re.findall(r"[a-z0-9']+", title.lower())
    first = words[0] if words else ""
    if first not in TODO_VERBS and not bare_verb(first):
        return True
    phrasal = {verb} | {f"{verb} {p}" for p in PARTICLES if p in said}  # "took the books back": "take back", "Return …"
    jobs = {phrase.split()[0] for group in ERRANDS for phrase in group if phrasal & group}
    kin = {phrase for group in ERRANDS if any(p.split()[0] == first for p in group) for phrase in group if " " not in phrase}
    if kin & set(said) - {verb}:  # "got siemens on the phone" for "Call siemens support": a word of the job said
        return True
    if any(_made_from(word, verb) for word in words[1:]):  # "board chair signed" for "Get board chair signature"
        return True
    again = first.startswith("re") and first[2:] == verb  # "tanks are filled" for "Refill tanks", "restocked" for "Stock …"
    return verb in ANY_JOB_VERBS or first in jobs | {verb} or (verb.startswith(first) and len(first) >= 3) or first in said or again


_NOUN_ENDINGS = re.compile(r"(?:ature|ation|ition|ment|al|ance|ence)$")


def _made_from(word: str, verb: str) -> bool:
    """Whether `word` is a noun made from `verb`: "signature" of "sign", "renewal" of "renew", "approval" of "approve"."""
    stem = _NOUN_ENDINGS.sub("", word)
    return stem != word and len(stem) >= 3 and stem in (verb, verb.removesuffix("e"))


# "talked to my wife about the lunch": whom a call or a talk was with, named before what it was about
_WITH_WHOM = re.compile(r"\b(?:to|with) (?:my |our |the )?(?P<who>[\w']+(?: [\w']+)?) (?:about|re|regarding|over)\b", re.IGNORECASE)
_TALKED_ABOUT = re.compile(r"\b(?:talk|talked|talking|spoke|speak|chatted|chat) about\b", re.IGNORECASE)  # with no one named
_A_THING_ABOUT = re.compile(r"\b(?:a|an|some) \w+(?: \w+)? (?:about|regarding)\b", re.IGNORECASE)  # "saw a video about the rent"
_TALKING = {"talk", "discuss", "chat", "speak"}


def said_verb(ref: str) -> str:
    """The base form of the word a reference of a past starts with: "saw a video about the rent" -> "see"."""
    first = re.match(r"[a-z0-9']+", ref.strip().lower())
    return lemma(first.group()) if first else ""


def no_job_of(text: str, verb: str, title: str) -> bool:
    """Whether `text`, said with `verb` (its base form), does no job of the task titled `title`: a talk with
    someone the title does not name ("talked to my wife about the lunch" is not "Call mom about Sunday lunch"
    done, nor "Team lunch"), a talk about it with no one named ("we talked about the rent at dinner"), a thing
    about it ("saw a video about the rent"), or a verb of what befell it ("I forgot the rent"), not its own."""
    titled = re.findall(r"[a-z0-9]+", title.lower())
    said = _WITH_WHOM.search(text)
    whom = [w for w in re.findall(r"[a-z0-9]+", said["who"].lower()) if w not in OBJECT_PRONOUNS] if said else []
    own = titled[0] if titled else ""
    if whom and not set(whom) & set(titled):
        return True
    if (_TALKED_ABOUT.search(text) and own not in _TALKING) or _A_THING_ABOUT.search(text):
        return True
    return verb in NO_JOB_DONE and verb != own
