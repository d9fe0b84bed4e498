#!/usr/bin/env python3
"""Load with faults: N people chatting with idempotent retries against `todo-chatbot serve
--workers 2` on PostgreSQL (fsync on), through a database restart, a database outage, a SIGKILL
and a SIGTERM of the backend. Then the database is read to check what was acknowledged.

    .venv/bin/python bench/faults_bench.py                          # 30 people, 4 minutes
    .venv/bin/python bench/faults_bench.py --duration 60 --users 10 # shorter, while developing
    .venv/bin/python bench/faults_bench.py --backend OTHER/backend --label before

Each person repeats: add a task with a title of its own, ask what's open, complete that task by
its number, and every other round delete the task of the round before. Every message carries a
client_message_id; a failure (a 5xx, a broken connection, a timeout) is retried with the same id,
text and conversation until it is answered (acknowledged) or the run ends.

The faults, at fixed fractions of the run: a PostgreSQL restart (pg_ctl restart -m fast), an
outage (stopped for --outage seconds), a SIGKILL of the whole server (parent and workers, as a
killed pod) and a SIGTERM of its parent (a pod stopped); after each kill the server is started
again on the same port, as an orchestrator would.

Reported (stdout and bench/results/faults_<label>.json):
- acknowledged: messages answered with a 200;
- duplicates: a message stored more than once (or not at all though acknowledged), a message
  with other than exactly one reply, a task created more than once (retries that ran a turn
  again), and acknowledged replies that deny what their own request did ("I couldn't find task
  #30" after deleting it); each must be 0 for the check to pass;
- lost: acknowledged changes the database doesn't hold (0 to pass);
- 5xx: by status, inside and outside the fault windows (a window runs from the fault until the
  first acknowledged message sent after it ended); outside must be 0 to pass;
- recovery: seconds from each fault's end to the first acknowledged message sent after it (and,
  after a kill, from the new server's start to its first 200 from /health).

The server runs from --backend (another checkout's, to compare; the same Python environment):
the database is migrated by that checkout, and started from its folder.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import BACKEND, ROOT, SECRET, free_port, save

HELPER = ROOT / "scripts/ci/throwaway-postgres.sh"
REQUEST_TIMEOUT = 30.0
RETRY_PAUSE = 0.5


# The database


class Postgres:
    """A throwaway PostgreSQL of the benchmark's own (scripts/ci/throwaway-postgres.sh), fsync on."""

    def __init__(self) -> None:
        self.env = os.environ | {
            "THROWAWAY_PG_DIR": os.path.join(tempfile.gettempdir(), f"todo-faults-bench-pg-{uuid.uuid4().hex[:8]}"),
            "THROWAWAY_PG_FSYNC": "on",
        }
        self.url = ""

    def __call__(self, command: str, *args: str) -> str:
        return subprocess.run([str(HELPER), command, *args], env=self.env, check=True, capture_output=True, text=True).stdout.strip()

    def start(self) -> str:
        pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not pg_bin:
            sys.exit("install PostgreSQL's server programs (apt-get install postgresql)")
        self.url = self("start", str(pg_bin[-1]))
        return self.url


# The server


class Server:
    """`todo-chatbot serve --workers N` from a backend folder, in a process group of its own."""

    def __init__(self, url: str, backend: Path, workers: int, log: Path) -> None:
        self.backend, self.workers, self.log = backend, workers, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = os.environ | {
            "DATABASE_URL": url,
            "BETTER_AUTH_SECRET": SECRET,
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(backend),
            "SIGNUPS_PER_ADDRESS": "100000",
            "LOGIN_FAILURES_PER_ADDRESS": "100000",
            "REMINDERS": "false",
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def migrate(self) -> None:
        subprocess.run([sys.executable, "-m", "todo_chatbot.cli", "db", "upgrade"], cwd=self.backend, env=self.env, check=True)

    def start(self) -> float:
        """Starts it; the time it started."""
        command = [sys.executable, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [*command, "--workers", str(self.workers)], cwd=self.backend, env=self.env, stdout=out, stderr=out, start_new_session=True
            )
        return time.monotonic()

    async def ready(self, began: float, limit: float = 120) -> float:
        """Seconds from `began` to its first 200 from /health."""
        async with httpx.AsyncClient(timeout=2) as client:
            while time.monotonic() - began < limit:
                try:
                    if (await client.get(f"{self.base}/health")).status_code == 200:
                        return time.monotonic() - began
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.05)
        raise RuntimeError(f"the server did not answer within {limit} s (see {self.log})")

    def kill(self) -> None:
        """SIGKILL to the parent and every worker, as to a killed pod."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)

    def terminate(self) -> None:
        """SIGTERM to the parent (a pod stopped), which stops its workers; whatever is left after
        30 s is killed."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)


