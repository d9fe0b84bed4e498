"""The web app's "Connected apps": the OAuth apps a person approved and their personal access
tokens, each revocable (REST, for the person's own sign-in token)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response, status

from ....models import AccessTokenCreate, AccessTokenCreated, AccessTokenPublic, ConnectedApp
from ....services import oauth
from ..deps import OWNER_RESPONSES, DbDep, OwnerId, SessionDep, removed

router = APIRouter(tags=["connected apps"])
TOKENS_MAX = 50


@router.get("/api/{user_id}/connected-apps", responses=OWNER_RESPONSES)
async def list_apps(user_id: OwnerId, session: SessionDep) -> list[ConnectedApp]:
    """The apps this person approved (through OAuth) and has not disconnected."""
    return await oauth.connected_apps(session, user_id)


@router.delete(
    "/api/{user_id}/connected-apps/{client_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**OWNER_RESPONSES, 404: {"description": "No app with this client_id is connected"}},
)
async def disconnect_app(user_id: OwnerId, client_id: str, db: DbDep) -> Response:
    """Disconnects the app: every token it holds for this person stops working at once."""
    found = len(client_id) <= 36 and await oauth.disconnect_app(db, user_id, client_id)
    return removed(found, f"No connected app has client_id {client_id[:40]}")


@router.get("/api/{user_id}/access-tokens", responses=OWNER_RESPONSES)
async def list_tokens(user_id: OwnerId, session: SessionDep) -> list[AccessTokenPublic]:
    """This person's personal access tokens (never the tokens themselves)."""
    return await oauth.personal_tokens(session, user_id)


@router.post(
    "/api/{user_id}/access-tokens",
    status_code=status.HTTP_201_CREATED,
    responses={**OWNER_RESPONSES, 409: {"description": f"The person already has {TOKENS_MAX} tokens"}},
)
async def create_token(body: AccessTokenCreate, user_id: OwnerId, session: SessionDep) -> AccessTokenCreated:
    """Makes a personal access token for /mcp. The answer holds the token itself, this once."""
    if len(await oauth.personal_tokens(session, user_id)) >= TOKENS_MAX:
        raise HTTPException(status.HTTP_409_CONFLICT, f"You have {TOKENS_MAX} personal access tokens; revoke one first")
    public, token = await oauth.create_personal_token(session, user_id, body.name, list(body.scopes), body.expires_in_days)
    return AccessTokenCreated(**public.model_dump(), token=token)


@router.delete(
    "/api/{user_id}/access-tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**OWNER_RESPONSES, 404: {"description": "No such token"}},
)
async def revoke_token(user_id: OwnerId, token_id: str, session: SessionDep) -> Response:
    """Revokes the token: it stops working at once."""
    found = len(token_id) <= 36 and await oauth.revoke_personal_token(session, user_id, token_id)
    return removed(found, f"No personal access token has id {token_id[:40]}")
