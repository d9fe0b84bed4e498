"""Dependencies that keep the route functions short: settings, DB session, current user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel.ext.asyncio.session import AsyncSession

from ...infra.db import Database
from ...models import User
from ...security import InvalidToken, decode_access_token
from ...services import users
from ...services.throttle import Throttle
from ...settings import Settings, jwt_secret
from ...turn import ChatAgent

_bearer = HTTPBearer(auto_error=False, description="The access_token from /api/auth/signup or /api/auth/login")

# The dependencies below never block, so they are `async def`: FastAPI runs a plain `def` dependency in a
# worker thread, and those hops cost more per request than the work itself.


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_agent(request: Request) -> ChatAgent:
    return request.app.state.agent


async def get_throttle(request: Request) -> Throttle:
    return request.app.state.throttle


async def get_session(db: Annotated[Database, Depends(get_db)]) -> AsyncIterator[AsyncSession]:
    async with db.session() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
DbDep = Annotated[Database, Depends(get_db)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
AgentDep = Annotated[ChatAgent, Depends(get_agent)]
ThrottleDep = Annotated[Throttle, Depends(get_throttle)]


# Answers any API route may give besides its own, documented on every one of them.
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "The request could not be read (a malformed body or header)"},
    413: {"description": "The request body is over the size limit"},
    503: {"description": "The database is unavailable or busy, or did not answer in time; see Retry-After"},
}
OWNER_RESPONSES: dict[int | str, dict[str, Any]] = {
    **COMMON_RESPONSES,
    401: {"description": "Missing, invalid or expired token, or the account no longer exists"},
    403: {"description": "The token belongs to another user"},
}


def removed(found: bool, missing: str) -> Response:
    """A DELETE's answer: 204 when there was something to remove, else 404 saying what is missing."""
    if not found:
        raise HTTPException(status.HTTP_404_NOT_FOUND, missing)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


async def token_subject(settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    """The user id a valid bearer token names (401 otherwise)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthorized("Not authenticated: send 'Authorization: Bearer <token>'")
    try:
        return decode_access_token(credentials.credentials, jwt_secret(settings))
    except InvalidToken as exc:
        raise unauthorized(str(exc)) from exc


def public_base(request: Request, settings: Settings) -> str:
    """The address people reach the app at: PUBLIC_URL, else the address the request came to
    (through the web app's nginx: its own, from X-Forwarded-Host)."""
    if settings.public_url:
        return settings.public_url
    forwarded = request.headers.get("x-forwarded-host", "").split(",")[0].strip()
    if forwarded and "/" not in forwarded and " " not in forwarded and "@" not in forwarded:
        return f"{request.url.scheme}://{forwarded}"
    return str(request.base_url).rstrip("/")


NO_ACCOUNT = "This account no longer exists; sign up again"


async def token_user(request: Request, session: SessionDep, user_id: Annotated[str, Depends(token_subject)]) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise unauthorized(NO_ACCOUNT)
    request.scope["todo.user_id"] = user.id  # for the request log line
    return user


TokenUser = Annotated[User, Depends(token_user)]


async def token_account(request: Request, subject: Annotated[str, Depends(token_subject)], db: DbDep) -> str:
    """The id of the token's user, whose account must still exist (401 otherwise)."""
    if not await users.account_exists(db, subject):
        raise unauthorized(NO_ACCOUNT)
    request.scope["todo.user_id"] = subject
    return subject


TokenUserId = Annotated[str, Depends(token_account)]


async def path_owner(request: Request, user_id: str, subject: Annotated[str, Depends(token_subject)], db: DbDep) -> str:
    """The {user_id} in the path, which must be the token's own, existing user (401/403 otherwise)."""
    if user_id != subject:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "This token belongs to another user")
    return await token_account(request, subject, db)


OwnerId = Annotated[str, Depends(path_owner)]