# The people


@dataclass
class Sent:
    """One attempt at a message."""

    began: float
    ended: float
    status: int | str  # the HTTP status, or the transport error's name


@dataclass
class Message:
    kind: str  # add | list | complete | delete
    text: str
    client_id: str
    task: int | None = None  # the task it is about (complete, delete)
    attempts: list[Sent] = field(default_factory=list)
    reply: str | None = None  # once acknowledged
    acknowledged_at: float | None = None
    created: int | None = None  # the task an acknowledged add made


class Person:
    def __init__(self, index: int, base: str) -> None:
        self.index = index
        self.client = httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT)
        self.user_id = ""
        self.conversation: int | None = None
        self.messages: list[Message] = []

    async def sign_up(self) -> None:
        body = {"email": f"faults-{uuid.uuid4().hex[:12]}@example.com", "password": "bench password"}
        r = await self.client.post("/api/auth/signup", json=body)
        r.raise_for_status()
        self.user_id = r.json()["user"]["id"]
        self.client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"

    async def send(self, message: Message, give_up: float) -> None:
        """Sends until answered or `give_up` passes, always with the same id, text and conversation."""
        self.messages.append(message)
        body: dict[str, Any] = {"message": message.text, "client_message_id": message.client_id}
        if self.conversation is not None:
            body["conversation_id"] = self.conversation
        while time.monotonic() < give_up:
            began = time.monotonic()
            try:
                r = await self.client.post(f"/api/{self.user_id}/chat", json=body)
                status: int | str = r.status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            message.attempts.append(Sent(began, time.monotonic(), status))
            if status == 200:
                answer = r.json()
                message.reply, message.acknowledged_at = answer["response"], time.monotonic()
                self.conversation = answer["conversation_id"]
                for call in answer["tool_calls"]:
                    result = call.get("result") or {}
                    if call.get("name") == "add_task" and isinstance(result.get("task_id"), int):
                        message.created = result["task_id"]
                return
            if isinstance(status, int) and status < 500:
                return  # a 4xx is an answer too, and sending it again would give the same
            await asyncio.sleep(RETRY_PAUSE)

    async def chat(self, until: float, give_up: float, think: float) -> None:
        previous: int | None = None
        for n in range(1, 1_000_000):
            if time.monotonic() >= until:
                return
            add = Message("add", f"add errand {self.index}-{n} for the trip", uuid.uuid4().hex)
            await self.send(add, give_up)
            await self.send(Message("list", "what's still open?", uuid.uuid4().hex), give_up)
            if add.created is not None:
                await self.send(Message("complete", f"complete task {add.created}", uuid.uuid4().hex, add.created), give_up)
            if n % 2 == 0 and previous is not None:
                await self.send(Message("delete", f"delete task {previous}", uuid.uuid4().hex, previous), give_up)
            previous = add.created
            await asyncio.sleep(think)


# The faults


@dataclass
class Fault:
    name: str
    began: float = 0.0
    ended: float = 0.0  # the database back, or the new server started
    stopped: float | None = None  # after a kill: seconds until the old server had ended
    server_ready: float | None = None  # after a kill: seconds from the new start to /health 200
    recovered: float | None = None  # the first acknowledged message sent after `ended`


async def inject(schedule: list[tuple[str, float]], pg: Postgres, server: Server, outage: float) -> list[Fault]:
    """The faults one after another, each at its moment (or once the one before is over)."""
    faults = []
    for name, at in schedule:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        fault = Fault(name, began=time.monotonic())
        if name == "database restart":
            await asyncio.to_thread(pg, "restart")
            fault.ended = time.monotonic()
        elif name == "database outage":
            await asyncio.to_thread(pg, "down")
            await asyncio.sleep(outage)
            await asyncio.to_thread(pg, "up")
            fault.ended = time.monotonic()
        else:
            await asyncio.to_thread(server.kill if name == "SIGKILL" else server.terminate)
            fault.stopped = round(time.monotonic() - fault.began, 2)
            fault.ended = server.start()
            fault.server_ready = round(await server.ready(fault.ended), 2)
        faults.append(fault)
    return faults


