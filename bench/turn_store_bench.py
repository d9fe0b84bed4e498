#!/usr/bin/env python3
"""What storing a chat turn costs on PostgreSQL, without HTTP or an agent: the chat
service's begin (the user's message, the conversation's history) and finish (the reply),
in this process, sequentially. A conversation starts afresh every 20 turns, as in
chat_bench.py, so the history read averages about 20 messages.

    .venv/bin/python bench/turn_store_bench.py          # throwaway PostgreSQL (or BENCH_DATABASE_URL)
    .venv/bin/python bench/turn_store_bench.py --backend OTHER/backend
        # the same against another checkout (e.g. the previous release)

Each run happens in a fresh interpreter that imports the chosen backend. Prints the
median wall time and the mean CPU time per turn of each run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import BACKEND, postgres

RUN = """
import asyncio, json, statistics, sys, time, uuid
from todo_chatbot.infra.db import Database
from todo_chatbot.services import chat, users
from todo_chatbot.turn import Turn

async def main(url: str, turns: int) -> None:
    db = Database(url)
    user = await users.create_user(db, f"t{uuid.uuid4().hex[:10]}@example.com", "bench password", None)
    conversation, wall, cpu = None, [], []
    for n in range(turns):
        if n % 20 == 0:
            conversation = None
        started, cpu_started = time.perf_counter(), time.process_time()
        start = await chat.begin(db, user.id, conversation, f"add errand {n}", 40)
        done = await chat.finish(db, user.id, start, f"Added errand {n}.", Turn(user.id))
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        conversation = done.conversation_id
    await db.dispose()
    warm = turns // 5
    print(json.dumps({"p50_ms": round(statistics.median(wall[warm:]) * 1000, 3), "cpu_ms": round(statistics.mean(cpu[warm:]) * 1000, 3)}))

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", type=Path, default=BACKEND, help="the backend folder to import (another checkout)")
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    with postgres(args.backend) as url:
        env = {**os.environ, "PYTHONPATH": str(args.backend.resolve()), "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
        for _ in range(args.runs):
            command = [sys.executable, "-c", RUN, url, str(args.turns)]
            out = subprocess.run(command, cwd=args.backend, env=env, capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(json.dumps({"backend": str(args.backend), "turns": args.turns, "runs": runs}, indent=2))


if __name__ == "__main__":
    main()
