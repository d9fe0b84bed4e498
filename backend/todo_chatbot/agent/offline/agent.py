"""The offline agent: a deterministic pipeline of small stages over everyday todo requests.

No network, no model. Each turn:
    reading.read      text -> Reading (the message cleaned, every pattern's labelled spans)
    interpret         Reading + Context (the dialogue state) -> Command, or a Reply at once
    HANDLERS          Command -> Reply, resolving references (resolve.py) and acting through
                      the tool port (port.py: the MCP tools, as a model would call them)
and the pipeline writes the reply's state once, for the next turn (Turn.leave).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from ...interfaces.mcp.server import TaskServer
from ...models import Message
from ...turn import Turn as ChatTurn
from . import act, anchored, completing, lists, ranking, several
from . import vocabulary as v
from .act import Turn
from .command import Command
from .interpret import interpret
from .port import McpTools, ReadOnce, ToolFailed, ToolPort
from .reading import FLAGS, Reading, read
from .reply import HELP, HINT, NOT_UNDERSTOOD, Reply, already_done, explain
from .state import Context, State, made_before

Handler = Callable[[Turn, Command], Awaitable[Reply]]

_SMALLTALK_KINDS = {
    "greeting": {"hi", "hello", "hey", "hiya", "howdy", "yo", "greetings", "good", "there"},
    "thanks": {"thanks", "thank", "thx", "thanx", "ty", "tysm", "cheers", "ta", "tq"},
    "how": {"how", "how's", "what's", "sup"},
    "bye": {"bye", "goodbye", "see", "later", "ttyl", "that's", "i'm", "im", "we're", "all"},
    "leave": {"do", "don't", "dont", "never"},
}


async def _help(turn: Turn, command: Command) -> Reply:
    return Reply(HELP)


async def _smalltalk(turn: Turn, command: Command) -> Reply:
    said = ranking.words(command.text)
    first = next(iter(said), "")
    if {"night", "nite", "bye"} & set(said):  # "good night" is no greeting
        return Reply(v.SMALLTALK_REPLIES["bye"])
    kind = next((k for k, starts in _SMALLTALK_KINDS.items() if first in starts), "ok")
    return Reply(v.SMALLTALK_REPLIES[kind], State(aside=True))


async def _offtopic(turn: Turn, command: Command) -> Reply:
    return Reply(v.CONDITIONAL_REPLY if re.match(r"if\b", command.text, FLAGS) else v.OFFTOPIC_REPLY)


async def _say(turn: Turn, command: Command) -> Reply:
    return Reply(command.answer or NOT_UNDERSTOOD)


async def _confirm_delete(turn: Turn, command: Command) -> Reply:
    assert command.task_id is not None
    return await act.confirm_delete(turn, command.task_id)


HANDLERS: dict[str, Handler] = {
    "help": _help,
    "smalltalk": _smalltalk,
    "offtopic": _offtopic,
    "say": _say,
    "add": act.add,
    "undo": act.undo,
    "past": completing.past,
    "complete": several.on_tasks,
    "reopen": several.on_tasks,
    "schedule": several.on_tasks,
    "update": act.on_task,
    "delete": several.on_tasks,
    "remind": act.remind,
    "reminders": act.reminders,
    "confirm_delete": _confirm_delete,
    "delete_many": act.confirmed_many,
    "reopen_many": act.confirmed_many,
    "list": lists.show,
    "check": lists.check,
    "bulk": lists.bulk,
}


async def answer(tools: ToolPort, history: list[Message], text: str, now: datetime, zone: str) -> Reply:
    """One turn, every stage: read, interpret against the conversation, act, reply; `now` is the
    user's wall-clock time in their time zone `zone`. A message retried after an attempt that
    changed the list says what that attempt did and acts no more."""
    if made := made_before(history, text):
        return already_done(made, now, zone)
    context = Context.from_history(history, now, zone)
    reading = read(text, now)
    found = interpret(reading, context)
    try:
        turn = Turn(ReadOnce(tools), context)  # the list read once, however many stages look at it
        asked = context.previous.confirm is not None or context.previous.pending is not None
        if anchored.second_look(found, reading, asked):  # "kim's daughter texted, they want to move to 1pm tmrw"
            plain = isinstance(found, Command) and found.intent == "add" and found.plain
            found = await _against_list(turn, reading, "pending", plain=plain) or found  # the list an add reads
        if isinstance(found, Reply):
            return _help_once(found, context)
        done = await _carry_out(turn, found)
        nothing = anchored.found_nothing(found, done.state.unclear)
        if nothing and (named := await _against_list(turn, reading, "all", anchored.said_done(found), anchored.own_change(found))):
            found = named  # "did the GWO online refresher last night, cert's renewed": the task the message speaks of
            done = await _carry_out(turn, found)
        while found.also is not None and done.state.pending is None and done.state.confirm is None:
            news = found.intent == "past" or (found.intent == "schedule" and _STATED.match(found.text or ""))
            if done.state.unclear and not news and found.also.intent != "list":
                break  # (a question after it is still answered: "shift change done. what's overdue")
            if done.state.unclear:  # "ugh just got home from shift. add …", "opening day is sat!! add …": news naming no task
                done = Reply("")
            found = _it_is_the_last(found.also, found, done)  # "mark task 1 as complete and delete CE credits"
            if found.intent == "complete" and found.task_id is not None and [found.task_id] == done.state.mentioned:
                continue  # "I talked to him yesterday … mark that done": done once
            done = done.then(await _carry_out(turn, found))
        return _help_once(done, context, found.intent == "help")
    except ToolFailed as exc:  # a task gone meanwhile (deleted in the panel): said, not a failure
        return _help_once(Reply(explain(str(exc)), exc.state), context)


_STATED = re.compile(r"[\w' ]+? (?:is|are|'s) (?:on |at )?\w+$", FLAGS)  # "opening day is sat": a day said of a thing


def _it_is_the_last(then: Command, before: Command, done: Reply) -> Command:
    """ "it" or "that" in a message's later request is the task its earlier one was about."""
    mentioned = done.state.mentioned
    if (then.ref or "").lower() in v.PRONOUNS and then.task_id is None and mentioned:
        return replace(then, ref=None, task_id=mentioned[-1])
    return then