# The checks


def _replies_per_message(rows: list[tuple[int, int, str, str | None, str | None]]) -> dict[str, int]:
    """For every user message with a client id: how many replies (assistant messages without an
    error) follow it in its conversation before the next user message."""
    counts: dict[str, int] = {}
    current: str | None = None
    last_conversation = None
    for conversation, _id, role, error, client_id in rows:
        if conversation != last_conversation:
            current, last_conversation = None, conversation
        if role == "user":
            current = client_id or f"(no id) {_id}"
            counts[current] = 0
        elif current is not None and error is None:
            counts[current] += 1
    return counts


def _window(fault: Fault) -> tuple[float, float]:
    """From the fault until the first acknowledged message sent after it ended (and a second more,
    for requests in flight then)."""
    return fault.began, (fault.recovered or fault.ended) + 1.0


def _faults_met(message: Message, faults: list[Fault]) -> list[str]:
    """The faults whose windows a failed attempt at the message overlapped."""
    met = []
    for f in faults:
        start, end = _window(f)
        if any(a.status != 200 and a.began <= end and a.ended >= start for a in message.attempts):
            met.append(f.name)
    return met


def check(url: str, people: list[Person], faults: list[Fault]) -> dict[str, Any]:
    with psycopg.connect(url) as db:
        ids = [p.user_id for p in people]
        rows = db.execute(
            "SELECT conversation_id, id, role, error, client_message_id FROM messages WHERE user_id = ANY(%s) ORDER BY conversation_id, id",
            (ids,),
        ).fetchall()
        stored = Counter(client_id for _c, _i, role, _e, client_id in rows if role == "user")
        creates = db.execute(
            "SELECT user_id, after FROM task_changes WHERE user_id = ANY(%s) AND action IN ('create', 'bulk')", (ids,)
        ).fetchall()
        tasks = {(u, i): done for u, i, done in db.execute("SELECT user_id, id, completed FROM tasks WHERE user_id = ANY(%s)", (ids,))}
    replies = _replies_per_message(rows)
    created = Counter((user, task["title"]) for user, after in creates for task in after)

    acknowledged = [(p, m) for p in people for m in p.messages if m.reply is not None]
    stored_wrong = [m.client_id for _p, m in acknowledged if stored[m.client_id] != 1] + [None] * stored[None]
    replies_wrong = [m.client_id for _p, m in acknowledged if replies.get(m.client_id) != 1]
    replies_wrong += [cid for cid, n in replies.items() if n > 1 and cid not in replies_wrong]
    duplicated = {key: n for key, n in created.items() if n > 1}
    adds = {(p.user_id, m.text.removeprefix("add ")): m for p in people for m in p.messages if m.kind == "add"}
    met = {key: _faults_met(adds[key[0], key[1].lower()], faults) if (key[0], key[1].lower()) in adds else [] for key in duplicated}
    duplicated_tasks = sum(n - 1 for n in duplicated.values())
    untrue = [
        {"sent": m.text, "reply": m.reply, "faults met": _faults_met(m, faults)}
        for _p, m in acknowledged
        if not _truthful(m)  # e.g. "I couldn't find task #30" after deleting it
    ]

    # lost: what the acknowledged changes left, against what the database holds
    lost = []
    for p in people:
        expected: dict[int, str] = {}
        for m in p.messages:
            if m.kind == "add" and m.created is not None:
                expected[m.created] = "open"
            elif m.kind in ("complete", "delete") and m.task is not None:
                if m.reply is None:
                    expected[m.task] = "unknown"
                elif expected.get(m.task) in ("open", "done"):
                    expected[m.task] = "done" if m.kind == "complete" else "deleted"
        for task, state in expected.items():
            held = tasks.get((p.user_id, task))
            if (state == "open" and held is None) or (state == "done" and held is not True) or (state == "deleted" and held is not None):
                lost.append({"user": p.index, "task": task, "expected": state, "held": held})

    return {
        "acknowledged messages": len(acknowledged),
        "unacknowledged at the end": sum(1 for p in people for m in p.messages if m.reply is None),
        "duplicates": {
            "messages stored other than once": len(stored_wrong),
            "messages without exactly one reply": len(replies_wrong),
            "tasks created again by a retry": duplicated_tasks,
            "replies denying what their request did": len(untrue),
        },
        "lost acknowledged changes": len(lost),
        "examples": {
            "duplicated tasks": [
                {"title": title, "created": n, "faults met": met[user, title]} for (user, title), n in list(duplicated.items())[:5]
            ],
            "untrue replies": untrue[:5],
            "lost": lost[:5],
            "messages without exactly one reply": replies_wrong[:5],
        },
    }


