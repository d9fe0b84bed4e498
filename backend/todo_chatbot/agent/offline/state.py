"""Dialogue state as typed data: what a reply leaves for the next turn (`State`), and what the
conversation so far gives a turn (`Context`: the last reply's state, the task "it" means).

A reply's state is stored with the assistant message (Message.state, JSON); `State.as_json`
and `State.from_json` are the one place that knows its stored shape:
  shown      - the task numbers a reply listed, in order ("complete the second one")
  mentioned  - the task a reply was about ("it")
  pending    - a "Which one…?" question: {action, options, parts}
  confirm    - a "Delete …? (yes / no)" question: {action, task_id | task_ids, title}
  unclear    - the reply changed nothing and found no task ("undo that" may not mean an older change)
  did        - the change it made to a task, as {action, parts} ("same for the jenny one" makes it again)
  helped     - it or an earlier reply showed the long help block (shown once a conversation;
               then a one-line hint)
  aside      - the reply only answered small talk ("ok", "yes" with nothing asked): the reply before
               it is still the one "put it back" takes back
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...infra import clock
from .command import KEPT, REPEATED, Command

if TYPE_CHECKING:
    from ...models import Message


@dataclass(frozen=True)
class Pending:
    """A "Which one…?" question: the request it holds, the tasks it offered and their titles
    (an answer may name one by part of its title: "the nursery one")."""

    command: Command
    options: list[int]
    titles: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        found = {"action": self.command.intent, "options": list(self.options), "parts": self.command.parts(KEPT)}
        return found | ({"titles": list(self.titles)} if self.titles else {})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Pending:
        parts = data.get("parts") if isinstance(data.get("parts"), dict) else {}
        titles = data.get("titles")
        options = [int(i) for i in data["options"]]
        named = [str(t) for t in titles] if isinstance(titles, list) and len(titles) == len(options) else []
        return cls(Command.from_parts(str(data["action"]), {"text": ""} | dict(parts or {})), options, named)


@dataclass(frozen=True)
class Confirm:
    """A yes/no question about a change: "delete" one task, or "delete_many", "reopen_many"."""

    action: str
    title: str
    task_id: int | None = None
    task_ids: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        if self.task_id is not None:
            return {"action": self.action, "task_id": self.task_id, "title": self.title}
        return {"action": self.action, "task_ids": list(self.task_ids), "title": self.title}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Confirm:
        task_id = data.get("task_id")
        ids = data.get("task_ids")
        return cls(
            str(data["action"]),
            str(data.get("title", "")),
            int(task_id) if task_id is not None else None,
            [int(i) for i in ids] if isinstance(ids, list) else [],
        )


@dataclass(frozen=True)
class State:
    """What one reply leaves for the next turn."""

    shown: list[int] | None = None
    mentioned: list[int] | None = None
    pending: Pending | None = None
    confirm: Confirm | None = None
    unclear: bool = False
    did: Command | None = None  # the change this reply made to a task, for "same for the jenny one"
    helped: bool = False  # this reply or an earlier one showed the long help block
    aside: bool = False  # this reply only answered small talk

    def merged(self, later: State) -> State:
        """This state with what a later step of the same turn left (its set fields win)."""
        return State(
            shown=later.shown if later.shown is not None else self.shown,
            mentioned=later.mentioned if later.mentioned is not None else self.mentioned,
            pending=later.pending or self.pending,
            confirm=later.confirm or self.confirm,
            unclear=later.unclear or self.unclear,
            did=later.did or self.did,
            helped=later.helped or self.helped,
            aside=later.aside and self.aside,
        )

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.shown is not None:
            found["shown"] = list(self.shown)
        if self.mentioned is not None:
            found["mentioned"] = list(self.mentioned)
        if self.pending is not None:
            found["pending"] = self.pending.as_json()
        if self.confirm is not None:
            found["confirm"] = self.confirm.as_json()
        if self.unclear:
            found["unclear"] = True
        if self.did is not None:
            found["did"] = {"action": self.did.intent, "parts": self.did.parts(REPEATED)}
        if self.helped:
            found["helped"] = True
        if self.aside:
            found["aside"] = True
        return found

    @classmethod
    def from_json(cls, data: Any) -> State:
        if not isinstance(data, dict):
            return cls()
        pending = data.get("pending")
        confirm = data.get("confirm")
        return cls(
            shown=_ints(data.get("shown")),
            mentioned=_ints(data.get("mentioned")),
            pending=Pending.from_json(pending) if isinstance(pending, dict) else None,
            confirm=Confirm.from_json(confirm) if isinstance(confirm, dict) else None,
            unclear=bool(data.get("unclear")),
            did=_did(data.get("did")),
            helped=bool(data.get("helped")),
            aside=bool(data.get("aside")),
        )


def _did(data: Any) -> Command | None:
    if not isinstance(data, dict) or not isinstance(data.get("action"), str):
        return None
    parts = data.get("parts") if isinstance(data.get("parts"), dict) else {}
    return Command.from_parts(data["action"], dict(parts or {}))


def _ints(value: Any) -> list[int] | None:
    return [i for i in value if isinstance(i, int)] if isinstance(value, list) else None


@dataclass(frozen=True)
class Change:
    """A change the previous turn made: the tool, its arguments, and the task it was made to."""

    tool: str
    arguments: dict[str, Any]
    task_id: int | None


CHANGING_TOOLS = ("add_task", "update_task", "complete_task", "delete_task")
# ... and every tool that changes the list, for what a message's earlier attempt did
CHANGES_MADE_BY = (*CHANGING_TOOLS, "complete_tasks", "delete_tasks", "undo_last_change")


def made_before(history: Sequence[Message], text: str) -> list[dict[str, Any]]:
    """The changes an earlier attempt at this same message made, when the history ends with it
    and its failed replies (a retried message: chat.begin puts what the change log holds for
    it there, even when the attempt died before it could store its failure)."""
    calls: list[dict[str, Any]] = []
    for message in reversed(history):
        if message.role == "user":
            return calls if message.content == text else []
        if message.error is None:
            return []
        done = [c for c in message.tool_calls or [] if c.get("name") in CHANGES_MADE_BY]
        calls[:0] = [c for c in done if isinstance(c.get("result"), dict) and "error" not in c["result"]]
    return []


@dataclass(frozen=True)
class Context:
    """What the conversation so far gives this turn: the previous reply's state (if the
    previous message was that reply), the task "it" means (None: ask), and the last change
    the previous reply made to one task (what "no, I meant thursday" corrects); and the user's
    clock: `now`, their wall-clock time (naive) in their time zone `zone`."""

    previous: State = field(default_factory=State)
    it: int | None = None
    last_change: Change | None = None
    changed: bool = False  # the previous reply changed the list (what "no keep it" takes back)
    helped: bool = False  # the long help block was shown earlier in the conversation
    did: Command | None = None  # the latest change to a task in the last few replies ("same for X", "that one too")
    named: Command | None = None  # the same, past other changes after it (for "tag that one too", which names it)
    now: datetime = field(default_factory=lambda: clock.local_now("UTC"))  # (a context built without a user: UTC)
    zone: str = "UTC"
    changes: tuple[Change, ...] = ()  # every change the previous reply made, last_change the latest ("smith not smyth" after a paste)
    group: tuple[int, ...] = ()  # the tasks a recent reply made or changed together, if the replies after it kept to them

    @property
    def shown(self) -> list[int]:
        return self.previous.shown or []

    @classmethod
    def from_history(cls, history: Sequence[Message], now: datetime, zone: str) -> Context:
        last = history[-1] if history else None
        helped = any(m.role == "assistant" and isinstance(m.state, dict) and m.state.get("helped") for m in history)
        if last is None or last.role != "assistant":
            return cls(State(), _last_task_id(history), helped=helped, now=now, zone=zone)
        previous = State.from_json(last.state)
        named = _last_did(history, past_others=True)
        changes = _changes(last)
        last_change = changes[-1] if changes else None
        replies = [m for m in history if m.role == "assistant"]  # "delete the tire thing", "yes", "put it back"
        acted = next((m for m in reversed(replies) if not (isinstance(m.state, dict) and m.state.get("aside"))), last)
        made = (_last_did(history), named)
        return cls(previous, _last_task_id(history), last_change, _changed(acted), helped, *made, now, zone, changes, _group(history))


def _group(history: Sequence[Message], replies: int = 3) -> tuple[int, ...]:
    """The tasks the latest of the last few replies to change several made or changed, when the replies
    after it changed only some of them ("add penguin talk … and owl outreach …", "oops penguin talk is
    2:30", "tag both of those programs")."""
    later: set[int] = set()
    for message in [m for m in history if m.role == "assistant"][-replies:][::-1]:
        if isinstance(message.state, dict) and {"shown", "pending", "confirm"} & set(message.state):
            return ()  # "what's due today?", "mark them done": the tasks shown, not the ones made before
        ids = tuple(dict.fromkeys(c.task_id for c in _changes(message) if c.task_id is not None and c.tool != "delete_task"))
        if len(ids) >= 2 and later <= set(ids):
            return ids
        later |= set(ids)
    return ()


def _last_did(history: Sequence[Message], replies: int = 3, *, past_others: bool = False) -> Command | None:
    """The change to a task the latest of the last few replies made, if no other change came after it
    (with `past_others`, whatever came after it: "tag that one too" after an add names its change)."""
    for message in [m for m in history if m.role == "assistant"][-replies:][::-1]:
        did = _did(message.state.get("did")) if isinstance(message.state, dict) else None
        if did is not None or (_changed(message) and not past_others):
            return did
    return None


def _changed(message: Message) -> bool:
    """Whether a reply changed the list (an undo is no change to take back)."""
    made = [c for c in message.tool_calls or [] if c.get("name") in CHANGES_MADE_BY and c.get("name") != "undo_last_change"]
    return any(isinstance(c.get("result"), dict) and "error" not in c["result"] for c in made)


def _changes(message: Message) -> tuple[Change, ...]:
    """The changes a reply's tool calls made, in the order made."""
    found = []
    for call in message.tool_calls or []:
        if call.get("name") not in CHANGING_TOOLS:
            continue
        result, arguments = call.get("result"), call.get("arguments")
        task_id = result.get("task_id") if isinstance(result, dict) else None
        found.append(
            Change(str(call["name"]), arguments if isinstance(arguments, dict) else {}, task_id if isinstance(task_id, int) else None)
        )
    return tuple(found)


def _last_task_id(history: Sequence[Message]) -> int | None:
    """The task "it" means: the one the latest reply that was about tasks was about. A reply that
    listed several, asked which one, or deleted one leaves no "it" (None: the agent asks)."""
    for message in reversed(history):
        if message.role != "assistant":
            continue
        state = message.state if isinstance(message.state, dict) else {}
        if state.get("unclear"):
            return None
        mentioned = state.get("mentioned")
        if isinstance(mentioned, list) and mentioned and isinstance(mentioned[-1], int):
            return mentioned[-1]
        if "pending" in state:
            return None
        confirm = state.get("confirm")
        if isinstance(confirm, dict):
            task_id = confirm.get("task_id")
            return task_id if isinstance(task_id, int) else None
        shown = state.get("shown")
        if isinstance(shown, list):
            return shown[0] if len(shown) == 1 and isinstance(shown[0], int) else None
        for call in reversed(message.tool_calls or []):
            result = call.get("result")
            if isinstance(result, dict) and isinstance(result.get("task_id"), int):
                return None if result.get("status") == "deleted" else result["task_id"]
    return None
