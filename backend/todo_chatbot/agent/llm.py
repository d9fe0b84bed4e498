"""The model-backed agent: OpenAI Agents SDK + our MCP tools.

One AsyncOpenAI client wrapped in a chat-completions model covers OpenAI,
Groq and any OpenAI-compatible server (Ollama, vLLM, LM Studio). The MCP
server is connected once per process (InProcessMCPServer caches its tool
list); each turn builds a fresh, cheap Agent.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sysconfig
import traceback
from collections.abc import AsyncIterator, Iterable
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import openai
from agents import (
    Agent,
    ModelRetrySettings,
    ModelSettings,
    RetryPolicyContext,
    RunConfig,
    Runner,
    ToolErrorFormatterArgs,
)
from agents.exceptions import (
    AgentsException,
    MaxTurnsExceeded,
    ModelBehaviorError,
    ModelTimeoutError,
    UserError,
)
from agents.mcp import MCPServer as AgentsMCPServer
from agents.mcp import MCPUtil
from agents.models.openai_chatcompletions import OpenAIChatCompletionsModel
from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, GetPromptResult, ListPromptsResult, TextContent, Tool
from openai.resources.chat import AsyncChat
from openai.resources.chat.completions import AsyncCompletions
from openai.types.chat import ChatCompletionChunk
from openai.types.responses import ResponseTextDeltaEvent

from ..infra.logs import request_id
from ..interfaces.mcp.server import result_value
from ..models import Message
from ..settings import GROQ_BASE_URL, Settings
from ..turn import listed, summarised, turn_now, turn_timezone
from .base import InternalError, ProviderError, TurnError
from .tools import use_tool

log = logging.getLogger("todo_chatbot.model")
MAX_TURNS = 8
OPENAI_API_HOST = "api.openai.com"

INSTRUCTIONS = """You are a friendly assistant that manages the user's todo list.
Use the tools to add, list, complete, update and delete tasks; never invent tasks or task numbers.
To act on a task named by its title, call list_tasks first to find its number.
If a request could mean several tasks, ask which one (name them with their numbers).
Tasks can have a due date (YYYY-MM-DD) and time (HH:MM), a priority, tags, a repeat rule (RRULE) and a reminder.
"Remind me to X at 3pm tomorrow" is a task due then with reminder {"before": 0}; "remind me 30 minutes before" is {"before": 30}.
Work out dates like "tomorrow" or "next Friday" from today's date below; pass them as YYYY-MM-DD.
If the user asks to undo, call undo_last_change.
After changing something, confirm briefly what you did. Keep answers short; use Markdown lists for several tasks."""


def instructions() -> str:
    """The standing instructions plus the user's current date, weekday, time and time zone."""
    now = turn_now()
    return (
        f"{INSTRUCTIONS}\n\nNow it is {now:%A}, {now:%Y-%m-%d}, {now:%H:%M} in the user's time zone "
        f"({turn_timezone()}); every date and time in the tools is in that zone."
    )


class InProcessMCPServer(AgentsMCPServer):
    """The Agents SDK's view of our MCP server, without a transport in between.

    Connected once per process: the tool list is read at connect() and cached.
    """

    def __init__(self, server: MCPServer) -> None:
        super().__init__(use_structured_content=False)
        self._server = server
        self._tools: list[Tool] | None = None

    @property
    def name(self) -> str:
        return "todo-tasks"

    async def connect(self) -> None:
        self._tools = await self._server.list_tools()

    async def cleanup(self) -> None:
        self._tools = None

    @property
    def cached_tools(self) -> list[Tool] | None:
        return self._tools

    async def list_tools(self, run_context: Any = None, agent: Any = None) -> list[Tool]:
        if self._tools is None:
            await self.connect()
        assert self._tools is not None
        return self._tools

    async def call_tool(self, tool_name: str, arguments: dict[str, Any] | None, meta: dict[str, Any] | None = None) -> CallToolResult:
        result = await use_tool(self._server, tool_name, arguments or {})  # recorded as the model is given it
        value = result_value(result)
        given = summarised(value)
        if not result.is_error and given is not value:  # a long list: the model gets its start
            return CallToolResult(content=[TextContent(type="text", text=json.dumps(given, ensure_ascii=False))])
        return result

    async def list_prompts(self) -> ListPromptsResult:
        return ListPromptsResult(prompts=[])

    async def get_prompt(self, name: str, arguments: dict[str, Any] | None = None) -> GetPromptResult:
        raise KeyError(name)


