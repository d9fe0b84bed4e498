from fastapi import APIRouter, HTTPException, status

from ...models import (
    LoginBody,
    ProfileUpdate,
    SignupBody,
    TokenResponse,
    User,
    UserPublic,
)
from ...security import create_access_token
from ...services import users
from ...settings import jwt_secret
from ..deps import SessionDep, SettingsDep, TokenUser

router = APIRouter(prefix="/api/auth", tags=["auth"])


def _token_for(user: User, settings) -> TokenResponse:
    token = create_access_token(user.id, jwt_secret(settings), settings.access_token_minutes)
    return TokenResponse(access_token=token, user=UserPublic.model_validate(user, from_attributes=True))


@router.post("/signup", status_code=status.HTTP_201_CREATED, responses={409: {"description": "Email already registered"}})
async def signup(body: SignupBody, session: SessionDep, settings: SettingsDep) -> TokenResponse:
    try:
        user = await users.create_user(session, body.email, body.password, body.name, body.timezone)
    except users.EmailTaken as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "An account with this email already exists; log in instead") from exc
    return _token_for(user, settings)


@router.post("/login", responses={401: {"description": "Wrong email or password"}})
async def login(body: LoginBody, session: SessionDep, settings: SettingsDep) -> TokenResponse:
    user = await users.authenticate(session, body.email, body.password)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Wrong email or password")
    return _token_for(user, settings)


@router.get("/me", responses={401: {"description": "Missing, invalid or expired token"}})
async def me(user: TokenUser) -> UserPublic:
    return UserPublic.model_validate(user, from_attributes=True)


@router.patch("/me", responses={401: {"description": "Missing, invalid or expired token"},
                                422: {"description": "Unknown time zone or bad name"}})
async def update_me(body: ProfileUpdate, user: TokenUser, session: SessionDep) -> UserPublic:
    """Changes the user's name and/or time zone (an IANA name such as "Europe/Berlin")."""
    updated = await users.update_profile(session, user, **body.model_dump(exclude_unset=True))
    return UserPublic.model_validate(updated, from_attributes=True)
