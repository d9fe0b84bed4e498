"""Dependencies that keep the route functions short: settings, DB session, current user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel.ext.asyncio.session import AsyncSession

from ..agent.base import ChatAgent
from ..db import Database
from ..models import User
from ..security import InvalidToken, decode_access_token
from ..settings import Settings, jwt_secret

_bearer = HTTPBearer(auto_error=False, description="The access_token from /api/auth/signup or /api/auth/login")


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_agent(request: Request) -> ChatAgent:
    return request.app.state.agent


async def get_session(db: Annotated[Database, Depends(get_db)]) -> AsyncIterator[AsyncSession]:
    async with db.session() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
DbDep = Annotated[Database, Depends(get_db)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
AgentDep = Annotated[ChatAgent, Depends(get_agent)]


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


async def token_user(
    request: Request,
    settings: SettingsDep,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    """The user named by a valid bearer token (401 otherwise)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise unauthorized("Not authenticated: send 'Authorization: Bearer <token>'")
    try:
        user_id = decode_access_token(credentials.credentials, jwt_secret(settings))
    except InvalidToken as exc:
        raise unauthorized(str(exc)) from exc
    user = await session.get(User, user_id)
    if user is None:
        raise unauthorized("This account no longer exists; sign up again")
    request.scope["todo.user_id"] = user.id  # for the request log line
    return user


TokenUser = Annotated[User, Depends(token_user)]


async def path_owner(user_id: str, user: TokenUser) -> str:
    """The {user_id} in the path, which must be the token's own user (403 otherwise)."""
    if user_id != user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "This token belongs to another user")
    return user.id


OwnerId = Annotated[str, Depends(path_owner)]
