"""Remote MCP access: OAuth clients, authorization codes, grants with their rotating refresh
tokens, access tokens, and personal access tokens (docs/mcp-oauth.md).

- A client registers itself (RFC 7591) as a public client; one that nobody approves, or whose
  every approval was revoked, is forgotten after `unused_hours`.
- A person's approval is a *grant*: the family of one client's refresh and access tokens for
  that person. Revoking it (from "Connected apps", RFC 7009, or because a used refresh token or
  code came back) stops every token of the family at once.
- Access tokens are JWTs (RFC 9068 shape: `typ` at+jwt, `aud` the MCP resource, `scope`,
  `client_id`) signed with the app's secret, valid for at most an hour; /mcp also checks that
  their grant is still alive, so a revoked one stops at the next request.
- Codes, refresh tokens and personal access tokens are random and kept only as SHA-256.

Lifetimes are wall-clock time (`_now`), as the tokens' `exp` and the clients that read
`expires_in` count it.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal
from urllib.parse import urlsplit

import jwt
from sqlalchemy import ColumnElement, delete, exists, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from ..infra.db import Database
from ..models import (
    SCOPES,
    AccessTokenPublic,
    ConnectedApp,
    OAuthClient,
    OAuthCode,
    OAuthGrant,
    OAuthRefreshToken,
    PersonalAccessToken,
    as_utc,
)
from ..security import ALGORITHM, MCP_ONLY_PREFIX, MCP_ONLY_TYPE, InvalidToken
from . import core, writing

CODE_LIFETIME = timedelta(minutes=10)
ACCESS_TOKEN_TYPE = MCP_ONLY_TYPE
# Personal access tokens start with this, so they are told apart from JWTs (and found in leaked text).
PAT_PREFIX = MCP_ONLY_PREFIX
PAT_SHOWN = 8  # characters of a token shown in lists
# last_used_at is written at most this often per grant or token (not on every request).
USE_RESOLUTION = timedelta(minutes=1)
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _now() -> datetime:
    return datetime.now(UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


class OAuthError(Exception):
    """An RFC 6749 error: `error` is its code, `description` says what is wrong."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error, self.description, self.status = error, description, status


@dataclass(frozen=True)
class Issuer:
    """Who issues tokens and for what: the app's address (`issuer`, PUBLIC_URL) and the MCP
    resource's (`resource`, PUBLIC_URL/mcp), the signing secret and the lifetimes."""

    issuer: str
    resource: str
    secret: str
    access_minutes: int = 60
    refresh_days: int = 30
    unused_hours: int = 24


@dataclass(frozen=True)
class Bearer:
    """Who a token acts for at /mcp, and what it may do."""

    user_id: str
    scopes: frozenset[str]
    kind: Literal["session", "oauth", "pat"]
    client_id: str | None = None


@dataclass(frozen=True)
class TokenSet:
    access_token: str
    expires_in: int
    scope: str
    refresh_token: str


def scope_list(scope: str) -> list[str]:
    """The known scopes in a space-separated string, in their canonical order."""
    given = set(scope.split())
    return [s for s in SCOPES if s in given]


def scope_text(scopes: list[str] | set[str] | frozenset[str]) -> str:
    return " ".join(s for s in SCOPES if s in scopes)


# ---------------------------------------------------------------- redirect URIs


def redirect_uri_problem(uri: str) -> str | None:
    """Why a redirect URI can't be registered (None: it can): https anywhere, or http on a
    loopback address (RFC 8252 §7.3); no fragment, no user info."""
    try:
        parts = urlsplit(uri)
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        return f"'{_short(uri)}' is not a URL"
    del port
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return f"'{_short(uri)}' must be an https URL, or http on localhost, 127.0.0.1 or [::1]"
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        return f"'{_short(uri)}': plain http is allowed only on localhost, 127.0.0.1 or [::1]; use https"
    if parts.fragment or "#" in uri:
        return f"'{_short(uri)}' must not have a fragment"
    if parts.username or parts.password:
        return f"'{_short(uri)}' must not carry a user name or password"
    return None


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def redirect_uri_matches(registered: list[str], uri: str) -> bool:
    """Whether `uri` is one the client registered: exactly, or for a loopback http URI with any
    port (RFC 8252 §7.3: native apps listen on whatever port is free)."""
    if uri in registered:
        return True
    try:
        asked = urlsplit(uri)
        if asked.scheme != "http" or not _is_loopback(asked.hostname) or asked.fragment:
            return False
        asked.port  # noqa: B018  (a port that is not a number is no match)
    except ValueError:
        return False
    for candidate in registered:
        known = urlsplit(candidate)
        if (known.scheme, known.hostname, known.path or "/", known.query) == ("http", asked.hostname, asked.path or "/", asked.query):
            return True
    return False


