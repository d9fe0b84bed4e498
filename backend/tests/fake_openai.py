"""A scripted OpenAI-compatible chat-completions server for tests and benchmarks.

It speaks /v1/chat/completions, plain and streaming (SSE), over real HTTP.
Answers come from a script (a queue of steps pushed by the test); with an
empty script it follows a default policy: a user message gets an add_task
call whose title is that message, and a tool result gets a short answer.

Some real servers' documented quirks can be switched on: several tool calls
streamed at one index (Ollama, `Step(calls=..., same_index=True)`), an error
body of the test's choosing (`Step(status=400, error=...)`, e.g. Groq's
tool_use_failed), and, for every request while set, a chat template that
refuses roles that don't alternate (`alternating`, Mistral on vLLM) or a vLLM
started without --enable-auto-tool-choice (`refuse_tools`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


@dataclass
class Step:
    text: str | None = None
    tool: str | None = None
    arguments: dict[str, Any] = field(default_factory=dict)
    status: int = 200  # an HTTP error status instead of an answer
    delay: float = 0.0
    raw: str | None = None  # a raw (e.g. malformed) body
    repeat: int = 1  # how many requests this step answers
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # several tool calls in one reply
    same_index: bool = False  # stream every tool call at index 0, each with its own id (ollama#15457)
    error: dict[str, Any] | None = None  # the error object of a failing status's body
    chunk_delay: float = 0.0  # seconds between streamed words
    fail_after: int | None = None  # stream this many words, then an error event instead of the rest

    def tool_calls(self) -> list[tuple[str, dict[str, Any]]]:
        return [(self.tool, self.arguments)] if self.tool else self.calls


# What vLLM answers when started without --enable-auto-tool-choice and asked with tools (vllm#9986).
VLLM_NO_AUTO_TOOLS = {
    "object": "error",
    "type": "BadRequestError",
    "param": None,
    "code": 400,
    "message": '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
}
# What a chat template that enforces alternation (Mistral's, on vLLM) answers otherwise.
VLLM_NOT_ALTERNATING = {
    "object": "error",
    "type": "BadRequestError",
    "param": None,
    "code": 400,
    "message": "Conversation roles must alternate user/assistant/user/assistant/...",
}
# Groq's answer to a malformed tool call (agno#4090, smolagents#1119).
GROQ_TOOL_USE_FAILED = {
    "error": {
        "message": "Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details.",
        "type": "invalid_request_error",
        "code": "tool_use_failed",
        "failed_generation": '<function=add_task>{"title": "Buy milk"</function>',
    }
}


def roles_alternate(messages: list[dict[str, Any]]) -> bool:
    """Like an alternation-enforcing chat template: system messages and tool results don't count,
    and an assistant's tool calls, their results and its answer make one assistant turn."""
    roles: list[str] = []
    for message in messages:
        role = message["role"]
        if role in ("system", "tool"):
            continue
        if role == "assistant" and roles and roles[-1] == "assistant+tools":
            roles[-1] = "assistant"
            continue
        roles.append("assistant+tools" if role == "assistant" and message.get("tool_calls") else role)
    return all(role.startswith("user" if i % 2 == 0 else "assistant") for i, role in enumerate(roles))


