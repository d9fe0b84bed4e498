"""The MCP server: the task tools (tools.py), built with the official `mcp` SDK (v2).

The same server object is used three ways:
- in-process by the chat agents (see agent/tools.py), one call per tool use;
- over streamable HTTP at /mcp for external MCP clients, with a bearer token (http.py);
- over stdio by `todo-chatbot mcp` for desktop MCP clients (stdio.py).
"""

from __future__ import annotations

import inspect
import json
from functools import partial
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent

from ... import __version__
from ...infra.db import Database
from .tools import TOOLS

INSTRUCTIONS = (
    "Tools for one person's todo list. Tasks are numbered 1, 2, 3 ... in the user's own list. "
    "Use list_tasks to find a task's number before changing a task by name; never guess one. "
    "Dates are YYYY-MM-DD and times HH:MM, both in the user's time zone. "
    "undo_last_change reverts the user's most recent change."
)


def build_mcp_server(db: Database) -> MCPServer:
    """The MCP server with every tool of tools.py, the database bound to each."""
    server: MCPServer = MCPServer("todo-chatbot", version=__version__, instructions=INSTRUCTIONS)
    for function, title, hints in TOOLS:
        bound = partial(function, db)
        bound.__name__ = function.__name__  # type: ignore[attr-defined]  # the SDK names a tool's argument model after it
        server.add_tool(bound, name=function.__name__, title=title, description=inspect.getdoc(function), annotations=hints)
    return server


async def call_tool(server: MCPServer, name: str, arguments: dict[str, Any]) -> CallToolResult:
    """Calls one tool in-process; failures come back as an error result, as over the wire."""
    try:
        result = await server.call_tool(name, arguments)
    except ToolError as exc:
        return CallToolResult(content=[TextContent(type="text", text=str(exc))], is_error=True)
    assert isinstance(result, CallToolResult)
    return result


def result_value(result: CallToolResult) -> Any:
    """The plain value of a tool result, as recorded in a chat turn's tool_calls."""
    if result.is_error:
        return {"error": " ".join(c.text for c in result.content if isinstance(c, TextContent))}
    content = result.structured_content
    if isinstance(content, dict) and set(content) == {"result"}:
        return content["result"]
    if content is not None:
        return content
    text = " ".join(c.text for c in result.content if isinstance(c, TextContent))
    try:
        return json.loads(text)
    except ValueError:
        return text
