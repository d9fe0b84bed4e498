"""A retried message after PostgreSQL really restarted mid-turn repeats nothing.

test_exactly_once.py breaks the reply's connection from inside (pg_terminate_backend); here the
server itself goes: a PostgreSQL of this module's own (scripts/ci/throwaway-postgres.sh) is
restarted, or stopped and started again, at one controlled point: after the turn's tool call
committed its change and just before the reply is stored. Two faults:

- "restart": pg_ctl restart -m fast. Storing the reply fails on its broken connection, the
  server being back already (a stream's failure record, written next, may then be stored).
- "outage": pg_ctl stop -m fast, and start only once the request has been answered. Neither
  the reply nor the failure record can be stored: only the change log ties the change to its
  message (what the issue measured: "add rope" retried made a second task, "delete task 30"
  retried answered that it couldn't find task #30).

Either way, the retry with the same client_message_id leaves exactly one task (or one deletion,
one completion) and a reply that tells the truth about it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT, Api, chatbot, database_kind
from tests.services.test_exactly_once import _send
from todo_chatbot.services import conversations

pytestmark = pytest.mark.skipif(database_kind() != "postgresql", reason="restarts a PostgreSQL server of its own")

SCRIPT = ROOT.parent / "scripts/ci/throwaway-postgres.sh"


def _pg_bin() -> str | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    if found:
        return str(found[-1])
    initdb = shutil.which("initdb")
    return str(Path(initdb).parent) if initdb else None


class Postgres:
    """A throwaway PostgreSQL server that a test may restart, stop and start."""

    def __init__(self, state: str) -> None:
        self.env = os.environ | {"THROWAWAY_PG_DIR": state}
        self.url = ""
        self.running = False

    def __call__(self, command: str, *args: str) -> str:
        done = subprocess.run([str(SCRIPT), command, *args], env=self.env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        self.running = command in ("start", "restart", "up")
        return done.stdout.strip()


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.skip("PostgreSQL's server programs are not installed (apt-get install postgresql)")
    # directly under the temporary folder: the postgres user (when root runs the tests) must reach it
    server = Postgres(os.path.join(tempfile.gettempdir(), f"todo-restart-pg-{uuid.uuid4().hex[:8]}"))
    server.url = server("start", pg_bin)
    try:
        yield server
    finally:
        server("stop")


@pytest.fixture(scope="module")
def restart_url(postgres) -> Iterator[str]:
    with chatbot(postgres.url) as url:
        yield url


@pytest.fixture
def person(restart_url) -> Api:
    return Api(restart_url)


@pytest.fixture
def fault(monkeypatch, postgres):
    """fault(kind): while in the block, the first reply to be stored finds PostgreSQL restarted
    ("restart") or stopped ("outage", started again when the block ends)."""
    real = conversations.store_reply

    @contextmanager
    def inject(kind: str) -> Iterator[None]:
        fired: list[float] = []

        async def store_reply(session, *args, **kwargs):
            if not fired:
                fired.append(time.monotonic())
                await asyncio.to_thread(postgres, "restart" if kind == "restart" else "down")
            return await real(session, *args, **kwargs)

        monkeypatch.setattr(conversations, "store_reply", store_reply)
        try:
            yield
        finally:
            monkeypatch.setattr(conversations, "store_reply", real)
            if not postgres.running:
                postgres("up")
        assert fired, "the fault was never injected"

    return inject


def _messages(api: Api) -> list[dict]:
    """Every message the person's conversations hold."""
    found = []
    for conversation in api.http.get(f"/api/{api.id}/conversations").json():
        found += api.http.get(f"/api/{api.id}/conversations/{conversation['id']}/messages").json()
    return found


def _retry(api: Api, route: str, message: str, client_id: str) -> tuple[int, str]:
    """The same message again, as a client does after a failure: a 503 (the database not back
    yet, or a connection broken by the restart) is retried, with the same id."""
    for _ in range(20):
        status, reply = _send(api, route, message, client_id)
        if status != 503:
            return status, reply
        time.sleep(0.25)
    return status, reply


@pytest.mark.parametrize("kind", ["restart", "outage"])
@pytest.mark.parametrize("route", ["chat", "chat/stream"])
def test_add_retried_after_a_real_database_restart_adds_one_task(person, fault, kind, route):
    with fault(kind):
        status, _ = _send(person, route, "add rope for the climbing trip", f"m-add-{kind}")
    assert status != 200
    # no reply was stored; after an outage, not even a failure record: the message alone
    stored = [(m["role"], m["error"] is not None) for m in _messages(person)]
    assert stored[0] == ("user", False) and all(failed for _, failed in stored[1:])
    assert kind == "restart" or stored == [("user", False)]
    status, reply = _retry(person, route, "add rope for the climbing trip", f"m-add-{kind}")
    assert person.titles() == ["Rope for the climbing trip"]  # the first attempt's task, and no second one
    [task] = person.tasks()
    assert status == 200
    assert f"Added “Rope for the climbing trip” to your list (task #{task['id']})" in reply
    assert _retry(person, route, "add rope for the climbing trip", f"m-add-{kind}") == (200, reply)
    assert len(person.tasks()) == 1


@pytest.mark.parametrize("kind", ["restart", "outage"])
def test_delete_retried_after_a_real_database_restart_says_what_it_did(person, fault, kind):
    keep, rope = person.add("Keep me"), person.add("Buy rope")
    with fault(kind):
        assert _send(person, "chat", f"delete task {rope['id']}", f"m-del-{kind}")[0] != 200
    status, reply = _retry(person, "chat", f"delete task {rope['id']}", f"m-del-{kind}")
    assert (status, reply) == (200, "Deleted “Buy rope”.")  # not "I couldn't find task #…"
    assert [t["id"] for t in person.tasks()] == [keep["id"]]


def test_complete_retried_after_a_database_outage_completes_one_occurrence(person, fault):
    plants = {"title": "Water the plants", "due_date": "2026-11-20", "recurrence": "FREQ=DAILY"}
    first = person.http.post(f"/api/{person.id}/tasks", json=plants).json()
    with fault("outage"):
        assert _send(person, "chat", "mark water the plants as done", "m-done")[0] != 200
    status, reply = _retry(person, "chat", "mark water the plants as done", "m-done")
    assert (status, reply) == (200, "Marked “Water the plants” as done. ✓")
    tasks = person.tasks()
    assert [(t["id"], t["completed"]) for t in tasks] == [(first["id"], True), (first["id"] + 1, False)]
    assert tasks[1]["due_date"] == "2026-11-21"
