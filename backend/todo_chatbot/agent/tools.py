"""How agents reach the MCP tools: in-process, with the user and a per-turn log.

The chat handler sets the acting user (turn.acting_for) and opens a
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

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult

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
