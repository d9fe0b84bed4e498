"""What a message asks for, as typed data: the `Command` that interpret.py makes of a reading
and that act.py carries out.

The fields are the named groups of vocabulary.PATTERNS (the spans a pattern labels) and the
facts the interpreter adds to them; nothing travels as a dict of string flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# The slots a "Which one…?" question keeps for its answer (state.Pending), by their stored names.
KEPT = (
    *("new", "desc", "old", "when", "shift", "unit", "tag", "prio", "text"),
    *("keep_verb", "bare_hour", "untag", "undate", "alarm", "off", "again"),
)
# ... and the slots a change keeps for "same for X" (state.State.did): what it did, not which task.
REPEATED = (
    "text",
    "new",
    "desc",
    "when",
    "shift",
    "unit",
    "tag",
    "prio",
    "keep_verb",
    "bare_hour",
    "ask",
    "alarm",
    "off",
    "untag",
    "undate",
)
_FLAGS = ("asked", "dated", "plain", "ask", "keep_verb", "bare_hour", "off", "again", "listing", "untag", "undate")


@dataclass(frozen=True)
class Command:
    """One request: an intent and its slots.

    intent: a handler's name (act.HANDLERS); also "say" (answer with `answer`, change nothing),
      "not_understood", and the answers to the assistant's own questions.
    ref: which task ("task 3", "the milk one", "it"); title: a new task's words (add);
    new, desc: a new title, new notes; when: a new date, time, repeat or priority;
    shift, unit: how far to move a task ("2", "days"); tag, prio: a tag to add, a priority to set;
    q: words to search for; check: the task a question is about; pp: a past participle naming
    the task's verb ("is rent paid?"); verb: the verb a completed task's title must have (past);
    more: the rest of "I paid rent and called mom"; then: a to-do to add after what was done ("just got
    off a 12, add renew BLS cert": its words); after_undo: an undo's change to make to the task it puts back
    ("delete task 4" then "actually just mark it done instead"); text: the cleaned message.
    Flags: asked (it ended with "?"), dated (a delete whose reference carried a date; if no task
    fits, the message is a to-do of its own), plain (a to-do said without a command word), ask
    (a delete that must ask first), keep_verb (a new title keeps the old title's verb),
    bare_hour ("change it to 7": an hour read against the task's current time); copy: a field ("tag", "date",
    "time", "priority") of the task "it" means, given to the task named ("same tag for the motion one");
    loose: the reference may have a word or two that fit no title (a reason's words: "hendersons pushed
    their pickup back so make it 4pm").
    task_id, task_ids: the tasks an answer to the assistant's question chose (nothing left to resolve).
    """

    intent: str
    text: str = ""
    ref: str | None = None
    title: str | None = None
    new: str | None = None
    desc: str | None = None
    old: str | None = None  # update: the words of the title `new` replaces ("change chapter 4 to chapter 5 on the study one")
    when: str | None = None
    shift: str | None = None
    unit: str | None = None
    tag: str | None = None
    prio: str | None = None
    q: str | None = None
    check: str | None = None
    pp: str | None = None
    verb: str | None = None
    more: str | None = None
    then: str | None = None
    after_undo: str | None = None
    answer: str | None = None
    copy: str | None = None
    loose: bool = False
    asked: bool = False
    dated: bool = False
    plain: bool = False
    ask: bool = False
    keep_verb: bool = False
    bare_hour: bool = False
    alarm: str | None = None  # reminders: the reminder in words ("at 5pm", "30 minutes before", "in 10 minutes")
    off: bool = False  # reminders: stop reminding
    again: bool = False  # reminders: a reminder that fired, again later
    listing: bool = False  # reminders: list them
    untag: bool = False  # schedule: remove `tag` (or every tag, when `tag` is None)
    undate: bool = False  # schedule: remove the due date ("no date on that one")
    topic: str | None = None  # the words said before a request to "it", which may name the task ("still waiting on the fees. push that …")
    task_id: int | None = None
    task_ids: list[int] = field(default_factory=list)
    also: Command | None = None  # the message's next request, carried out after this one ("… and delete CE credits")

    @classmethod
    def from_parts(cls, intent: str, parts: dict[str, Any]) -> Command:
        """A command from named parts (a pattern's groups, or what a question stored); a flag is
        set by its presence ("keep_verb": "yes")."""
        values: dict[str, Any] = {}
        for key, value in parts.items():
            if key in _FLAGS:
                values[key] = bool(value)
            elif key in _NAMES and key not in ("intent", "task_ids") and isinstance(value, str):
                values[key] = value
        return cls(intent, **values)

    def parts(self, keys: tuple[str, ...] | None = None) -> dict[str, str]:
        """The slots that are set, by name (flags as "yes"): what a question stores, what the
        corpus report prints."""
        found: dict[str, str] = {}
        for f in fields(self):
            if f.name in ("intent", "task_id", "task_ids") or (keys is not None and f.name not in keys):
                continue
            value = getattr(self, f.name)
            if value is True:
                found[f.name] = "yes"
            elif isinstance(value, str) and (value or f.name == "text"):
                found[f.name] = value
        return found


_NAMES = frozenset(f.name for f in fields(Command))  # what from_parts may set