class _UntransformedCompletions(AsyncCompletions):
    """chat.completions.create, minus openai's per-call request transformation.

    The client walks every message and tool schema through its typed transform
    on each call, in Python (over a third of a turn's CPU here). Messages and
    tool definitions need no transformation (no aliases, dates or files), so
    they go into the JSON body as they are; the request on the wire is the same.
    """

    async def create(self, *, messages: Any, tools: Any = openai.omit, extra_body: Any = None, **kwargs: Any) -> Any:
        raw: dict[str, Any] = {"messages": list(messages)}
        if isinstance(tools, list | tuple):
            raw["tools"] = list(tools)
        result = await super().create(messages=[], extra_body={**(extra_body or {}), **raw}, **kwargs)
        return _OneIndexPerToolCall(result) if kwargs.get("stream") is True else result


class _OneIndexPerToolCall:
    """A stream of chat-completion chunks in which every tool call has an index of its own.

    The SDK assembles streamed tool calls by their `index`. Ollama sends each call of
    a reply whole, with its own id, but all at index 0 (ollama#15457; older versions
    sent no index at all, ollama#7881), so two calls would become one whose arguments
    run together. Here a delta bringing a new id to an index that another call holds
    moves to the next free index, and the deltas after it that carry no id follow it.
    Servers that number their calls correctly pass through unchanged.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.response = getattr(stream, "response", None)  # the SDK reads the request id from it

    async def close(self) -> None:
        await self._stream.close()

    async def __aiter__(self) -> AsyncIterator[ChatCompletionChunk]:
        moved: dict[int, int] = {}  # the server's index -> where its current call went
        ids: dict[int, str] = {}  # our index -> the id of the call there
        async for chunk in self._stream:
            for choice in chunk.choices:
                for call in (choice.delta.tool_calls or []) if choice.delta is not None else []:
                    given = getattr(call, "index", None)
                    given = given if isinstance(given, int) else 0
                    index = moved.get(given, given)
                    if call.id and ids.setdefault(index, call.id) != call.id:
                        index = max([*ids, *moved.values()]) + 1
                        ids[index] = call.id
                    moved[given] = index
                    call.index = index
            yield chunk


class _Chat(AsyncChat):
    @cached_property
    def completions(self) -> AsyncCompletions:
        return _UntransformedCompletions(self._client)


class _OpenAI(openai.AsyncOpenAI):
    @cached_property
    def chat(self) -> AsyncChat:
        return _Chat(self)


class ModelAgent:
    provider: str
    model: str | None

    def __init__(self, settings: Settings, server: MCPServer) -> None:
        self.provider = settings.provider
        self.model = settings.model_name
        if self.provider == "groq":
            api_key, base_url = settings.groq_api_key, GROQ_BASE_URL
        else:
            api_key, base_url = settings.openai_api_key, (settings.openai_base_url or None)  # type: ignore[assignment]
        # A local OpenAI-compatible server (Ollama, vLLM) needs no key, but the client wants one.
        self._client = _OpenAI(api_key=api_key or "not-needed", base_url=base_url, timeout=settings.llm_timeout, max_retries=1)
        self._model = OpenAIChatCompletionsModel(model=self.model or "", openai_client=self._client)
        self._tools = InProcessMCPServer(server)
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
            retry=ModelRetrySettings(max_retries=1, policy=_retry_tool_use_failed),
        )

    def _agent(self) -> Agent:
        return Agent(
            name="Todo assistant",
            instructions=instructions(),
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
        (so task numbers are known from the record, not from prose), user and assistant alternating.
        A history cut at CHAT_HISTORY_LIMIT starts at its first user message: each reply goes whole
        (its tool calls with their results) or not at all, and the model always reads a user turn first."""
        items: list[dict[str, Any]] = []
        first_user = next((i for i, message in enumerate(history) if message.role == "user"), len(history))
        for message in [*history[first_user:], None]:
            role, content = (message.role, _as_history(message)) if message else ("user", text)
            if message is not None and role == "assistant" and message.error is None:
                items += _tool_items(message)
            if items and items[-1].get("role") == role:  # a retried turn: keep user and assistant alternating
                items[-1]["content"] += "\n" + content
            else:
                items.append({"role": role, "content": content})
        return items

    async def reply(self, history: list[Message], text: str) -> str:
        try:
            result = await Runner.run(self._agent(), self._input(history, text), max_turns=MAX_TURNS, run_config=self._run_config)
        except Exception as exc:
            raise turn_error(exc, self._secrets) from exc
        return _final_text(result.final_output)

    async def stream(self, history: list[Message], text: str) -> AsyncIterator[str]:
        sent = False
        try:
            result = Runner.run_streamed(self._agent(), self._input(history, text), max_turns=MAX_TURNS, run_config=self._run_config)
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
        await self._tools.connect()
        self._function_tools = [
            MCPUtil.to_function_tool(tool, self._tools, convert_schemas_to_strict=False) for tool in await self._tools.list_tools()
        ]

    async def aclose(self) -> None:
        await self._client.close()


