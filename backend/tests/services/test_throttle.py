"""The sign-in throttle counts in the database: 10 wrong passwords for an account are 10 whether
one process, two workers or two separate servers on one database answered them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import httpx
import pytest

from tests.conftest import PASSWORD, SECRET, SUBPROCESS_LIMITS, free_port, wait_healthy

LIMIT = 10  # LOGIN_FAILURES_PER_ACCOUNT's default, as docs/limits.md gives it


@contextmanager
def serve(database_url: str, *args: str) -> Iterator[str]:
    """A `todo-chatbot serve` process of its own (with its own memory) on the shared database."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TODO_MIGRATE_ON_START"}
    env |= {"DATABASE_URL": database_url, "BETTER_AUTH_SECRET": SECRET, "LOG_LEVEL": "WARNING", "REMINDERS": "false"}
    env |= SUBPROCESS_LIMITS
    command = [sys.executable, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--migrate", *args]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc, seconds=60)
        yield base
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def _wrong_passwords_until_refused(bases: list[str], email: str) -> list[int]:
    """Wrong passwords, each on a new connection, taking the servers in turn; the statuses."""
    statuses = []
    for n in range(LIMIT + 1):
        r = httpx.post(f"{bases[n % len(bases)]}/api/auth/login", json={"email": email, "password": "wrong password"}, timeout=30)
        statuses.append(r.status_code)
    return statuses


@pytest.mark.parametrize("shape", ["two servers", "two workers"])
def test_the_eleventh_wrong_password_is_refused_however_many_processes_answer(database_url, shape):
    with ExitStack() as stack:
        if shape == "two servers":
            bases = [stack.enter_context(serve(database_url)) for _ in range(2)]
        else:
            bases = [stack.enter_context(serve(database_url, "--workers", "2"))]
        email = f"shared-{free_port()}@example.com"
        signed_up = httpx.post(f"{bases[0]}/api/auth/signup", json={"email": email, "password": PASSWORD}, timeout=30)
        assert signed_up.status_code == 201
        statuses = _wrong_passwords_until_refused(bases, email)
        assert statuses == [401] * LIMIT + [429]
        # the right password waits out the window too, on every process
        for base in bases * 2:
            assert httpx.post(f"{base}/api/auth/login", json={"email": email, "password": PASSWORD}, timeout=30).status_code == 429
