"""Several to-dos in one message, and the words that only ask for one.

"add buy bread, call mom and pay rent tomorrow" -> "add buy bread" / "call mom" / "pay rent tomorrow".
Beside a to-do of its own, bare things are one each: "groceries, laundry and vacuum" is three.
Newlines and ";" always split. A comma, "and", "&" or "then" splits only where
what follows reads as a to-do of its own: it starts with a to-do verb and has
more words than the verb ("call mom", not "dad" in "call mom and dad" nor
"water" in "buy bread and water"; after a comma and a to-do, any verb: "call the
beer guy, restock the bar"), or it and the part before it each carry
their own date ("dentist tomorrow, gym friday"). Dates and times are never cut
("every mon and thu", "dec 5, 2027"), nor quoted words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from . import lexicon, reminders
from . import vocabulary as v
from .slots import ParsedTask, extract_slots, when_spans

_F = re.IGNORECASE
_HARD = re.compile(r"\r\n|[\r\n;]")
_BULLET = re.compile(r"^\s*(?:[-*•·▪‣◦]|\d{1,2}[.)]|\[[ xX]?\])\s+")
_SOFT = re.compile(r"\s*,\s*(?:and\s+then\s+|and\s+|then\s+|&\s*)?|\s+(?:and\s+then|and|&|then|plus)\s+", _F)
_SERIES_END = re.compile(r"\s*,\s*(?:and|&)\s+", _F)
_POLITE = re.compile(r"\s*(?:" + "|".join(v.POLITE_PREFIXES) + r")[\s,:]*", _F)
_COMMAND = re.compile(r"\s*(?:" + "|".join(v.COMMAND_PREFIXES) + r")(?:[\s,:]+|$)", _F)
_ADD = re.compile(r"\s*" + v.ADD_PREFIX + r"\s*", _F)
_LIST_PHRASE = re.compile(v.LIST_PHRASE, _F)
# After "add": the rest is what is added to ("add salt to the soup"), so "add" is the task's verb.
_ADDED_TO = re.compile(r"\s(?:to|into|onto|in)\s", _F)
_WORD = re.compile(r"[^\W_][\w'’-]*")
_PARTICLES = {"up", "out", "off", "down", "back", "over"}
_WHOSE = {"his", "her", "their", "my", "our", "your"}  # "dinner with sam, and his parents on friday": one thing


def _command_end(text: str) -> tuple[int, bool]:
    """Where the to-do starts after leading fillers and commands, and whether a command was there."""
    pos, commanded = 0, False
    while True:
        m = _POLITE.match(text, pos) or _COMMAND.match(text, pos)
        if m and m.end() > pos and m.end() < len(text):
            commanded = commanded or m.re is _COMMAND
            pos = m.end()
            continue
        add = _ADD.match(text, pos)
        if add and add.end() < len(text):
            rest = text[add.end() :]
            first = _WORD.match(rest)
            if (first and first.group().lower() in v.TODO_VERBS) or not _ADDED_TO.search(rest):
                pos, commanded = add.end(), True
                continue
        return pos, commanded


def strip_command(text: str) -> str:
    """ "remind me to call mom" -> "call mom"; "add milk to my list" -> "milk". Never returns an empty string."""
    body = _LIST_PHRASE.sub("", text)
    pos, _ = _command_end(body)
    stripped = body[pos:].strip()
    return stripped or text.strip()


def _lines(text: str) -> list[str]:
    chunks = []
    for chunk in _HARD.split(text):
        for _ in range(2):  # "- [ ] buy milk"
            chunk = _BULLET.sub("", chunk, count=1)
        if chunk.strip():
            chunks.append(chunk)
    return chunks


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    words: list[str]  # lower case, after leading commands, outside dates and times
    commanded: bool
    dated: bool
    after_comma: bool = False

    def reads_as_task(self) -> bool:
        """A to-do verb and something more: "call mom", not "water" nor "dad"; a word that is only a verb
        ("…, restock the well vodka", "… and restock fluoride varnish"); after a comma, a word and its particle."""
        if len(self.words) < 2:
            return False
        first, second = self.words[:2]
        # after a comma, a word and its particle is a verb too: "…, fuel up trucks 5 6 and 9"
        phrase = (first, second) in v.TODO_PHRASES  # "… and back up translation memories"
        return first in v.TODO_VERBS or lexicon.bare_verb(first) or phrase or (self.after_comma and second in _PARTICLES)


def _atom(chunk: str, start: int, end: int, protected: list[tuple[int, int]]) -> _Atom:
    body, commanded = _command_end(chunk[start:end])
    words = [
        w.group().lower()
        for w in _WORD.finditer(chunk, start + body, end)
        if not any(s <= w.start() < e for s, e in protected) and chunk[w.start() - 1 : w.start()] != "#"  # a tag names no thing
    ]
    dated = any(start <= s and e <= end for s, e in protected)
    return _Atom(start, end, words, commanded, dated)


_BRACKETS = re.compile(r"\([^()]*\)")
_COMPOUNDS = re.compile(v.COMPOUNDS, _F)


def _split_chunk(chunk: str) -> list[str]:
    # "(high priority, frost tuesday night)", "show and tell": no cut inside
    protected = when_spans(chunk) + [m.span() for m in _BRACKETS.finditer(chunk)] + [m.span() for m in _COMPOUNDS.finditer(chunk)]
    cuts = [m.span() for m in _SOFT.finditer(chunk) if m.end() > m.start() and not any(m.start() < e and s < m.end() for s, e in protected)]
    if not cuts:
        return [chunk.strip()]
    bounds = [0] + [p for cut in cuts for p in cut] + [len(chunk)]
    atoms = [_atom(chunk, bounds[i], bounds[i + 1], protected) for i in range(0, len(bounds), 2)]
    for atom, cut in zip(atoms[1:], cuts, strict=True):
        atom.after_comma = "," in chunk[cut[0] : cut[1]]
    # "swap the tubes, bleed brakes by tmrw, and order chains": a to-do after ", and" ends a series, each comma an item's
    last = next((i for i, cut in enumerate(cuts, 1) if _SERIES_END.fullmatch(chunk[cut[0] : cut[1]]) and atoms[i].reads_as_task()), 0)
    # "get sim card, exchange pesos, postcards for grandma": a to-do, then two commas or more, each an item's
    # ... or each of them a verb and more: "list the denim on depop today, measure the leather jakets, mend the shirt"
    verbs = all(len(a.words) >= 2 and lexicon.verb(a.words[0]) for a in atoms)
    listing = sum(a.after_comma for a in atoms) >= 2 and (atoms[0].reads_as_task() or verbs)
    groups: list[list[_Atom]] = []
    for i, atom in enumerate(atoms):
        if atom.start >= atom.end:
            continue
        series = (i <= last or listing) and atom.after_comma and len(atom.words) >= 2 and bool(groups) and not _a_priority(atom.words)
        if groups and not series and not _starts_task(atom, groups[-1]):
            groups[-1].append(atom)
        else:
            groups.append([atom])
    # "groceries, laundry and vacuum the living room": beside to-dos, bare things are to-dos too; and "oat milk, wipes,
    # teething gel": things in a list of commas, each its own
    listed = len(atoms) > 2 or any(a.after_comma for a in atoms)
    if len(groups) > 1 or listed:
        groups = [part for g in groups for part in _things(g)]
    return [chunk[g[0].start : g[-1].end].strip() for g in groups]


def _a_priority(words: list[str]) -> bool:
    """ "low priority", "high prio": how important the to-do before is, no to-do of its own."""
    return all(w in v.PRIORITY_LEVELS or w in ("priority", "prio", "pri") for w in words)


def _things(group: list[_Atom]) -> list[list[_Atom]]:
    """A group of bare things with no verb ("groceries, laundry"), one each; any other group whole."""
    if len(group) > 1 and not any(a.dated for a in group) and group[0].words and group[0].words[0] not in v.TODO_VERBS:
        each: list[list[_Atom]] = []
        for atom in group:
            if each and (not atom.words or _a_priority(atom.words)):  # "…, medium priority": how important the one before is
                each[-1].append(atom)
            else:
                each.append([atom])
        return each
    return [group]


def _starts_task(atom: _Atom, group: list[_Atom]) -> bool:
    """Whether atom begins a to-do of its own rather than going on with the group before it."""
    if atom.commanded:
        return True
    if not atom.words or all(w.isdigit() for w in atom.words):
        return False  # "fuel up trucks 5 6 and 9 before 6pm": a number goes on with the things before it
    before = [w for a in group for w in a.words]
    if len(before) == 1 and (before[0] in v.TODO_VERBS or (lexicon.verb(before[0]) and not atom.after_comma)):
        return False  # "read and reply to emails", "steam and set the Javert wig"
    clause = atom.words[-1].endswith(("'s", "’s"))  # "…, first game's at 9": a remark with its time, no thing
    if atom.dated and any(a.dated for a in group) and before and not clause:
        return True  # "dentist tomorrow, gym friday"
    if atom.after_comma and atom.dated and before and before[0] in v.TODO_VERBS and not group[0].dated and not clause:
        return True  # "call daycare about tuition, soccer snacks for saturday": a thing on its day, beside a to-do
    thing = before and before[0] not in v.TODO_VERBS and atom.words[0] not in _WHOSE
    if atom.after_comma and atom.dated and (group[0].commanded or thing) and len(atom.words) >= 2 and not clause:
        return True  # "lunch planning #events, and training session for new volunteers on the 5th": a thing each
    doing = atom.words[0].endswith("ing") and lexicon.lemma(atom.words[0]) != atom.words[0]
    if atom.after_comma and doing and before and before[0] in v.TODO_VERBS:
        return True  # "buy energy gels, stretching tonight at 9pm": a thing to do, said as doing it
    if atom.after_comma and atom.words[0] not in v.TODO_VERBS and not (before and before[0] in v.TODO_VERBS):
        return False  # "milk, eggs": a verb after a comma starts a to-do only after one ("call mom, restock the bar")
    return atom.reads_as_task()


def split_tasks(text: str) -> list[str]:
    """Several to-dos in one message -> one string each (the words as typed, without list bullets)."""
    return [part for chunk in _lines(text) for part in _split_chunk(chunk) if part]


def parse_quick_add(text: str, now: datetime, *, reminding: bool = False) -> list[ParsedTask]:
    """Quick add: split the message into to-dos, drop "add"/"remind me to"/..., read each one's slots
    and reminder. reminding: the words came after a "remind me" already taken off (the assistant's add)."""
    parts: list[str] = []
    for part in split_tasks(text):
        if parts and reminders.ONLY_A_REMINDER.match(part):  # "pay rent friday, remind me an hour before"
            parts[-1] += ", " + part
        else:
            parts.append(part)
    tasks = [
        reminders.with_reminder(
            part, lambda said: _without_task_word(extract_slots(_repeat_last(strip_command(said)), now)), now, reminding=reminding
        )
        for part in parts
    ]
    return _times_of_the_one_before(tasks)


def _times_of_the_one_before(tasks: list[ParsedTask]) -> list[ParsedTask]:
    """ "carpool w the Brennans sunday, pick up at 5:45am": a verb alone with an hour (no thing, no day of its
    own) says when the to-do before it happens."""
    if len(tasks) < 2:
        return tasks
    kept: list[ParsedTask] = []
    for task in tasks:
        words = [w.lower() for w in _WORD.findall(task.title)]
        bare = 0 < len(words) <= 2 and lexicon.verb(words[0]) and (len(words) == 1 or words[1] in _PARTICLES)
        before = kept[-1] if kept else None
        if bare and before and task.due_time and not task.day_named and not task.recurrence and before.due_time is None:
            before.due_time = task.due_time
            before.due_date = before.due_date or task.due_date
            continue
        kept.append(task)
    return kept


# "a monthly reminder to reconcile the deposits on the 15th": the repeat said of the reminder, not the to-do
_REPEATING_TASK = re.compile(
    r"^(?:(?:add|create|make|set) )?(?:an? |new )*(?P<every>weekly|daily|monthly|yearly) (?:reminder|task|todo|to-do|item)"
    r"(?P<days> every \w+(?: and \w+)?)?(?: (?:for|on) (?P<on>\w+(?: and \w+)?)(?=\s*:))?"
    r"(?:\s*[:—–-]\s*| (?:to|for|called|named|titled|saying) )(?P<rest>.+)$",
    _F,
)


_EVERY = re.compile(r"\bevery\b", _F)


def _repeat_last(text: str) -> str:
    found = _REPEATING_TASK.match(text)
    if found is None:
        return text
    if found["days"] or _EVERY.search(found["rest"]):  # "a weekly reminder to check the fluids every sunday": the days say it
        return f"{found['rest']}{found['days'] or ''}"
    on = f" on {found['on']}" if found["on"] else ""  # "a weekly task for tuesdays: deep clean the props"
    return f"{found['rest']} {found['every']}{on}"


# "add a low priority task to organise the garage": the slot came between "add a" and "task to".
_ARTICLE = re.compile(r"^(?:a|an)\s+(?=\S+\s+\S)", _F)  # "a recruiting call with the Okafor kid": no article first
_TASK_WORD = re.compile(
    r"^(?:(?:add|create|make|set) )?(?:an? |new |another |recurring |repeating )*"
    r"(?:task|todo|to-do|reminder|item)s? (?:to|for|called|named|titled|saying)\s+(?=\S)",
    _F,
)


def _without_task_word(task: ParsedTask) -> ParsedTask:
    # "every weekday at 8:30am i need to check the queue": a command's words after the slots that came first
    task.title = _ARTICLE.sub("", strip_command(_TASK_WORD.sub("", task.title, count=1)), count=1)
    return task
