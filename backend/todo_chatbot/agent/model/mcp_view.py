"""The model's view of our MCP tools: the MCP server's own tools as the Agents SDK's function tools.

Built once per process (ModelAgent.start): the tool list, with schemas compacted as the model is
given them (history.compact_schema). Each call runs the MCP server's tool in-process for the turn
the run was given (Runner.run(context=turn)) and is recorded in that turn (agent.tools.use_tool);
its result goes to the model as one compact JSON text, a failure as its error text.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from agents import FunctionTool, RunContextWrapper

from ...interfaces.mcp.server import TaskServer
from ...turn import Turn
from ..tools import use_tool
from .history import as_output, compact_schema


async def function_tools(server: TaskServer) -> list[FunctionTool]:
    return [
        FunctionTool(
            name=tool.name,
            description=tool.description or "",
            params_json_schema={"properties": {}} | compact_schema(tool.input_schema),
            on_invoke_tool=partial(_call, server, tool.name),
            strict_json_schema=False,
        )
        for tool in await server.list_tools()
    ]


async def _call(server: TaskServer, name: str, context: RunContextWrapper[Turn], arguments_json: str) -> str:
    try:
        arguments = json.loads(arguments_json) if arguments_json else {}
    except ValueError:
        return f"Error: the arguments for {name} are not valid JSON; send a JSON object."
    if not isinstance(arguments, dict):
        return f"Error: the arguments for {name} must be a JSON object."
    value: Any = await use_tool(server, context.context, name, arguments)  # recorded as the model is given it
    if isinstance(value, dict) and set(value) == {"error"}:
        return str(value["error"])
    return as_output(value)
