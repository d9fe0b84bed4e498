"""What the OAuth endpoints share: the issuer for a request, RFC 6749 error answers, form bodies."""

from __future__ import annotations

from typing import Any

from pydantic import AnyHttpUrl, TypeAdapter, ValidationError
from pydantic import ConfigDict as _Config
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

from ....infra.db import Database
from ....services.oauth import Issuer, OAuthError
from ....services.throttle import Throttle
from ....settings import Settings, jwt_secret
from ..deps import public_base

MCP_PATH = "/mcp"
RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource"
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
FORM = "application/x-www-form-urlencoded"

# URLs rendered the way the MCP SDK's metadata models render them (host case, default ports, no
# added "/"), so the issuer we name and the one a client reads from the metadata are the same string.
_URL = TypeAdapter(AnyHttpUrl, config=_Config(url_preserve_empty_path=True))


def canonical_url(url: str) -> str:
    try:
        return str(_URL.validate_python(url))
    except ValidationError:
        return url


def issuer_for(request: Request) -> Issuer:
    settings: Settings = request.app.state.settings
    base = canonical_url(public_base(request, settings))
    return Issuer(
        issuer=base,
        resource=base + MCP_PATH,
        secret=jwt_secret(settings),
        access_minutes=settings.oauth_access_token_minutes,
        refresh_days=settings.oauth_refresh_token_days,
        unused_hours=settings.oauth_unused_client_hours,
    )


def resource_metadata_url(issuer: Issuer) -> str:
    return issuer.issuer + RESOURCE_METADATA_PATH + MCP_PATH


def state(request: Request) -> tuple[Settings, Database, Throttle]:
    return request.app.state.settings, request.app.state.db, request.app.state.throttle


def oauth_error(error: str, description: str, status: int = 400, headers: dict[str, str] | None = None) -> JSONResponse:
    """RFC 6749 §5.2: {"error": ..., "error_description": ...}."""
    return JSONResponse({"error": error, "error_description": description}, status_code=status, headers=NO_STORE | (headers or {}))


def from_oauth_error(exc: OAuthError) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Basic realm="oauth"'} if exc.status == 401 else None
    return oauth_error(exc.error, exc.description, exc.status, headers)


async def form_fields(request: Request) -> dict[str, str]:
    """A token or revocation request's parameters (application/x-www-form-urlencoded, RFC 6749
    §3.2); OAuthError for another type, a body that can't be read, or a parameter given twice."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != FORM:
        raise OAuthError("invalid_request", f"Send the parameters as {FORM}")
    try:
        form = await request.form()
        items: list[tuple[str, Any]] = list(form.multi_items())
    except HTTPException as exc:  # over the body limit (interfaces/http/limits.py)
        raise OAuthError("invalid_request", str(exc.detail), exc.status_code) from exc
    except Exception as exc:  # a body python-multipart can't read
        raise OAuthError("invalid_request", "The form body could not be read") from exc
    fields: dict[str, str] = {}
    for key, value in items:
        if key in fields:
            raise OAuthError("invalid_request", f"'{key}' is given more than once")
        if not isinstance(value, str):
            raise OAuthError("invalid_request", f"'{key}' must be text")
        if "\x00" in value:
            raise OAuthError("invalid_request", f"'{key}' must not contain NUL characters")
        fields[key] = value
    return fields


def address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
