"""The event stream (GET /api/{user_id}/events) as a browser tab sees it: every change to the
user's tasks, from REST, chat, MCP and undo, arrives as `event: tasks`; a stored chat turn as
`event: messages`; nothing of another user's; and on PostgreSQL, a change made through one
server process reaches a stream held by another."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import socket
import subprocess
import sys
import threading
from typing import Any

import httpx
import pytest

from tests.conftest import SECRET, SUBPROCESS_LIMITS, Api, database_kind, free_port, wait_healthy
from tests.interfaces.mcp.test_mcp import http_client


class Stream:
    """An open event stream, read on a thread of its own: next() gives (event, data) in order."""

    def __init__(self, base_url: str, api: Api, user_id: str | None = None) -> None:
        self.client = httpx.Client(base_url=base_url, headers={"Authorization": api.http.headers["Authorization"]}, timeout=30)
        self.items: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.opened = threading.Event()
        self.status = 0
        self.headers: httpx.Headers | None = None
        self.response: httpx.Response | None = None
        self.path = f"/api/{user_id or api.id}/events"
        threading.Thread(target=self._read, daemon=True).start()
        assert self.opened.wait(10), "the stream did not open"

    def _read(self) -> None:
        try:
            with self.client.stream("GET", self.path) as response:
                self.response = response
                self.status, self.headers = response.status_code, response.headers
                if response.status_code != 200:
                    self.opened.set()
                    return
                name, data = "message", []
                for line in response.iter_lines():
                    if line.startswith(": connected"):
                        self.opened.set()  # subscribed: events from now on reach us
                    elif line.startswith("event:"):
                        name = line[6:].strip()
                    elif line.startswith("data:"):
                        data.append(line[5:].strip())
                    elif line == "" and data:
                        self.items.put((name, json.loads("\n".join(data))))
                        name, data = "message", []
        except httpx.HTTPError:
            pass  # closed by the test
        finally:
            self.opened.set()
            self.items.put(("closed", None))

    def next(self, timeout: float = 5) -> tuple[str, Any]:
        return self.items.get(timeout=timeout)

    def next_named(self, name: str, timeout: float = 5) -> Any:
        """The next event of this name (others, such as `messages`, are passed over)."""
        while True:
            got, data = self.next(timeout)
            if got in (name, "closed"):
                assert got == name, f"the stream closed before a {name!r} event"
                return data

    def quiet(self, seconds: float = 0.5) -> bool:
        try:
            self.items.get(timeout=seconds)
        except queue.Empty:
            return True
        return False

    def close(self) -> None:
        """The connection goes, as when a tab closes (shut down under the reading thread)."""
        if self.response is not None:
            sock = self.response.extensions["network_stream"].get_extra_info("socket")
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.client.close()


@pytest.fixture
def stream(base_url, user):
    streams: list[Stream] = []

    def open_(api: Api = user, user_id: str | None = None) -> Stream:
        streams.append(Stream(base_url, api, user_id))
        return streams[-1]

    yield open_
    for s in streams:
        s.close()


def test_every_channel_announces_its_changes(base_url, user, stream):
    tab = stream()
    assert tab.status == 200 and tab.headers is not None
    assert tab.headers["content-type"].startswith("text/event-stream")
    assert tab.headers.get("x-accel-buffering") == "no"  # nginx passes it unbuffered

    task = user.add("Buy milk")
    assert tab.next_named("tasks") == {"ids": [task["id"]], "source": "rest"}

    answer = user.chat("add call mom and pay rent")
    created = sorted(c["result"]["task_id"] for c in answer["tool_calls"] if c["name"] == "add_task")
    seen: list[int] = []
    while len(seen) < len(created):
        event = tab.next_named("tasks")
        assert event["source"] == "chat"
        seen += event["ids"]
    assert sorted(seen) == created
    assert tab.next_named("messages") == {"conversation_id": answer["conversation_id"]}

    assert user.http.post(f"/api/{user.id}/undo").status_code == 200
    assert tab.next_named("tasks")["source"] == "undo"

    r = user.http.patch(f"/api/{user.id}/tasks/{task['id']}/complete")
    assert r.status_code == 200
    assert tab.next_named("tasks") == {"ids": [task["id"]], "source": "rest"}
    assert user.http.delete(f"/api/{user.id}/tasks/{task['id']}").status_code == 204
    assert tab.next_named("tasks") == {"ids": [task["id"]], "source": "rest"}


async def test_mcp_clients_changes_reach_the_stream(base_url, user, stream):
    tab = stream()
    async with http_client(base_url, user.token) as client:
        done = await client.call_tool("add_task", {"title": "Water the ferns"})
    assert not done.is_error
    assert tab.next_named("tasks") == {"ids": [done.structured_content["task_id"]], "source": "mcp"}


def test_a_refused_change_is_not_announced_and_another_users_never_is(base_url, user, other_user, stream):
    tab = stream()
    task = user.add("Renew passport")
    assert tab.next_named("tasks")["ids"] == [task["id"]]
    r = user.http.put(f"/api/{user.id}/tasks/{task['id']}", json={"due_date": "2026-02-30"})
    assert r.status_code == 422
    other_user.add("Someone else's errand")
    assert tab.quiet(), "a refused change or another user's change was announced"


def test_the_stream_is_the_owners_only(base_url, user, other_user, stream):
    assert httpx.get(f"{base_url}/api/{user.id}/events").status_code == 401
    assert stream(other_user, user.id).status == 403


def test_a_user_can_hold_only_so_many_streams(base_url, user, stream):
    from todo_chatbot.infra.events import STREAMS_PER_USER

    tabs = [stream() for _ in range(STREAMS_PER_USER)]
    assert all(t.status == 200 for t in tabs)
    extra = stream()
    assert extra.status == 429
    tabs[0].close()
    for _ in range(50):
        again = stream()
        if again.status == 200:
            break
        again.close()
        threading.Event().wait(0.1)
    assert again.status == 200


@pytest.mark.skipif(database_kind() != "postgresql", reason="across processes the events travel through PostgreSQL")
def test_a_change_through_one_process_reaches_a_stream_on_another(database_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": database_url, "BETTER_AUTH_SECRET": SECRET, "LOG_LEVEL": "WARNING"}
    env |= SUBPROCESS_LIMITS
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            proc = subprocess.Popen(
                [sys.executable, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            servers.append((proc, f"http://127.0.0.1:{port}"))
            wait_healthy(servers[-1][1], proc)
        (_, first), (_, second) = servers
        person = Api(first)
        tab = Stream(second, person)
        try:
            task = person.add("Book the flight")  # through the first process
            assert tab.next_named("tasks") == {"ids": [task["id"]], "source": "rest"}
            answer = person.chat("mark the flight as done")
            assert tab.next_named("tasks") == {"ids": [task["id"]], "source": "chat"}
            assert tab.next_named("messages") == {"conversation_id": answer["conversation_id"]}
        finally:
            tab.close()
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.communicate(timeout=30)
