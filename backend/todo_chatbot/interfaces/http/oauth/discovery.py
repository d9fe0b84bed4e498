"""Discovery: protected-resource metadata (RFC 9728) and authorization-server metadata (RFC 8414),
written with the MCP SDK's metadata models."""

from __future__ import annotations

from mcp.shared.auth import OAuthMetadata, ProtectedResourceMetadata
from starlette.requests import Request
from starlette.responses import Response

from ....models import SCOPES
from .common import issuer_for

CACHE = {"Cache-Control": "public, max-age=300"}


def _json(model: OAuthMetadata | ProtectedResourceMetadata) -> Response:
    return Response(model.model_dump_json(exclude_none=True), media_type="application/json", headers=CACHE)


async def protected_resource(request: Request) -> Response:
    """GET /.well-known/oauth-protected-resource[/mcp]: /mcp, and who issues its tokens."""
    issuer = issuer_for(request)
    # Validated from strings: the models then keep a URL without a path as it is (no "/" added),
    # so `authorization_servers[0]` is the issuer character for character.
    metadata = ProtectedResourceMetadata.model_validate(
        {
            "resource": issuer.resource,
            "authorization_servers": [issuer.issuer],
            "scopes_supported": list(SCOPES),
            "bearer_methods_supported": ["header"],
            "resource_name": "todo-chatbot tasks",
        }
    )
    return _json(metadata)


async def authorization_server(request: Request) -> Response:
    """GET /.well-known/oauth-authorization-server."""
    base = issuer_for(request).issuer
    metadata = OAuthMetadata.model_validate(
        {
            "issuer": base,
            "authorization_endpoint": base + "/oauth/authorize",
            "token_endpoint": base + "/oauth/token",
            "registration_endpoint": base + "/oauth/register",
            "revocation_endpoint": base + "/oauth/revoke",
            "scopes_supported": list(SCOPES),
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "token_endpoint_auth_methods_supported": ["none"],
            "revocation_endpoint_auth_methods_supported": ["none"],
            "code_challenge_methods_supported": ["S256"],
            # RFC 9207: the redirect back to the client names the issuer (`iss`)
            "authorization_response_iss_parameter_supported": True,
        }
    )
    return _json(metadata)
