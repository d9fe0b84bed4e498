"""Hostile input, one probe per row: what the client gets (status, a short answer) and that
nothing of the user's list changed. Then throttling, account deletion and an event loop
that keeps answering while passwords are hashed."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.conftest import PASSWORD, Api, chatbot, database_kind
from tests.interfaces.mcp.test_mcp import http_client
from todo_chatbot.infra.db import sync_url

MB = 1024 * 1024


def _raw_json(text_: str) -> bytes:
    return text_.encode()


def _cases():
    T, C, ME = "/api/{uid}/tasks", "/api/{uid}/chat", "/api/auth/me"
    big_array = b"[" + b"1," * (5 * MB) + b"1]"  # a 10 MB JSON array
    # (name, method, path, body bytes or JSON, expected status, words the answer names)
    return [
        ("100 MB body to login", "post", "/api/auth/login", b"x" * (100 * MB), 413, "too large"),
        ("10 MB JSON array to login", "post", "/api/auth/login", big_array, 413, "too large"),
        ("300 KB task body", "post", T, {"title": "x", "description": "d" * 300_000}, 413, "too large"),
        ("lone surrogate in a title", "post", T, _raw_json('{"title": "a\\ud800b"}'), 422, "title"),
        ("lone surrogate in a message", "post", C, _raw_json('{"message": "add \\udfff"}'), 422, "message"),
        (
            "lone surrogate in an email",
            "post",
            "/api/auth/signup",
            _raw_json('{"email": "a\\ud800@example.com", "password": "longenough1"}'),
            422,
            "email",
        ),
        ("lone surrogate in a name", "patch", ME, _raw_json('{"name": "\\ud800"}'), 422, "name"),
        (
            "lone surrogate in a password",
            "post",
            "/api/auth/login",
            _raw_json('{"email": "a@example.com", "password": "\\ud800"}'),
            422,
            "password",
        ),
        ("control character in a title", "post", T, {"title": "ring\u0007bell"}, 422, "control"),
        ("escape sequence in a name", "patch", ME, {"name": "\u001b[31mred"}, 422, "control"),
        ("completed as 0.0", "put", T + "/1", {"completed": 0.0}, 422, "completed"),
        ("completed as a string", "put", T + "/1", {"completed": "false"}, 422, "completed"),
        ("conversation id true", "post", C, {"message": "hi", "conversation_id": True}, 422, "conversation_id"),
        ("conversation id 1.0", "post", C, {"message": "hi", "conversation_id": 1.0}, 422, "conversation_id"),
        ("title of 50,000 characters", "post", T, {"title": "t" * 50_000}, 422, "title"),
        ("GET /mcp", "get", "/mcp", None, 405, ""),
    ]


@pytest.fixture(scope="module")
def owner(base_url) -> Api:
    api = Api(base_url)
    for title in ("Buy milk", "Call mom", "Pay rent"):
        api.add(title)
    return api


def _snapshot(api: Api) -> tuple:
    me = api.http.get("/api/auth/me").json()
    conversations = api.http.get(f"/api/{api.id}/conversations").json()
    return json.dumps(api.tasks(), sort_keys=True), me["name"], me["timezone"], len(conversations)


@pytest.mark.parametrize(("name", "method", "path", "body", "status", "words"), _cases(), ids=[c[0] for c in _cases()])
def test_a_hostile_request_gets_a_short_4xx_and_changes_nothing(owner, name, method, path, body, status, words):
    before = _snapshot(owner)
    kwargs: dict = {"json": body} if isinstance(body, dict) else {"content": body} if body is not None else {}
    if "content" in kwargs:
        kwargs["headers"] = {"Content-Type": "application/json"}
    response = owner.http.request(method, path.format(uid=owner.id), **kwargs)
    assert response.status_code == status, response.text[:300]
    assert len(response.content) < 2048  # never an echo of the input
    assert words.lower() in response.text.lower()
    if status == 422:
        assert any(words in ".".join(map(str, e["loc"])) or words in e["msg"] for e in response.json()["detail"])
    assert _snapshot(owner) == before
    assert owner.http.get("/health/live").status_code == 200


# ------------------------------------------------------------------ throttling


@pytest.fixture(scope="module")
def strict(database_url) -> Iterator[str]:
    """A server with low limits. The counts live in the database (which a PostgreSQL test run may
    reuse within the window): this module's addresses start from none."""
    with chatbot(
        database_url, login_failures_per_account=3, login_failures_per_address=6, signups_per_address=3, throttle_window=600
    ) as url:
        engine = create_engine(sync_url(database_url))
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM throttle_counts"))
        engine.dispose()
        yield url


