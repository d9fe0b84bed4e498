"""How agents reach the MCP tools: in-process, with the user and a per-turn log.

The chat handler sets the acting user (mcp_server.acting_for) and opens a
turn log (recording_turn); every tool call made while answering, by the model
or by the offline interpreter, goes through `use_tool`, which calls the MCP
server's own tool in the same task - so the user travels with it - and logs
{name, arguments, result}.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from agents.mcp import MCPServer as AgentsMCPServer
from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, GetPromptResult, ListPromptsResult, Tool

from ..mcp_server import call_tool, result_value

_turn_log: contextvars.ContextVar[list[dict[str, Any]] | None] = contextvars.ContextVar("turn_log", default=None)


@contextmanager
def recording_turn() -> Iterator[list[dict[str, Any]]]:
    calls: list[dict[str, Any]] = []
    token = _turn_log.set(calls)
    try:
        yield calls
    finally:
        _turn_log.reset(token)


async def use_tool(server: MCPServer, name: str, arguments: dict[str, Any]) -> CallToolResult:
    result = await call_tool(server, name, arguments)
    calls = _turn_log.get()
    if calls is not None:
        calls.append({"name": name, "arguments": arguments, "result": result_value(result)})
    return result


class InProcessMCPServer(AgentsMCPServer):
    """The Agents SDK's view of our MCP server, without a transport in between.

    Connected once per process: the tool list is read at connect() and cached.
    """

    def __init__(self, server: MCPServer) -> None:
        super().__init__(use_structured_content=False)
        self._server = server
        self._tools: list[Tool] | None = None

    @property
    def name(self) -> str:
        return "todo-tasks"

    async def connect(self) -> None:
        self._tools = await self._server.list_tools()

    async def cleanup(self) -> None:
        self._tools = None

    @property
    def cached_tools(self) -> list[Tool] | None:
        return self._tools

    async def list_tools(self, run_context: Any = None, agent: Any = None) -> list[Tool]:
        if self._tools is None:
            await self.connect()
        assert self._tools is not None
        return self._tools

    async def call_tool(
        self, tool_name: str, arguments: dict[str, Any] | None, meta: dict[str, Any] | None = None
    ) -> CallToolResult:
        return await use_tool(self._server, tool_name, arguments or {})

    async def list_prompts(self) -> ListPromptsResult:
        return ListPromptsResult(prompts=[])

    async def get_prompt(self, name: str, arguments: dict[str, Any] | None = None) -> GetPromptResult:
        raise KeyError(name)
