from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response, status

from ....models import DeleteAccountBody, LoginBody, ProfileUpdate, SignupBody, TokenResponse, User, UserPublic
from ....security import create_access_token
from ....services import users
from ....settings import jwt_secret
from ..deps import COMMON_RESPONSES, DbDep, SessionDep, SettingsDep, ThrottleDep, TokenUser

router = APIRouter(prefix="/api/auth", tags=["auth"], responses=COMMON_RESPONSES)


def _token_for(user: User, settings) -> TokenResponse:
    token = create_access_token(user.id, jwt_secret(settings), settings.access_token_minutes)
    return TokenResponse(access_token=token, user=UserPublic.model_validate(user, from_attributes=True))


TOO_MANY: dict[int | str, dict[str, Any]] = {
    429: {"description": "Too many attempts from this address or for this account; see Retry-After"}
}


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/signup", status_code=status.HTTP_201_CREATED, responses={409: {"description": "Email already registered"}, **TOO_MANY})
async def signup(body: SignupBody, request: Request, db: DbDep, settings: SettingsDep, throttle: ThrottleDep) -> TokenResponse:
    await throttle.signup_attempt(_address(request))
    try:
        user = await users.create_user(db, body.email, body.password, body.name, body.timezone)
    except users.EmailTaken as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "An account with this email already exists; log in instead") from exc
    return _token_for(user, settings)


@router.post("/login", responses={401: {"description": "Wrong email or password"}, **TOO_MANY})
async def login(body: LoginBody, request: Request, db: DbDep, settings: SettingsDep, throttle: ThrottleDep) -> TokenResponse:
    email, address = users.normalise_email(body.email), _address(request)
    await throttle.check_login(email, address)
    user = await users.authenticate(db, email, body.password)
    if user is None:
        await throttle.login_failed(email, address)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Wrong email or password")
    await throttle.login_succeeded(email)
    return _token_for(user, settings)


@router.get("/me", responses={401: {"description": "Missing, invalid or expired token"}})
async def me(user: TokenUser) -> UserPublic:
    return UserPublic.model_validate(user, from_attributes=True)


@router.patch(
    "/me", responses={401: {"description": "Missing, invalid or expired token"}, 422: {"description": "Unknown time zone or bad name"}}
)
async def update_me(body: ProfileUpdate, user: TokenUser, session: SessionDep) -> UserPublic:
    """Changes the user's name and/or time zone (an IANA name such as "Europe/Berlin")."""
    updated = await users.update_profile(session, user, **body.model_dump(exclude_unset=True))
    return UserPublic.model_validate(updated, from_attributes=True)


@router.delete(
    "/me",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={401: {"description": "Missing, invalid or expired token"}, 403: {"description": "The password is wrong"}, **TOO_MANY},
)
async def delete_me(body: DeleteAccountBody, request: Request, user: TokenUser, db: DbDep, throttle: ThrottleDep) -> Response:
    """Deletes the account and everything of it: tasks, their change log, conversations and
    messages. The password is asked again. Its tokens are refused from then on."""
    address = _address(request)
    await throttle.check_login(user.email, address)
    if not await users.delete_account(db, user, body.password):
        await throttle.login_failed(user.email, address)
        raise HTTPException(status.HTTP_403_FORBIDDEN, "The password is wrong; the account was not deleted")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