def _login(base: str, email: str, password: str, address: str = "192.0.2.1") -> httpx.Response:
    """A sign-in from `address` (the test server trusts X-Forwarded-For from loopback, as it
    would from nginx), so each test counts on addresses of its own."""
    return httpx.post(
        f"{base}/api/auth/login", json={"email": email, "password": password}, headers={"X-Forwarded-For": address}, timeout=30
    )


def test_repeated_failures_lock_the_account_until_the_window_passes(database_url):
    with chatbot(database_url, login_failures_per_account=2, throttle_window=4) as base:
        api = Api(base)
        for _ in range(2):
            assert _login(base, api.email, "wrong-password").status_code == 401
        locked = _login(base, api.email, PASSWORD)  # even the right password waits out the window
        assert locked.status_code == 429
        assert 1 <= int(locked.headers["retry-after"]) <= 4
        assert "try again" in locked.json()["detail"]
        assert api.http.get("/api/auth/me").status_code == 200  # a session already open is not affected
        time.sleep(int(locked.headers["retry-after"]) + 0.5)
        assert _login(base, api.email, PASSWORD).status_code == 200


def test_a_lockout_says_nothing_about_which_emails_exist(strict):
    real = Api(strict)
    ghost = "nobody-" + real.email
    answers = {}
    for email, address in ((real.email, "192.0.2.10"), (ghost, "192.0.2.11")):
        for _ in range(3):
            assert _login(strict, email, "wrong-password", address).status_code == 401
        answer = _login(strict, email, "wrong-password", address)
        answers[email] = (answer.status_code, answer.json()["detail"].split(";")[0])
    assert answers[real.email] == answers[ghost] == (429, "Too many failed sign-in attempts")


def test_one_address_trying_many_accounts_is_throttled_and_others_are_not(strict):
    for n in range(6):
        assert _login(strict, f"victim{n}@example.com", "guess", "192.0.2.20").status_code == 401
    assert _login(strict, "victim-next@example.com", "guess", "192.0.2.20").status_code == 429
    assert _login(strict, "victim-next@example.com", "guess", "192.0.2.21").status_code == 401


def test_sign_ups_from_one_address_are_throttled(strict):
    def signup(address: str) -> int:
        return httpx.post(
            f"{strict}/api/auth/signup",
            json={"email": f"s-{time.time_ns()}@example.com", "password": PASSWORD},
            headers={"X-Forwarded-For": address},
            timeout=30,
        ).status_code

    assert [signup("192.0.2.30") for _ in range(4)] == [201, 201, 201, 429]
    assert signup("192.0.2.31") == 201


def test_health_stays_quick_and_truthful_while_logins_flood(strict):
    """32 bad logins at once: the event loop still answers, and /health says the database is up."""
    results: list[int] = []

    def flood() -> None:
        results.append(_login(strict, f"flood{threading.get_ident()}@example.com", "nope", "192.0.2.40").status_code)

    threads = [threading.Thread(target=flood) for _ in range(32)]
    for thread in threads:
        thread.start()
    live = httpx.get(f"{strict}/health/live", timeout=30)
    ready = httpx.get(f"{strict}/health", timeout=30)
    for thread in threads:
        thread.join()
    assert live.status_code == 200
    assert ready.status_code == 200 and ready.json()["database"] == "connected"
    assert set(results) <= {401, 429} and 401 in results


def test_the_event_loop_answers_while_passwords_are_hashed(base_url):
    """10 password checks run at once; a probe sent after them is answered before they all finish."""

    async def scenario() -> tuple[float, float]:
        async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:

            async def login() -> float:
                await client.post("/api/auth/login", json={"email": "slow@example.com", "password": "x" * 60})
                return time.monotonic()

            logins = [asyncio.create_task(login()) for _ in range(10)]
            await asyncio.sleep(0.05)  # they are being hashed now
            assert (await client.get("/health/live")).status_code == 200
            probe_done = time.monotonic()
            last_login = max(await asyncio.gather(*logins))
            return probe_done, last_login

    probe_done, last_login = asyncio.run(scenario())
    assert probe_done < last_login  # answered in between, not after the hashing queue


# ------------------------------------------------------------------ account deletion


def _rows(database_url: str, user_id: str) -> dict[str, int]:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as conn:
            return {
                table: conn.execute(text(f"SELECT COUNT(*) FROM {table} WHERE {column} = :u"), {"u": user_id}).scalar_one()
                for table, column in (
                    ("users", "id"),
                    ("tasks", "user_id"),
                    ("task_changes", "user_id"),
                    ("conversations", "user_id"),
                    ("messages", "user_id"),
                )
            }
    finally:
        engine.dispose()


