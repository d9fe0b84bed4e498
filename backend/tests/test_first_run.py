"""The first run on a machine with no configuration: where the data goes, logins that survive a
restart, a desktop MCP client started in another folder, and what scripts/run.sh prints."""

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from tests.conftest import PASSWORD, ROOT, free_port, wait_healthy

pytestmark = pytest.mark.nodb  # its own SQLite database, whichever database the suite runs on

RUN_INFO = ROOT.parent / "scripts" / "run-info.py"
# Everything that would choose the database, the secret or the data folder for them.
CHOOSERS = {"DATABASE_URL", "BETTER_AUTH_SECRET", "TODO_DATA_DIR", "XDG_DATA_HOME", "SECRETS_DIR", "PORT", "HOST", "FRONTEND_DIST"}


def unconfigured(tmp_path: Path) -> dict[str, str]:
    """The environment of someone who has configured nothing, with a home folder of their own."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in CHOOSERS}
    return env | {"HOME": str(tmp_path / "home"), "SECRETS_DIR": str(tmp_path / "no-secrets"), "LOG_LEVEL": "WARNING"}


@contextmanager
def serving(env: dict[str, str], cwd: Path) -> Iterator[str]:
    """`todo-chatbot serve` started in `cwd`; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
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
        params = StdioServerParameters(command=command, args=[*args, "mcp", "--user", email], env=env, cwd=desktop_folder)
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


def run_info(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(RUN_INFO), "--command", ".venv/bin/todo-chatbot", *args],
        env=env or unconfigured(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def snippet(stderr: str) -> dict:
    return json.JSONDecoder().raw_decode(stderr[stderr.index("{") :])[0]


def remote_mcp(stderr: str) -> str:
    [line] = [line for line in stderr.splitlines() if "remote MCP address" in line]
    return line.rsplit(" ", 1)[1]


def test_run_sh_prints_the_address_the_server_uses(tmp_path):
    env = unconfigured(tmp_path)
    assert run_info(tmp_path).stdout == "http://localhost:8000/docs\n"  # no web app built: the API's page
    assert run_info(tmp_path, env=env | {"PORT": "8080"}).stdout == "http://localhost:8080/docs\n"
    assert run_info(tmp_path, "--port", "9000", "--workers", "2", env=env | {"PORT": "8080"}).stdout == ("http://localhost:9000/docs\n")
    assert run_info(tmp_path, "--host", "::1").stdout == "http://[::1]:8000/docs\n"
    (tmp_path / ".env").write_text("PORT=8181\nHOST=127.0.0.1\n")
    assert run_info(tmp_path).stdout == "http://127.0.0.1:8181/docs\n"
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html>")
    assert run_info(tmp_path, env=env | {"FRONTEND_DIST": str(dist)}).stdout == "http://127.0.0.1:8181/\n"


def test_run_sh_listens_on_this_machine_only_unless_asked_and_says_where(tmp_path):
    env = unconfigured(tmp_path)
    # nothing asked for: 127.0.0.1, and the address printed is that one
    assert run_info(tmp_path, "--local").stdout == "http://127.0.0.1:8000/docs\n127.0.0.1\n"
    # every interface, asked for by HOST or --host: the local address to open, and a word that others reach it too
    for r in (run_info(tmp_path, "--local", env=env | {"HOST": "0.0.0.0"}), run_info(tmp_path, "--local", "--host", "0.0.0.0")):
        url, host, note = r.stdout.splitlines()
        assert (url, host) == ("http://localhost:8000/docs", "0.0.0.0")
        assert "every network interface" in note
    (tmp_path / ".env").write_text("HOST=::1\n")  # an address in .env counts as asked for
    assert run_info(tmp_path, "--local").stdout == "http://[::1]:8000/docs\n::1\n"


def test_run_sh_refuses_a_bad_port_as_the_server_would(tmp_path):
    r = run_info(tmp_path, "--port", "eighty")
    assert r.returncode == 2 and "argument --port: invalid int value: 'eighty'" in r.stderr
    r = run_info(tmp_path, env=unconfigured(tmp_path) | {"PORT": "99999"})
    assert r.returncode == 2 and r.stderr.startswith("todo-chatbot: ") and "port" in r.stderr
    assert "Traceback" not in r.stderr


def test_run_sh_prints_a_desktop_client_configuration_for_this_machine(tmp_path):
    r = run_info(tmp_path)
    assert snippet(r.stderr) == {
        "mcpServers": {
            "todo-chatbot": {"command": str(tmp_path / ".venv" / "bin" / "todo-chatbot"), "args": ["mcp", "--user", "you@example.com"]}
        }
    }
    # a database chosen in .env is not read where the client starts the command: the entry names it
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite:///data/mine.db\n")
    entry = snippet(run_info(tmp_path).stderr)["mcpServers"]["todo-chatbot"]
    assert entry["env"] == {"DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'mine.db'}"}
    (tmp_path / ".env").write_text("DATABASE_URL=postgresql://todo:hunter2@db.example/todo\n")
    r = run_info(tmp_path)
    assert snippet(r.stderr)["mcpServers"]["todo-chatbot"]["env"] == {"DATABASE_URL": "postgresql://todo:***@db.example/todo"}
    assert "hunter2" not in r.stderr and "in place of ***" in r.stderr


def test_run_sh_prints_the_remote_mcp_address_beside_the_desktop_configuration(tmp_path):
    env = unconfigured(tmp_path)
    r = run_info(tmp_path, "--local")
    assert remote_mcp(r.stderr) == "http://127.0.0.1:8000/mcp"
    assert r.stderr.index("mcpServers") < r.stderr.index("remote MCP address")  # beside the desktop entry
    assert remote_mcp(run_info(tmp_path, "--local", "--port", "9000", "--host", "0.0.0.0").stderr) == "http://localhost:9000/mcp"
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html>")
    assert remote_mcp(run_info(tmp_path, "--local", env=env | {"FRONTEND_DIST": str(dist)}).stderr) == "http://127.0.0.1:8000/mcp"
    # PUBLIC_URL, the address the issuer and the resource are built from, wins (its trailing / dropped)
    public = env | {"PUBLIC_URL": "https://todo.example.com/"}
    assert remote_mcp(run_info(tmp_path, "--local", env=public).stderr) == "https://todo.example.com/mcp"
