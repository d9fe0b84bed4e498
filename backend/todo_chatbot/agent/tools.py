"""How agents reach the MCP tools: in-process, for the turn's user, recorded in the turn.

Every tool call made while answering, by the model or by the offline assistant, goes through
`use_tool`, which runs the MCP server's own tool in the same task (TaskServer.run_tool: the
result is serialised once) acting for the turn's user and message (Turn.acting), and records
{name, arguments, result} in the turn.
"""

from __future__ import annotations

from typing import Any

from ..interfaces.mcp.server import TaskServer
from ..turn import Turn


async def use_tool(server: TaskServer, turn: Turn, name: str, arguments: dict[str, Any]) -> Any:
    """The tool's result value ({"error": text} for a failure), as the turn records it."""
    with turn.acting():
        value = await server.run_tool(name, arguments)
    turn.record(name, arguments, value)
    return value


async def list_start(server: TaskServer, turn: Turn, arguments: dict[str, Any]) -> tuple[list[dict[str, Any]], int] | dict[str, Any]:
    """list_tasks(**arguments) for a reply that shows a list's start and counts the rest: its first
    tasks (turn.LIST_SHOWN) and how many it has, or {"error": text}. Recorded exactly as
    use_tool("list_tasks", arguments) records it (a long list: its start and how many more), but
    only the start is read from the database."""
    with turn.acting():
        found = await server.list_page(arguments)
    if isinstance(found, dict):
        turn.record("list_tasks", arguments, found)
        return found
    tasks, total = found
    turn.record("list_tasks", arguments, tasks, more=total - len(tasks))
    return found