def redirect_hosts(uris: list[str]) -> list[str]:
    return sorted({urlsplit(u).netloc for u in uris})


# ---------------------------------------------------------------- clients


async def register_client(
    db: Database,
    *,
    client_name: str | None,
    redirect_uris: list[str],
    scope: str,
    grant_types: list[str],
    registration: dict,
    unused_hours: int,
) -> OAuthClient:
    """Stores a new public client (and forgets clients unused for `unused_hours`)."""
    now = _now()
    client = OAuthClient(
        client_id=str(uuid.uuid4()),
        client_name=client_name,
        redirect_uris=redirect_uris,
        scope=scope,
        grant_types=grant_types,
        registration={},
        created_at=now,
        last_used_at=now,
    )
    client.registration = registration | {"client_id": client.client_id, "client_id_issued_at": int(now.timestamp())}
    async with db.session() as session, writing(session):
        await core(session, delete(OAuthClient).where(_unused(now - timedelta(hours=unused_hours))))
        session.add(client)
    return client


def _unused(before: datetime) -> ColumnElement[bool]:
    """Clients last used before `before` with no live grant."""
    live = exists().where(col(OAuthGrant.client_id) == col(OAuthClient.client_id), col(OAuthGrant.revoked_at).is_(None))
    return (col(OAuthClient.last_used_at) < before) & ~live


async def get_client(db: Database, client_id: str, unused_hours: int) -> OAuthClient | None:
    """The client, unless unknown or forgotten (unused with no live grant for `unused_hours`)."""
    if not client_id or len(client_id) > 36:
        return None
    async with db.session() as session:
        client = await session.get(OAuthClient, client_id)
        if client is None:
            return None
        if as_utc(client.last_used_at) < _now() - timedelta(hours=unused_hours):
            live = await session.exec(
                select(OAuthGrant.id).where(col(OAuthGrant.client_id) == client_id, col(OAuthGrant.revoked_at).is_(None)).limit(1)
            )
            if live.first() is None:
                return None
        return client


# ---------------------------------------------------------------- authorization codes


async def issue_code(
    db: Database, client: OAuthClient, user_id: str, redirect_uri: str, code_challenge: str, scope: str, resource: str | None
) -> str:
    """A new authorization code for what the person approved."""
    code = secrets.token_urlsafe(32)
    now = _now()
    async with db.session() as session, writing(session):
        # codes long past their ten minutes are of no use to anyone
        await core(session, delete(OAuthCode).where(col(OAuthCode.expires_at) < now - timedelta(days=1)))
        session.add(
            OAuthCode(
                code_hash=hash_token(code),
                client_id=client.client_id,
                user_id=user_id,
                redirect_uri=redirect_uri,
                code_challenge=code_challenge,
                scope=scope,
                resource=resource,
                expires_at=now + CODE_LIFETIME,
            )
        )
        await core(session, update(OAuthClient).where(col(OAuthClient.client_id) == client.client_id).values(last_used_at=now))
    return code


