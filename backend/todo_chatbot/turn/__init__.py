"""What a chat turn is and who the tools act for.

- `Acting` (context.py): the user the MCP tools act for, and for a chat turn the message its
  changes answer; the one context variable, set only by authenticated code (`acting_for`).
- `Turn` (context.py): what the chat service gives an agent for one turn (the user, their time
  zone, the message it answers) and gets back (its tool calls and the state its reply leaves).
- `ChatAgent`, `TurnError` (agent.py): what answers a turn and how a turn fails, so the chat
  service needs nothing from the agents.
- lists.py: long task lists as a model is given them and a turn records them.

This package sits at the bottom of the dependency graph: it imports only the clock (and, for
type checking, the Message model).
"""

from .agent import ChatAgent, TurnError
from .context import Acting, Turn, acting, acting_for
from .lists import LIST_SHOWN, listed, summarised

__all__ = [
    "LIST_SHOWN",
    "Acting",
    "ChatAgent",
    "Turn",
    "TurnError",
    "acting",
    "acting_for",
    "listed",
    "summarised",
]
