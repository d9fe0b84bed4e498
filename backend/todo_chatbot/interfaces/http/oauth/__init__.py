"""Remote MCP with OAuth, the way in for outside MCP clients (docs/mcp-oauth.md): discovery,
client registration, the sign-in and consent pages, tokens and revocation; the web app's
"Connected apps" API is in apps.py."""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from .authorize import authorize
from .discovery import authorization_server, protected_resource
from .endpoints import register, revoke, token

# Called by MCP clients from anywhere, browsers included (the MCP Inspector's web page): any
# origin, no cookies. /oauth/authorize is not among them: browsers navigate to it.
PUBLIC_PATHS = {
    "/.well-known/oauth-protected-resource",
    "/.well-known/oauth-protected-resource/mcp",
    "/.well-known/oauth-authorization-server",
    "/oauth/register",
    "/oauth/token",
    "/oauth/revoke",
}


def oauth_routes() -> list[Route]:
    return [
        Route("/.well-known/oauth-protected-resource", protected_resource, methods=["GET"]),
        Route("/.well-known/oauth-protected-resource/mcp", protected_resource, methods=["GET"]),
        Route("/.well-known/oauth-authorization-server", authorization_server, methods=["GET"]),
        Route("/oauth/register", register, methods=["POST"]),
        Route("/oauth/authorize", authorize, methods=["GET", "POST"]),
        Route("/oauth/token", token, methods=["POST"]),
        Route("/oauth/revoke", revoke, methods=["POST"]),
    ]


class SplitCORS:
    """CORS for the app's own origins everywhere, but any origin for the public OAuth endpoints."""

    def __init__(self, app: ASGIApp, origins: list[str], methods: list[str], headers: list[str], expose: list[str]) -> None:
        self.own = CORSMiddleware(app, allow_origins=origins, allow_methods=methods, allow_headers=headers, expose_headers=expose)
        self.public = CORSMiddleware(
            app, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Authorization", "Mcp-Protocol-Version"]
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in PUBLIC_PATHS:
            await self.public(scope, receive, send)
        else:
            await self.own(scope, receive, send)
