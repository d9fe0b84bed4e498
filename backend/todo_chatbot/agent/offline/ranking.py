"""Which task a reference means: rank the candidates, then decide with a margin.

"the milk one", "the dentsit", "pay": every word of the reference must fit a word
of the title (the same word, the start of a longer one, or a rapidfuzz ratio of at
least vocabulary.WORD_RATIO for a typo); a task's score (0..100) then weighs how
well the words fit and how much of its title they cover, so "buy milk" fits
"Buy milk" better than "Buy milk chocolate" and "report" fits "Write the report"
better than "Repot the plants". The best task wins when it leads the next by at
least vocabulary.RANK_MARGIN; a near-tie asks which one.

Whether a winner may be deleted without asking is a separate, stricter question
(`named_exactly`): only an exact title, or words that all stand whole in that
task's title and in no other's. Pure functions: no database, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz

from ...parsing.lexicon import bare_verb, lemma
from ...parsing.vocabulary import TODO_VERBS
from . import vocabulary as v
from .vocabulary_refs import ABBREVIATIONS
from .vocabulary_verbs import ERRANDS, OBJECT_PRONOUNS, PARTICLES

Task = dict[str, Any]
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ERRAND_VERBS = {phrase.split()[0] for group in ERRANDS for phrase in group}  # "scrub": a verb the errands say
_ARTICLES = {"the", "my", "our", "that", "this"}
_PREFIXED = re.compile(r"\b(re|pre|co|e|un|non)-(?=[a-z])")  # "re-fitted" is "refitted", "e-mail" "email"


def words(text: str) -> list[str]:
    return _WORD.findall(_PREFIXED.sub(r"\1", text.lower()))


def ref_words(ref: str) -> list[str]:
    """The words of a reference that name the task ("the milk one" -> ["milk"]; "mom's" -> "mom")."""
    return [w.removesuffix("'s") for w in words(ref) if w not in v.REF_FILLER]


def word_fit(wanted: str, word: str) -> float:
    """How well one word of a reference fits one word of a title: 1 the same word, less for the
    start of a longer word ("pay" in "payroll") or a typo ("dentsit"), 0 when it doesn't fit."""
    if wanted == word or ABBREVIATIONS.get(wanted) == word or ABBREVIATIONS.get(word) == wanted:  # "mtg": "meeting"
        return 1.0
    said, titled = ABBREVIATIONS.get(wanted, wanted), ABBREVIATIONS.get(word, word)  # "mtg": "meeting", then "meet"
    if len(said) >= 4 and len(titled) >= 4 and _root(said) == _root(titled):  # "the rioja tasting": "Taste new rioja samples"
        return 0.9
    if len(said) > 6 and said.endswith("ing") and said[:-3] == titled.removesuffix("e"):  # "the reshelving one": "Reshelve …"
        return 0.9
    short, long_ = sorted((wanted, word), key=len)
    if len(short) >= 3 and long_.startswith(short):
        return 0.5 + 0.5 * len(short) / len(long_)
    if min(len(wanted), len(word)) < 4:
        return 0.0
    ratio = fuzz.ratio(wanted, word, score_cutoff=v.WORD_RATIO)
    return (ratio - 60) / 40 if ratio else 0.0


def _root(word: str) -> str:
    """A word's lemma ("tasting" -> "taste"), or a noun made of a verb without its ending ("inspection",
    "renewal" -> "inspect", "renew"), so the two forms of a job fit each other."""
    found = lemma(word)
    if found != word:
        return found
    if word.endswith("ation") and len(word) > 6:  # "aeration": "aerate", "calibration": "calibrate"
        return word[:-5] + "ate"
    # "transcription": "transcribe", "reception": "receive", "distribution": "distribute"
    changed = next((word[: -len(end)] + verb for end, verb in _NOUN_ENDINGS if word.endswith(end) and len(word) > len(end) + 2), "")
    if changed:
        return changed
    ending = next((e for e in ("ion", "ment", "al") if word.endswith(e) and len(word) - len(e) >= 4), "")
    return word[: -len(ending)] if ending else word


def says_job(verb: str, title: str) -> bool:
    """Whether the title has the verb, in any form ("refit": "Get boots re-fitted")."""
    return any(w == verb or _root(w) == verb for w in words(title))


