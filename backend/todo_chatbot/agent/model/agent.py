"""The model-backed agent: OpenAI Agents SDK + our MCP tools.

One AsyncOpenAI client wrapped in a chat-completions model covers OpenAI,
Groq and any OpenAI-compatible server (Ollama, vLLM, LM Studio). The MCP
server's tools become the SDK's function tools once per process (mcp_view.py),
and the Agent, its tool schemas and its instructions are built once; each turn
runs with its Turn as the run's context (the user's clock, the tool calls' record).
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from agents import (
    Agent,
    ModelRetrySettings,
    ModelSettings,
    RunConfig,
    Runner,
    ToolErrorFormatterArgs,
)
from agents.models.openai_chatcompletions import OpenAIChatCompletionsModel
from openai.types.responses import ResponseTextDeltaEvent

from ...interfaces.mcp.server import TaskServer
from ...models import Message
from ...settings import GROQ_BASE_URL, Settings
from ...turn import Turn
from ..base import ProviderError
from .client import OpenAIClient, store_flag
from .errors import retry_tool_use_failed, turn_error
from .history import RESULTS_KEPT, as_history, tool_items
from .mcp_view import function_tools

log = logging.getLogger("todo_chatbot.model")
MAX_TURNS = 8

INSTRUCTIONS = """You are a friendly assistant that manages the user's todo list.
Use the tools to add, list, complete, update and delete tasks; never invent tasks or task numbers.
To act on a task named by its title, call list_tasks first to find its number.
If a request could mean several tasks, ask which one (name them with their numbers).
Tasks can have a due date (YYYY-MM-DD) and time (HH:MM), a priority, tags, a repeat rule (RRULE) and a reminder.
"Remind me to X at 3pm tomorrow" is a task due then with reminder {"before": 0}; "remind me 30 minutes before" is {"before": 30}.
Work out dates like "tomorrow" or "next Friday" from today's date below; pass them as YYYY-MM-DD.
If the user asks to undo, call undo_last_change.
After changing something, confirm briefly what you did. Keep answers short; use Markdown lists for several tasks."""


def instructions(turn: Turn) -> str:
    """The standing instructions plus the user's current date, weekday, time and time zone."""
    now = turn.now()
    return (
        f"{INSTRUCTIONS}\n\nNow it is {now:%A}, {now:%Y-%m-%d}, {now:%H:%M} in the user's time zone "
        f"({turn.timezone}); every date and time in the tools is in that zone."
    )


