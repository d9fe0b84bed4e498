#!/usr/bin/env python3
"""Two backend replicas on one PostgreSQL, checked from inside their network (standard library
only: it runs in the backend image, beside the replicas).

    check-replicas.py URL_A URL_B     e.g. http://todo-chatbot-backend-0:8000 http://...-1:8000

  - a change made through replica A reaches an event stream held on replica B (and one on A),
    each time: the time it took is printed;
  - REMINDERS reminders due in the same second, fired by whichever replica's scheduler claims
    them, reach both streams, each exactly once (and no more arrive for a poll after).

Prints `user <id>` last, so the caller can look at the delivery log (one row per reminder) and
the replicas' logs (which fired how many). Exits non-zero with the reason on the first failure.
"""

from __future__ import annotations

import json
import queue
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta

REMINDERS = 20
CHANGES = 5


def call(base: str, method: str, path: str, body: dict | None = None, token: str | None = None) -> dict:
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        sys.exit(f"FAILED: {method} {base}{path} answered {exc.code}: {exc.read()[:300]!r}")


class Stream:
    """GET /api/{user}/events on one replica, read on a thread: (name, data, arrival) in order."""

    def __init__(self, base: str, user: str, token: str) -> None:
        self.events: queue.Queue[tuple[str, dict, float]] = queue.Queue()
        self.opened = threading.Event()
        request = urllib.request.Request(f"{base}/api/{user}/events", headers={"authorization": f"Bearer {token}"})
        self.response = urllib.request.urlopen(request, timeout=120)
        threading.Thread(target=self._read, daemon=True).start()
        if not self.opened.wait(10):
            sys.exit(f"FAILED: the event stream on {base} did not open")

    def _read(self) -> None:
        name, data = "message", []
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\r\n")
                if line.startswith(": connected"):
                    self.opened.set()
                elif line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
                elif not line and data:
                    self.events.put((name, json.loads("\n".join(data)), time.monotonic()))
                    name, data = "message", []
        except OSError:
            pass

    def next_named(self, name: str, timeout: float) -> tuple[dict, float]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                got, data, at = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                sys.exit(f"FAILED: no {name!r} event within {timeout:.0f} s")
            if got == name:
                return data, at

    def names_left(self) -> list[str]:
        return [item[0] for item in list(self.events.queue)]


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    a, b = (u.rstrip("/") for u in sys.argv[1:])
    account = {"email": f"replicas-{uuid.uuid4().hex[:10]}@example.com", "password": "replica check password"}
    signed = call(a, "POST", "/api/auth/signup", account)
    token, user = signed["access_token"], signed["user"]["id"]
    on_a, on_b = Stream(a, user, token), Stream(b, user, token)

    took = []
    for n in range(CHANGES):
        sent = time.monotonic()
        task = call(a, "POST", f"/api/{user}/tasks", {"title": f"replica check {n}"}, token)
        data, arrived = on_b.next_named("tasks", 10)
        if data.get("ids") != [task["id"]]:
            sys.exit(f"FAILED: replica B's stream announced {data}, not task {task['id']}")
        took.append(arrived - sent)
        on_a.next_named("tasks", 10)
    print(
        f"  ok  a change through replica A reached the stream on replica B, {CHANGES} of {CHANGES} times "
        f"(request and arrival: median {statistics.median(took) * 1000:.0f} ms, max {max(took) * 1000:.0f} ms)"
    )

    moment = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0) + timedelta(seconds=1)
    wanted = set()
    for n in range(REMINDERS):
        body = {"title": f"replica reminder {n}", "reminder": {"at": moment.strftime("%Y-%m-%dT%H:%M:%SZ")}}
        wanted.add(call(b if n % 2 else a, "POST", f"/api/{user}/tasks", body, token)["id"])
    wait = (moment - datetime.now(UTC)).total_seconds() + 30
    for name, stream in (("A", on_a), ("B", on_b)):
        seen = [stream.next_named("reminder", wait)[0]["task"]["id"] for _ in range(REMINDERS)]
        if sorted(seen) != sorted(wanted):
            sys.exit(f"FAILED: the stream on replica {name} got reminders {sorted(seen)}, not each of {sorted(wanted)} once")
    time.sleep(6)  # a poll more (REMINDER_POLL_SECONDS, 5 s by default) on each replica: nothing fires again
    for name, stream in (("A", on_a), ("B", on_b)):
        if "reminder" in stream.names_left():
            sys.exit(f"FAILED: a reminder fired twice (replica {name}'s stream)")
    print(f"  ok  {REMINDERS} reminders due in the same second reached the streams on both replicas, each once")
    print(f"user {user}")


if __name__ == "__main__":
    main()
