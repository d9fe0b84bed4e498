#!/usr/bin/env python3
"""Server CPU per offline chat turn, one kind of turn at a time, next to the floor every request
pays (a signed-in GET that reads the account) and a one-statement read (GET /tasks).

chat_bench.py measures a mix of turns; this shows what each kind costs, so a goal for the mix can
be set against what a turn that does nothing ("hi": store the message, read the history, store
the reply) already costs. The list is kept at nine tasks: each changing turn gets its own
"errand N" made (and afterwards removed) by REST requests that are not counted.

    .venv/bin/python bench/turn_kinds_bench.py                       # throwaway PostgreSQL
    .venv/bin/python bench/turn_kinds_bench.py --against OTHER/backend --runs 3

Server CPU is read from /proc around each counted request (the server's own process, user and
system time), summed and divided by the count. With --against, the two checkouts run alternately
(a fresh server each run, one database) and each kind's median over the runs is compared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import BACKEND, Server, cpu_seconds, postgres

SEED = ["Buy milk", "Call mom", "Pay rent", "Fix the bike", "Plan the trip", "Water the plants", "Book the dentist", "Email the landlord"]
# (name, message, whether the turn needs its "errand N" made first, whether it is removed after)
TURNS = [
    ("chat: hi", "hi", False, False),
    ("chat: what's still open?", "what's still open?", True, True),
    ("chat: I finished errand N", "I finished errand {i}", True, True),
    ("chat: delete errand N", "delete errand {i}", True, False),
    ("chat: add errand N", "add errand {i}", False, False),
]


def measure(pid: int, http: httpx.Client, count: int, request: Callable[[int], httpx.Response], setup=None, cleanup=None) -> float:
    """Milliseconds of server CPU per counted request."""
    used = 0.0
    for i in range(count):
        made = setup(i) if setup else None
        before = cpu_seconds(pid)
        request(i).raise_for_status()
        used += cpu_seconds(pid) - before
        if cleanup and made is not None:
            cleanup(made)
    return round(used / count * 1000, 2)


def one_run(database_url: str, backend: Path, count: int) -> dict[str, float]:
    results: dict[str, float] = {}
    with Server(database_url, backend=backend) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        pid = server.proc.pid
        signed = http.post("/api/auth/signup", json={"email": f"k{uuid.uuid4().hex[:10]}@example.com", "password": "bench password"})
        signed.raise_for_status()
        http.headers["Authorization"] = f"Bearer {signed.json()['access_token']}"
        me = signed.json()["user"]["id"]
        for title in SEED:
            http.post(f"/api/{me}/tasks", json={"title": title}).raise_for_status()
        for _ in range(20):  # warm: the first requests load what later ones find cached
            http.get("/api/auth/me")
        results["GET /api/auth/me"] = measure(pid, http, count, lambda i: http.get("/api/auth/me"))
        results["GET /tasks (9 tasks)"] = measure(pid, http, count, lambda i: http.get(f"/api/{me}/tasks"))
        for name, message, made, removed in TURNS:
            conversation: dict[str, int] = {}

            def turn(i: int, message: str = message, conversation: dict[str, int] = conversation) -> httpx.Response:
                body: dict = {"message": message.format(i=i)}
                if i % 10 and "id" in conversation:  # conversations of ten turns
                    body["conversation_id"] = conversation["id"]
                answer = http.post(f"/api/{me}/chat", json=body)
                if answer.status_code == 200:
                    conversation["id"] = answer.json()["conversation_id"]
                return answer

            def setup(i: int) -> int:
                return int(http.post(f"/api/{me}/tasks", json={"title": f"errand {i}"}).json()["id"])

            def cleanup(task_id: int) -> None:
                http.delete(f"/api/{me}/tasks/{task_id}")

            results[name] = measure(pid, http, count, turn, setup if made else None, cleanup if removed else None)
            if name == "chat: add errand N":  # leave the list as it was
                for task in http.get(f"/api/{me}/tasks").json():
                    if task["title"].startswith("Errand") or task["title"].startswith("errand"):
                        cleanup(task["id"])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200, help="counted requests of each kind")
    parser.add_argument("--backend", type=Path, default=BACKEND, help="the backend folder to serve")
    parser.add_argument("--against", type=Path, help="another checkout's backend folder, run alternately")
    parser.add_argument("--runs", type=int, default=1, help="runs of each side")
    args = parser.parse_args()
    sides = [("this", args.backend)] + ([("other", args.against)] if args.against else [])
    runs: dict[str, list[dict[str, float]]] = {side: [] for side, _ in sides}
    with postgres(args.backend) as database_url:
        for n in range(args.runs):
            for side, backend in sides:
                print(f"run {n + 1}/{args.runs}: {backend}", file=sys.stderr, flush=True)
                runs[side].append(one_run(database_url, backend, args.count))
    table: dict[str, dict] = {}
    for name in runs["this"][0]:
        row: dict = {side: statistics.median(r[name] for r in results) for side, results in runs.items()}
        row["this_range"] = [min(r[name] for r in runs["this"]), max(r[name] for r in runs["this"])]
        if "other" in row:
            row["other_range"] = [min(r[name] for r in runs["other"]), max(r[name] for r in runs["other"])]
            row["ratio"] = round(row["this"] / row["other"], 2) if row["other"] else None
        table[name] = row
    print(json.dumps({"this": str(args.backend), "other": str(args.against) if args.against else None, "table": table}, indent=2))


if __name__ == "__main__":
    main()