class ModelAgent:
    provider: str
    model: str | None
    history_needed: int | None = None  # as configured: the model reads the conversation

    def __init__(self, settings: Settings, server: TaskServer) -> None:
        self.provider = settings.provider
        self.model = settings.model_name
        if self.provider == "groq":
            api_key, base_url = settings.groq_api_key, GROQ_BASE_URL
        else:
            api_key, base_url = settings.openai_api_key, (settings.openai_base_url or None)  # type: ignore[assignment]
        # A local OpenAI-compatible server (Ollama, vLLM) needs no key, but the client wants one.
        self._client = OpenAIClient(api_key=api_key or "not-needed", base_url=base_url, timeout=settings.llm_timeout, max_retries=1)
        self._model = OpenAIChatCompletionsModel(model=self.model or "", openai_client=self._client)
        self._server = server
        self._function_tools: list[Any] = []  # FunctionTools, typed as the Agent's tool list takes them
        self._secrets = [key for key in (settings.openai_api_key, settings.groq_api_key) if key]
        # Traces go to OpenAI's servers: only when the key is a real OpenAI key.
        tracing = self.provider == "openai" and bool(settings.openai_api_key) and not settings.openai_base_url
        self._run_config = RunConfig(
            tracing_disabled=not tracing,
            workflow_name="todo-chatbot turn",
            # A made-up tool name goes back to the model as the call's (error) result.
            tool_not_found_behavior="return_error_to_model",
            tool_error_formatter=self._tool_error,
        )
        self._model_settings = ModelSettings(
            temperature=0.2,
            store=store_flag(settings),
            retry=ModelRetrySettings(max_retries=1, policy=retry_tool_use_failed),
        )
        self._agent = self._build_agent()  # built again by start(), with the tools

    def _build_agent(self) -> Agent[Turn]:
        """The agent, built once (start): its instructions are read per turn (the user's date and
        zone at their end, so the prompt's start stays the same and providers can cache it)."""
        return Agent[Turn](
            name="Todo assistant",
            instructions=lambda run, _agent: instructions(run.context),
            model=self._model,
            tools=self._function_tools,
            model_settings=self._model_settings,
        )

    def _tool_error(self, error: ToolErrorFormatterArgs[Any]) -> str | None:
        """What the model reads when it calls a tool that does not exist (None: the SDK's default text)."""
        if error.kind != "tool_not_found":
            return None
        log.info("the model called a tool that does not exist: %.80s", error.tool_name)
        names = ", ".join(tool.name for tool in self._function_tools)
        return f"Error: no such tool {error.tool_name!r}; available: {names}."

    @staticmethod
    def _input(history: list[Message], text: str) -> list[Any]:
        """The conversation for the model: earlier turns with the tool calls they made and their results
        (so task numbers are known from the record, not from prose; the results of the last
        RESULTS_KEPT replies, and only what older ones changed), user and assistant alternating.
        A history cut at CHAT_HISTORY_LIMIT starts at its first user message: each reply goes whole
        (its tool calls with their results) or not at all, and the model always reads a user turn first."""
        items: list[dict[str, Any]] = []
        first_user = next((i for i, message in enumerate(history) if message.role == "user"), len(history))
        replies = [m for m in history[first_user:] if m.role == "assistant" and m.error is None]
        recent = {id(m) for m in replies[-RESULTS_KEPT:]}
        for message in [*history[first_user:], None]:
            role, content = (message.role, as_history(message)) if message else ("user", text)
            if message is not None and role == "assistant" and message.error is None:
                items += tool_items(message, whole=id(message) in recent)
            if items and items[-1].get("role") == role:  # a retried turn: keep user and assistant alternating
                items[-1]["content"] += "\n" + content
            else:
                items.append({"role": role, "content": content})
        return items

    async def reply(self, turn: Turn, history: list[Message], text: str) -> str:
        try:
            result = await Runner.run(
                self._agent, self._input(history, text), context=turn, max_turns=MAX_TURNS, run_config=self._run_config
            )
        except Exception as exc:
            raise turn_error(exc, self._secrets) from exc
        return _final_text(result.final_output)

    async def stream(self, turn: Turn, history: list[Message], text: str) -> AsyncIterator[str]:
        sent = False
        try:
            result = Runner.run_streamed(
                self._agent, self._input(history, text), context=turn, max_turns=MAX_TURNS, run_config=self._run_config
            )
            async for event in result.stream_events():
                if event.type == "raw_response_event" and isinstance(event.data, ResponseTextDeltaEvent) and event.data.delta:
                    sent = True
                    yield event.data.delta
        except Exception as exc:
            raise turn_error(exc, self._secrets) from exc
        if not sent:  # some servers send the final text without deltas
            final = _final_text(result.final_output)
            if final:
                yield final

    async def start(self) -> None:
        """Once per process: list the MCP tools and turn them into the SDK's function
        tools (each still calls the MCP server), so no turn lists or converts them again."""
        self._function_tools = await function_tools(self._server)
        self._agent = self._build_agent()

    async def aclose(self) -> None:
        await self._client.close()


def _final_text(output: Any) -> str:
    if output is None:
        raise ProviderError(502, "The model gave no answer. Please try again.")
    text = output if isinstance(output, str) else json.dumps(output)
    if not text.strip():
        raise ProviderError(502, "The model gave an empty answer. Please try again.")
    return text
