"""The Agents SDK's view of our MCP server: the same server object, called in-process."""

from __future__ import annotations

import json
from typing import Any

from agents.mcp import MCPServer as AgentsMCPServer
from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, GetPromptResult, ListPromptsResult, TextContent, Tool

from ...interfaces.mcp.server import result_value
from ...turn import summarised
from ..tools import use_tool


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

    async def call_tool(self, tool_name: str, arguments: dict[str, Any] | None, meta: dict[str, Any] | None = None) -> CallToolResult:
        result = await use_tool(self._server, tool_name, arguments or {})  # recorded as the model is given it
        value = result_value(result)
        given = summarised(value)
        if not result.is_error and given is not value:  # a long list: the model gets its start
            return CallToolResult(content=[TextContent(type="text", text=json.dumps(given, ensure_ascii=False))])
        return result

    async def list_prompts(self) -> ListPromptsResult:
        return ListPromptsResult(prompts=[])

    async def get_prompt(self, name: str, arguments: dict[str, Any] | None = None) -> GetPromptResult:
        raise KeyError(name)
