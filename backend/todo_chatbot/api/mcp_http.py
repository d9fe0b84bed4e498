"""/mcp for external MCP clients: streamable HTTP, stateless, behind a bearer token.

The token's user becomes the acting user for every tool call of the request
(the SDK runs the request's handlers in tasks that inherit this context).
"""

from __future__ import annotations

from mcp.server.mcpserver import MCPServer
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp
from mcp.server.transport_security import TransportSecuritySettings
from starlette.types import Receive, Scope, Send

from ..db import Database
from ..security import InvalidToken, decode_access_token
from ..services import users
from ..settings import Settings, jwt_secret
from ..turn import acting_for
from .deps import NO_ACCOUNT
from .limits import send_json


def mcp_asgi_app(server: MCPServer, settings: Settings, db: Database) -> BearerMCP:
    hosts = settings.mcp_hosts
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection="*" not in hosts,
        allowed_hosts=[h for host in hosts for h in (host, f"{host}:*")],
        allowed_origins=[o for o in settings.allowed_origins] + ["http://localhost:*", "http://127.0.0.1:*"],
    )
    server.streamable_http_app(stateless_http=True, json_response=True, transport_security=security)
    return BearerMCP(StreamableHTTPASGIApp(server.session_manager), settings, db)


class BearerMCP:
    def __init__(self, app: StreamableHTTPASGIApp, settings: Settings, db: Database) -> None:
        self.app, self.settings, self.db = app, settings, db

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            await _unauthorized(send, "Not authenticated: send 'Authorization: Bearer <token>'")
            return
        try:
            user_id = decode_access_token(token.strip(), jwt_secret(self.settings))
        except InvalidToken as exc:
            await _unauthorized(send, str(exc))
            return
        if not await users.account_exists(self.db, user_id):
            await _unauthorized(send, NO_ACCOUNT)
            return
        scope["todo.user_id"] = user_id
        with acting_for(user_id):
            await self.app(scope, receive, send)


async def _unauthorized(send: Send, detail: str) -> None:
    await send_json(send, 401, {"detail": detail}, [(b"www-authenticate", b"Bearer")])
