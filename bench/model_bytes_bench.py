#!/usr/bin/env python3
"""What the chatbot sends a model per turn: request bytes, requests, messages and tools, over a
standard conversation of 20 turns with someone who has 50 tasks (PostgreSQL, a scripted model).

    .venv/bin/python bench/model_bytes_bench.py                                # this checkout
    .venv/bin/python bench/model_bytes_bench.py --against OTHER/backend        # and another, compared

The model is tests/fake_openai.py, run in this process and scripted turn by turn (the same
tool calls and answers for every checkout), so the numbers depend only on what the backend
sends: the system prompt, the tool schemas, the history and the tool results. They do not
vary from run to run; one run of each is enough.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chat_bench import BACKEND, Server, free_port, postgres

sys.path.insert(0, str(BACKEND))
from tests.fake_openai import FakeOpenAI, Step

TASKS = 50
# The standard conversation: what the person says, and the tool call the model answers it with.
CONVERSATION: list[tuple[str, str | None, dict]] = [
    ("what's on my list?", "list_tasks", {}),
    ("add buy oat milk", "add_task", {"title": "Buy oat milk"}),
    ("I finished errand 3", "complete_task", {"task_id": 3}),
    ("what's still open?", "list_tasks", {"status": "pending"}),
    ("rename errand 5 to call the bank", "update_task", {"task_id": 5, "title": "Call the bank"}),
    ("thanks!", None, {}),
    ("anything about the bank?", "list_tasks", {"q": "bank"}),
    ("add pay rent on the 1st, high priority", "add_task", {"title": "Pay rent", "due_date": "2026-01-01", "priority": "high"}),
    ("delete errand 7", "delete_task", {"task_id": 7}),
    ("oops, undo that", "undo_last_change", {}),
    ("what have I finished?", "list_tasks", {"status": "completed"}),
    ("mark errands 10 and 11 as done", "complete_tasks", {"task_ids": [10, 11]}),
    ("tag errand 12 with #home", "update_task", {"task_id": 12, "tags": ["home"]}),
    ("show my #home tasks", "list_tasks", {"tag": "home"}),
    ("what's due this week?", "list_tasks", {"due": "week", "sort": "due"}),
    ("add call mom tomorrow at 6pm", "add_task", {"title": "Call mom", "due_date": "2026-01-02", "due_time": "18:00"}),
    ("reopen errand 3", "complete_task", {"task_id": 3, "completed": False}),
    ("what's high priority?", "list_tasks", {"priority": "high"}),
    ("delete errand 20", "delete_task", {"task_id": 20}),
    ("that's all, bye", None, {}),
]


class FakeModel:
    """tests/fake_openai.py on a thread of this process, so the bench scripts it directly."""

    def __init__(self) -> None:
        self.fake = FakeOpenAI()
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(self.fake.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> FakeModel:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def measure(backend: Path) -> dict:
    with postgres(backend) as database_url, FakeModel() as model:
        env = {
            "LLM_PROVIDER": "openai",
            "OPENAI_API_KEY": "sk-bench",
            "OPENAI_MODEL": "fake",
            "OPENAI_BASE_URL": f"http://127.0.0.1:{model.port}/v1",
        }
        with Server(database_url, backend=backend, **env) as server, httpx.Client(base_url=server.url, timeout=60) as client:
            r = client.post("/api/auth/signup", json={"email": "bytes@example.com", "password": "bench password"})
            r.raise_for_status()
            uid, auth = r.json()["user"]["id"], {"Authorization": f"Bearer {r.json()['access_token']}"}
            for n in range(1, TASKS + 1):
                client.post(f"/api/{uid}/tasks", json={"title": f"Errand {n}"}, headers=auth).raise_for_status()
            conversation = None
            turns = []
            for said, tool, arguments in CONVERSATION:
                model.fake.reset()
                steps = [Step(tool=tool, arguments=arguments)] if tool else []
                model.fake.push(*steps, Step(text="Done."))
                body: dict = {"message": said} | ({"conversation_id": conversation} if conversation else {})
                r = client.post(f"/api/{uid}/chat", json=body, headers=auth)
                r.raise_for_status()
                conversation = r.json()["conversation_id"]
                requests = model.fake.requests
                turns.append(
                    {
                        "request_bytes": sum(model.fake.request_bytes),
                        "requests": len(requests),
                        "messages": len(requests[-1]["messages"]),
                        "tools": len(requests[-1].get("tools") or []),
                        "first_request_bytes": model.fake.request_bytes[0],
                        # of the last request: the tool schemas, the system prompt, the history (the rest)
                        "tools_bytes": len(json.dumps(requests[-1].get("tools") or [])),
                        "system_bytes": sum(len(json.dumps(m)) for m in requests[-1]["messages"] if m["role"] == "system"),
                        "history_bytes": sum(len(json.dumps(m)) for m in requests[-1]["messages"] if m["role"] != "system"),
                    }
                )
    return {
        "turns": len(turns),
        "request_bytes_total": sum(t["request_bytes"] for t in turns),
        "request_bytes_per_turn_mean": round(statistics.mean(t["request_bytes"] for t in turns)),
        "request_bytes_last_turn": turns[-1]["request_bytes"],
        "requests_per_turn": round(statistics.mean(t["requests"] for t in turns), 2),
        "messages_last_request": turns[-1]["messages"],
        "tools": turns[-1]["tools"],
        "last_request": {k: turns[-1][k] for k in ("tools_bytes", "system_bytes", "history_bytes")},
        "per_turn": turns,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", type=Path, default=BACKEND, help="the backend folder to serve")
    parser.add_argument("--against", type=Path, help="another checkout's backend folder, to compare with")
    parser.add_argument("--out", type=Path, help="also write the results (JSON) here")
    args = parser.parse_args()
    results: dict = {"this": measure(args.backend)}
    if args.against:
        results["other"] = measure(args.against)
        results["ratio"] = {
            key: round(results["this"][key] / results["other"][key], 2)
            for key in ("request_bytes_total", "request_bytes_per_turn_mean", "request_bytes_last_turn", "messages_last_request", "tools")
        }
    summary = {side: {k: v for k, v in r.items() if k != "per_turn"} for side, r in results.items() if side != "ratio"}
    print(json.dumps(summary | ({"ratio": results["ratio"]} if "ratio" in results else {}), indent=2))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
