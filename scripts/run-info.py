"""What `todo-chatbot serve` will use, for scripts/run.sh to print before it starts.

    run-info.py --command PATH [--local] [SERVE ARGUMENTS...]

Prints on stdout the address to open: the web app, or /docs when no built web
app is served (FRONTEND_DIST unset or without index.html). With --local (as
scripts/run.sh calls it), a server that was given no address (no HOST in the
environment or .env, no --host) listens on this machine only, 127.0.0.1, and
a second line gives the address to bind; a server asked to listen on every
interface says so on a third line. Prints on stderr a
desktop MCP client's configuration (an mcpServers entry) that starts PATH, the
todo-chatbot command, over stdio, and beside it the remote MCP address that
clients connecting by URL (OAuth: Claude, VS Code, the MCP Inspector) take:
PUBLIC_URL's /mcp when it is set, else this server's. Settings are read exactly as the server reads
them (environment, .env in the current folder, SECRETS_DIR), and the serve
arguments (--host, --port, ...) as `todo-chatbot serve` parses them.
Run it with the project's Python, from the folder the server starts in.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from todo_chatbot.cli import build_parser
from todo_chatbot.settings import APP_NAME, Settings, default_data_dir, get_settings, sqlite_url

EXAMPLE_EMAIL = "you@example.com"


LOCAL_ONLY = "127.0.0.1"
EVERY_INTERFACE = ("", "0.0.0.0", "::")


def bind_host(settings: Settings, host: str | None, local: bool) -> str:
    """The address the server listens on: --host, else HOST, else (with `local`) this machine only."""
    if host:
        return host
    if local and "host" not in settings.model_fields_set:  # nobody asked for an address
        return LOCAL_ONLY
    return settings.host


def address(settings: Settings, host: str | None, port: int | None) -> str:
    host = host or settings.host
    if host in ("", "0.0.0.0", "::"):  # every interface: this machine answers on localhost
        host = "localhost"
    elif ":" in host:  # an IPv6 address
        host = f"[{host}]"
    dist = settings.frontend_dist
    web_app = bool(dist) and (Path(dist) / "index.html").is_file()  # as create_app decides
    return f"http://{host}:{port or settings.port}/{'' if web_app else 'docs'}"


def mcp_url(settings: Settings, host: str | None, port: int | None) -> str:
    """The address of /mcp that clients connecting by URL (OAuth) take."""
    if settings.public_url:
        return f"{settings.public_url}/mcp"
    base = address(settings, host, port).removesuffix("docs").rstrip("/")
    return f"{base}/mcp"


def mcp_config(settings: Settings, command: str) -> tuple[dict, list[str]]:
    """The mcpServers entry, and notes on what to fill in."""
    server: dict = {"command": str(Path(command).absolute()), "args": ["mcp", "--user", EXAMPLE_EMAIL]}
    notes = [f"put your account's email in place of {EXAMPLE_EMAIL}"]
    # The client starts the command in a folder of its own, where .env is not read:
    # a database other than the default one must be named in the entry.
    if settings.database_url != sqlite_url(default_data_dir() / f"{APP_NAME}.db"):
        url = make_url(settings.database_url)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            url = url.set(database=str(Path(url.database).expanduser().absolute()))
        server["env"] = {"DATABASE_URL": url.render_as_string(hide_password=True)}
        if url.password is not None:
            notes.append("put the database password in place of ***")
    return {"mcpServers": {APP_NAME: server}}, notes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="run-info.py", add_help=False)
    parser.add_argument("--command", required=True, help="the todo-chatbot command the MCP client should start")
    parser.add_argument("--local", action="store_true", help="listen on 127.0.0.1 unless an address was asked for")
    ours, serve_args = parser.parse_known_args(argv)
    args = build_parser().parse_args(["serve", *serve_args])  # a bad --port fails here as serve would
    try:
        settings = get_settings()
    except ValueError as exc:  # bad settings: the same message serve would give
        print(f"todo-chatbot: {exc}", file=sys.stderr)
        return 2
    config, notes = mcp_config(settings, ours.command)
    print(f"For a desktop MCP client (Claude Desktop and others), add to its configuration ({'; '.join(notes)}):", file=sys.stderr)
    print(json.dumps(config, indent=2), file=sys.stderr)
    host = bind_host(settings, args.host, ours.local)
    print(
        f"For a client that connects by URL (Claude, ChatGPT, VS Code, the MCP Inspector; it signs you in with OAuth), "
        f"the remote MCP address: {mcp_url(settings, host, args.port)}",
        file=sys.stderr,
    )
    print(address(settings, host, args.port))
    if ours.local:
        print(host)
        if host in EVERY_INTERFACE:
            print(f"it listens on every network interface ({host or '0.0.0.0'}): other machines can reach it too")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
