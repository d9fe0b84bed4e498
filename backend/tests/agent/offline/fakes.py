"""A fake tool port for the offline assistant's stage tests: the MCP tools' results over a list
in memory, every call logged. No server, no database. Its filters are the ones the assistant
uses (status, q, tag, priority, due); it is no second task service, only enough to act on."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from todo_chatbot.agent.offline import interpret as interpreting
from todo_chatbot.agent.offline import reading
from todo_chatbot.agent.offline.agent import OfflineAgent, answer
from todo_chatbot.agent.offline.command import Command
from todo_chatbot.agent.offline.port import ToolFailed
from todo_chatbot.agent.offline.reply import Reply
from todo_chatbot.agent.offline.state import Context
from todo_chatbot.infra import clock
from todo_chatbot.models import Message
from todo_chatbot.turn import LIST_SHOWN

READ = OfflineAgent.history_needed or 0  # the messages a turn reads
ZONE = "UTC"  # the stages' time zone in these tests (the clock is fixed by each module's fixture)


def read(message: str) -> reading.Reading:
    """The message read now, in ZONE."""
    return reading.read(message, clock.local_now(ZONE))


def parse(message: str) -> Command | None:
    """What the message asks for on its own, read now, in ZONE."""
    return interpreting.parse(message, clock.local_now(ZONE))


def from_history(history: list[Message]) -> Context:
    return Context.from_history(history, clock.local_now(ZONE), ZONE)


class FakeTools:
    def __init__(self, *titles: str, zone: str = ZONE) -> None:
        """Tasks by title; "+title" is a completed one. `zone`: the user's time zone ("today")."""
        self.zone = zone
        self.tasks: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.results: list[Any] = []  # each call's result (an error as {"error": ...}), as a turn records it
        # one undo step per chat message, as the task service keeps them: (what, the list before, message)
        self._undo: list[tuple[str, list[dict[str, Any]], int | None]] = []
        self.message: int | None = None  # the chat message the calls are made for (Conversation sets it)
        for title in titles:
            task = self._new({"title": title.lstrip("+")})
            task["completed"] = title.startswith("+")

    def _new(self, fields: dict[str, Any]) -> dict[str, Any]:
        task = {
            "id": len(self.tasks) + 1,
            "description": None,
            "completed": False,
            "due_date": None,
            "due_time": None,
            "priority": "none",
            "tags": [],
            "recurrence": None,
            "recurrence_text": None,
        } | fields
        self.tasks.append(task)
        return task

    def titles(self) -> list[str]:
        return [("+" if t["completed"] else "") + t["title"] for t in self.tasks if not t.get("gone")]

    def _find(self, task_id: int) -> dict[str, Any]:
        for task in self.tasks:
            if task["id"] == task_id and not task.get("gone"):
                return task
        raise ToolFailed(f"Task {task_id} not found")

    def _remember(self, what: str) -> None:
        """The list before a change, kept for undo; a later change of the same message joins its step."""
        if self.message is not None and self._undo and self._undo[-1][2] == self.message:
            first, before, message = self._undo[-1]
            self._undo[-1] = (f"{first} and {what}", before, message)
            return
        self._undo.append((what, copy.deepcopy(self.tasks), self.message))

    async def call(self, name: str, arguments: dict[str, Any]) -> Any:
        self.calls.append((name, dict(arguments)))
        try:
            result = getattr(self, name)(**arguments)
        except ToolFailed as exc:
            self.results.append({"error": str(exc)})
            raise
        self.results.append(copy.deepcopy(result))
        return copy.deepcopy(result)

    async def list_start(self, arguments: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
        """Logged as the list_tasks call it stands for, with the whole list as its result."""
        found = await self.call("list_tasks", arguments)
        return found[:LIST_SHOWN], len(found)

    def list_tasks(
        self,
        status: str = "all",
        q: str | None = None,
        tag: str | None = None,
        priority: str | None = None,
        due: str | None = None,
        sort: str = "created",
        due_from: str | None = None,
        due_to: str | None = None,
    ) -> list[dict[str, Any]]:
        today = clock.local_now(self.zone).date()
        found = [t for t in self.tasks if not t.get("gone")]
        if status != "all":
            found = [t for t in found if t["completed"] == (status == "completed")]
        if q:
            found = [t for t in found if all(w in (t["title"] + " " + (t["description"] or "")).lower() for w in q.lower().split())]
        if tag:
            found = [t for t in found if tag in t["tags"]]
        if priority:
            found = [t for t in found if t["priority"] == priority]
        if due is not None:

            def fits(t: dict[str, Any]) -> bool:
                day = date.fromisoformat(t["due_date"]) if t["due_date"] else None
                return {
                    "none": day is None,
                    "today": day == today,
                    "overdue": day is not None and day < today,
                    "week": day is not None and today <= day < today + timedelta(days=7),
                }[due]

            found = [t for t in found if fits(t)]
        if due_from or due_to:
            found = [t for t in found if t["due_date"] and (due_from or "") <= t["due_date"] <= (due_to or "9999")]
        return found

    def get_task(self, task_id: int) -> dict[str, Any]:
        return self._find(task_id)

    def add_task(self, title: str, **fields: Any) -> dict[str, Any]:
        self._remember(f'adding "{title}"')
        task = self._new({"title": title} | fields)
        return {"task_id": task["id"], "status": "created", "title": title, "task": task}

    def complete_task(self, task_id: int, completed: bool = True) -> dict[str, Any]:
        task = self._find(task_id)
        self._remember(f'completing "{task["title"]}"')
        task["completed"] = completed
        return {"task_id": task_id, "status": "completed" if completed else "reopened", "title": task["title"], "task": task}

    def complete_tasks(self, task_ids: list[int], completed: bool = True) -> dict[str, Any]:
        self._remember(f"completing {len(task_ids)} tasks")
        tasks = [self._find(i) for i in task_ids]
        for task in tasks:
            task["completed"] = completed
        return {"status": "completed" if completed else "reopened", "count": len(tasks), "tasks": tasks}

    def delete_task(self, task_id: int) -> dict[str, Any]:
        task = self._find(task_id)
        self._remember(f'deleting "{task["title"]}"')
        task["gone"] = True
        return {"task_id": task_id, "status": "deleted", "title": task["title"]}

    def delete_tasks(self, task_ids: list[int]) -> dict[str, Any]:
        self._remember(f"deleting {len(task_ids)} tasks")
        tasks = [self._find(i) for i in task_ids]
        for task in tasks:
            task["gone"] = True
        return {"status": "deleted", "count": len(tasks), "tasks": tasks}

    def update_task(self, task_id: int, clear_due_date: bool = False, **fields: Any) -> dict[str, Any]:
        task = self._find(task_id)
        self._remember(f'changing "{task["title"]}"')
        task.update(fields)
        if clear_due_date:
            task.update(due_date=None, due_time=None, recurrence=None, recurrence_text=None)
        return {"task_id": task_id, "status": "updated", "title": task["title"], "task": task}

    def undo_last_change(self) -> dict[str, Any]:
        if not self._undo:
            raise ToolFailed("Nothing to undo")
        what, before, _ = self._undo.pop()
        now = {t["id"]: t for t in self.tasks}
        self.tasks = before
        touched = [t for t in before if now.get(t["id"]) != t and not t.get("gone")]  # as the service: the tasks it put back
        return {"undone": what, "tasks": copy.deepcopy(touched)}


class Conversation:
    """Turns through the whole pipeline (agent.answer) over FakeTools, the history kept as the
    chat service keeps it: each reply with its state and its tool calls, and read as it reads
    it: the last OfflineAgent.history_needed messages."""

    def __init__(self, *titles: str, zone: str = ZONE) -> None:
        self.tools = FakeTools(*titles, zone=zone)
        self.zone = zone
        self.history: list[Message] = []
        self.last: Reply | None = None

    async def say(self, text: str) -> str:
        start = len(self.tools.calls)
        self.tools.message = len(self.history)
        reply = await answer(self.tools, self.history[-READ:], text, clock.local_now(self.zone), self.zone)
        made = zip(self.tools.calls[start:], self.tools.results[start:], strict=True)
        calls = [{"name": name, "arguments": arguments, "result": result} for (name, arguments), result in made]
        state = reply.state.as_json() or None
        self.history += [
            Message(role="user", content=text, conversation_id=1, user_id="u"),
            Message(role="assistant", content=reply.text, conversation_id=1, user_id="u", state=state, tool_calls=calls),
        ]
        self.last = reply
        return reply.text

    def called(self) -> list[str]:
        """The tools the last turn called."""
        made = self.history[-1].tool_calls or []
        return [call["name"] for call in made]
