#!/usr/bin/env python3
"""Benchmarks the backend on PostgreSQL: chat turn latency and throughput (offline agent
and the OpenAI provider against an instant fake model), turns for someone with 1,000 tasks,
tasks API requests/s, cold start, and resident memory after many turns.

    .venv/bin/python bench/chat_bench.py            # throwaway PostgreSQL (needs its server programs)
    BENCH_DATABASE_URL=postgresql://... .venv/bin/python bench/chat_bench.py
    .venv/bin/python bench/chat_bench.py --against OTHER/backend --runs 5 --turns 100 --soak 0

--against runs this checkout and another alternately (a fresh database each run) and prints each
measure's median and range on both sides and the ratio of the medians: on a shared machine the
load changes from minute to minute, so only runs made alternately compare.

Everything runs on loopback; the load comes from this process (asyncio + httpx), so on a
2-core machine client and server share the CPUs. Results: stdout and bench/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend"
PYTHON = sys.executable
SECRET = "bench-" + "s" * 40


@contextmanager
def postgres(backend: Path = BACKEND) -> Iterator[str]:
    """The database to measure on: BENCH_DATABASE_URL, or a throwaway PostgreSQL server for this
    run (scripts/ci/throwaway-postgres.sh, stopped afterwards); migrated by `backend` either way."""
    database_url = os.environ.get("BENCH_DATABASE_URL")
    helper = ROOT / "scripts/ci/throwaway-postgres.sh"
    if not database_url:
        pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not pg_bin:
            sys.exit("set BENCH_DATABASE_URL or install PostgreSQL's server (apt-get install postgresql)")
        started = subprocess.check_output([str(helper), "start", str(pg_bin[-1])], text=True).strip()
    try:
        url = database_url or started
        env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
        subprocess.run([PYTHON, "-m", "todo_chatbot.cli", "db", "upgrade"], cwd=backend, check=True, env=env)
        yield url
    finally:
        if not database_url:
            subprocess.run([str(helper), "stop"], check=False)


def save(name: str, results: dict) -> None:
    """Prints the results and keeps them in bench/results/<name>.json."""
    text = json.dumps(results, indent=2)
    out = ROOT / "bench/results"
    out.mkdir(exist_ok=True)
    (out / f"{name}.json").write_text(text)
    print(text)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Server:
    def __init__(self, database_url: str, workers: int = 1, backend: Path = BACKEND, **env: str) -> None:
        self.workers = workers
        self.backend = backend  # the folder it runs from: this checkout's backend, or another's
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "BETTER_AUTH_SECRET": SECRET,
            "LOG_LEVEL": "WARNING",
            "SIGNUPS_PER_ADDRESS": "100000",
            **env,
        }

    def __enter__(self) -> Server:
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            [PYTHON, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env,
            cwd=self.backend,
        )
        while True:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.perf_counter() - started > 60:
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        self.cold_start = time.perf_counter() - started
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(20)


async def signup(client: httpx.AsyncClient) -> tuple[str, dict]:
    for _ in range(5):  # ten password hashes at once on a loaded machine can pass the 10 s deadline: again
        r = await client.post("/api/auth/signup", json={"email": f"b{uuid.uuid4().hex[:10]}@example.com", "password": "bench password"})
        if r.status_code == 201:
            break
    r.raise_for_status()
    body = r.json()
    return body["user"]["id"], {"Authorization": f"Bearer {body['access_token']}"}


# A day of use: the list stays around ten tasks (seeded), as people's lists do.
MESSAGES = ["add errand {i}", "what's still open?", "I finished errand {i}", "what have I finished?", "delete errand {i}"]
SEED_TASKS = [
    "Buy milk",
    "Call mom",
    "Renew my passport",
    "Book the dentist",
    "Water the plants",
    "Pay rent",
    "Fix the bike",
    "Email the landlord",
    "Plan the trip",
    "Read chapter 3",
]


async def chat_client(url: str, turns: int, latencies: list[float]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        uid, auth = await signup(client)
        for title in SEED_TASKS:
            await client.post(f"/api/{uid}/tasks", json={"title": title}, headers=auth)
        conversation = None
        for n in range(turns):
            i = n // len(MESSAGES)
            if n % 20 == 0:
                conversation = None  # a fresh conversation now and then, as people do
            body = {"message": MESSAGES[n % len(MESSAGES)].format(i=i)}
            if conversation:
                body["conversation_id"] = conversation
            started = time.perf_counter()
            r = await client.post(f"/api/{uid}/chat", json=body, headers=auth)
            latencies.append(time.perf_counter() - started)
            r.raise_for_status()
            conversation = r.json()["conversation_id"]


async def chat_load(url: str, clients: int, turns_each: int) -> dict:
    latencies: list[float] = []
    started = time.perf_counter()
    await asyncio.gather(*(chat_client(url, turns_each, latencies) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100)
    return {
        "turns": len(latencies),
        "p50_ms": round(q[49] * 1000, 2),
        "p95_ms": round(q[94] * 1000, 2),
        "per_s": round(len(latencies) / elapsed, 1),
    }


async def long_list(url: str, tasks: int, turns: int = 40) -> dict:
    """One person with a long list: a conversation that alternates looking at the list and
    adding to it. Every turn reads the conversation's history again, lists included."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        uid, auth = await signup(client)
        for start in range(0, tasks, 100):  # one undo step per 100, as a bulk import would be
            batch = {"text": "; ".join(f"errand {n}" for n in range(start, min(tasks, start + 100)))}
            (await client.post(f"/api/{uid}/tasks/quick", json=batch, headers=auth)).raise_for_status()
        conversation, adds, lists = None, [], []
        for n in range(turns):
            body: dict = {"message": "what's still open?" if n % 2 == 0 else f"add tea {n}"}
            if conversation:
                body["conversation_id"] = conversation
            started = time.perf_counter()
            r = await client.post(f"/api/{uid}/chat", json=body, headers=auth)
            (lists if n % 2 == 0 else adds).append(time.perf_counter() - started)
            r.raise_for_status()
            conversation = r.json()["conversation_id"]
    return {
        "tasks": tasks,
        "add_p50_ms": round(statistics.median(adds[turns // 4 :]) * 1000, 2),
        "list_p50_ms": round(statistics.median(lists[turns // 4 :]) * 1000, 2),
    }


async def tasks_load(url: str, clients: int, requests_each: int) -> dict:
    async def one() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            uid, auth = await signup(client)
            for i in range(10):
                await client.post(f"/api/{uid}/tasks", json={"title": f"task {i}"}, headers=auth)
            for _ in range(requests_each):
                (await client.get(f"/api/{uid}/tasks", headers=auth)).raise_for_status()

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(clients)))
    return {"requests": clients * requests_each, "per_s": round(clients * requests_each / (time.perf_counter() - started), 1)}


def bench_provider(database_url: str, name: str, env: dict, args, fake_requests=None, backend: Path = BACKEND) -> dict:
    with Server(database_url, backend=backend, **env) as server:
        result = {"cold_start_s": round(server.cold_start, 2), "rss_mb_at_start": round(rss_mb(server.proc.pid), 1)}
        asyncio.run(chat_load(server.url, 1, 20))  # warm-up
        before = fake_requests() if fake_requests else 0
        cpu_before = cpu_seconds(server.proc.pid)
        result["sequential"] = asyncio.run(chat_load(server.url, 1, args.turns))
        result["server_cpu_ms_per_turn"] = round((cpu_seconds(server.proc.pid) - cpu_before) / args.turns * 1000, 2)
        if fake_requests:
            result["model_round_trips_per_turn"] = round((fake_requests() - before) / args.turns, 2)
        result["concurrent_10"] = asyncio.run(chat_load(server.url, 10, args.turns // 2))
        if name == "offline":
            result["long_list"] = asyncio.run(long_list(server.url, 1000))
            result["tasks_api"] = asyncio.run(tasks_load(server.url, 10, 200))
            done = 20 + args.turns + 10 * (args.turns // 2)
            if done < args.soak:
                asyncio.run(chat_load(server.url, 10, (args.soak - done) // 10))
            result["rss_mb_after_turns"] = {"turns": max(done, args.soak), "rss_mb": round(rss_mb(server.proc.pid), 1)}
    with Server(database_url, workers=2, backend=backend, **env) as server:
        asyncio.run(chat_load(server.url, 2, 10))  # warm-up both workers
        result["concurrent_10_two_workers"] = asyncio.run(chat_load(server.url, 10, args.turns // 2))
    return result


def run(args, backend: Path) -> dict:
    """One run of every measure, serving `backend`, on a database of its own."""
    with postgres(backend) as database_url:
        results = {"machine": f"{os.cpu_count()} cores", "database": "postgresql"}
        results["offline"] = bench_provider(database_url, "offline", {"LLM_PROVIDER": "offline"}, args, backend=backend)
        if not args.offline_only:
            fake_port = free_port()
            fake = subprocess.Popen([PYTHON, "-m", "tests.fake_openai", str(fake_port)], cwd=BACKEND)
            try:
                time.sleep(1.5)

                def fake_requests() -> int:
                    return httpx.get(f"http://127.0.0.1:{fake_port}/stats").json()["requests"]

                results["openai_fake"] = bench_provider(
                    database_url,
                    "openai",
                    {
                        "LLM_PROVIDER": "openai",
                        "OPENAI_API_KEY": "sk-bench",
                        "OPENAI_MODEL": "fake",
                        "OPENAI_BASE_URL": f"http://127.0.0.1:{fake_port}/v1",
                    },
                    args,
                    fake_requests,
                    backend=backend,
                )
            finally:
                fake.terminate()
    return results


# The measures --against compares (issue 24's table), as paths into one run's results.
COMPARED = {
    "offline turn, server CPU (ms)": ("offline", "server_cpu_ms_per_turn"),
    "offline turn, sequential p50 (ms)": ("offline", "sequential", "p50_ms"),
    "offline turns/s, 10 clients": ("offline", "concurrent_10", "per_s"),
    "offline turns/s, 10 clients, 2 workers": ("offline", "concurrent_10_two_workers", "per_s"),
    "'what's still open?' with 1,000 tasks, p50 (ms)": ("offline", "long_list", "list_p50_ms"),
    "'add' with 1,000 tasks, p50 (ms)": ("offline", "long_list", "add_p50_ms"),
    "model-path turn, server CPU (ms)": ("openai_fake", "server_cpu_ms_per_turn"),
    "model-path turn, sequential p50 (ms)": ("openai_fake", "sequential", "p50_ms"),
    "model-path turns/s, 10 clients": ("openai_fake", "concurrent_10", "per_s"),
    "cold start to healthy, offline (s)": ("offline", "cold_start_s"),
    "cold start to healthy, model (s)": ("openai_fake", "cold_start_s"),
    "resident memory at start, offline (MB)": ("offline", "rss_mb_at_start"),
    "resident memory at start, model (MB)": ("openai_fake", "rss_mb_at_start"),
}


def compare(args) -> dict:
    """This checkout and `args.against`, run alternately `args.runs` times each."""
    runs: dict[str, list[dict]] = {"this": [], "other": []}
    for n in range(args.runs):
        for side, backend in (("this", args.backend), ("other", args.against)):
            print(f"run {n + 1}/{args.runs}: {backend}", file=sys.stderr, flush=True)
            runs[side].append(run(args, backend))
    table = {}
    for name, path in COMPARED.items():
        values = {}
        for side, results in runs.items():
            found = []
            for result in results:
                value = result
                for key in path:
                    value = value.get(key) if isinstance(value, dict) else None
                if value is not None:
                    found.append(value)
            values[side] = found
        if values["this"] and values["other"]:
            this, other = statistics.median(values["this"]), statistics.median(values["other"])
            table[name] = {
                "this": this,
                "this_range": [min(values["this"]), max(values["this"])],
                "other": other,
                "other_range": [min(values["other"]), max(values["other"])],
                "ratio": round(this / other, 2) if other else None,
            }
    return {"this": str(args.backend), "other": str(args.against), "runs": args.runs, "turns": args.turns, "table": table, "raw": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=300, help="sequential turns per provider")
    parser.add_argument("--soak", type=int, default=2000, help="total offline turns before reading RSS")
    parser.add_argument("--offline-only", action="store_true", help="skip the model provider")
    parser.add_argument("--backend", type=Path, default=BACKEND, help="the backend folder to serve (another checkout)")
    parser.add_argument("--against", type=Path, help="another checkout's backend folder, run alternately with --backend")
    parser.add_argument("--runs", type=int, default=5, help="with --against: runs of each, alternately")
    parser.add_argument("--out", type=Path, help="also write the results (JSON) here")
    args = parser.parse_args()

    if args.against:
        results = compare(args)
        text = json.dumps(results, indent=2)
        print(json.dumps(results["table"], indent=2))
    else:
        results = run(args, args.backend)
        text = json.dumps(results, indent=2)
        if not args.offline_only and args.backend == ROOT / "backend":
            save("chat_bench", results)
        else:  # a partial run, or another checkout's: not kept
            print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
