"""The context of a chat turn: who it acts for, in which time zone, and what it did.

The chat handler sets the user and the zone for a turn; the /mcp bearer check
and the stdio command set the user. The MCP tools read the user from here,
never from a tool argument, and the agents read the user's clock ("today",
"tomorrow"). While a turn is recorded (recording_turn), every tool call made
for it is logged here (record_tool_call), with what it leaves for the next
turn (leave_state). Also here: what answers a turn (ChatAgent) and how a turn
fails (TurnError), so the chat service needs nothing from the agents.

This package sits at the bottom of the dependency graph: it imports only the
clock (and, for type checking, the Message model).
"""

from .agent import ChatAgent, TurnError
from .context import acting_for, current_user_id, in_timezone, turn_now, turn_timezone
from .lists import LIST_SHOWN, listed, summarised
from .log import TurnRecord, in_recorded_turn, leave_state, record_tool_call, recording_turn, turn_message_id

__all__ = [
    "LIST_SHOWN",
    "ChatAgent",
    "TurnError",
    "TurnRecord",
    "acting_for",
    "current_user_id",
    "in_recorded_turn",
    "in_timezone",
    "leave_state",
    "listed",
    "record_tool_call",
    "recording_turn",
    "summarised",
    "turn_message_id",
    "turn_now",
    "turn_timezone",
]
