#!/usr/bin/env python3
"""What a login flood costs everyone else: /health/live and a normal user's task list while
32 clients try wrong passwords in parallel, compared with the same requests on an idle server.

    .venv/bin/python bench/login_flood_bench.py                 # throwaway PostgreSQL
    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/login_flood_bench.py
    .venv/bin/python bench/login_flood_bench.py --backend OTHER/backend   # another checkout

The flood tries a new email each time and the per-address limit is lifted for the run, so
no login is cut short by throttling: every one is a real password check. Medians of
--probes probe requests, sequential, on loopback.
Results: stdout and bench/results/login_flood_bench.json.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import BACKEND, Server, postgres, save, signup

PARALLEL = 32


async def probe(client: httpx.AsyncClient, path: str, headers: dict, count: int, failures: list[int]) -> list[float]:
    """Timings of `count` requests; answers other than 200 are timed too and their statuses kept."""
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        response = await client.get(path, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            failures.append(response.status_code)
    return timings


async def flood(url: str, stop: asyncio.Event, counts: dict[int, int], worker: int) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        n = 0
        while not stop.is_set():
            n += 1
            response = await client.post("/api/auth/login", json={"email": f"victim{worker}-{n}@example.com", "password": f"guess {n}"})
            counts[response.status_code] = counts.get(response.status_code, 0) + 1


async def measure(url: str, probes: int) -> dict:
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        user_id, headers = await signup(client)
        for n in range(20):
            await client.post(f"/api/{user_id}/tasks", json={"title": f"Task {n}"}, headers=headers)
        tasks_path = f"/api/{user_id}/tasks"
        failed: dict[str, list[int]] = {"idle": [], "flood": []}
        idle = {
            "live": await probe(client, "/health/live", {}, probes, failed["idle"]),
            "tasks": await probe(client, tasks_path, headers, probes, failed["idle"]),
        }
        stop, counts = asyncio.Event(), {}
        flooders = [asyncio.create_task(flood(url, stop, counts, worker)) for worker in range(PARALLEL)]
        await asyncio.sleep(1.0)  # the flood is under way
        started = time.perf_counter()
        busy = {
            "live": await probe(client, "/health/live", {}, probes, failed["flood"]),
            "tasks": await probe(client, tasks_path, headers, probes, failed["flood"]),
        }
        health = (await client.get("/health")).json()
        elapsed = time.perf_counter() - started
        stop.set()
        await asyncio.gather(*flooders)
    result: dict = {
        "login answers during the flood": counts,
        "/health during the flood": health,
        "probes not answered 200 (idle, flood)": [failed["idle"], failed["flood"]],
        "logins per second": round(sum(counts.values()) / (elapsed + 1.0), 1),
    }
    for name in ("live", "tasks"):
        idle_p50, busy_p50 = statistics.median(idle[name]), statistics.median(busy[name])
        result[name] = {"idle p50 ms": round(idle_p50, 2), "flood p50 ms": round(busy_p50, 2), "ratio": round(busy_p50 / idle_p50, 1)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--probes", type=int, default=50)
    parser.add_argument("--backend", type=Path, default=BACKEND)
    args = parser.parse_args()
    with postgres(args.backend) as database_url, Server(database_url, backend=args.backend, LOGIN_FAILURES_PER_ADDRESS="1000000") as server:
        result = asyncio.run(measure(server.url, args.probes))
    save("login_flood_bench", result)


if __name__ == "__main__":
    main()
