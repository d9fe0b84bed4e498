"""Resolving: which task a reference means, against the list and the conversation.

A number names a task exactly without listing; "it" and "the second one" name one from the
conversation (state.Context), but not exactly enough to delete it unasked; anything else is
ranked against the list (ranking.decide: a winner with a margin, or the near-tied options).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ...parsing import extract_slots, unquote
from ...parsing.lexicon import lemma
from ...parsing.vocabulary import TODO_VERBS
from . import ranking
from . import vocabulary as v
from .answers import ID_REF, ORDINAL_REF
from .port import ToolPort
from .reading import FLAGS
from .reply import ASK_WHICH, quote
from .state import Context
from .verbs import job_fits, same_job
from .vocabulary_refs import KIND_WORDS
from .vocabulary_verbs import ANY_JOB_VERBS, PARTICLES


@dataclass(frozen=True)
class Found:
    """The task a reference means: its number, its listing if this turn read it, and whether
    it was named exactly (a number, the exact title, words whole in its title alone)."""

    task_id: int
    task: dict[str, Any] | None = None
    exact: bool = False


Resolved = Found | list[dict[str, Any]] | str  # the task; the near-tied options; why there is none

_AND = re.compile(r"\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s+\+\s+|\s+plus\s+|\s+as well as\s+)", FLAGS)
_ID_THEN = re.compile(
    r"(?:(?:task|item|todo|number|no\.?|id)\s*)?#?\s*(?P<id>\d+),?\s+"
    r"(?P<rest>(?!(?:and|or|plus|to|through|thru|&|-|at|min|mins|minutes?|hours?|hrs?|m|km|miles?|lbs?|kg|%|x|times|days?|weeks?)\b|#?\d).+)",
    FLAGS,
)
_COUNTED = re.compile(r"^(?:tasks|items|numbers|todos|nos?\.?)\s+(?=#?\d)", FLAGS)  # "tasks 1 and 3"
MOST = 10  # names one change may carry
_WHERE = re.compile(
    r"(?P<job>\S+(?: \S+)*? \S+?) (?:at|from|in|for|to|with|on|over|by|into|near|re|about|regarding|between|during|before|after)\b.+",
    FLAGS,
)


def names(ref: str) -> list[str]:
    """The tasks a reference names, when it names several ("the flight and the jenny one")."""
    parts = [p for p in _AND.split(_COUNTED.sub("", unquote(ref).strip())) if p.strip()]
    return parts if 1 < len(parts) <= MOST and all(ranking.ref_words(p) or p.lower() in v.PRONOUNS for p in parts) else []


async def resolve(
    tools: ToolPort,
    ref: str,
    action: str,
    context: Context,
    tasks: list[dict[str, Any]] | None = None,
    loose: bool = False,
    reason: bool = False,
    dated: bool = True,
) -> Resolved:
    """The task meant (and whether it was named exactly), the near-tied candidates, or a
    sentence saying why there is none."""
    lowered = ref.lower().strip(" .!?")
    ordinal = ORDINAL_REF.match(lowered)
    shown = context.shown
    if ordinal and shown:  # "the last one" after a list: the last listed
        index = v.ORDINALS[ordinal.group("ord").lower()]
        return Found(shown[index]) if -len(shown) <= index < len(shown) else ASK_WHICH
    if ordinal and lowered not in v.PRONOUNS:  # "the first one" with no list: of which?
        return ASK_WHICH
    if lowered in v.PRONOUNS:
        return Found(context.it) if context.it is not None else ASK_WHICH
    by_id = ID_REF.match(lowered)
    if by_id and lowered.isdigit() and len(lowered) >= 3:  # "mailed 4471": the number a title has, if no task has it
        tasks = tasks if tasks is not None else await tools.call("list_tasks", {"status": "all"})
        titled = [t for t in tasks if lowered in re.findall(r"\d+", t["title"])]
        if len(titled) == 1 and all(t["id"] != int(lowered) for t in tasks):
            return Found(int(titled[0]["id"]), titled[0])
    if by_id:
        return Found(int(by_id.group("id")), exact=True)
    if not ranking.ref_words(ref):
        return ASK_WHICH
    if tasks is None:
        tasks = await tools.call("list_tasks", {"status": "all"})
    decision = ranking.decide(ref, tasks, action, loose, reason)
    kind = [w for w in ranking.words(ref) if w not in KIND_WORDS]
    if decision.task is None and not decision.options and kind and len(kind) < len(ranking.words(ref)):  # "the tire appointment"
        decision = replace(ranking.decide(" ".join(kind), tasks, action, loose, reason), exact=False)
    if dated and decision.task is None and not decision.options:  # "office hours tmrw moved to 3": the task named without its day
        undated = extract_slots(ref, context.now).title
        if undated.lower() != ref.lower() and ranking.ref_words(undated):
            decision = replace(ranking.decide(undated, tasks, action, loose, reason), exact=False)
    said = ranking.words(ref)
    cut = next((i for i, w in enumerate(said[:-1]) if w in v.LOOSE_NAMING | {"task"}), None)  # "the logic model task — ED says …"
    run_on = cut is not None and not {"and", "&", "or"} & set(said[cut:])  # not "the elk one and the field site one"
    if decision.task is None and not decision.options and cut and run_on:  # "scrap the motel thing found a truck stop": why
        decision = replace(ranking.decide(" ".join(said[: cut + 1]), tasks, action, loose, reason), exact=False)
    for k in range(len(said) - 1, 1, -1) if decision.task is None and not decision.options else ():
        titled = [t for t in tasks if t["title"].lower() == " ".join(said[:k])]  # "delete buy boxes my roommate has a ton"
        if len(titled) == 1:
            decision = ranking.Decision(titled[0], exact=True)
            break
    if decision.options:
        return decision.options
    if decision.task is None and (by_id := _ID_THEN.match(lowered)) and len(by_id["rest"].split()) >= 2:
        return Found(int(by_id["id"]), exact=True)  # "delete task 4 buddy has extras": the number, then why
    if decision.task is None:
        return f"I couldn't find a task matching {quote(ref)}. Say “show my tasks” to see them all."
    return Found(int(decision.task["id"]), decision.task, decision.exact)


async def resolve_job(tools: ToolPort, ref: str, action: str, context: Context) -> Resolved:
    """As resolve, and when no task fits: the reference with its errand verb said the other ways
    ("got the cat food" finds "Buy cat food"; "emailed the landlord" "Send the landlord the form");
    then any of those with one word to spare ("emailed the setlist over to them"); then, for a verb
    that names no job of its own ("sorted", "did") or is no to-do's ("placed", "graded"), the words
    after it alone ("placed the order" asks which order); then the words before where it was done
    ("printed the flyers at staples", "emailed the super re: snow days"); last, whatever the verb, the
    words after it when they name one task exactly ("dropped off the invoice" for "Invoice Dave for the
    cabinets"), or, three words or more, all but one of them ("bought new XLR cables" for "Replace XLR cables")."""
    tasks = await tools.call("list_tasks", {"status": "all"})
    found = await resolve(tools, ref, action, context, tasks)
    if not isinstance(found, str):
        return found
    said = [ref, *same_job(ref)]
    verb, _, thing = ref.partition(" ")
    tries = [(other, False) for other in said[1:]] + [(other, True) for other in said]
    if thing and (verb.lower() in ANY_JOB_VERBS or verb.lower() not in TODO_VERBS):
        tries.append((thing, False))
        doing, _, rest = thing.partition(" ")
        if verb.lower() in ANY_JOB_VERBS and doing.lower().endswith("ing") and rest:  # "finished going thru the responses"
            tries += [(other, False) for other in [f"{lemma(doing.lower())} {rest}", *same_job(f"{lemma(doing.lower())} {rest}")]]
    if where := _WHERE.match(ref):  # "printed the flyers at staples": the job without where it was done
        tries += [(where["job"], False), *[(other, False) for other in same_job(where["job"])]]
    for other, loose in tries:
        again = await resolve(tools, other, action, context, tasks, loose, dated=False)
        if not isinstance(again, str):
            return again
    job = (where["job"] if where else ref).partition(" ")[2]
    job = job.partition(" ")[2] if job.split(" ", 1)[0].lower() in PARTICLES else job  # "dropped off the invoice"
    exact = await resolve(tools, job, action, context, tasks, dated=False) if job else None
    if isinstance(exact, Found) and exact.exact and job_fits(lemma(verb.lower()), _title(exact, tasks), ranking.words(job)):
        return exact  # "dropped off the invoice at daves place": the one task the words after the verb name exactly
    if len(ranking.ref_words(job)) >= 3 and isinstance(
        again := await resolve(tools, job, action, context, tasks, True, dated=False), Found
    ):
        return again  # "bought new XLR cables at guitar center": the one task the thing named fits, a word to spare
    same = [t for t in tasks if not t["completed"] and ranking.says_job(lemma(verb.lower()), t["title"])]
    if thing and (named := ranking.mentioned(thing, same)) is not None:  # "confirmed Mrs. Whitfield for the organ on Christmas Eve"
        return Found(int(named["id"]), named)  # of the tasks of that job, the one the rest of the words speak of
    return found


def _title(found: Found, tasks: list[dict[str, Any]]) -> str:
    return str((found.task or next((t for t in tasks if int(t["id"]) == found.task_id), {})).get("title", ""))


async def task_by_id(tools: ToolPort, task_id: int) -> dict[str, Any]:
    """The task numbered `task_id` (ToolFailed, saying so, if there is none)."""
    return dict(await tools.call("get_task", {"task_id": task_id}))


def the_repeating_one(options: list[dict[str, Any]], repeat: str | None) -> Found | None:
    """Of the near-tied tasks a new `repeat` may be for, the one task that repeats already ("walter's visits
    are wednesdays now": the visit that repeats, not the call about a visit)."""
    repeating = [t for t in options if t.get("recurrence")] if repeat else []
    return Found(int(repeating[0]["id"]), repeating[0]) if len(repeating) == 1 else None


def spoken_of(tasks: list[dict[str, Any]], remark: str, action: str) -> Found | None:
    """The one task a remark said before a request to "it" speaks of (ranking.mentioned), among the open
    tasks (the done ones, to reopen), if one stands out; never exactly enough to delete unasked."""
    named = ranking.mentioned(remark, [t for t in tasks if t["completed"] == (action == "reopen")])
    return Found(int(named["id"]), named) if named is not None else None