async def _against_list(
    turn: Turn, reading: Reading, status: str, done: bool = False, change: Command | None = None, plain: bool = False
) -> Command | None:
    """The message read against the list (anchored.py): the change or completion of a task it speaks of.
    The list is read as the stage before or after reads it (`status`), so the turn reads it once."""
    tasks = await turn.tools.call("list_tasks", {"status": status})
    return anchored.against_list(reading, tasks, done, change, plain)


async def _carry_out(turn: Turn, command: Command) -> Reply:
    return await act.and_then(turn, command, await HANDLERS[command.intent](turn, command))


def _help_once(reply: Reply, context: Context, asked: bool = False) -> Reply:
    """The long help block once a conversation unless asked for: after that, a one-line hint.
    Every reply after the block was shown says so in its state, so the next turn needs to read
    only the last reply to know it (see OfflineAgent.history_needed)."""
    shown = HELP in reply.text
    if shown and context.helped and not asked:
        reply, shown = replace(reply, text=HINT), False
    if shown or context.helped:
        reply = replace(reply, state=replace(reply.state, helped=True))
    return reply


class OfflineAgent:
    """Answers with no model: the pipeline above, over the MCP server's own tools."""

    provider: str = "offline"
    model: str | None = None
    # What it reads of a conversation: the last few replies' state and changes ("it", "same for",
    # "no, I meant thursday", the question it asked). Twelve messages is six turns back.
    history_needed: int | None = 12

    def __init__(self, server: TaskServer) -> None:
        self._server = server

    async def start(self) -> None:
        pass

    async def aclose(self) -> None:
        pass

    async def stream(self, turn: ChatTurn, history: list[Message], text: str) -> AsyncIterator[str]:
        said = await self.reply(turn, history, text)
        for piece in re.findall(r"\S+\s*|\s+", said):
            yield piece

    async def reply(self, turn: ChatTurn, history: list[Message], text: str) -> str:
        done = await answer(McpTools(self._server, turn), history, text, turn.now(), turn.timezone)
        turn.leave(**done.state.as_json())  # the one place a turn's state is written
        return done.text
