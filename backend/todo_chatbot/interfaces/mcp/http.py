"""/mcp for external MCP clients: streamable HTTP, stateless, behind a bearer token.

Three kinds of token are taken here (docs/mcp-oauth.md):
- the app's own sign-in token (POST /api/auth/login): every tool;
- an OAuth access token (/oauth/token) issued for this resource, and
- a personal access token (made under "Connected apps"): the tools their scopes allow.
`tasks:read` reaches the read-only tools; a write tool called without `tasks:write` is the MCP
authorization spec's scope challenge (403, `WWW-Authenticate: Bearer error="insufficient_scope"`),
answered before the request reaches the MCP server, so nothing changes.

Every 401 names the protected-resource metadata (RFC 9728 §5.1), from which clients find how
to get a token.

The token's user becomes the acting user for every tool call of the request
(the SDK runs the request's handlers in tasks that inherit this context).
"""

from __future__ import annotations

import json
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp
from mcp.server.transport_security import DEFAULT_MAX_REQUEST_BODY_SIZE, TransportSecuritySettings
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from ...infra.db import Database
from ...models import SCOPE_WRITE, SCOPES
from ...security import InvalidToken, decode_access_token
from ...services import oauth, users
from ...services.oauth import Bearer
from ...settings import Settings, jwt_secret
from ...turn import acting_for
from ..http.deps import NO_ACCOUNT
from ..http.limits import send_json
from ..http.oauth.common import issuer_for, resource_metadata_url

ALL_SCOPES = " ".join(SCOPES)


def mcp_asgi_app(server: MCPServer, settings: Settings, db: Database) -> BearerMCP:
    hosts = settings.mcp_hosts
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection="*" not in hosts,
        allowed_hosts=[h for host in hosts for h in (host, f"{host}:*")],
        allowed_origins=[o for o in settings.allowed_origins] + ["http://localhost:*", "http://127.0.0.1:*"],
    )
    server.streamable_http_app(stateless_http=True, json_response=True, transport_security=security)
    return BearerMCP(StreamableHTTPASGIApp(server.session_manager), server, settings, db)


class BearerMCP:
    def __init__(self, app: StreamableHTTPASGIApp, server: MCPServer, settings: Settings, db: Database) -> None:
        self.app, self.server, self.settings, self.db = app, server, settings, db
        self._write_tools: frozenset[str] | None = None

    async def write_tools(self) -> frozenset[str]:
        """The tools that change something: all but those annotated read-only."""
        if self._write_tools is None:
            tools = await self.server.list_tools()
            self._write_tools = frozenset(t.name for t in tools if not (t.annotations and t.annotations.read_only_hint))
        return self._write_tools

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        issuer = issuer_for(request)
        metadata = resource_metadata_url(issuer)
        header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            await _unauthorized(send, metadata, "Not authenticated: send 'Authorization: Bearer <token>'", invalid=False)
            return
        try:
            bearer = await self._bearer(token, issuer)
        except InvalidToken as exc:
            await _unauthorized(send, metadata, str(exc))
            return
        scope["todo.user_id"] = bearer.user_id
        if SCOPE_WRITE not in bearer.scopes:
            body = await _read_body(receive)
            if body is None:
                await send_json(send, 413, {"detail": "The request body is too large"}, [(b"connection", b"close")])
                return
            if wanted := await self._write_tool_called(body):
                await _insufficient_scope(send, metadata, wanted)
                return
            receive = _replay(body, receive)
        with acting_for(bearer.user_id):
            await self.app(scope, receive, send)

    async def _bearer(self, token: str, issuer: oauth.Issuer) -> Bearer:
        if oauth.is_personal_access_token(token):
            return await oauth.personal_bearer(self.db, token)
        if oauth.is_oauth_access_token(token):
            return await oauth.oauth_bearer(self.db, issuer, token)
        user_id = decode_access_token(token, jwt_secret(self.settings))
        if not await users.account_exists(self.db, user_id):
            raise InvalidToken(NO_ACCOUNT)
        return Bearer(user_id=user_id, scopes=frozenset(SCOPES), kind="session")

    async def _write_tool_called(self, body: bytes) -> str | None:
        """The first write tool a JSON-RPC message (or batch) calls; None if it calls none."""
        try:
            message: Any = json.loads(body)
        except ValueError:
            return None  # the MCP server answers the parse error
        writes = await self.write_tools()
        for item in message if isinstance(message, list) else [message]:
            if isinstance(item, dict) and item.get("method") == "tools/call":
                params = item.get("params")
                name = params.get("name") if isinstance(params, dict) else None
                if isinstance(name, str) and name in writes:
                    return name
        return None


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body, or None past the MCP SDK's own limit."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > DEFAULT_MAX_REQUEST_BODY_SIZE:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', "'")


async def _unauthorized(send: Send, metadata: str, detail: str, *, invalid: bool = True) -> None:
    # RFC 6750 §3: error="invalid_token" when a token was sent and is no good.
    error = f'error="invalid_token", error_description="{_quoted(detail)}", ' if invalid else ""
    challenge = f'Bearer {error}resource_metadata="{metadata}"'
    await send_json(send, 401, {"detail": detail}, [(b"www-authenticate", challenge.encode("latin-1", "replace"))])


async def _insufficient_scope(send: Send, metadata: str, tool: str) -> None:
    detail = f"{tool} changes tasks: it needs the scope {SCOPE_WRITE}, which this token does not have"
    challenge = (
        f'Bearer error="insufficient_scope", scope="{ALL_SCOPES}", resource_metadata="{metadata}", error_description="{_quoted(detail)}"'
    )
    await send_json(send, 403, {"detail": detail}, [(b"www-authenticate", challenge.encode("latin-1", "replace"))])
