"""Limits one client can't get past: body sizes, header sizes and timeouts, methods and OPTIONS.

Each runs against a real uvicorn server with the protocol `todo-chatbot serve` uses, on
real sockets, and checks what a client sees and that the server still answers afterwards.
"""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import Api, chatbot

pytestmark = pytest.mark.nodb


@pytest.fixture(scope="module")
def server(database_url) -> Iterator[str]:
    with chatbot(database_url, header_timeout=1.0) as url:
        yield url


def _raw(base: str, payload: bytes, wait: float = 5.0) -> bytes:
    """Sends raw bytes and returns everything the server answers before closing (or `wait` passes)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as conn:
        conn.sendall(payload)
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except (TimeoutError, ConnectionResetError):
            pass
        return answer


def test_a_declared_body_over_the_limit_is_refused_from_the_header(server):
    head = b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n"
    started = time.monotonic()
    answer = _raw(server, head + b'{"email": "', wait=5)  # 100 MB announced, a few bytes sent
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"64 KB" in answer and len(answer) < 1024
    assert time.monotonic() - started < 3  # answered without waiting for the body


@pytest.mark.parametrize(("path", "limit_kb"), [("/api/auth/signup", 64), ("/api/{uid}/tasks", 256)])
def test_a_chunked_body_is_cut_off_at_the_limit(server, path, limit_kb):
    api = Api(server)
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"title": "'
        for _ in range(1000):  # up to 64 MB if nobody stops it
            sent += 65536
            yield b"x" * 65536
        yield b'"}'

    response = httpx.post(
        server + path.format(uid=api.id), content=body(), headers=dict(api.http.headers) | {"Content-Type": "application/json"}, timeout=30
    )
    assert response.status_code == 413
    assert f"{limit_kb} KB" in response.json()["detail"]
    assert len(response.content) < 1024
    # the upload was stopped early, not read to the end: after the limit, at most MAX_DRAIN_BYTES
    # (16 MB) are read and thrown away, and a few MB more may sit in the sockets' buffers
    assert sent < 24 * 1024 * 1024
    assert api.tasks() == []


def test_a_validation_error_echoes_only_an_excerpt(server):
    api = Api(server)
    response = httpx.post(f"{server}/api/{api.id}/tasks", headers=dict(api.http.headers), json={"title": "t" * 50_000})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "title"]
    assert len(response.content) < 1024


def test_headers_over_the_limit_get_431(server):
    big = b"X-Filler: " + b"a" * (64 * 1024) + b"\r\n"
    answer = _raw(server, b"GET /health/live HTTP/1.1\r\nHost: x\r\n" + big + b"\r\n")
    assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
    assert httpx.get(f"{server}/health/live").status_code == 200


def test_a_header_that_never_ends_is_refused_early(server):
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Endless: ")
        sent = 0
        answer = b""
        try:
            while sent < 10 * 1024 * 1024:
                conn.sendall(b"a" * 16384)
                sent += 16384
        except (BrokenPipeError, ConnectionResetError):
            pass
        with contextlib.suppress(ConnectionResetError):
            answer = conn.recv(4096)
    assert sent < 10 * 1024 * 1024
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431")


def test_slow_headers_are_timed_out(server):
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"GET /health/live HTTP/1.1\r\n")
        started = time.monotonic()
        answer = conn.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer
        assert conn.recv(4096) == b""  # closed
        assert time.monotonic() - started < 5  # header_timeout is 1 s here


def test_a_silent_connection_is_closed(server):
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        started = time.monotonic()
        assert conn.recv(4096) == b""
        assert time.monotonic() - started < 5


def test_a_kept_alive_connection_still_serves_several_requests(server):
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as conn:  # one connection for all three
        for _ in range(3):
            conn.sendall(b"GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            while b'"alive"' not in answer and (chunk := conn.recv(4096)):
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200")
            time.sleep(0.3)


def test_get_on_mcp_is_405_with_allow(server):
    api = Api(server)
    response = httpx.get(f"{server}/mcp", headers=dict(api.http.headers) | {"Accept": "text/event-stream"}, timeout=5)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/api/auth/me", {"GET", "PATCH", "DELETE"}),
        ("/api/u1/tasks/3", {"GET", "PUT", "DELETE"}),
        ("/mcp", {"POST"}),
        ("/health/live", {"GET"}),
    ],
)
def test_options_names_the_allowed_methods(server, path, methods):
    response = httpx.options(server + path)
    assert response.status_code == 204
    allowed = {m.strip() for m in response.headers["allow"].split(",")}
    assert allowed == methods | {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set())  # exactly these


def test_options_on_an_unknown_path_is_404(server):
    assert httpx.options(f"{server}/nowhere").status_code in (404, 405)


def test_a_cors_preflight_still_gets_cors_headers(server):
    response = httpx.options(f"{server}/api/auth/login", headers={"Origin": "http://localhost", "Access-Control-Request-Method": "POST"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://localhost"


@pytest.mark.parametrize("size_mb", [1, 10])
def test_a_client_that_sends_its_whole_body_first_reads_the_413(server, size_mb):
    """Python's http.client (and so requests) sends the whole body before it reads: the server
    answers 413 from the header, then reads and throws away the rest (MAX_DRAIN_BYTES), so the
    client reads the answer instead of a connection reset."""
    import http.client

    host, port = server.removeprefix("http://").split(":")
    body = b'{"email": "a@example.com", "password": "' + b"x" * (size_mb * 1024 * 1024) + b'"}'
    for _ in range(3):
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.request("POST", "/api/auth/login", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        assert response.status == 413 and b"64 KB" in response.read()
        connection.close()
    assert httpx.get(f"{server}/health/live").status_code == 200


def test_requests_reads_the_413_of_a_10_mb_body(server):
    requests = pytest.importorskip("requests")
    body = {"email": "a@example.com", "password": "x" * (10 * 1024 * 1024)}
    response = requests.post(f"{server}/api/auth/login", json=body, timeout=30)
    assert response.status_code == 413 and "64 KB" in response.json()["detail"]


def test_a_body_beyond_what_is_drained_is_cut_off(database_url):
    """Past MAX_DRAIN_BYTES the connection ends: draining is bounded too."""
    with chatbot(database_url, max_drain_bytes=1024 * 1024) as base:
        host, port = base.removeprefix("http://").split(":")
        head = b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n"
        with socket.create_connection((host, int(port)), timeout=10) as conn:
            conn.sendall(head)
            sent = 0
            with contextlib.suppress(ConnectionResetError, BrokenPipeError):
                while sent < 100 * 1024 * 1024:
                    conn.sendall(b"x" * 65536)
                    sent += 65536
            assert sent < 16 * 1024 * 1024  # the server stopped reading soon after its 1 MB allowance (and the buffers filled)
