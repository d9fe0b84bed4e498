"""The model-backed agent (OpenAI Agents SDK + our MCP tools), for OpenAI, Groq and any
OpenAI-compatible server: agent.py runs a turn; mcp_view.py gives it our MCP tools as the SDK's function tools;
client.py the openai client as we use it; history.py earlier turns as the model sees them;
errors.py what a failed turn says and logs."""

from .agent import ModelAgent

__all__ = ["ModelAgent"]