async def test_deleting_an_account_removes_everything_and_ends_its_tokens(base_url, database_url, user, other_user):
    user.add("Secret plan")
    conversation = user.chat("add water the plants")["conversation_id"]
    other_user.add("Not theirs")
    assert all(_rows(database_url, user.id).values())

    wrong = user.http.request("DELETE", "/api/auth/me", json={"password": "not-my-password"})
    assert wrong.status_code == 403 and "not deleted" in wrong.json()["detail"]
    assert user.titles() == ["Secret plan", "Water the plants"]
    assert user.http.request("DELETE", "/api/auth/me", json={}).status_code == 422

    gone = user.http.request("DELETE", "/api/auth/me", json={"password": PASSWORD})
    assert gone.status_code == 204 and gone.content == b""
    assert _rows(database_url, user.id) == dict.fromkeys(("users", "tasks", "task_changes", "conversations", "messages"), 0)

    for method, path, body in (
        ("GET", "/api/auth/me", None),
        ("GET", f"/api/{user.id}/tasks", None),
        ("POST", f"/api/{user.id}/tasks", {"title": "x"}),
        ("POST", f"/api/{user.id}/chat", {"message": "list my tasks"}),
        ("GET", f"/api/{user.id}/conversations/{conversation}/messages", None),
    ):
        answer = user.http.request(method, path, json=body)
        assert answer.status_code == 401, (path, answer.text)
    mcp = httpx.post(
        f"{base_url}/mcp",
        headers={"Authorization": f"Bearer {user.token}", "Accept": "application/json, text/event-stream"},
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}},
    )
    assert mcp.status_code == 401
    assert _login(base_url, user.email, PASSWORD).status_code == 401
    assert other_user.titles() == ["Not theirs"]
    async with http_client(base_url, other_user.token) as client:
        assert len((await client.call_tool("list_tasks", {})).structured_content["result"]) == 1


def test_an_account_deleted_by_another_process_gets_401_not_500(base_url, database_url, user):
    """Another server process deleted the account; this one still has it cached as existing."""
    user.add("Before")
    assert user.http.get(f"/api/{user.id}/tasks").status_code == 200  # now cached here
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("PRAGMA foreign_keys=ON"))
        conn.execute(text("DELETE FROM users WHERE id = :u"), {"u": user.id})
    engine.dispose()
    for method, path, body in (
        ("POST", f"/api/{user.id}/tasks", {"title": "After"}),
        ("POST", f"/api/{user.id}/chat", {"message": "add buy bread"}),
        ("POST", f"/api/{user.id}/tasks/quick", {"text": "buy eggs tomorrow"}),
        ("GET", f"/api/{user.id}/tasks", None),
    ):
        answer = user.http.request(method, path, json=body)
        assert answer.status_code == 401, (path, answer.status_code, answer.text)


# ------------------------------------------------------------------ a frozen database


def _server_processes(database_url: str) -> list[int]:
    """The PostgreSQL server's postmaster and its children (this test server's only)."""
    engine = create_engine(sync_url(database_url))
    with engine.connect() as conn:
        data_dir = conn.execute(text("SHOW data_directory")).scalar_one()
    engine.dispose()
    with open(os.path.join(data_dir, "postmaster.pid")) as pid_file:
        postmaster = int(pid_file.readline())
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    return [postmaster, *map(int, children)]


@pytest.mark.skipif(database_kind() != "postgresql", reason="freezes a PostgreSQL server")
def test_a_frozen_database_is_a_503_within_seconds_not_a_hang(database_url):
    with chatbot(database_url, db_timeout=2.0) as base:
        api = Api(base)
        api.add("Kept")
        processes = _server_processes(database_url)
        for pid in processes:
            os.kill(pid, signal.SIGSTOP)
        try:
            answers = [
                api.http.request(method, path.format(uid=api.id), json=body, timeout=30)
                for method, path, body in (
                    ("GET", "/api/{uid}/tasks", None),
                    ("POST", "/api/{uid}/tasks", {"title": "Lost?"}),
                    ("GET", "/health", None),
                )
            ]
        finally:
            for pid in processes:
                os.kill(pid, signal.SIGCONT)
        for answer in answers:
            assert answer.status_code == 503, answer.text
            assert answer.elapsed.total_seconds() < 6
        assert api.http.get("/health/live").status_code == 200
        deadline = time.monotonic() + 15
        while api.http.get("/health").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [t["title"] for t in api.tasks()] in (["Kept"], ["Kept", "Lost?"])