TOOL_RESULT_MAX = 2000  # characters of an earlier tool result the model sees again
HISTORY_LIST_SHOWN = 10  # of an earlier turn's list, fewer and only their main fields
MAIN_FIELDS = ("id", "title", "completed", "due_date", "due_time", "priority", "tags")


def _tool_items(message: Message) -> list[dict[str, Any]]:
    """An earlier reply's tool calls and their results, as the model made and read them."""
    items: list[dict[str, Any]] = []
    for n, call in enumerate(message.tool_calls or []):
        call_id = f"call_m{message.id}_{n}"
        items.append(
            {
                "type": "function_call",
                "call_id": call_id,
                "name": str(call.get("name")),
                "arguments": json.dumps(call.get("arguments") or {}, ensure_ascii=False),
            }
        )
        result = call.get("result")
        if (tasks := listed(result)) is not None:
            slim = [{k: t[k] for k in MAIN_FIELDS if k in t} if isinstance(t, dict) else t for t in tasks[0]]
            result = summarised(slim, HISTORY_LIST_SHOWN, tasks[1])
        output = json.dumps(result, ensure_ascii=False)
        if len(output) > TOOL_RESULT_MAX:
            output = output[:TOOL_RESULT_MAX] + " …(cut)"
        items.append({"type": "function_call_output", "call_id": call_id, "output": output})
    return items


def _as_history(message: Message) -> str:
    """A failed turn stays an assistant turn in the model's history, saying what it had already done."""
    if message.role != "assistant" or message.error is None:
        return message.content
    done = "; ".join(
        f"{c.get('name')}({json.dumps(c.get('arguments'), ensure_ascii=False)}) -> {json.dumps(c.get('result'), ensure_ascii=False)[:300]}"
        for c in message.tool_calls or []
    )
    said = f"{message.content}\n" if message.content else ""
    return f"{said}[This reply failed: {message.error}" + (f" Tools already called: {done}" if done else "") + "]"


def _final_text(output: Any) -> str:
    if output is None:
        raise ProviderError(502, "The model gave no answer. Please try again.")
    text = output if isinstance(output, str) else json.dumps(output)
    if not text.strip():
        raise ProviderError(502, "The model gave an empty answer. Please try again.")
    return text


def store_flag(settings: Settings) -> bool | None:
    """The `store` flag to send: OPENAI_STORE for api.openai.com itself, which keeps every
    conversation unless told `store: false`; None (the flag left out) for any other server,
    since Groq, Ollama or vLLM may refuse a parameter they do not know."""
    base_url = settings.openai_base_url.strip() or f"https://{OPENAI_API_HOST}/v1"
    if settings.provider == "openai" and urlsplit(base_url).hostname == OPENAI_API_HOST:
        return settings.openai_store
    return None


def _retry_tool_use_failed(context: RetryPolicyContext) -> bool:
    """Groq answers 400 `tool_use_failed` when the model wrote a malformed tool call; asking
    again usually works, so that one error is retried (once: max_retries above)."""
    if context.normalized.error_code != "tool_use_failed":
        return False
    log.warning(
        "the model server answered tool_use_failed (a malformed tool call); asking again",
        extra=_fields(status=context.normalized.status_code),
    )
    return True


# Provider reasons that have a known fix, matched in lower case against the error's code and message.
HINTS = [
    ("enable-auto-tool-choice", "The model server refused tools: start vLLM with --enable-auto-tool-choice and --tool-call-parser"),
    ("does not support tools", "The model does not support tools: choose one that does (on Ollama e.g. llama3.1 or qwen2.5)"),
    ("tool_use_failed", "The model wrote a malformed tool call twice: try again, or choose a larger model"),
    (
        "maximum context length",
        "The conversation is longer than the model's context: start a new one, or give the model server a longer context",
    ),
]
MAX_REASON = 200
_SECRET_PATTERNS = [
    (re.compile(r"(?i)\b(bearer)\s+[\w.~+/=-]+"), r"\1 [redacted]"),
    (re.compile(r"(?i)\b([\w-]*?(?:key|token|secret|password))([\"']?\s*[:=]\s*[\"']?)[^\s\"',;}]+"), r"\1\2[redacted]"),
    (re.compile(r"\b(?:sk|gsk|xai|pk|rk)[-_][\w-]{8,}"), "[redacted]"),
    (re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,}"), "[redacted]"),
]


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """The text without anything that looks like a credential: the keys we hold, bearer tokens,
    key=value pairs, provider key formats and long opaque tokens."""
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def shorten(text: str, limit: int = MAX_REASON) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _reason(exc: openai.APIStatusError) -> str:
    """What the server said was wrong: the error's message, else its body."""
    body = exc.body
    if isinstance(body, dict) and body:
        message = body.get("message") or body.get("detail") or body.get("error")
        return message if isinstance(message, str) else json.dumps(body, ensure_ascii=False)
    return body if isinstance(body, str) else ""


