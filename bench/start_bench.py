#!/usr/bin/env python3
"""Where a multi-worker start goes: `todo-chatbot serve --workers N` on PostgreSQL, seconds from
the command to the parent's "Started parent process", to each worker's "Started server
process" (its imports and app built) and to the first 200 from /health; and the CPU one
worker's imports and app take.

    .venv/bin/python bench/start_bench.py                      # throwaway PostgreSQL (or BENCH_DATABASE_URL)
    .venv/bin/python bench/start_bench.py --backend OTHER/backend --runs 3

Runs are sequential; this machine's load changes the wall times several-fold, so compare
runs made alternately (--backend) and read the CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import BACKEND, SECRET, free_port, postgres

MARKS = ("Started parent process", "Started server process", "Application startup complete")
IMPORT_CPU = """
import time
started = time.process_time()
import todo_chatbot.main as main
imported = time.process_time() - started
main.app_from_environment()
print(f"{imported:.2f} {time.process_time() - started - imported:.2f}")
"""


def start(url: str, backend: Path, workers: int) -> dict[str, object]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "BETTER_AUTH_SECRET": SECRET, "LOG_LEVEL": "INFO", "PYTHONPATH": str(backend)}
    command = [sys.executable, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    began = time.time()
    proc = subprocess.Popen(
        command, cwd=backend, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            sys.exit(proc.communicate()[0])
        time.sleep(0.02)
    first = time.time() - began
    os.killpg(proc.pid, signal.SIGTERM)
    found: dict[str, object] = {"first 200": round(first, 2)}
    for line in proc.communicate(timeout=60)[0].splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        for mark in MARKS:
            if record.get("msg", "").startswith(mark):
                at = datetime.fromisoformat(record["ts"]).timestamp() - began
                found.setdefault(mark, []).append(round(at, 2))  # type: ignore[union-attr]
    env["DATABASE_URL"] = url
    cpu = subprocess.check_output([sys.executable, "-c", IMPORT_CPU], cwd=backend, env=env | {"LOG_LEVEL": "WARNING"}, text=True).split()
    found["one worker's imports, app (CPU s)"] = [float(cpu[-2]), float(cpu[-1])]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", type=Path, action="append", help="backend folders to compare, alternately (default: this one)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    backends = args.backend or [BACKEND]
    with postgres() as url:
        for _ in range(args.runs):
            for backend in backends:
                print(backend, json.dumps(start(url, backend.resolve(), args.workers)), flush=True)


if __name__ == "__main__":
    main()
