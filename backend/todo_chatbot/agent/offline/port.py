"""The tool port: how the assistant's stages reach the task tools.

In production `McpTools` calls the MCP server's own tools in-process (agent.tools.use_tool,
so each call is logged in the turn's record, as a model's would be); unit tests pass a fake
with the same `call`. A tool's error result is raised as `ToolFailed`.
"""

from __future__ import annotations

from typing import Any, Protocol

from mcp.server.mcpserver import MCPServer

from ...interfaces.mcp.server import result_value
from ..tools import use_tool
from .state import State


class ToolPort(Protocol):
    async def call(self, name: str, arguments: dict[str, Any]) -> Any:
        """The tool's result value; raises ToolFailed for an error result."""
        ...


class ToolFailed(Exception):
    """A tool answered with an error (e.g. a task deleted meanwhile in the panel). `state` is what
    the turn had already established when it failed (the task it was about), kept with the reply."""

    def __init__(self, message: str, state: State | None = None) -> None:
        super().__init__(message)
        self.state = state or State()


class McpTools:
    def __init__(self, server: MCPServer) -> None:
        self._server = server

    async def call(self, name: str, arguments: dict[str, Any]) -> Any:
        value = result_value(await use_tool(self._server, name, arguments))
        if isinstance(value, dict) and "error" in value:
            raise ToolFailed(value["error"])
        return value
