"""`todo-chatbot mcp`: the MCP tools over stdio for desktop MCP clients, acting for one account
(named by its email, or by an access token)."""

from __future__ import annotations

import asyncio
import sys

from sqlalchemy.exc import OperationalError

from ...infra import migrate
from ...infra.db import Database
from ...security import InvalidToken, decode_access_token
from ...services import users
from ...settings import Settings, jwt_secret
from ...turn import acting_for
from .server import build_mcp_server


def serve_stdio(settings: Settings, *, user: str | None, token: str | None) -> int:
    email = user or ""
    """Serves until the client closes stdin; the exit status (1: database unreachable, 2: no such account or a bad token)."""
    if settings.is_sqlite:
        migrate.upgrade(settings.database_url)
    db = Database(settings.database_url, timeout=settings.db_timeout)

    async def run() -> int:
        if token:
            try:
                user_id = decode_access_token(token, jwt_secret(settings))
            except InvalidToken as exc:
                print(f"todo-chatbot mcp: {exc}", file=sys.stderr)
                return 2
        else:
            try:
                async with db.session() as session:
                    account = await users.get_by_email(session, email)
            except OperationalError as exc:  # one readable line; the URL (and its password) is not repeated
                print(f"todo-chatbot mcp: the database is unreachable: {exc.orig}", file=sys.stderr)
                await db.dispose()
                return 1
            if account is None:
                print(f"todo-chatbot mcp: no account with email {email}", file=sys.stderr)
                return 2
            user_id = account.id
        with acting_for(user_id):
            await build_mcp_server(db).run_stdio_async()
        await db.dispose()
        return 0

    return asyncio.run(run())