def _logged_body(exc: openai.APIStatusError, secrets: Iterable[str]) -> str:
    """The response body for the server log, without secrets or the model's own text (Groq's failed_generation)."""
    try:
        text = exc.response.text
        body = json.loads(text)
    except Exception:
        return shorten(redact(str(exc.body if exc.body is not None else ""), secrets), 2000)
    if isinstance(body, dict) and isinstance(body.get("error"), dict) and "failed_generation" in body["error"]:
        generated = body["error"]["failed_generation"]
        body["error"]["failed_generation"] = f"<{len(str(generated))} characters of the model's output left out>"
    return shorten(redact(json.dumps(body, ensure_ascii=False), secrets), 2000)


def _fields(**fields: Any) -> dict[str, Any]:
    return {"fields": {"request_id": request_id(), **fields}}


_OUR_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_STDLIB = sysconfig.get_paths()["stdlib"] + os.sep
_INSTALLED = (f"{os.sep}site-packages{os.sep}", f"{os.sep}dist-packages{os.sep}")


def raised_by_us(exc: BaseException) -> bool:
    """Whether exc comes from our code rather than from a library reading the model's answer:
    the innermost frame outside the standard library is not an installed package's (or is ours)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = frame.filename
        if path.startswith(_OUR_PACKAGE):
            return True
        if any(part in path for part in _INSTALLED):
            return False
        if not (path.startswith(_STDLIB) or path.startswith("<")):
            return True
    return True


def turn_error(exc: BaseException, secrets: Iterable[str] = ()) -> TurnError:
    """Maps whatever a turn raised to a status and a sentence for people, and logs what the
    server's operator needs: the provider's answer at WARNING, our own bugs with their traceback."""
    if isinstance(exc, TurnError):
        return exc
    error = provider_error(exc, secrets)
    if error is None:
        log.error("a chat turn failed on our side", exc_info=exc, extra=_fields())
        return InternalError()
    if isinstance(exc, openai.APIStatusError):
        log.warning(
            "the model server answered HTTP %s: %s", exc.status_code, _logged_body(exc, secrets), extra=_fields(status=exc.status_code)
        )
    else:
        log.warning("the model call failed: %s: %s", type(exc).__name__, shorten(redact(str(exc), secrets), 300), extra=_fields())
    return error


def provider_error(exc: BaseException, secrets: Iterable[str] = ()) -> ProviderError | None:
    """The provider's or the model's fault as a status and a sentence for people; None if the fault is ours."""
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc, (openai.APITimeoutError, ModelTimeoutError, TimeoutError)):
        return ProviderError(504, "The model provider did not answer in time. Please try again.")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ProviderError(502, "The model provider rejected the API key. Check the key in the server's settings.")
    if isinstance(exc, openai.RateLimitError):
        return ProviderError(503, "The model provider is rate-limiting requests. Wait a moment and try again.")
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(503, "The model provider can't be reached. Check the network or the base URL.")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return ProviderError(502, f"The model provider failed (HTTP {exc.status_code}). Please try again.")
        said = _reason(exc)
        reason = shorten(redact(said, secrets))
        if isinstance(exc, openai.NotFoundError):
            known = "The model provider does not know the configured model. Check the model name."
            return ProviderError(502, f"{known} ({reason})" if reason else known)
        said = f"{exc.code or ''} {said}".lower()
        hint = next((fix for words, fix in HINTS if words in said), None)
        if hint:
            return ProviderError(502, f"{hint} (HTTP {exc.status_code}: {reason})")
        return ProviderError(502, f"The model server refused the request (HTTP {exc.status_code})" + (f": {reason}" if reason else "."))
    if isinstance(exc, MaxTurnsExceeded):
        return ProviderError(502, "The model went round in circles without answering. Please rephrase.")
    if isinstance(exc, UserError):  # the SDK saying we used it wrongly
        return None
    if isinstance(exc, (ModelBehaviorError, AgentsException, openai.OpenAIError)) or not raised_by_us(exc):
        return ProviderError(502, "The model sent a malformed answer. Please try again.")
    return None
