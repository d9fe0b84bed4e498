"""How `todo-chatbot serve` runs uvicorn: its options, and its HTTP protocol with two limits
uvicorn has no setting for.

- A request's line and headers together may be at most MAX_HEADER_BYTES (431 otherwise),
  so one client can't make the server buffer a 100 MB header.
- They must arrive within HEADER_TIMEOUT seconds of the connection opening (or of the
  previous response on a kept-alive connection), so slow-drip clients ("slowloris") are
  closed instead of holding a connection each for ever.
- At most MAX_WAITING_CONNECTIONS connections may wait for their headers at once; beyond
  that the one waiting longest is closed. Honest clients send their headers at once, so
  a flood of idle connections costs a bounded amount of memory and never blocks them.
- At most MAX_CONCURRENCY requests run at once (503 beyond). Unlike uvicorn's own
  limit_concurrency, idle and still-arriving connections don't count, so a flood of them
  can't make every request a 503.
- An answer given before the request's body has all arrived (a 413 for a body over the
  limit) closes the connection gently, as nginx's lingering close does: the answer is sent
  and the writing half closed, then up to MAX_DRAIN_BYTES more of the body are read and
  thrown away (for at most HEADER_TIMEOUT seconds) before the connection ends. A client that
  sends its whole body before reading (Python's http.client, requests) then reads the 413
  instead of a connection reset. Nothing is kept, so memory stays bounded.

The protocol is uvicorn's httptools one with these checks added around its own parser
callbacks; tests/interfaces/http/test_limits.py runs it on real sockets, so a uvicorn upgrade that changes
those callbacks fails there first.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from typing import Any, ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ...settings import Settings, get_settings

PROTOCOL = "todo_chatbot.interfaces.http.uvicorn_protocol:GuardedHttpProtocol"


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The uvicorn settings that bound what one client can hold: connections, idle time, headers."""
    GuardedHttpProtocol.configure(settings)
    return {
        "http": PROTOCOL,
        "timeout_keep_alive": settings.keepalive_timeout,
        "timeout_graceful_shutdown": 10,
        "proxy_headers": True,
        "access_log": False,
        "log_config": None,
    }


def _raw_response(status: int, reason: str, detail: str) -> bytes:
    body = json.dumps({"detail": detail}).encode()
    head = f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\nconnection: close\r\n\r\n"
    return head.encode("ascii") + body


class _ClosingGently:
    """The connection's transport as uvicorn's request cycle sees it: everything passes through,
    but closing asks the protocol, which lingers if the request's body is still arriving."""

    def __init__(self, transport: asyncio.Transport, protocol: GuardedHttpProtocol) -> None:
        self._transport, self._protocol = transport, protocol

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)

    def close(self) -> None:
        self._protocol.close_gently()


class GuardedHttpProtocol(HttpToolsProtocol):
    # (max header bytes, header timeout, max waiting connections, max concurrent requests, max drain bytes)
    limits: ClassVar[tuple[int, float, int, int, int] | None] = None
    waiting: ClassVar[OrderedDict[int, GuardedHttpProtocol]] = OrderedDict()  # this process's, oldest first

    @classmethod
    def configure(cls, settings: Settings) -> None:
        cls.limits = (
            settings.max_header_bytes,
            settings.header_timeout,
            settings.max_waiting_connections,
            settings.max_concurrency,
            settings.max_drain_bytes,
        )

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if GuardedHttpProtocol.limits is None:  # a worker process started by `serve --workers N`
            GuardedHttpProtocol.configure(get_settings())
        assert GuardedHttpProtocol.limits is not None
        self._max_header_bytes, self._header_timeout, self._max_waiting, self._max_requests, self._max_drain = GuardedHttpProtocol.limits
        self._header_timer: asyncio.TimerHandle | None = None
        self._refused = False
        self._draining: int | None = None  # bytes of a refused body thrown away so far, while lingering
        self._raw = transport
        super().connection_made(transport)
        self.transport = _ClosingGently(transport, self)  # type: ignore[assignment]
        self._await_headers()

    def close_gently(self) -> None:
        """Closes the connection; after an answer that came before the request's body had all
        arrived, half-closes it and drains the rest first (bounded in bytes and time)."""
        cycle = self.cycle
        unread = cycle is not None and cycle.response_complete and cycle.more_body and not cycle.disconnected
        if not unread or self._draining is not None or self._raw.is_closing() or not self._raw.can_write_eof():
            self._raw.close()
            return
        self._draining = 0
        self._stop_header_timer()
        self._raw.write_eof()  # the answer goes out first, then the end of our side
        self._raw.resume_reading()
        self._header_timer = self.loop.call_later(self._header_timeout, self._raw.close)

    def _await_headers(self) -> None:
        self._header_bytes = 0  # bytes received since the request began (headers and maybe some body)
        self._header_size = 0  # the request line and headers as parsed
        self._reading_headers = True
        self._stop_header_timer()
        self._header_timer = self.loop.call_later(self._header_timeout, self._headers_too_slow)
        waiting = GuardedHttpProtocol.waiting
        waiting[id(self)] = self
        while len(waiting) > self._max_waiting:
            _, oldest = waiting.popitem(last=False)
            oldest._refuse(408, "Request Timeout", "Too many connections are waiting; this one waited longest")

    def _stop_header_timer(self) -> None:
        GuardedHttpProtocol.waiting.pop(id(self), None)
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _refuse(self, status: int, reason: str, detail: str) -> None:
        """Answers and closes; whatever else arrives on this connection is ignored."""
        self._refused = True
        self._reading_headers = False
        self._stop_header_timer()
        if not self.transport.is_closing():
            self.transport.write(_raw_response(status, reason, detail))
            self.transport.close()

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self._reading_headers:
            if self._header_bytes:
                self._refuse(408, "Request Timeout", "The request's headers took too long to arrive")
            elif not self.transport.is_closing():
                self.transport.close()  # a connection that never sent anything just ends

    def _headers_too_large(self) -> None:
        self._refuse(
            431,
            "Request Header Fields Too Large",
            f"The request's headers are too large (the limit is {self._max_header_bytes // 1024} KB)",
        )

    def data_received(self, data: bytes) -> None:
        if self._draining is not None:
            self._draining += len(data)
            if self._draining > self._max_drain:
                self._raw.close()
            return
        if self._refused:
            return
        if self._reading_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        # Headers still not complete after this much: stop buffering them.
        if self._reading_headers and self._header_bytes > self._max_header_bytes:
            self._headers_too_large()

    def on_url(self, url: bytes) -> None:
        self._header_size += len(url)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_size += len(name) + len(value) + 4
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._refused:
            return
        self._reading_headers = False
        self._stop_header_timer()
        if self._header_size > self._max_header_bytes:
            self._headers_too_large()
            return
        if len(self.tasks) >= self._max_requests:
            self._refuse(503, "Service Unavailable", "The server is busy; try again in a moment")
            return
        super().on_headers_complete()

    # After a refusal the parser may still call these for the rest of the bytes it was given.
    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if not self._refused:
            super().on_message_complete()

    def send_400_response(self, msg: str) -> None:
        if not self._refused:
            super().send_400_response(msg)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self._draining is None:
            self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_header_timer()
        super().connection_lost(exc)
