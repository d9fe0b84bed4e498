"""The MCP server: the task tools (tools.py), built with the official `mcp` SDK (v2).

The same server object is used three ways:
- in-process by the chat agents (see agent/tools.py), one call per tool use: `TaskServer.run_tool`
  runs the tool with the SDK's own argument checks and serialises its result once (the value
  the server would send as structured content), with no protocol message in between;
- over streamable HTTP at /mcp for external MCP clients, with a bearer token (http.py);
- over stdio by `todo-chatbot mcp` for desktop MCP clients (stdio.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from typing import Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.tools import Tool
from pydantic import ValidationError
from pydantic_core import to_jsonable_python

from ... import __version__
from ...infra.db import Database
from ...turn import LIST_SHOWN
from .tools import TOOLS, list_start

INSTRUCTIONS = (
    "Tools for one person's todo list. Tasks are numbered 1, 2, 3 ... in the user's own list. "
    "Use list_tasks to find a task's number before changing a task by name; never guess one; "
    "get_task reads one task by its number. "
    "Dates are YYYY-MM-DD and times HH:MM, both in the user's time zone. "
    "undo_last_change reverts the user's most recent change."
)


class TaskServer(MCPServer):
    """The MCP server of the task tools, which the chat agents also call in-process (run_tool)."""

    def __init__(self, db: Database) -> None:
        super().__init__("todo-chatbot", version=__version__, instructions=INSTRUCTIONS)
        self.db = db
        self._direct: dict[str, Tool] = {}  # the tools as the SDK runs them, without a protocol message
        self._context: Context[Any, Any] = Context(mcp_server=self)

    def add_task_tool(self, function: Callable[..., Any], **options: Any) -> None:
        bound = partial(function, self.db)
        bound.__name__ = function.__name__  # type: ignore[attr-defined]  # the SDK names a tool's argument model after it
        self.add_tool(bound, name=function.__name__, description=inspect.getdoc(function), **options)
        self._direct[function.__name__] = Tool.from_function(bound, name=function.__name__)

    async def run_tool(self, name: str, arguments: dict[str, Any]) -> Any:
        """Calls a tool in-process: its arguments checked by the SDK as over the wire, its result
        as JSON-ready data (the structured content the server would send, unwrapped), or
        {"error": text} with the text a client would read."""
        tool = self._direct.get(name)
        try:
            if tool is None:
                raise ToolError(f"Unknown tool: {name}")
            return to_jsonable_python(await tool.run(arguments, self._context), by_alias=True)
        except ToolError as exc:
            return {"error": str(exc)}

    async def list_page(self, arguments: dict[str, Any]) -> tuple[list[dict[str, Any]], int] | dict[str, Any]:
        """What list_tasks(**arguments) gives, cut to its first LIST_SHOWN tasks (what a turn
        records of a list), and how many tasks the whole list has; or {"error": text}."""
        try:
            checked = self._direct["list_tasks"].fn_metadata.validate_arguments(arguments)
        except ValidationError as exc:
            return {"error": f"Error executing tool list_tasks: {exc}"}
        try:
            tasks, total = await list_start(self.db, checked, LIST_SHOWN)
        except ToolError as exc:
            return {"error": str(exc)}
        return [task.model_dump(mode="json", by_alias=True) for task in tasks], total


def build_mcp_server(db: Database) -> TaskServer:
    """The MCP server with every tool of tools.py, the database bound to each."""
    server = TaskServer(db)
    for function, title, hints in TOOLS:
        server.add_task_tool(function, title=title, annotations=hints)
    return server
