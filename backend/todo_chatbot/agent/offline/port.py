"""The tool port: how the assistant's stages reach the task tools.

In production `McpTools` runs the MCP server's own tools in-process (agent.tools.use_tool,
so each call is recorded in the turn, as a model's would be); unit tests pass a fake
with the same methods. A tool's error result is raised as `ToolFailed`.
"""

from __future__ import annotations

from typing import Any, Protocol

from ...interfaces.mcp.server import TaskServer
from ...turn import Turn
from ..tools import list_start, use_tool
from .state import State


class ToolPort(Protocol):
    async def call(self, name: str, arguments: dict[str, Any]) -> Any:
        """The tool's result value; raises ToolFailed for an error result."""
        ...

    async def list_start(self, arguments: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
        """The first tasks of list_tasks(**arguments) (turn.LIST_SHOWN of them) and how many the
        list has, recorded as call("list_tasks", arguments) would be; raises ToolFailed."""
        ...


class ToolFailed(Exception):
    """A tool answered with an error (e.g. a task deleted meanwhile in the panel). `state` is what
    the turn had already established when it failed (the task it was about), kept with the reply."""

    def __init__(self, message: str, state: State | None = None) -> None:
        super().__init__(message)
        self.state = state or State()


class McpTools:
    """The MCP server's tools, acting for one chat turn and recorded in it."""

    def __init__(self, server: TaskServer, turn: Turn) -> None:
        self._server = server
        self._turn = turn

    async def call(self, name: str, arguments: dict[str, Any]) -> Any:
        value = await use_tool(self._server, self._turn, name, arguments)
        if isinstance(value, dict) and "error" in value:
            raise ToolFailed(value["error"])
        return value

    async def list_start(self, arguments: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
        found = await list_start(self._server, self._turn, arguments)
        if isinstance(found, dict):
            raise ToolFailed(found["error"])
        return found


_READS = frozenset({"list_tasks", "get_task"})


class ReadOnce:
    """A port that reads the list once a turn: a read repeated with the same arguments gets the answer
    the first one got, until a call that may change the list (any other tool) forgets them all. The
    stages only read the tasks they are given (a new list, the same task dicts), as they always did."""

    def __init__(self, tools: ToolPort) -> None:
        self._tools = tools
        self._read: dict[str, Any] = {}

    async def call(self, name: str, arguments: dict[str, Any]) -> Any:
        if name not in _READS:
            self._read.clear()
            return await self._tools.call(name, arguments)
        key = f"{name} {sorted(arguments.items())}"
        if key not in self._read:
            self._read[key] = await self._tools.call(name, arguments)
        found = self._read[key]
        return list(found) if isinstance(found, list) else found  # the tasks are read, never changed, by every stage

    async def list_start(self, arguments: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
        return await self._tools.list_start(arguments)
