"""How agents reach the MCP tools: in-process, for the turn's user, logged in the turn's record.

The chat handler sets the acting user (turn.acting_for) and opens a turn log
(turn.recording_turn); every tool call made while answering, by the model or
by the offline interpreter, goes through `use_tool`, which calls the MCP
server's own tool in the same task - so the user travels with it - and logs
{name, arguments, result} in the turn's record.
"""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult

from ..interfaces.mcp.server import call_tool, result_value
from ..turn import record_tool_call


async def use_tool(server: MCPServer, name: str, arguments: dict[str, Any]) -> CallToolResult:
    result = await call_tool(server, name, arguments)
    record_tool_call(name, arguments, result_value(result))
    return result