TRUTHFUL = {"add": re.compile(r"^Added “"), "complete": re.compile(r"^Marked “.*” as done"), "delete": re.compile(r"^Deleted “")}


def _truthful(message: Message) -> bool:
    pattern = TRUTHFUL.get(message.kind)
    return pattern is None or bool(pattern.search(message.reply or ""))


def errors(people: list[Person], faults: list[Fault]) -> dict[str, Any]:
    """5xx answers and broken connections, inside a fault's window or outside every one."""
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    outside_examples = []
    for p in people:
        for m in p.messages:
            for a in m.attempts:
                if a.status == 200 or (isinstance(a.status, int) and a.status < 500):
                    continue
                if any(a.began <= _window(f)[1] and a.ended >= _window(f)[0] for f in faults):
                    inside[str(a.status)] += 1
                else:
                    outside[str(a.status)] += 1
                    outside_examples.append({"sent": m.text, "status": a.status})
    return {"inside fault windows": dict(inside), "outside fault windows": dict(outside), "outside examples": outside_examples[:5]}


# The run


async def run(args: argparse.Namespace) -> dict[str, Any]:
    pg = Postgres()
    url = pg.start()
    log = Path(tempfile.gettempdir()) / f"faults_bench_{args.label}.log"
    log.write_bytes(b"")
    server = Server(url, args.backend.resolve(), args.workers, log)
    try:
        server.migrate()
        cold = await server.ready(server.start())
        people = [Person(i, server.base) for i in range(1, args.users + 1)]
        for person in people:
            await person.sign_up()
        began = time.monotonic()
        until = began + args.duration
        give_up = until + args.drain
        schedule = [("database restart", 0.15), ("database outage", 0.35), ("SIGKILL", 0.6), ("SIGTERM", 0.8)]
        faulting = asyncio.create_task(inject([(name, began + at * args.duration) for name, at in schedule], pg, server, args.outage))
        await asyncio.gather(*(p.chat(until, give_up, args.think) for p in people))
        faults = await faulting
        acks = sorted((m.attempts[-1].began, m.acknowledged_at) for p in people for m in p.messages if m.acknowledged_at is not None)
        for fault in faults:
            first = next((done for sent, done in acks if sent >= fault.ended), None)
            fault.recovered = first
        result = {
            "backend": str(args.backend),
            "users": args.users,
            "workers": args.workers,
            "duration s": args.duration,
            "outage s": args.outage,
            "cold start s": round(cold, 2),
            **check(url, people, faults),
            "5xx and broken connections": errors(people, faults),
            "recovery": {
                f.name: {
                    "seconds after it ended": round(f.recovered - f.ended, 2) if f.recovered else None,
                    **({"old server ended after s": f.stopped} if f.stopped is not None else {}),
                    **({"server start to first /health 200 s": f.server_ready} if f.server_ready is not None else {}),
                    "at s": round(f.began - began, 1),
                }
                for f in faults
            },
        }
        for p in people:
            await p.client.aclose()
        duplicates = sum(result["duplicates"].values())
        outside = sum(result["5xx and broken connections"]["outside fault windows"].values())
        result["passed"] = duplicates == 0 and result["lost acknowledged changes"] == 0 and outside == 0
        return result
    finally:
        if server.proc is not None and server.proc.poll() is None:
            server.terminate()
        pg("stop")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--duration", type=float, default=240, help="seconds of chatting (default 240)")
    parser.add_argument("--outage", type=float, default=15, help="seconds the database stays down (default 15)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--think", type=float, default=0.2, help="seconds each person pauses between rounds (default 0.2)")
    parser.add_argument("--drain", type=float, default=60, help="seconds past the end that a message is still retried (default 60)")
    parser.add_argument("--backend", type=Path, default=BACKEND, help="the backend folder to run (default: this checkout's)")
    parser.add_argument("--label", default="current", help="names the results file: bench/results/faults_<label>.json")
    args = parser.parse_args()
    result = asyncio.run(run(args))
    save(f"faults_{args.label}", result)
    sys.exit(0 if result["passed"] else 1)


if __name__ == "__main__":
    main()
