#!/usr/bin/env python3
"""How long the offline assistant takes to read a message, per utterance of its corpus.

Each of the corpus's utterances (backend/tests/corpus/utterances.json) is read as a chat
turn reads it: the command and its slots (interpret.parse) and, for an add, the tasks
with their slots (parsing.parse_quick_add). Each utterance is read --repeat times and
its median kept; the table gives the p50, p99 and max of those medians. No database,
no server: the clock is frozen at the corpus's Thursday 2026-11-26 10:00 UTC.

    .venv/bin/python bench/parse_bench.py [--repeat 21]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from todo_chatbot.agent.offline import reading  # noqa: E402
from todo_chatbot.agent.offline.interpret import parse  # noqa: E402
from todo_chatbot.infra import clock  # noqa: E402  (after the path is set)
from todo_chatbot.parsing import parse_quick_add  # noqa: E402

CORPUS = ROOT / "backend/tests/corpus/utterances.json"


def read(text: str, now: datetime) -> None:
    reading.read.cache_clear()  # every read is a first read: a turn keeps only its own few readings
    reading.clean.cache_clear()
    parsed = parse(text, now)
    if parsed is not None and parsed.intent == "add":
        parse_quick_add(parsed.title or "", now)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=21, help="reads of each utterance (its median is kept)")
    args = parser.parse_args()
    clock.now = lambda: datetime(2026, 11, 26, 10, 0, tzinfo=UTC)  # the corpus's frozen Thursday
    now = clock.local_now("UTC")
    texts = [entry["text"] for entry in json.loads(CORPUS.read_text(encoding="utf-8"))]
    read("warm up tomorrow at 5pm", now)  # lazy imports are not the parse
    medians = []
    for text in texts:
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            read(text, now)
            runs.append((time.perf_counter() - started) * 1000)
        medians.append(statistics.median(runs))
    result = {
        "utterances": len(texts),
        "repeat": args.repeat,
        "p50_ms": round(percentile(medians, 0.5), 3),
        "p99_ms": round(percentile(medians, 0.99), 3),
        "max_ms": round(max(medians), 3),
    }
    slowest = sorted(zip(medians, texts, strict=True), reverse=True)[:3]
    print(json.dumps(result, indent=2))
    print("slowest:", "; ".join(f"{text!r} {ms:.3f} ms" for ms, text in slowest))


if __name__ == "__main__":
    main()