def pkce_s256(verifier: str) -> str:
    """RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))), unpadded."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


async def exchange_code(db: Database, issuer: Issuer, client_id: str, code: str, code_verifier: str, redirect_uri: str | None) -> TokenSet:
    """The tokens for an authorization code (RFC 6749 §4.1.3 with PKCE, RFC 7636 §4.6). A code
    works once: presenting it again revokes what it was exchanged for (RFC 6749 §4.1.2)."""
    now = _now()
    async with db.session() as session:
        row = await session.get(OAuthCode, hash_token(code))
    if row is None or row.client_id != client_id:
        raise OAuthError("invalid_grant", "The authorization code is unknown (or was issued to another client)")
    if row.used_at is not None:
        if row.grant_id:
            await revoke_grant(db, row.grant_id)
        raise OAuthError("invalid_grant", "The authorization code was already used; the tokens it gave are revoked")
    if as_utc(row.expires_at) < now:
        raise OAuthError("invalid_grant", "The authorization code has expired (codes last 10 minutes); authorize again")
    if redirect_uri is None:
        raise OAuthError("invalid_request", "redirect_uri is required: the one sent to /oauth/authorize")
    if redirect_uri != row.redirect_uri:
        raise OAuthError("invalid_grant", "redirect_uri is not the one the code was issued for")
    if not secrets.compare_digest(pkce_s256(code_verifier), row.code_challenge):
        raise OAuthError("invalid_grant", "code_verifier does not match the code_challenge (PKCE S256)")
    grant = OAuthGrant(user_id=row.user_id, client_id=row.client_id, scope=row.scope, created_at=now, last_used_at=now)
    async with db.session() as session, writing(session):
        claimed = await core(
            session,
            update(OAuthCode)
            .where(col(OAuthCode.code_hash) == row.code_hash, col(OAuthCode.used_at).is_(None))
            .values(used_at=now, grant_id=grant.id),
        )
        if claimed.rowcount == 1:
            session.add(grant)
            await session.flush()
            refresh = _add_refresh_token(session, grant.id, issuer, now)
    if claimed.rowcount != 1:  # exchanged by a concurrent request a moment ago
        raise OAuthError("invalid_grant", "The authorization code was already used")
    return _token_set(issuer, grant, row.scope, refresh)


def _add_refresh_token(session: AsyncSession, grant_id: str, issuer: Issuer, now: datetime) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        OAuthRefreshToken(
            token_hash=hash_token(token), grant_id=grant_id, created_at=now, expires_at=now + timedelta(days=issuer.refresh_days)
        )
    )
    return token


def _token_set(issuer: Issuer, grant: OAuthGrant, scope: str, refresh: str) -> TokenSet:
    access = mint_access_token(issuer, grant.user_id, grant.client_id, grant.id, scope)
    return TokenSet(access_token=access, expires_in=issuer.access_minutes * 60, scope=scope, refresh_token=refresh)


async def refresh_tokens(db: Database, issuer: Issuer, client_id: str, refresh_token: str, scope: str | None) -> TokenSet:
    """New tokens for a refresh token, which is used up (rotation). Presenting a used refresh
    token again means it was copied: the whole grant is revoked."""
    now = _now()
    async with db.session() as session:
        row = await session.get(OAuthRefreshToken, hash_token(refresh_token))
        grant = await session.get(OAuthGrant, row.grant_id) if row is not None else None
    if row is None or grant is None or grant.client_id != client_id:
        raise OAuthError("invalid_grant", "The refresh token is unknown (or was issued to another client)")
    if grant.revoked_at is not None:
        raise OAuthError("invalid_grant", "The refresh token's access was revoked; authorize again")
    if row.used_at is not None:
        await revoke_grant(db, grant.id)
        raise OAuthError("invalid_grant", "The refresh token was already used; every token of this authorization is now revoked")
    if as_utc(row.expires_at) < now:
        raise OAuthError("invalid_grant", "The refresh token has expired; authorize again")
    granted = set(grant.scope.split())
    asked = set(scope.split()) if scope is not None else granted
    if not asked or not asked <= granted:
        extra = " ".join(sorted(asked - granted)) or "(none)"
        raise OAuthError("invalid_scope", f"scope may only narrow what was approved ({grant.scope}); not approved: {extra}")
    async with db.session() as session, writing(session):
        claimed = await core(
            session,
            update(OAuthRefreshToken)
            .where(col(OAuthRefreshToken.token_hash) == row.token_hash, col(OAuthRefreshToken.used_at).is_(None))
            .values(used_at=now),
        )
        if claimed.rowcount == 1:
            new_refresh = _add_refresh_token(session, grant.id, issuer, now)
            await core(session, update(OAuthGrant).where(col(OAuthGrant.id) == grant.id).values(last_used_at=now))
    if claimed.rowcount != 1:  # the same token, presented twice at once
        await revoke_grant(db, grant.id)
        raise OAuthError("invalid_grant", "The refresh token was already used; every token of this authorization is now revoked")
    return _token_set(issuer, grant, scope_text(asked), new_refresh)


async def revoke_grant(db: Database, grant_id: str) -> None:
    now = _now()
    async with db.session() as session, writing(session):
        await core(
            session, update(OAuthGrant).where(col(OAuthGrant.id) == grant_id, col(OAuthGrant.revoked_at).is_(None)).values(revoked_at=now)
        )
        await core(session, delete(OAuthRefreshToken).where(col(OAuthRefreshToken.grant_id) == grant_id))


async def revoke_token(db: Database, issuer: Issuer, client_id: str, token: str) -> None:
    """RFC 7009: revokes the grant of an access or refresh token this client holds; an unknown,
    expired or foreign token is no error (§2.2)."""
    grant_id: str | None = None
    try:
        claims = jwt.decode(
            token,
            issuer.secret,
            algorithms=[ALGORITHM],
            audience=issuer.resource,
            issuer=issuer.issuer,
            options={"verify_exp": False, "require": ["gid", "client_id"]},
        )
        if claims.get("client_id") == client_id and isinstance(claims.get("gid"), str):
            grant_id = claims["gid"]
    except jwt.PyJWTError:
        async with db.session() as session:
            row = await session.get(OAuthRefreshToken, hash_token(token))
            grant = await session.get(OAuthGrant, row.grant_id) if row is not None else None
        if grant is not None and grant.client_id == client_id:
            grant_id = grant.id
    if grant_id is not None:
        await revoke_grant(db, grant_id)


# ---------------------------------------------------------------- access tokens


def mint_access_token(issuer: Issuer, user_id: str, client_id: str, grant_id: str, scope: str) -> str:
    now = _now()
    claims = {
        "iss": issuer.issuer,
        "sub": user_id,
        "aud": issuer.resource,
        "iat": now,
        "exp": now + timedelta(minutes=issuer.access_minutes),
        "jti": secrets.token_urlsafe(12),
        "client_id": client_id,
        "scope": scope,
        "gid": grant_id,
    }
    return jwt.encode(claims, issuer.secret, algorithm=ALGORITHM, headers={"typ": ACCESS_TOKEN_TYPE})


def is_oauth_access_token(token: str) -> bool:
    try:
        return jwt.get_unverified_header(token).get("typ") == ACCESS_TOKEN_TYPE
    except jwt.PyJWTError:
        return False


async def oauth_bearer(db: Database, issuer: Issuer, token: str) -> Bearer:
    """The grantee of an OAuth access token for this resource; InvalidToken says why not."""
    try:
        claims = jwt.decode(
            token,
            issuer.secret,
            algorithms=[ALGORITHM],
            audience=issuer.resource,
            issuer=issuer.issuer,
            options={"require": ["sub", "exp", "aud", "iss", "gid", "client_id", "scope"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise InvalidToken("The access token has expired; refresh it") from exc
    except jwt.InvalidAudienceError as exc:
        raise InvalidToken(f"The access token is not for this resource ({issuer.resource})") from exc
    except jwt.PyJWTError as exc:
        raise InvalidToken("Invalid token") from exc
    grant_id = claims["gid"]
    now = _now()
    async with db.session() as session:
        grant = await session.get(OAuthGrant, grant_id) if isinstance(grant_id, str) else None
        if grant is None or grant.user_id != claims["sub"] or grant.revoked_at is not None:
            raise InvalidToken("The access token was revoked; authorize again")
        if grant.last_used_at is None or as_utc(grant.last_used_at) < now - USE_RESOLUTION:
            async with writing(session):
                await core(session, update(OAuthGrant).where(col(OAuthGrant.id) == grant.id).values(last_used_at=now))
    scopes = frozenset(str(claims["scope"]).split()) & set(SCOPES)
    return Bearer(user_id=grant.user_id, scopes=scopes, kind="oauth", client_id=grant.client_id)


# ---------------------------------------------------------------- personal access tokens


def is_personal_access_token(token: str) -> bool:
    return token.startswith(PAT_PREFIX)


async def create_personal_token(
    session: AsyncSession, user_id: str, name: str, scopes: list[str], expires_in_days: int | None
) -> tuple[AccessTokenPublic, str]:
    """A new personal access token; the token itself is returned this once."""
    token = PAT_PREFIX + secrets.token_urlsafe(32)
    now = _now()
    row = PersonalAccessToken(
        user_id=user_id,
        name=name,
        token_hash=hash_token(token),
        prefix=token[: len(PAT_PREFIX) + PAT_SHOWN],
        scope=scope_text(set(scopes)),
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    async with writing(session):
        session.add(row)
    return _pat_public(row), token


def _pat_public(row: PersonalAccessToken) -> AccessTokenPublic:
    return AccessTokenPublic(
        id=row.id,
        name=row.name,
        prefix=row.prefix,
        scopes=scope_list(row.scope),
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
    )


async def personal_tokens(session: AsyncSession, user_id: str) -> list[AccessTokenPublic]:
    stmt = select(PersonalAccessToken).where(col(PersonalAccessToken.user_id) == user_id).order_by(col(PersonalAccessToken.created_at))
    return [_pat_public(row) for row in (await session.exec(stmt)).all()]


async def revoke_personal_token(session: AsyncSession, user_id: str, token_id: str) -> bool:
    async with writing(session):
        done = await core(
            session,
            delete(PersonalAccessToken).where(col(PersonalAccessToken.id) == token_id, col(PersonalAccessToken.user_id) == user_id),
        )
    return done.rowcount > 0


async def personal_bearer(db: Database, token: str) -> Bearer:
    now = _now()
    async with db.session() as session:
        row = (await session.exec(select(PersonalAccessToken).where(col(PersonalAccessToken.token_hash) == hash_token(token)))).first()
        if row is None:
            raise InvalidToken("Unknown or revoked personal access token")
        if row.expires_at is not None and as_utc(row.expires_at) <= now:
            raise InvalidToken("The personal access token has expired; make a new one")
        if row.last_used_at is None or as_utc(row.last_used_at) < now - USE_RESOLUTION:
            async with writing(session):
                await core(session, update(PersonalAccessToken).where(col(PersonalAccessToken.id) == row.id).values(last_used_at=now))
    return Bearer(user_id=row.user_id, scopes=frozenset(row.scope.split()), kind="pat")


# ---------------------------------------------------------------- connected apps


async def connected_apps(session: AsyncSession, user_id: str) -> list[ConnectedApp]:
    """The clients this person approved and has not revoked, one entry per client."""
    stmt = (
        select(OAuthGrant, OAuthClient)
        .join(OAuthClient, col(OAuthClient.client_id) == col(OAuthGrant.client_id))
        .where(col(OAuthGrant.user_id) == user_id, col(OAuthGrant.revoked_at).is_(None))
        .order_by(col(OAuthGrant.created_at))
    )
    apps: dict[str, ConnectedApp] = {}
    for grant, client in (await session.exec(stmt)).all():
        used = as_utc(grant.last_used_at) if grant.last_used_at else None
        app = apps.get(client.client_id)
        if app is None:
            apps[client.client_id] = ConnectedApp(
                client_id=client.client_id,
                client_name=client.client_name,
                redirect_hosts=redirect_hosts(client.redirect_uris),
                scopes=scope_list(grant.scope),
                connected_at=grant.created_at,
                last_used_at=used,
            )
            continue
        app.scopes = scope_list(" ".join([*app.scopes, grant.scope]))  # type: ignore[assignment]
        if used and (app.last_used_at is None or used > app.last_used_at):
            app.last_used_at = used
    return list(apps.values())


async def disconnect_app(db: Database, user_id: str, client_id: str) -> bool:
    """Revokes every grant this person gave this client; False if there was none."""
    async with db.session() as session:
        stmt = select(OAuthGrant.id).where(
            col(OAuthGrant.user_id) == user_id, col(OAuthGrant.client_id) == client_id, col(OAuthGrant.revoked_at).is_(None)
        )
        grant_ids = list((await session.exec(stmt)).all())
    for grant_id in grant_ids:
        await revoke_grant(db, grant_id)
    return bool(grant_ids)
