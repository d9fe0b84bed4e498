"""The openai client as the agent uses it: chat completions passed through untransformed, one index
per streamed tool call (some servers repeat one), and whether to ask for stored responses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import openai
from openai.resources.chat import AsyncChat
from openai.resources.chat.completions import AsyncCompletions
from openai.types.chat import ChatCompletionChunk

from ...settings import Settings

OPENAI_API_HOST = "api.openai.com"


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


class OpenAIClient(openai.AsyncOpenAI):
    @cached_property
    def chat(self) -> AsyncChat:
        return _Chat(self)


def store_flag(settings: Settings) -> bool | None:
    """The `store` flag to send: OPENAI_STORE for api.openai.com itself, which keeps every
    conversation unless told `store: false`; None (the flag left out) for any other server,
    since Groq, Ollama or vLLM may refuse a parameter they do not know."""
    base_url = settings.openai_base_url.strip() or f"https://{OPENAI_API_HOST}/v1"
    if settings.provider == "openai" and urlsplit(base_url).hostname == OPENAI_API_HOST:
        return settings.openai_store
    return None
