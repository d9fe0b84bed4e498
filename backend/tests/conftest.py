"""Test fixtures: real servers on loopback, a real database (SQLite, or PostgreSQL
when TEST_DATABASE_URL is set), never the network."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import uvicorn

# No test may reach a real provider or a proxy.
for _name in list(os.environ):
    if _name.upper() in {
        "OPENAI_API_KEY",
        "GROQ_API_KEY",
        "LLM_PROVIDER",
        "OPENAI_BASE_URL",
        "BETTER_AUTH_SECRET",
        "DATABASE_URL",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    }:
        del os.environ[_name]
os.environ["NO_PROXY"] = "*"

from tests import dates
from tests.fake_openai import FakeOpenAI
from todo_chatbot.infra import clock
from todo_chatbot.interfaces.http.uvicorn_protocol import uvicorn_options
from todo_chatbot.main import create_app
from todo_chatbot.settings import Settings

SECRET = "test-secret-" + "x" * 40
PASSWORD = "correct horse battery"


def pytest_report_header(config) -> str:
    return f"database: {database_kind()}; clock: {dates.TEST_NOW.isoformat()}, users in {dates.TEST_TIMEZONE}"


def database_kind() -> str:
    return "postgresql" if os.environ.get("TEST_DATABASE_URL", "").startswith("postgres") else "sqlite"


@pytest.fixture(scope="session", autouse=True)
def frozen_clock() -> Iterator[datetime]:
    """The server's clock stands at dates.TEST_NOW for every test (a test may move it with monkeypatch)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: dates.TEST_NOW.astimezone(UTC))
        yield dates.TEST_NOW


@pytest.fixture(scope="session", autouse=True)
def data_dir(tmp_path_factory) -> Path:
    """No test writes to the real per-user data folder (default database, stored token secret)."""
    folder = tmp_path_factory.mktemp("data")
    os.environ["TODO_DATA_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


# The same for `todo-chatbot serve` processes the tests start: the counts are kept in the database.
SUBPROCESS_LIMITS = {"SIGNUPS_PER_ADDRESS": "100000", "LOGIN_FAILURES_PER_ADDRESS": "100000"}


def make_settings(database_url: str, **overrides) -> Settings:
    # Every test signs up from 127.0.0.1: the per-address limits are for test_throttling to try.
    values = {
        "database_url": database_url,
        "better_auth_secret": SECRET,
        "llm_provider": "offline",
        "signups_per_address": 100_000,
        "login_failures_per_address": 100_000,
        "oauth_registrations_per_address": 100_000,
        # Test servers share one database: only the reminder tests' server runs the scheduler.
        "reminders": False,
    }
    return Settings(_env_file=None, **(values | overrides))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(app, port: int | None = None, host: str = "127.0.0.1") -> Iterator[str]:
    """Serves an ASGI app with uvicorn on loopback in a thread; yields its base URL."""
    port = port or free_port()
    settings = getattr(getattr(app, "state", None), "settings", None)
    options = uvicorn_options(settings) if settings is not None else {"log_config": None}
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, lifespan="on", **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def wait_healthy(base: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Waits until a `todo-chatbot serve` process answers /health; fails with its stderr if it doesn't.
    (60 s: on a loaded two-core machine a two-worker server has taken over 25 s to start.)"""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(f"{base}/health").status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            kill_tree(proc.pid)
            try:
                stderr = proc.communicate(timeout=10)[1]
            except subprocess.TimeoutExpired:
                stderr = b"(no output: the process did not end)"
            pytest.fail(f"server did not start: {stderr.decode() if stderr else ''}")
        time.sleep(0.1)


def kill_tree(pid: int) -> None:
    """SIGKILL to a process and its descendants (a server's workers too, which would otherwise
    keep its output pipes open and the test waiting)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    family, todo = [], [pid]
    while todo:
        current = todo.pop()
        family.append(current)
        todo += children.get(current, [])
    for member in family:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(member, signal.SIGKILL)


@contextmanager
def chatbot(database_url: str, migrate: bool = True, **overrides) -> Iterator[str]:
    app = create_app(make_settings(database_url, **overrides), migrate_on_start=migrate)
    with running(app) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(database_url) -> Iterator[str]:
    with chatbot(database_url) as url:
        yield url


class Api:
    """A signed-up user talking to the server."""

    def __init__(self, base_url: str, email: str | None = None) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.email = email or f"user-{uuid.uuid4().hex[:12]}@example.com"
        r = self.http.post(
            "/api/auth/signup", json={"email": self.email, "password": PASSWORD, "name": "Test", "timezone": dates.TEST_TIMEZONE}
        )
        assert r.status_code == 201, r.text
        self.token = r.json()["access_token"]
        self.id = r.json()["user"]["id"]
        self.http.headers["Authorization"] = f"Bearer {self.token}"

    def chat(self, message: str, conversation_id: int | None = None) -> dict:
        body = {"message": message} | ({"conversation_id": conversation_id} if conversation_id else {})
        r = self.http.post(f"/api/{self.id}/chat", json=body)
        assert r.status_code == 200, r.text
        return r.json()

    def tasks(self, status: str = "all") -> list[dict]:
        r = self.http.get(f"/api/{self.id}/tasks", params={"status": status})
        assert r.status_code == 200, r.text
        return r.json()

    def titles(self, status: str = "all") -> list[str]:
        return [t["title"] for t in self.tasks(status)]

    def add(self, title: str) -> dict:
        r = self.http.post(f"/api/{self.id}/tasks", json={"title": title})
        assert r.status_code == 201, r.text
        return r.json()


@pytest.fixture
def user(base_url) -> Api:
    return Api(base_url)


@pytest.fixture
def other_user(base_url) -> Api:
    return Api(base_url)


ROOT = Path(__file__).resolve().parents[1]


# A model provider: a scripted OpenAI-compatible server on loopback, and the chatbot using it.


@pytest.fixture(scope="module")
def fake():
    fake = FakeOpenAI()
    with running(fake.app) as url:
        fake.url = url
        yield fake


@contextmanager
def model_chatbot(database_url: str, fake, **overrides) -> Iterator[str]:
    """A server whose agent is the model behind the scripted fake OpenAI-compatible server."""
    model = {
        "llm_provider": "openai",
        "openai_api_key": "sk-test",
        "openai_model": "fake-model",
        "openai_base_url": fake.url + "/v1",
        "llm_timeout": 1.0,
    }
    with chatbot(database_url, **(model | overrides)) as url:
        yield url


@pytest.fixture(scope="module")
def model_url(database_url, fake):
    with model_chatbot(database_url, fake) as url:
        yield url


@pytest.fixture
def speaker(model_url, fake):
    fake.reset()
    return Api(model_url)
