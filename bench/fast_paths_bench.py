#!/usr/bin/env python3
"""What two of decision 0002's fast paths save or cost, on PostgreSQL, in this process:

- the cache of known accounts (`services/users.py`'s `_known_users`): a token's account and
  time zone are read once a minute, not on every request;
- no pool pre-ping (`infra/db.py`'s `make_async_engine`): a pooled connection is used without
  a round trip to check that it is still alive.

Three modes, measured alternately, each on an app of its own (`todo_chatbot.main.create_app`,
driven by `httpx.AsyncClient` over `httpx.ASGITransport`, a fresh user with ten tasks):
"shipped" (cache on, no pre-ping), "no cache" (the cache always misses; patched here only)
and "pre-ping" (the pooled engine built with `pool_pre_ping=True`; patched here only). Two
requests, sequentially: `GET /api/{user_id}/tasks` and an offline chat turn, "what's still
open?" (a fresh conversation every 20 turns, as in chat_bench.py).

    .venv/bin/python bench/fast_paths_bench.py      # throwaway PostgreSQL (or BENCH_DATABASE_URL)
    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/fast_paths_bench.py --runs 5

Per mode and request: the SQL statements sent per request (an SQLAlchemy
`before_cursor_execute` listener on the app's engine; deterministic), the pre-ping round trips
per request (the dialect's `do_ping`, which bypasses that listener), the CPU per request
(`time.process_time` around the loop: client and server share this process, so it includes the
client's work, which is the same in every mode; PostgreSQL's own CPU is not in it) and the p50
latency. Prints each measure's median and range over the runs and the ratio of the medians to
"shipped"; results also in bench/results/fast_paths_bench.json. Reminders are off, so no poll
shares the pool with the measured requests.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import BACKEND, SECRET, SEED_TASKS, postgres, save

sys.path.insert(0, str(BACKEND))

MODES = ("shipped", "no cache", "pre-ping")
REQUESTS = ("GET /tasks", "chat turn")


@contextmanager
def mode_patches(mode: str) -> Iterator[None]:
    """The bench-only changes a mode makes to the app it builds (none for "shipped")."""
    from sqlalchemy.ext.asyncio import create_async_engine

    from todo_chatbot.infra import db
    from todo_chatbot.services import users

    if mode == "no cache":
        with mock.patch.object(users._known_users, "get", lambda _user_id: None):  # a plain function: no mock's cost
            yield
    elif mode == "pre-ping":

        def engine(url: Any, **options: Any) -> Any:
            if "poolclass" not in options:  # the pooled engine; the health checks' has no pool
                options["pool_pre_ping"] = True
            return create_async_engine(url, **options)

        with mock.patch.object(db, "create_async_engine", engine):
            yield
    else:
        yield


class Counter:
    """SQL statements and pre-ping round trips on one engine."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.statements = self.pings = 0
        sync = engine.sync_engine
        event.listen(sync, "before_cursor_execute", self._statement)
        ping = sync.dialect.do_ping

        def counted_ping(dbapi_connection: Any) -> bool:
            self.pings += 1
            return ping(dbapi_connection)

        sync.dialect.do_ping = counted_ping

    def _statement(self, *_: Any) -> None:
        self.statements += 1


async def measure(url: str, mode: str, count: int) -> dict[str, dict[str, float]]:
    from todo_chatbot.main import create_app
    from todo_chatbot.settings import Settings

    settings = Settings(
        _env_file=None,
        database_url=url,
        better_auth_secret=SECRET,
        llm_provider="offline",
        log_level="WARNING",
        reminders=False,
        signups_per_address=10**6,
    )
    with mode_patches(mode):
        app = create_app(settings, migrate_on_start=False)
        counter = Counter(app.state.db.engine)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=60) as client:
                account = {"email": f"f{uuid.uuid4().hex[:10]}@example.com", "password": "bench password"}
                r = await client.post("/api/auth/signup", json=account)
                r.raise_for_status()
                uid, auth = r.json()["user"]["id"], {"Authorization": f"Bearer {r.json()['access_token']}"}
                for title in SEED_TASKS:
                    (await client.post(f"/api/{uid}/tasks", json={"title": title}, headers=auth)).raise_for_status()
                conversation: list[int | None] = [None]

                async def tasks(_: int) -> None:
                    (await client.get(f"/api/{uid}/tasks", headers=auth)).raise_for_status()

                async def turn(n: int) -> None:
                    if n % 20 == 0:
                        conversation[0] = None
                    body: dict[str, Any] = {"message": "what's still open?"}
                    if conversation[0] is not None:
                        body["conversation_id"] = conversation[0]
                    r = await client.post(f"/api/{uid}/chat", json=body, headers=auth)
                    r.raise_for_status()
                    conversation[0] = r.json()["conversation_id"]

                results = {}
                for name, request in zip(REQUESTS, (tasks, turn), strict=True):
                    results[name] = await loop(request, count, counter)
    return results


async def loop(request: Callable[[int], Any], count: int, counter: Counter) -> dict[str, float]:
    for n in range(count // 5):  # warm-up: the pool's connections, caches, code paths
        await request(n)
    latencies = []
    statements, pings = counter.statements, counter.pings
    cpu = time.process_time()
    for n in range(count):
        started = time.perf_counter()
        await request(n)
        latencies.append(time.perf_counter() - started)
    cpu = time.process_time() - cpu
    return {
        "statements": round((counter.statements - statements) / count, 2),
        "pings": round((counter.pings - pings) / count, 2),
        "cpu_ms": round(cpu / count * 1000, 3),
        "p50_ms": round(statistics.median(latencies) * 1000, 3),
    }


def summary(runs: dict[str, list[dict]]) -> dict:
    """Each measure's median and range per mode, and the ratio of its median to "shipped"'s."""
    table: dict[str, dict] = {}
    for request in REQUESTS:
        for measure in ("statements", "pings", "cpu_ms", "p50_ms"):
            row: dict[str, Any] = {}
            for mode in MODES:
                values = [run[request][measure] for run in runs[mode]]
                row[mode] = {"median": round(statistics.median(values), 3), "range": [min(values), max(values)]}
            base = row["shipped"]["median"]
            for mode in MODES[1:]:
                row[mode]["ratio"] = round(row[mode]["median"] / base, 3) if base else None
            table[f"{request}: {measure}"] = row
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs of each mode, alternately")
    parser.add_argument("--requests", type=int, default=300, help="measured requests of each kind per run")
    args = parser.parse_args()
    runs: dict[str, list[dict]] = {mode: [] for mode in MODES}
    with postgres() as url:
        for n in range(args.runs):
            for mode in MODES:
                print(f"run {n + 1}/{args.runs}: {mode}", file=sys.stderr, flush=True)
                runs[mode].append(asyncio.run(measure(url, mode, args.requests)))
    save("fast_paths_bench", {"runs": args.runs, "requests": args.requests, "table": summary(runs), "raw": runs})


if __name__ == "__main__":
    main()