@dataclass
class Ranked:
    task: Task
    score: float  # 0..100


def score(wanted: list[str], title: str, spare: int = 0) -> float:
    """0 unless every wanted word fits a word of the title (all but `spare` of them, each missing
    one counted as a fit of 0); else 100 at best (all words the same, the whole title covered)."""
    title_words = ref_words(title) or words(title)
    if not title_words or not wanted:  # a reference of no word ("->") fits nothing
        return 0.0
    fits = []
    covered: set[int] = set()
    for w in wanted:
        best, where = max(((word_fit(w, t), i) for i, t in enumerate(title_words)), default=(0.0, -1))
        if best <= 0:
            spare -= 1
            if spare < 0:
                return 0.0
            fits.append(0.0)
            continue
        fits.append(best)
        covered.add(where)
    verb = wanted[0] in TODO_VERBS
    if fits[0] == 0.0 and (verb or wanted[0] in _ERRAND_VERBS or bare_verb(wanted[0])) and title_words[0] in TODO_VERBS:
        return 0.0  # the verb spared, the title's another: "wipe down the car" is not "Sell the car"
    if 0.0 in fits and verb and not any(f > 0 for w, f in zip(wanted[1:], fits[1:], strict=True) if w not in PARTICLES):
        return 0.0  # a word to spare, but only the verb fits: "picked up the kids" is not "Pick up dry cleaning"
    fit = sum(fits) / len(fits)
    return round(100 * ((1 - v.COVERAGE_WEIGHT) * fit + v.COVERAGE_WEIGHT * len(covered) / len(title_words)), 1)


def rank(wanted: list[str], tasks: list[Task], spare: int = 0) -> list[Ranked]:
    """The tasks every wanted word fits (all but `spare`), best first (ties keep the list's order)."""
    ranked = [Ranked(t, s) for t in tasks if (s := score(wanted, t["title"], spare)) > 0]
    return sorted(ranked, key=lambda r: -r.score)


@dataclass
class Decision:
    """What a reference comes to: one task, a near-tie among `options`, or nothing."""

    task: Task | None = None
    exact: bool = False  # named clearly enough to delete without asking
    options: list[Task] = field(default_factory=list)


def named_exactly(ref: str, task: Task, tasks: list[Task]) -> bool:
    """The exact title, or words that all stand in this task's title and in no other's, whole or by
    their root ("the docent meeting" for "Meet with docents"), unless they end in a word that only
    points ("the gutter thing", "the van one")."""
    if task["title"].lower() == ref.lower():
        return True
    if (said := words(ref)) and said[-1] in v.LOOSE_NAMING:
        return False
    wanted = set(ref_words(ref))
    whole = [t for t in tasks if wanted and all(_stands_in(w, t) for w in wanted)]
    return len(whole) == 1 and whole[0]["id"] == task["id"]


def _stands_in(word: str, task: Task) -> bool:
    """The word is one of the title's, or a noun made of one of its verbs ("inspection", "renewal");
    not a plural, a typo, a start of one ("the gutter" for "gutters" is loose) or a verb's -ing ("the
    pressure washing" for "Pressure wash dock 3" may be another washing)."""
    titled = set(words(task["title"])) | set(ref_words(task["title"]))
    stems = {word.removesuffix(end) for end in _NOUN_OF_VERB if word.endswith(end)}
    return word in titled or bool(titled & (stems | {stem + "e" for stem in stems}))  # "regulation": "regulate"


_NOUN_OF_VERB = ("ation", "ion", "al", "ment")
_NOUN_ENDINGS = (("ription", "ribe"), ("ception", "ceive"), ("mption", "me"), ("ution", "ute"))


def named_by_roots(ref: str, task: Task) -> bool:
    """Every word of the reference is a word of the title or of the same root ("the truck
    inspection" for "Get truck 4 inspected"): named closely enough to move, not to delete."""
    said, titled = ref_words(ref), ref_words(task["title"]) or words(task["title"])
    return bool(said) and all(max((word_fit(w, t) for t in titled), default=0.0) >= 0.9 for w in said)


