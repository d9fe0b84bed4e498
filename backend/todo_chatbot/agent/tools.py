"""How agents reach the MCP tools: in-process, for the turn's user, logged in the turn's record.

The chat handler sets the acting user (turn.acting_for) and opens a turn log
(turn.recording_turn); every tool call made while answering, by the model or
by the offline interpreter, goes through `use_tool`, which runs the MCP
server's own tool in the same task (TaskServer.run_tool: the user travels with
it, and the result is serialised once) and logs {name, arguments, result} in
the turn's record.
"""

from __future__ import annotations

from typing import Any

from ..interfaces.mcp.server import TaskServer
from ..turn import record_tool_call


async def use_tool(server: TaskServer, name: str, arguments: dict[str, Any]) -> Any:
    """The tool's result value ({"error": text} for a failure), as the turn records it."""
    value = await server.run_tool(name, arguments)
    record_tool_call(name, arguments, value)
    return value


async def list_start(server: TaskServer, arguments: dict[str, Any]) -> tuple[list[dict[str, Any]], int] | dict[str, Any]:
    """list_tasks(**arguments) for a reply that shows a list's start and counts the rest: its first
    tasks (turn.LIST_SHOWN) and how many it has, or {"error": text}. Recorded exactly as
    use_tool("list_tasks", arguments) records it (a long list: its start and how many more), but
    only the start is read from the database."""
    found = await server.list_page(arguments)
    if isinstance(found, dict):
        record_tool_call("list_tasks", arguments, found)
        return found
    tasks, total = found
    record_tool_call("list_tasks", arguments, tasks, more=total - len(tasks))
    return found