class FakeOpenAI:
    def __init__(self) -> None:
        self.script: deque[Step] = deque()
        self.requests: list[dict[str, Any]] = []
        self.authorizations: list[str | None] = []  # each request's Authorization header
        self._ids = itertools.count(1)
        self.count = 0
        self.request_bytes: list[int] = []
        self.alternating = False  # answer 400 when user and assistant turns don't alternate
        self.refuse_tools = False  # answer 400 to any request with tools, like vLLM without auto tool choice
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self._complete, methods=["POST"]),
                Route("/stats", lambda _: JSONResponse({"requests": self.count})),
            ]
        )

    def push(self, *steps: Step) -> None:
        self.script.extend(replace(step) for step in steps)  # copies: steps count down their repeats

    def reset(self) -> None:
        self.script.clear()
        self.requests.clear()
        self.authorizations.clear()
        self.request_bytes.clear()
        self.alternating = self.refuse_tools = False

    def _next(self, body: dict[str, Any]) -> Step:
        if self.script:
            step = self.script[0]
            step.repeat -= 1
            if step.repeat <= 0:
                self.script.popleft()
            return step
        last = body["messages"][-1]
        if last["role"] == "tool":
            return Step(text="Done! I've updated your list.")
        return Step(tool="add_task", arguments={"title": str(last.get("content"))[:200]})

    async def _complete(self, request: Request) -> Response:
        raw = await request.body()
        body = json.loads(raw)
        self.count += 1
        if len(self.requests) < 1000:  # kept for tests to inspect; bounded for benchmarks
            self.requests.append(body)
            self.request_bytes.append(len(raw))  # what a provider is sent (bench/model_bytes_bench.py)
            self.authorizations.append(request.headers.get("authorization"))
        if self.refuse_tools and body.get("tools") and body.get("tool_choice", "auto") == "auto":
            return JSONResponse(VLLM_NO_AUTO_TOOLS, status_code=400)
        if self.alternating and not roles_alternate(body["messages"]):
            return JSONResponse(VLLM_NOT_ALTERNATING, status_code=400)
        step = self._next(body)
        if step.delay:
            await asyncio.sleep(step.delay)
        if step.status != 200:
            error = step.error or {"error": {"message": f"scripted failure {step.status}", "type": "test", "code": None}}
            return JSONResponse(error, status_code=step.status)
        if step.raw is not None:
            return Response(step.raw, media_type="application/json")
        reply_id = f"chatcmpl-{next(self._ids)}"
        calls = [self._tool_call(name, arguments, 0 if step.same_index else i) for i, (name, arguments) in enumerate(step.tool_calls())]
        if body.get("stream"):
            return StreamingResponse(self._chunks(step, calls, reply_id, body["model"]), media_type="text/event-stream")
        message: dict[str, Any] = {"role": "assistant", "content": step.text}
        if calls:  # indexes belong to streamed deltas; Ollama sends them here too
            message["tool_calls"] = calls if step.same_index else [{k: v for k, v in c.items() if k != "index"} for c in calls]
        return JSONResponse(
            {
                "id": reply_id,
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if calls else "stop"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
            }
        )

    def _tool_call(self, name: str, arguments: dict[str, Any], index: int) -> dict[str, Any]:
        return {
            "index": index,
            "id": f"call_{next(self._ids)}",
            "type": "function",
            "function": {"name": name, "arguments": json.dumps(arguments)},
        }

    async def _chunks(self, step: Step, calls: list[dict[str, Any]], reply_id: str, model: str):
        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            data = {
                "id": reply_id,
                "object": "chat.completion.chunk",
                "created": 0,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            return f"data: {json.dumps(data)}\n\n".encode()

        yield chunk({"role": "assistant", "content": ""})
        if calls:
            for call in calls:  # each call whole in its own chunk, as Ollama sends them
                yield chunk({"tool_calls": [call]})
            yield chunk({}, "tool_calls")
        else:
            for i, word in enumerate((step.text or "").split(" ")):
                if step.fail_after is not None and i >= step.fail_after:  # as OpenAI reports a failure mid-stream
                    yield f"data: {json.dumps({'error': {'message': 'The server had an error', 'type': 'server_error'}})}\n\n".encode()
                    return
                if i and step.chunk_delay:
                    await asyncio.sleep(step.chunk_delay)
                yield chunk({"content": word if i == 0 else " " + word})
            yield chunk({}, "stop")
        yield b"data: [DONE]\n\n"


if __name__ == "__main__":  # a standalone instant model for benchmarks: python -m tests.fake_openai PORT
    import sys

    import uvicorn

    uvicorn.run(FakeOpenAI().app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
