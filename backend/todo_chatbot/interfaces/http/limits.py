"""Request guards that run before any route: body size limits, a deadline for an answer,
and OPTIONS answers.

Pure ASGI, so nothing is buffered: a declared Content-Length over the limit is
refused from the header alone, and a chunked body is counted as it streams and
cut off with 413 the moment it passes the limit.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.routing import Route, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ...settings import Settings

log = logging.getLogger("todo_chatbot.limits")
MCP_PATH = "/mcp"
OAUTH_PATH = "/oauth/"


def error_body(path: str, status: int, detail: str) -> dict:
    """{"detail": ...}, or on /oauth/* the RFC 6749 shape {"error", "error_description"}."""
    if path.startswith(OAUTH_PATH):
        return {"error": "invalid_request", "error_description": detail}
    return {"detail": detail}


async def send_json(send: Send, status: int, payload: dict, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(headers or [])],
        }
    )
    await send({"type": "http.response.body", "body": body})


def body_limit_for(path: str, settings: Settings) -> int | None:
    if path == MCP_PATH or path.startswith(MCP_PATH + "/"):
        return None  # the MCP SDK applies its own limit (RequestBodyLimitMiddleware) to /mcp
    if path.startswith(("/api/auth/", OAUTH_PATH)):
        return settings.max_auth_body_bytes
    return settings.max_body_bytes


def too_large(limit: int) -> str:
    return f"The request body is too large (the limit here is {limit // 1024} KB)"


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit_for(scope["path"], self.settings)
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await send_json(send, 400, error_body(scope["path"], 400, "Content-Length is not a number"))
                return
            if length > limit:
                await send_json(send, 413, error_body(scope["path"], 413, too_large(limit)), [(b"connection", b"close")])
                return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:  # FastAPI passes an HTTPException through as the answer
                    raise HTTPException(413, too_large(limit), headers={"Connection": "close"})
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except HTTPException as exc:  # raised by counted_receive outside a FastAPI route
            if started or exc.status_code != 413:
                raise
            await send_json(send, 413, error_body(scope["path"], 413, exc.detail), [(b"connection", b"close")])


class OptionsMiddleware:
    """OPTIONS on a known path answers 204 with `Allow` naming every method it has (CORS
    preflights are answered by the CORS middleware before this). The table comes from the
    OpenAPI paths plus the plain routes outside the schema (/mcp)."""

    def __init__(self, app: ASGIApp, api: FastAPI) -> None:
        self.app, self.api = app, api
        self._table: list[tuple[re.Pattern[str], set[str]]] | None = None

    def table(self) -> list[tuple[re.Pattern[str], set[str]]]:
        if self._table is None:
            paths: dict[str, set[str]] = {}
            for path, operations in self.api.openapi().get("paths", {}).items():
                paths.setdefault(path, set()).update(m.upper() for m in operations)
            for route in self.api.router.routes:
                if type(route) is Route and route.methods:  # a plain Starlette route such as /mcp
                    paths.setdefault(route.path, set()).update(route.methods)
            self._table = [(compile_path(path)[0], methods) for path, methods in paths.items()]
        return self._table

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "OPTIONS":
            await self.app(scope, receive, send)
            return
        methods = {m for pattern, found in self.table() if pattern.match(scope["path"]) for m in found}
        if not methods:
            await self.app(scope, receive, send)
            return
        methods |= {"OPTIONS", "HEAD"} if "GET" in methods else {"OPTIONS"}
        allow = ", ".join(sorted(methods)).encode()
        await send({"type": "http.response.start", "status": 204, "headers": [(b"allow", allow)]})
        await send({"type": "http.response.body", "body": b""})


class DeadlineMiddleware:
    """A request that doesn't answer within `seconds` is cancelled and answered 503, so a frozen
    database (or a queue of password checks under a login flood) turns into an error within
    seconds instead of a hang. Chat turns are exempt (a model may take longer), and so is the event
    stream, which stays open by design."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app, self.seconds = app, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _exempt(scope["path"]):
            await self.app(scope, receive, send)
            return
        started = timed_out = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            if timed_out:
                return  # answered already; the cancelled request's late output goes nowhere
            started = started or message["type"] == "http.response.start"
            await send(message)

        # The request runs as a task of its own: on time-out the client is answered at once,
        # while the cancelled request lets go of its database connection in the background.
        request = asyncio.ensure_future(self.app(scope, receive, watched_send))
        done, _ = await asyncio.wait({request}, timeout=self.seconds)
        if request in done:
            request.result()
            return
        timed_out = True
        request.cancel()
        _background.add(request)
        request.add_done_callback(_forget)
        log.error("request cancelled after %.0f s without an answer (database or password checks): %s", self.seconds, scope["path"])
        if not started:
            await send_json(
                send,
                503,
                {"detail": "The server is busy or its database did not answer in time; try again shortly."},
                [(b"retry-after", b"5")],
            )


_background: set[asyncio.Future[None]] = set()


def _forget(request: asyncio.Future[None]) -> None:
    _background.discard(request)
    if not request.cancelled() and request.exception() is not None:
        log.warning("a timed-out request ended with %r", request.exception())


def _exempt(path: str) -> bool:
    return path.endswith(("/chat", "/chat/stream", "/events")) or not (path.startswith("/api/") or path == MCP_PATH)
