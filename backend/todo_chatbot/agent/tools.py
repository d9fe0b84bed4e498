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
from dataclasses import dataclass, field
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult

from ..mcp_server import call_tool, result_value


@dataclass
class TurnRecord:
    """What a turn did (its tool calls) and what it leaves for the next turn (state)."""

    calls: list[dict[str, Any]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)


_turn: contextvars.ContextVar[TurnRecord | None] = contextvars.ContextVar("turn_record", default=None)


@contextmanager
def recording_turn() -> Iterator[TurnRecord]:
    record = TurnRecord()
    token = _turn.set(record)
    try:
        yield record
    finally:
        _turn.reset(token)


def leave_state(**state: Any) -> None:
    """Stores data with this turn's reply for the next turn (e.g. a question awaiting its answer)."""
    record = _turn.get()
    if record is not None:
        record.state.update({k: v for k, v in state.items() if v is not None})


async def use_tool(server: MCPServer, name: str, arguments: dict[str, Any]) -> CallToolResult:
    result = await call_tool(server, name, arguments)
    record = _turn.get()
    if record is not None:
        record.calls.append({"name": name, "arguments": arguments, "result": result_value(result)})
    return result
