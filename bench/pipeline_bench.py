#!/usr/bin/env python3
"""How long the offline assistant takes for a whole turn of a conversation, in this process: every
stage (read, interpret against the conversation, act, reply) over the fake tool port of its stage
tests (tests/agent/offline/fakes.py), with no database and no server. The turns are those of the
fresh conversations (backend/tests/corpus/fresh_conversations*.json), said in order, each
conversation from its given tasks, on their Thursday 2026-11-26 10:00 UTC; the messages are typed
as people type (sentences, commas, remarks), so the stages around a request are exercised, which
bench/parse_bench.py (one reading of one utterance) does not.

Each run says every conversation once; the per-turn time is the run's total over its turns. With
--against, another checkout (its backend folder, which must have the same fake tool port) runs
alternately in a subprocess of its own, and the medians of the runs are compared.

    .venv/bin/python bench/pipeline_bench.py --runs 5
    .venv/bin/python bench/pipeline_bench.py --runs 5 --against /tmp/other/backend
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "backend/tests/corpus"


def _title(task: str | dict) -> str:
    return ("+" if isinstance(task, dict) and task.get("done") else "") + (task if isinstance(task, str) else task["title"])


async def _one_run(backend: Path) -> tuple[int, float]:
    sys.path.insert(0, str(backend))
    from datetime import UTC, datetime

    from tests.agent.offline.fakes import Conversation  # the stage tests' fake tool port
    from todo_chatbot.infra import clock

    clock.now = lambda: datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    sets = sorted(CORPUS.glob("fresh_conversations*.json"))
    conversations = [c for path in sets for c in json.loads(path.read_text(encoding="utf-8"))]
    await Conversation().say("warm up tomorrow at 5pm")  # lazy imports are not a turn
    turns, started = 0, time.process_time()
    for conversation in conversations:
        talk = Conversation(*[_title(t) for t in conversation["given"]])
        for turn in conversation["turns"]:
            await talk.say(turn["say"])
            turns += 1
    return turns, time.process_time() - started


def _run_in(backend: Path) -> dict:
    """One run in a fresh interpreter, with `backend` first on the path."""
    done = subprocess.run([sys.executable, __file__, "--one", str(backend)], capture_output=True, text=True, check=True, cwd=backend)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs of each side")
    parser.add_argument("--against", type=Path, help="another checkout's backend folder, run alternately")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a single run, in this process
    args = parser.parse_args()
    if args.one:
        turns, seconds = asyncio.run(_one_run(args.one))
        print(json.dumps({"turns": turns, "cpu_ms_per_turn": 1000 * seconds / turns}))
        return
    sides = {"this": ROOT / "backend"} | ({"other": args.against.resolve()} if args.against else {})
    found: dict[str, list[float]] = {side: [] for side in sides}
    turns = 0
    for n in range(args.runs):
        for side, backend in sides.items():
            print(f"run {n + 1}/{args.runs}: {backend}", file=sys.stderr)
            result = _run_in(backend)
            turns = result["turns"]
            found[side].append(result["cpu_ms_per_turn"])
    report: dict = {"turns": turns, "runs": args.runs}
    for side, values in found.items():
        report[side] = {"median_ms": round(statistics.median(values), 3), "range_ms": [round(min(values), 3), round(max(values), 3)]}
    if args.against:
        report["ratio"] = round(report["this"]["median_ms"] / report["other"]["median_ms"], 2)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
