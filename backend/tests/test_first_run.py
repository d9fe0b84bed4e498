"""The first run on a machine with no configuration: where the data goes, logins that survive a
restart, a desktop MCP client started in another folder."""

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from .conftest import PASSWORD, free_port

pytestmark = pytest.mark.nodb  # its own SQLite database, whichever database the suite runs on

# Everything that would choose the database, the secret or the data folder for them.
CHOOSERS = {"DATABASE_URL", "BETTER_AUTH_SECRET", "TODO_DATA_DIR", "XDG_DATA_HOME", "SECRETS_DIR", "PORT", "HOST",
            "FRONTEND_DIST"}


def unconfigured(tmp_path: Path) -> dict[str, str]:
    """The environment of someone who has configured nothing, with a home folder of their own."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in CHOOSERS}
    return env | {"HOME": str(tmp_path / "home"), "SECRETS_DIR": str(tmp_path / "no-secrets"), "LOG_LEVEL": "WARNING"}


@contextmanager
def serving(env: dict[str, str], cwd: Path) -> Iterator[str]:
    """`todo-chatbot serve` started in `cwd`; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port",
                             str(port)], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"server did not start: {proc.communicate()[1].decode()}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def desktop_command() -> list[str]:
    """The installed `todo-chatbot` command, as a desktop client's configuration names it."""
    script = Path(sys.executable).with_name("todo-chatbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "todo_chatbot.cli"]


@pytest.mark.skipif(sys.platform == "win32", reason="the per-user data folder there does not follow HOME")
async def test_serve_and_a_desktop_client_share_the_data_and_logins_survive_a_restart(tmp_path):
    env = unconfigured(tmp_path)
    web_folder, desktop_folder = tmp_path / "web", tmp_path / "desktop"
    web_folder.mkdir()
    desktop_folder.mkdir()
    email = "first@example.com"
    with serving(env, web_folder) as base:
        r = httpx.post(f"{base}/api/auth/signup", json={"email": email, "password": PASSWORD})
        assert r.status_code == 201, r.text
        token, uid = r.json()["access_token"], r.json()["user"]["id"]
        auth = {"Authorization": f"Bearer {token}"}
        assert httpx.post(f"{base}/api/{uid}/tasks", json={"title": "Made in the web app"}, headers=auth).status_code == 201
        # a desktop MCP client starts the command in a folder of its own, with the same home
        command, *args = desktop_command()
        params = StdioServerParameters(command=command, args=[*args, "mcp", "--user", email], env=env,
                                       cwd=desktop_folder)
        async with Client(params, cache=None) as client:
            listed = await client.call_tool("list_tasks", {})
            assert [t["title"] for t in listed.structured_content["result"]] == ["Made in the web app"]
            await client.call_tool("add_task", {"title": "Added from the desktop"})
    # restarted, from another folder: the same tasks, and the login made before the restart still works
    with serving(env, desktop_folder) as base:
        r = httpx.get(f"{base}/api/{uid}/tasks", headers=auth)
        assert r.status_code == 200, r.text
        assert [t["title"] for t in r.json()] == ["Made in the web app", "Added from the desktop"]
    [database] = (tmp_path / "home").rglob("todo-chatbot.db")
    secret = database.parent / "auth-secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert [list(folder.iterdir()) for folder in (web_folder, desktop_folder)] == [[], []]  # nothing written there
