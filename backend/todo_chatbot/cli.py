"""`todo-chatbot serve | db upgrade | mcp`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .settings import get_settings


def _serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from .infra.logs import configure_logging
    from .interfaces.http.uvicorn_protocol import uvicorn_options
    from .settings import SERVE_PID_VARIABLE, jwt_secret

    settings = get_settings()
    configure_logging(settings.log_level)
    # Found (or made) once, before any worker starts: a damaged secret file stops here
    # with a readable message, and the log says once where the secret comes from.
    secret = jwt_secret(settings)
    workers = args.workers or int(os.environ.get("WEB_CONCURRENCY") or 1)
    options: dict[str, Any] = dict(host=args.host or settings.host, port=args.port or settings.port, **uvicorn_options(settings))
    if workers <= 1:
        from .main import create_app

        uvicorn.run(create_app(settings, migrate_on_start=args.migrate), **options)
        return 0
    # The app is not imported here: each worker imports and builds its own (uvicorn spawns them),
    # so the parent importing it too would only delay their start by as long (about 3 s of CPU).
    # Several worker processes: each builds the app from the environment. They must
    # share one signing secret (a per-process one too, when none could be stored).
    if not settings.better_auth_secret:
        os.environ["BETTER_AUTH_SECRET"] = secret
    if args.migrate is not None:
        os.environ["TODO_MIGRATE_ON_START"] = "1" if args.migrate else "0"
    # Each worker watches this process: one that starts after it was killed stops at once.
    os.environ[SERVE_PID_VARIABLE] = str(os.getpid())
    uvicorn.run("todo_chatbot.main:app_from_environment", factory=True, workers=workers, **options)
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    import time

    from sqlalchemy.exc import OperationalError

    from .infra import migrate
    from .infra.logs import configure_logging

    settings = get_settings()
    configure_logging(settings.log_level)
    deadline = time.monotonic() + args.wait
    while True:
        try:
            migrate.upgrade(settings.database_url, args.revision)
            return 0
        except OperationalError as exc:  # the database is not reachable (yet)
            if time.monotonic() >= deadline:
                print(f"todo-chatbot db upgrade failed: the database is unreachable: {exc.orig}", file=sys.stderr)
                return 1
            print("todo-chatbot db upgrade: waiting for the database...", file=sys.stderr)
            time.sleep(2)
        except Exception as exc:  # a readable line, not a traceback
            print(f"todo-chatbot db upgrade failed: {exc}", file=sys.stderr)
            return 1


def _mcp(args: argparse.Namespace) -> int:
    from .interfaces.mcp.stdio import serve_stdio

    return serve_stdio(get_settings(), user=args.user, token=args.token)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="todo-chatbot", description="A todo list you manage by chatting.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the API server")
    serve.add_argument("--host", help="bind address (default: HOST or 0.0.0.0)")
    serve.add_argument("--port", type=int, help="port (default: PORT or 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (default: WEB_CONCURRENCY or 1)")
    serve.add_argument(
        "--migrate",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="apply migrations at start (default: only with SQLite)",
    )
    serve.set_defaults(run=_serve)

    db = commands.add_parser("db", help="database commands")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply migrations (safe from several pods at once)")
    upgrade.add_argument("revision", nargs="?", default="head")
    upgrade.add_argument(
        "--wait", type=float, default=0, metavar="SECONDS", help="keep retrying this long while the database is unreachable (e.g. starting)"
    )
    upgrade.set_defaults(run=_db_upgrade)

    mcp = commands.add_parser("mcp", help="serve the MCP tools over stdio for one user")
    who = mcp.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", metavar="EMAIL", help="the account the tools act for")
    who.add_argument("--token", help="an access token of the account the tools act for")
    mcp.set_defaults(run=_mcp)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ValueError as exc:  # bad settings, e.g. an unusable DATABASE_URL
        print(f"todo-chatbot: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