def mentioned(text: str, tasks: list[Task]) -> Task | None:
    """The one task a remark speaks of ("still waiting on 4 families for tournament fees" for "Collect
    tournament fees"): the task more of whose title's words (their roots) the remark says than any
    other's, a word that is no verb counted whole and a verb half (whole when said as a thing: "the
    upload" for "Upload ep 42"), a word that only tells of the next a little less; None when none or two are level."""
    said = [w for w in ref_words(text) if len(w) > 2 or w in ABBREVIATIONS]  # "dr" for "doctor"
    everything = words(text)
    things = {w for before, w in pairwise(everything) if before in _ARTICLES}  # "the upload": a thing
    counts = []
    for task in tasks:
        titled = [w for w in ref_words(task["title"]) if len(w) > 2 or w in ABBREVIATIONS]
        # (a word cut short, "insta" of "Instagram": the start of a title's word, five letters or more)
        named = [w for w in titled if any(lemma(s) == lemma(w) or word_fit(s, w) >= 0.9 or (len(s) >= 5 and w.startswith(s)) for s in said)]
        # a word that only tells of the thing after it counts a little less: "scanner one" is "Drop off scanner for
        # repair" more than "Restock rubber bands + scanner batteries"
        after = dict(pairwise(words(task["title"])))
        telling = {w for w in named if after.get(w, "") not in ("", *v.REF_FILLER) and after[w] not in said}
        score = sum(0.5 if w in TODO_VERBS and w not in things else 1.0 for w in named)
        # level, the one the remark says first is its subject: "goggles are back in the cabinet" for "Return goggles …"
        subject = bool(said) and any(lemma(said[0]) == lemma(w) for w in named)
        counts.append((score, score - 0.25 * len(telling), subject, task))
    counts.sort(key=lambda c: (-c[0], -c[1], -c[2]))
    if not counts or counts[0][0] < 1 or (len(counts) > 1 and counts[1][:3] >= counts[0][:3]):
        return None
    return counts[0][3]


def _same_job(word: str, after: str) -> bool:
    """Whether a word only says again the job the word after it names ("phone" of "phone call")."""
    return bool(after) and word != after and any(word in group and after in group for group in ERRANDS)


def decide(ref: str, tasks: list[Task], action: str = "", loose: bool = False, reason: bool = False) -> Decision:
    """The task `ref` means among `tasks`. For complete (reopen), open (done) tasks are preferred
    when the reference fits some of each. `loose`: one word of three or more may fit no word of the
    title ("emailed the setlist over to them" for "Send setlist to venue"); never exact then."""
    exact = [t for t in tasks if t["title"].lower() == ref.lower()]
    if len(exact) == 1:
        return Decision(exact[0], exact=True)
    # loosely, "them" and a particle after the verb name nothing: "… over to them", "phoned them back"
    said = ref_words(ref)
    nexts = [*said[1:], ""] if said else []  # (a reference of filler words only names no word)
    said = [w for w, after in zip(said, nexts, strict=True) if not _same_job(w, after)]  # "phone call": "call"
    wanted = [w for i, w in enumerate(said) if not (loose and (w in OBJECT_PRONOUNS or (i and w in PARTICLES)))]
    spare = max(1, len(said) // 2) if reason else 1 if loose and len(said) >= 3 else 0
    ranked = rank(wanted, exact or tasks, spare=spare)
    if action in ("complete", "reopen"):
        fitting = [r for r in ranked if r.task["completed"] == (action == "reopen")]
        ranked = fitting or ranked
    if not ranked:
        return Decision()
    best = ranked[0]
    close = [r.task for r in ranked if best.score - r.score < v.RANK_MARGIN]
    doing = {stem for w in said if w.endswith("ing") for stem in (lemma(w), w[:-3], w[:-3] + "e", w[:-4])}  # "grouting": its job
    by_job = [t for t in close if doing and next(iter(words(t["title"])), "") in doing]
    if len(close) > 1 and len(by_job) == 1:  # "grouting to tuesday": "Grout the floor", not "Return extra grout"
        return Decision(by_job[0])
    if len(close) > 1:  # asked in the list's order, as the person sees it ("the first one")
        return Decision(options=sorted(close[: v.MAX_OPTIONS], key=lambda t: int(t["id"])))
    return Decision(best.task, exact=not loose and named_exactly(ref, best.task, tasks))
