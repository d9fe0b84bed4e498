#!/usr/bin/env python3
"""Reminders on PostgreSQL, measured from outside: how late a reminder reaches an open event
stream after its moment, and what an idle scheduler costs.

    .venv/bin/python bench/reminders_bench.py                 # throwaway PostgreSQL (or BENCH_DATABASE_URL)
    .venv/bin/python bench/reminders_bench.py --poll 1 --idle 120

For one and for two `todo-chatbot serve` processes on one database (each runs the scheduler):
10,000 reminders pending (due tomorrow) and 100 due in the same second. A stream held on each
process records when each `reminder` event arrives; the latency is arrival minus the moment
(p50, p99, max), and every reminder must arrive exactly once on every stream. Then, with the
10,000 still pending and nothing due, the servers' CPU time over --idle seconds, per hour; and
one server's with REMINDERS=false, for comparison.
Results go to bench/results/reminders.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import Server, cpu_seconds, postgres, save

PENDING, DUE = 10_000, 100


def stream(url: str, path: str, headers: dict, arrivals: list[tuple[int, float]], opened: threading.Event) -> None:
    """Reads the event stream; records (task id, arrival time) of each reminder."""
    try:
        with httpx.Client(base_url=url, headers=headers, timeout=httpx.Timeout(5, read=None)) as client, client.stream("GET", path) as r:
            name = ""
            for line in r.iter_lines():
                if line.startswith(": connected"):
                    opened.set()
                elif line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:") and name == "reminder":
                    arrivals.append((json.loads(line[5:])["task"]["id"], time.time()))
    except httpx.HTTPError:
        pass  # the server stopped at the end of the run


def run(database_url: str, processes: int, poll: float, idle: float) -> dict:
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    servers = [Server(database_url, REMINDER_POLL_SECONDS=str(poll), REMINDERS="true").__enter__() for _ in range(processes)]
    try:
        account = {"email": f"r{time.time_ns()}@example.com", "password": "bench password"}
        body = httpx.post(f"{servers[0].url}/api/auth/signup", json=account).json()
        user, headers = body["user"]["id"], {"Authorization": f"Bearer {body['access_token']}"}
        arrivals: list[list[tuple[int, float]]] = [[] for _ in servers]
        for server, found in zip(servers, arrivals, strict=True):
            opened = threading.Event()
            threading.Thread(target=stream, args=(server.url, f"/api/{user}/events", headers, found, opened), daemon=True).start()
            opened.wait(10)
        now = datetime.now(UTC)
        moment = now.replace(microsecond=0) + timedelta(seconds=4)
        later = now + timedelta(days=1)
        rows = [
            {
                "u": user,
                "id": n,
                "t": f"Errand {n}",
                "r": json.dumps({"at": (moment if n <= DUE else later).isoformat()}),
                "at": moment if n <= DUE else later,
                "now": now,
            }
            for n in range(1, PENDING + DUE + 1)
        ]
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO tasks (user_id, id, title, completed, priority, tags, next_created, reminder, remind_at, "
                    "created_at, updated_at) VALUES (:u, :id, :t, false, 'none', '', false, CAST(:r AS json), :at, :now, :now)"
                ),
                rows,
            )
        deadline = time.time() + (moment - datetime.now(UTC)).total_seconds() + 3 * poll + 10
        while time.time() < deadline and any(len(found) < DUE for found in arrivals):
            time.sleep(0.05)
        latencies = [arrived - moment.timestamp() for found in arrivals for _, arrived in found]
        every_once = all(sorted(i for i, _ in found) == list(range(1, DUE + 1)) for found in arrivals)
        time.sleep(2 * poll)  # nothing more is due: the schedulers go idle
        before = [cpu_seconds(s.proc.pid) for s in servers]
        time.sleep(idle)
        spent = sum(cpu_seconds(s.proc.pid) - b for s, b in zip(servers, before, strict=True))
        ordered = sorted(latencies)
        with engine.begin() as conn:  # the next run starts with its own 10,000 only
            conn.execute(text("DELETE FROM tasks WHERE user_id = :u"), {"u": user})
        return {
            "processes": processes,
            "poll_seconds": poll,
            "pending": PENDING,
            "due_in_one_second": DUE,
            "each_fired_once_on_every_stream": every_once,
            "latency_s": {
                "p50": round(statistics.median(ordered), 3) if ordered else None,
                "p99": round(ordered[int(0.99 * (len(ordered) - 1))], 3) if ordered else None,
                "max": round(ordered[-1], 3) if ordered else None,
            },
            "idle_cpu_seconds_per_hour": round(spent / idle * 3600, 2),
        }
    finally:
        for server in servers:
            server.__exit__()
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--poll", type=float, default=5.0, help="REMINDER_POLL_SECONDS (default: the setting's default, 5)")
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle CPU measured")
    args = parser.parse_args()
    with postgres() as url:
        results = [run(url, processes, args.poll, args.idle) for processes in (1, 2)]
        with Server(url, REMINDERS="false") as server:  # the same server without a scheduler, for comparison
            time.sleep(2)
            before = cpu_seconds(server.proc.pid)
            time.sleep(args.idle)
            without = round((cpu_seconds(server.proc.pid) - before) / args.idle * 3600, 2)
    save("reminders", {"command": " ".join(sys.argv), "runs": results, "idle_cpu_seconds_per_hour_without_scheduler": without})


if __name__ == "__main__":
    main()
