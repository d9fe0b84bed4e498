"""The Agents SDK's view of our MCP server: the same server object, called in-process."""

from __future__ import annotations

from typing import Any

from agents.mcp import MCPServer as AgentsMCPServer
from mcp.types import CallToolResult, GetPromptResult, ListPromptsResult, TextContent, Tool

from ...interfaces.mcp.server import TaskServer
from ..tools import use_tool
from .history import as_output


class InProcessMCPServer(AgentsMCPServer):
    """The Agents SDK's view of our MCP server, without a transport in between.

    Connected once per process: the tool list is read at connect() and cached.
    """

    def __init__(self, server: TaskServer) -> None:
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

    async def call_tool(self, tool_name: str, arguments: dict[str, Any] | None, meta: dict[str, Any] | None = None) -> CallToolResult:
        value = await use_tool(self._server, tool_name, arguments or {})  # recorded as the model is given it
        if isinstance(value, dict) and set(value) == {"error"}:
            return CallToolResult(content=[TextContent(type="text", text=str(value["error"]))], is_error=True)
        # One compact JSON text (the SDK would send a list's items as separate, indented texts).
        return CallToolResult(content=[TextContent(type="text", text=as_output(value))])

    async def list_prompts(self) -> ListPromptsResult:
        return ListPromptsResult(prompts=[])

    async def get_prompt(self, name: str, arguments: dict[str, Any] | None = None) -> GetPromptResult:
        raise KeyError(name)
