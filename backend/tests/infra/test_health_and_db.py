"""Health endpoints, a database that is down or comes back, and migrations run concurrently."""

import contextlib
import os
import socket
import stat
import subprocess
import sys
import threading
import time
import uuid

import httpx
import jwt
import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from tests.conftest import chatbot, database_kind, free_port, wait_healthy
from todo_chatbot.infra.db import sync_url


def test_health_and_liveness(base_url):
    assert httpx.get(f"{base_url}/health").json() == {"status": "healthy", "database": "connected"}
    assert httpx.get(f"{base_url}/health/live").status_code == 200


def test_every_response_has_a_request_id(base_url):
    r = httpx.get(f"{base_url}/health/live", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    assert len(httpx.get(f"{base_url}/health/live").headers["x-request-id"]) == 32


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers (a black-holed database)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    yield listener.getsockname()[1]
    listener.close()


@pytest.mark.parametrize("kind", ["refused", "silent"])
def test_server_starts_without_its_database_and_reports_503_fast(kind, silent_port, tmp_path):
    port = free_port() if kind == "refused" else silent_port
    url = f"postgresql://todo:pw@127.0.0.1:{port}/todo"
    with chatbot(url, migrate=False) as base:
        assert httpx.get(f"{base}/health/live").status_code == 200
        started = time.monotonic()
        r = httpx.get(f"{base}/health", timeout=10)
        took = time.monotonic() - started
        assert r.status_code == 503 and r.json() == {"status": "unhealthy", "database": "disconnected"}
        assert took < 2.0
        r = httpx.post(f"{base}/api/auth/signup", json={"email": "x@example.com", "password": "password1"}, timeout=30)
        assert r.status_code == 503 and "database" in r.json()["detail"].lower()


class Switch:
    """A TCP proxy to the real database that can be cut and restored."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target, self.on = target, True
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.on:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.on = False
        for s in self.conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
        self.conns.clear()

    def restore(self) -> None:
        self.on = True


@pytest.mark.skipif(database_kind() != "postgresql", reason="needs the PostgreSQL server (run with TEST_DATABASE_URL)")
def test_database_outage_and_recovery(database_url):
    real = make_url(database_url)
    switch = Switch((real.host or "127.0.0.1", real.port or 5432))
    proxied = real.set(host="127.0.0.1", port=switch.port).render_as_string(hide_password=False)
    with chatbot(proxied) as base:
        assert httpx.get(f"{base}/health").status_code == 200
        signup = httpx.post(f"{base}/api/auth/signup", json={"email": f"o{time.time()}@example.com", "password": "password1"}).json()
        auth = {"Authorization": f"Bearer {signup['access_token']}"}
        uid = signup["user"]["id"]
        assert httpx.post(f"{base}/api/{uid}/chat", json={"message": "add survive the outage"}, headers=auth).status_code == 200
        switch.cut()
        r = httpx.get(f"{base}/health", timeout=10)
        assert r.status_code == 503
        r = httpx.get(f"{base}/api/{uid}/tasks", headers=auth, timeout=10)
        assert r.status_code == 503
        switch.restore()
        deadline = time.monotonic() + 10
        while httpx.get(f"{base}/health").status_code != 200:
            assert time.monotonic() < deadline, "did not recover"
            time.sleep(0.2)
        tasks = httpx.get(f"{base}/api/{uid}/tasks", headers=auth).json()
        assert [t["title"] for t in tasks] == ["Survive the outage"]


def _fresh_database(database_url: str, tmp_path) -> str:
    if database_kind() == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    url = sync_url(database_url)
    name = f"todo_migrate_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def test_concurrent_db_upgrade_is_safe(database_url, tmp_path):
    fresh = _fresh_database(database_url, tmp_path)
    env = {**os.environ, "DATABASE_URL": fresh, "LOG_LEVEL": "WARNING"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "todo_chatbot.cli", "db", "upgrade"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    results = [(p.wait(120), p.stderr.read()) for p in runs]
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    engine = create_engine(sync_url(fresh))
    assert {"users", "tasks", "conversations", "messages", "alembic_version"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == ["0007"]
    engine.dispose()


def test_db_upgrade_reports_a_bad_url_clearly():
    env = {**os.environ, "DATABASE_URL": "mysql://nope/nothing"}
    r = subprocess.run([sys.executable, "-m", "todo_chatbot.cli", "db", "upgrade"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "DATABASE_URL" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.nodb  # its server uses a SQLite file of its own: once, in the SQLite pass
def test_the_workers_of_a_killed_serve_stop_and_free_its_port(tmp_path):
    """SIGKILL gives `serve --workers 2` no time to stop its workers: they notice and stop
    themselves, so a restarted server can bind the port (orphans kept serving it before)."""
    port = free_port()
    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'k.db'}", "TODO_DATA_DIR": str(tmp_path), "LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base, proc, seconds=60)
    proc.kill()
    proc.wait(10)
    # within a second the workers notice (a thread of their own); a graceful stop then has at most ORPHAN_GRACE_SECONDS
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/health/live", timeout=1)
        except httpx.TransportError:
            break  # nobody listens any more
        time.sleep(0.2)
    else:
        listing = subprocess.run(["ps", "-eo", "pid,ppid,stat,args"], capture_output=True, text=True).stdout
        ours = [line for line in listing.splitlines() if "todo_chatbot" in line or "multiprocessing" in line]
        pytest.fail(f"the killed server's workers still answer on its port (pid {proc.pid} was the server):\n" + "\n".join(ours))
    again = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_healthy(base, again, seconds=60)
    finally:
        again.terminate()
        again.communicate(timeout=30)


@pytest.mark.parametrize("data_folder", ["writable", "unwritable"])
def test_serve_with_two_workers_shares_one_secret(data_folder, tmp_path):
    """Without BETTER_AUTH_SECRET both workers sign with the secret stored in the data folder, or,
    when none can be stored there, with one random secret made for the whole server."""
    port = free_port()
    (tmp_path / "a-file").write_text("")
    folder = tmp_path / "data" if data_folder == "writable" else tmp_path / "a-file" / "data"
    env = {k: v for k, v in os.environ.items() if k != "BETTER_AUTH_SECRET"}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}", "TODO_DATA_DIR": str(folder), "LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        body = httpx.post(f"{base}/api/auth/signup", json={"email": "w@example.com", "password": "password1"}).json()
        auth = {"Authorization": f"Bearer {body['access_token']}"}
        # many requests land on both workers; every one accepts the token
        codes = {httpx.get(f"{base}/api/{body['user']['id']}/tasks", headers=auth).status_code for _ in range(30)}
        assert codes == {200}
    finally:
        proc.terminate()
        stdout = proc.communicate(timeout=30)[0].decode()
    if data_folder == "writable":
        stored = folder / "auth-secret"
        assert f"stored it in {stored}" in stdout
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600
        # signed with the stored secret, so the token outlives this server
        claims = jwt.decode(body["access_token"], stored.read_text().strip(), algorithms=["HS256"])
        assert claims["sub"] == body["user"]["id"]
    else:
        assert f"no secret can be stored in {folder}" in stdout and "random secret for this process" in stdout
        assert not folder.exists()


def test_db_upgrade_keeps_waiting_then_reports_an_unreachable_database():
    env = {**os.environ, "DATABASE_URL": f"postgresql://todo:pw@127.0.0.1:{free_port()}/todo", "LOG_LEVEL": "WARNING"}
    started = time.monotonic()
    r = subprocess.run(
        [sys.executable, "-m", "todo_chatbot.cli", "db", "upgrade", "--wait", "3"], env=env, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 1 and "unreachable" in r.stderr and "waiting for the database" in r.stderr
    assert time.monotonic() - started >= 3


def test_upgrade_from_the_first_schema_keeps_the_data(database_url, tmp_path):
    """A database filled under schema 0001 (global task ids) upgrades with its tasks numbered per user."""
    from todo_chatbot.infra import migrate

    fresh = _fresh_database(database_url, tmp_path)
    migrate.upgrade(fresh, "0001")
    engine = create_engine(sync_url(fresh))
    stamp = "2026-01-01 10:00:00+00:00"
    with engine.begin() as conn:
        for uid in ("alice", "bob"):
            conn.execute(
                text("INSERT INTO users (id, email, password_hash, created_at) VALUES (:id, :e, 'h', :t)"),
                {"id": uid, "e": f"{uid}@example.com", "t": stamp},
            )
        # global ids interleaved between the users, with a gap where a task was deleted
        for tid, uid, title, done in [
            (1, "alice", "A1", False),
            (2, "bob", "B1", True),
            (4, "alice", "A2", True),
            (5, "bob", "B2", False),
            (6, "alice", "A3", False),
        ]:
            conn.execute(
                text(
                    "INSERT INTO tasks (id, user_id, title, description, completed, created_at, updated_at) "
                    "VALUES (:id, :u, :title, NULL, :done, :t, :t)"
                ),
                {"id": tid, "u": uid, "title": title, "done": done, "t": stamp},
            )
    migrate.upgrade(fresh)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT user_id, id, title, completed, priority, tags, due_date, completed_at FROM tasks ORDER BY user_id, id")
        ).all()
        seqs = dict(conn.execute(text("SELECT id, task_seq FROM users")).all())
        zones = set(conn.execute(text("SELECT timezone FROM users")).scalars())
    engine.dispose()
    assert [(r.user_id, r.id, r.title, bool(r.completed)) for r in rows] == [
        ("alice", 1, "A1", False),
        ("alice", 2, "A2", True),
        ("alice", 3, "A3", False),
        ("bob", 1, "B1", True),
        ("bob", 2, "B2", False),
    ]
    assert {(r.priority, r.tags, r.due_date) for r in rows} == {("none", "", None)}
    assert [r.completed_at is not None for r in rows] == [False, True, False, True, False]
    assert seqs == {"alice": 3, "bob": 2} and zones == {"UTC"}

    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    engine = create_engine(sync_url(fresh))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    with engine.connect() as conn:
        titles = conn.execute(text("SELECT title FROM tasks ORDER BY id")).scalars().all()
    engine.dispose()
    assert sorted(titles) == ["A1", "A2", "A3", "B1", "B2"]


def test_the_models_match_the_migrations(database_url, tmp_path):
    """A database built by the migrations has exactly the tables, columns, types and indexes the models declare."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from todo_chatbot import models  # noqa: F401 - registers the tables
    from todo_chatbot.infra import migrate

    fresh = _fresh_database(database_url, tmp_path)
    migrate.upgrade(fresh)
    engine = create_engine(sync_url(fresh))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = [
            d
            for d in compare_metadata(context, SQLModel.metadata)
            if not (isinstance(d, tuple) and d[0] == "remove_table" and d[1].name == "alembic_version")
        ]
    engine.dispose()
    assert differences == []


@pytest.mark.nodb
def test_a_worker_that_starts_after_its_serve_was_killed_stops_at_once():
    """A worker still importing when `serve` died has init as its parent already: it watches the
    serve process named in its environment, not its parent of the moment, so it stops too."""
    script = (
        "import signal, sys\n"
        "from todo_chatbot import main\n"
        "signal.signal(signal.SIGTERM, lambda *_: (print('stopping', flush=True), sys.exit(0)))\n"
        "main._end_with_parent(main.serve_pid())\n"
    )
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(10)  # a pid that was a process and is one no more: the killed serve
    env = os.environ | {"TODO_SERVE_PID": str(gone.pid)}
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.strip() == "stopping", run.stderr
