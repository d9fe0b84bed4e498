#!/usr/bin/env python3
"""What the sign-in throttle costs per sign-in now that it counts in the database: the
throttle's own work for one failed sign-in (check, then count the failure for the account and
the address) and for one successful sign-in (check, then clear the account's count), in this
process, sequentially, without HTTP or the password check (Argon2, about 110 ms of CPU, is
the rest of a sign-in's cost).

    .venv/bin/python bench/throttle_bench.py                  # throwaway PostgreSQL (or BENCH_DATABASE_URL)
    .venv/bin/python bench/throttle_bench.py --sqlite         # a SQLite file instead

Prints the median and p95 wall time of each, in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import BACKEND, postgres

sys.path.insert(0, str(BACKEND))


async def measure(url: str, count: int) -> dict[str, float]:
    from todo_chatbot.infra.db import Database
    from todo_chatbot.services.throttle import Throttle
    from todo_chatbot.settings import Settings

    settings = Settings(
        _env_file=None,
        database_url=url,
        better_auth_secret="bench-" + "s" * 40,
        login_failures_per_account=10**6,
        login_failures_per_address=10**6,
    )
    db = Database(url)
    throttle = Throttle(settings, db)
    failed, succeeded = [], []
    for n in range(count):
        email = f"user{n % 200}@example.com"
        started = time.perf_counter()
        await throttle.check_login(email, "192.0.2.7")
        await throttle.login_failed(email, "192.0.2.7")
        failed.append(time.perf_counter() - started)
        started = time.perf_counter()
        await throttle.check_login(email, "192.0.2.8")
        await throttle.login_succeeded(email)
        succeeded.append(time.perf_counter() - started)
    await db.dispose()

    def ms(values: list[float]) -> tuple[float, float]:
        values = sorted(values[count // 5 :])
        return round(statistics.median(values) * 1000, 2), round(values[int(len(values) * 0.95)] * 1000, 2)

    return {"failed sign-in (p50, p95 ms)": ms(failed), "successful sign-in (p50, p95 ms)": ms(succeeded)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    if args.sqlite:
        url = f"sqlite:///{tempfile.mkdtemp()}/throttle.db"
        subprocess.run([sys.executable, "-m", "todo_chatbot.cli", "db", "upgrade"], cwd=BACKEND, env={"DATABASE_URL": url}, check=True)
        print(asyncio.run(measure(url, args.count)))
        return
    with postgres() as url:
        print(asyncio.run(measure(url, args.count)))


if __name__ == "__main__":
    main()
