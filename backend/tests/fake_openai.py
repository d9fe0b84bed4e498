"""A scripted OpenAI-compatible chat-completions server for tests and benchmarks.

It speaks /v1/chat/completions, plain and streaming (SSE), over real HTTP.
Answers come from a script (a queue of steps pushed by the test); with an
empty script it follows a default policy: a user message gets an add_task
call whose title is that message, and a tool result gets a short answer.
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


class FakeOpenAI:
    def __init__(self) -> None:
        self.script: deque[Step] = deque()
        self.requests: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self.count = 0
        self.app = Starlette(routes=[
            Route("/v1/chat/completions", self._complete, methods=["POST"]),
            Route("/stats", lambda _: JSONResponse({"requests": self.count})),
        ])

    def push(self, *steps: Step) -> None:
        self.script.extend(replace(step) for step in steps)  # copies: steps count down their repeats

    def reset(self) -> None:
        self.script.clear()
        self.requests.clear()

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
        body = await request.json()
        self.count += 1
        if len(self.requests) < 1000:  # kept for tests to inspect; bounded for benchmarks
            self.requests.append(body)
        step = self._next(body)
        if step.delay:
            await asyncio.sleep(step.delay)
        if step.status != 200:
            error = {"error": {"message": f"scripted failure {step.status}", "type": "test", "code": None}}
            return JSONResponse(error, status_code=step.status)
        if step.raw is not None:
            return Response(step.raw, media_type="application/json")
        call_id = f"call_{next(self._ids)}"
        if body.get("stream"):
            return StreamingResponse(self._chunks(step, call_id, body["model"]), media_type="text/event-stream")
        message: dict[str, Any] = {"role": "assistant", "content": step.text}
        if step.tool:
            message["tool_calls"] = [_tool_call(step, call_id)]
        return JSONResponse({
            "id": f"chatcmpl-{call_id}", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if step.tool else "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        })

    async def _chunks(self, step: Step, call_id: str, model: str):
        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            data = {"id": f"chatcmpl-{call_id}", "object": "chat.completion.chunk", "created": 0, "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            return f"data: {json.dumps(data)}\n\n".encode()

        yield chunk({"role": "assistant", "content": ""})
        if step.tool:
            yield chunk({"tool_calls": [{"index": 0, **_tool_call(step, call_id)}]})
            yield chunk({}, "tool_calls")
        else:
            for i, word in enumerate((step.text or "").split(" ")):
                yield chunk({"content": word if i == 0 else " " + word})
            yield chunk({}, "stop")
        yield b"data: [DONE]\n\n"


def _tool_call(step: Step, call_id: str) -> dict[str, Any]:
    return {"id": call_id, "type": "function",
            "function": {"name": step.tool, "arguments": json.dumps(step.arguments)}}


if __name__ == "__main__":  # a standalone instant model for benchmarks: python -m tests.fake_openai PORT
    import sys

    import uvicorn

    uvicorn.run(FakeOpenAI().app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
