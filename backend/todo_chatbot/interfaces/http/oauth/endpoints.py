"""POST /oauth/register (RFC 7591), /oauth/token (RFC 6749 with PKCE, RFC 7636) and /oauth/revoke
(RFC 7009). Every refusal is an RFC 6749 error object, {"error", "error_description"}.

Requests are read with the MCP SDK's client-metadata model and answered with its token model;
the rules of this server (public clients only, https or loopback redirect URIs, S256 only, the
MCP resource as the only audience) are applied on top.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from mcp.server.auth.errors import stringify_pydantic_error
from mcp.shared.auth import OAuthClientMetadata, OAuthToken
from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ....models import NAME_MAX, SCOPES
from ....services import oauth
from ....services.oauth import OAuthError
from ....services.throttle import Throttled
from .common import NO_STORE, address, form_fields, from_oauth_error, issuer_for, oauth_error, state

REDIRECT_URIS_MAX = 10
REDIRECT_URI_MAX = 2000
GRANT_TYPES = ("authorization_code", "refresh_token")
# RFC 7636 §4.1: 43 to 128 unreserved characters.
VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
TOKEN_MAX = 4096


def _metadata_error(description: str) -> JSONResponse:
    return oauth_error("invalid_client_metadata", description)


async def register(request: Request) -> Response:
    """Registers a public client. 201 with its client_id and what was registered."""
    settings, db, throttle = state(request)
    try:
        await throttle.registration_attempt(address(request))
    except Throttled as exc:
        return oauth_error("temporarily_unavailable", exc.message, 429, {"Retry-After": str(exc.retry_after)})
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return oauth_error("invalid_request", "Send the client metadata as application/json (RFC 7591)")
    try:
        body = await request.body()
    except HTTPException as exc:  # over the body limit (interfaces/http/limits.py)
        return oauth_error("invalid_request", str(exc.detail), exc.status_code)
    try:
        raw = json.loads(body)
    except ValueError:
        return oauth_error("invalid_request", "The body is not JSON")
    if not isinstance(raw, dict):
        return _metadata_error("The client metadata must be a JSON object")
    try:
        metadata = OAuthClientMetadata.model_validate(raw)
    except ValidationError as exc:
        if any(e["loc"][:1] == ("redirect_uris",) for e in exc.errors()):
            return oauth_error("invalid_redirect_uri", stringify_pydantic_error(exc))
        return _metadata_error(stringify_pydantic_error(exc))

    # The URIs as the client wrote them: at /oauth/authorize they are compared as strings.
    uris = raw.get("redirect_uris")
    if not isinstance(uris, list) or not uris or not all(isinstance(u, str) for u in uris):
        return oauth_error("invalid_redirect_uri", "redirect_uris must be a list of at least one URL")
    if len(uris) > REDIRECT_URIS_MAX:
        return oauth_error("invalid_redirect_uri", f"At most {REDIRECT_URIS_MAX} redirect_uris")
    for uri in uris:
        problem = "longer than 2000 characters" if len(uri) > REDIRECT_URI_MAX else oauth.redirect_uri_problem(uri)
        if problem:
            return oauth_error("invalid_redirect_uri", f"redirect_uris: {problem}")

    grant_types = list(dict.fromkeys(metadata.grant_types))
    if "authorization_code" not in grant_types:
        return _metadata_error("grant_types must include 'authorization_code'")
    if unknown := [g for g in grant_types if g not in GRANT_TYPES]:
        return _metadata_error(f"grant_types: only authorization_code and refresh_token are supported, not {', '.join(unknown)}")
    if metadata.response_types != ["code"] and set(metadata.response_types) != {"code"}:
        return _metadata_error("response_types: only 'code' is supported")
    method = metadata.token_endpoint_auth_method
    if method not in (None, "none"):
        # RFC 7591 §2: the server may replace a requested value. Clients here are public: they
        # keep no secret (PKCE protects their codes), and the answer says "none".
        method = "none"
    scope = metadata.scope if metadata.scope is not None else " ".join(SCOPES)
    asked = scope.split()
    if not asked:
        return _metadata_error(f"scope must name {' or '.join(SCOPES)}, or be left out for both")
    if unknown := [s for s in asked if s not in SCOPES]:
        return _metadata_error(f"scope: the scopes here are {' and '.join(SCOPES)}, not {' '.join(unknown)[:100]}")
    name = metadata.client_name
    if name is not None:
        name = name.strip()
        if len(name) > NAME_MAX or any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in name):
            return _metadata_error(f"client_name must be plain text of at most {NAME_MAX} characters")
    scope = oauth.scope_text(set(asked))
    answer: dict[str, Any] = {
        "client_name": name or None,
        "redirect_uris": uris,
        "grant_types": grant_types,
        "response_types": ["code"],
        "token_endpoint_auth_method": method or "none",
        "scope": scope,
    }
    for extra in ("client_uri", "logo_uri", "software_id", "software_version"):
        value = getattr(metadata, extra)
        if value is not None:
            answer[extra] = str(value)[:REDIRECT_URI_MAX]
    answer = {k: v for k, v in answer.items() if v is not None}
    client = await oauth.register_client(
        db,
        client_name=name or None,
        redirect_uris=uris,
        scope=scope,
        grant_types=grant_types,
        registration=answer,
        unused_hours=settings.oauth_unused_client_hours,
    )
    return JSONResponse(client.registration, status_code=201, headers=NO_STORE)


async def token(request: Request) -> Response:
    """The authorization_code and refresh_token grants, for public clients."""
    try:
        return await _token(request)
    except OAuthError as exc:
        return from_oauth_error(exc)


def _required(fields: dict[str, str], name: str, limit: int = TOKEN_MAX) -> str:
    value = fields.get(name, "")
    if not value:
        raise OAuthError("invalid_request", f"'{name}' is required")
    if len(value) > limit:
        raise OAuthError("invalid_request", f"'{name}' is longer than {limit} characters")
    return value


async def _client(request: Request, fields: dict[str, str]) -> str:
    settings, db, _ = state(request)
    client_id = _required(fields, "client_id", 100)
    client = await oauth.get_client(db, client_id, settings.oauth_unused_client_hours)
    if client is None:
        raise OAuthError("invalid_client", "Unknown client_id (register at /oauth/register)", 401)
    grant_type = fields.get("grant_type")
    if grant_type and grant_type in GRANT_TYPES and grant_type not in client.grant_types:
        raise OAuthError("unauthorized_client", f"This client did not register the {grant_type} grant")
    return client.client_id


async def _token(request: Request) -> Response:
    _, db, _ = state(request)
    fields = await form_fields(request)
    issuer = issuer_for(request)
    grant_type = _required(fields, "grant_type", 100)
    if grant_type not in GRANT_TYPES:
        raise OAuthError("unsupported_grant_type", f"grant_type must be authorization_code or refresh_token, not '{grant_type[:60]}'")
    client_id = await _client(request, fields)
    resource = fields.get("resource")
    if resource is not None and resource != issuer.resource:
        raise OAuthError("invalid_target", f"resource must be {issuer.resource}, the only resource here")
    if grant_type == "authorization_code":
        code = _required(fields, "code")
        verifier = _required(fields, "code_verifier", 200)
        if not VERIFIER.match(verifier):
            raise OAuthError(
                "invalid_request", "code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_', '~' (RFC 7636)"
            )
        redirect_uri = fields.get("redirect_uri")
        tokens = await oauth.exchange_code(db, issuer, client_id, code, verifier, redirect_uri)
    else:
        refresh = _required(fields, "refresh_token")
        scope = fields.get("scope")
        tokens = await oauth.refresh_tokens(db, issuer, client_id, refresh, scope)
    answer = OAuthToken(
        access_token=tokens.access_token,
        token_type="Bearer",
        expires_in=tokens.expires_in,
        scope=tokens.scope,
        refresh_token=tokens.refresh_token,
    )
    return Response(answer.model_dump_json(exclude_none=True), media_type="application/json", headers=NO_STORE)


async def revoke(request: Request) -> Response:
    """RFC 7009: revokes an access or refresh token (and the grant it belongs to). 200 whether or
    not the token was known (§2.2)."""
    try:
        _, db, _ = state(request)
        fields = await form_fields(request)
        value = _required(fields, "token")
        client_id = await _client(request, fields)
        await oauth.revoke_token(db, issuer_for(request), client_id, value)
    except OAuthError as exc:
        return from_oauth_error(exc)
    return Response(status_code=200, headers=NO_STORE)
