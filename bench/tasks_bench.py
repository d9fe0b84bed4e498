#!/usr/bin/env python3
"""Benchmarks the tasks API on PostgreSQL for a user with 10,000 tasks: GET /tasks with
filters and sorting, single creates, undo; and create latency for a user with ten tasks.

    .venv/bin/python bench/tasks_bench.py                      # throwaway PostgreSQL
    .venv/bin/python bench/tasks_bench.py --backend OTHER/backend --create-only
        # the same create measurement against another checkout (e.g. the previous release)

Requests are sequential, from this process, on loopback; medians over --runs requests.
Results: stdout and bench/results/tasks_bench.json.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import ROOT, Server, postgres, save

QUERIES = {
    "first page (limit=50)": {"limit": 50},
    "pending, sorted by due date (limit=50)": {"status": "pending", "sort": "due", "limit": 50},
    "overdue": {"due": "overdue", "sort": "due", "limit": 50},
    "due today": {"due": "today"},
    "due this week, by priority": {"due": "week", "sort": "priority", "limit": 50},
    "tag=work, by priority (limit=50)": {"tag": "work", "sort": "priority", "limit": 50},
    "q=report (limit=50)": {"q": "report", "limit": 50},
    "high priority, by title (limit=50)": {"priority": "high", "sort": "title", "limit": 50},
    "all 10,000 (no limit)": {},
}


def timed(client: httpx.Client, method: str, url: str, runs: int, **kwargs) -> dict:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        r = client.request(method, url, **kwargs)
        samples.append(time.perf_counter() - started)
        r.raise_for_status()
    return {"p50_ms": round(statistics.median(samples) * 1000, 2), "p95_ms": round(statistics.quantiles(samples, n=20)[18] * 1000, 2)}


def signup(client: httpx.Client) -> tuple[str, dict]:
    email = f"bench-{time.time_ns()}@example.com"
    body = client.post("/api/auth/signup", json={"email": email, "password": "bench password"}).json()
    return body["user"]["id"], {"Authorization": f"Bearer {body['access_token']}"}


def seed(database_url: str, user_id: str, count: int) -> None:
    """10,000 tasks straight into PostgreSQL: a tenth done, a mix of dates, priorities and tags."""
    sql = f"""
    INSERT INTO tasks (user_id, id, title, description, completed, due_date, priority, tags, created_at, updated_at)
    SELECT '{user_id}', n,
           (ARRAY['Write report','Call','Buy','Email','Fix','Plan','Read','Pay','Book','Clean'])[n % 10 + 1] || ' ' || n,
           CASE WHEN n % 7 = 0 THEN 'notes for task ' || n END,
           n % 10 = 0,
           CASE WHEN n % 4 = 0 THEN NULL ELSE CURRENT_DATE + (n % 120 - 40) END,
           (ARRAY['none','low','medium','high'])[n % 4 + 1],
           CASE n % 5 WHEN 0 THEN ',work,' WHEN 1 THEN ',home,' WHEN 2 THEN ',errands,work,' ELSE '' END,
           now(), now()
    FROM generate_series(1, {count}) AS n;
    UPDATE users SET task_seq = {count} WHERE id = '{user_id}';
    ANALYZE tasks;
    """
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", database_url, "-c", sql], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--backend", type=Path, default=ROOT / "backend", help="the backend folder to serve")
    parser.add_argument("--create-only", action="store_true", help="only create latency (works on v1 too)")
    args = parser.parse_args()

    results: dict = {"machine": f"{os.cpu_count()} cores", "database": "postgresql", "backend": str(args.backend)}
    with postgres(args.backend) as database_url:
        server = Server(database_url, backend=args.backend, LLM_PROVIDER="offline")
        with server, httpx.Client(base_url=server.url, timeout=60) as client:
            uid, auth = signup(client)
            client.headers.update(auth)
            for i in range(10):
                client.post(f"/api/{uid}/tasks", json={"title": f"warm-up {i}"}).raise_for_status()
            results["create, user with ten tasks"] = timed(client, "POST", f"/api/{uid}/tasks", args.runs, json={"title": "Buy milk"})
            if not args.create_only:
                big, big_auth = signup(client)
                client.headers.update(big_auth)
                seed(database_url, big, args.tasks)
                for name, params in QUERIES.items():
                    runs = args.runs if params else max(args.runs // 10, 20)
                    results[f"GET /tasks: {name}"] = timed(client, "GET", f"/api/{big}/tasks", runs, params=params)
                results["create, user with 10,000 tasks"] = timed(
                    client,
                    "POST",
                    f"/api/{big}/tasks",
                    args.runs,
                    json={"title": "Dentist", "due_date": "2026-12-01", "priority": "high", "tags": ["health"]},
                )
                results["undo (removes a created task)"] = timed(client, "POST", f"/api/{big}/undo", min(args.runs, 50))
    save("tasks_bench_create" if args.create_only else "tasks_bench", results)


if __name__ == "__main__":
    main()
