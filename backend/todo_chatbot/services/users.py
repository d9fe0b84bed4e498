"""Accounts: sign-up and credential checks."""

from __future__ import annotations

import time
from collections import OrderedDict

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from ..db import Database
from ..models import User
from ..security import hash_password, verify_password
from . import NotFound


class EmailTaken(Exception):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    result = await session.exec(select(User).where(User.email == normalise_email(email)))
    return result.first()


async def create_user(
    session: AsyncSession, email: str, password: str, name: str | None, timezone: str = "UTC"
) -> User:
    email = normalise_email(email)
    if await get_by_email(session, email) is not None:
        raise EmailTaken(email)
    user = User(email=email, name=(name or "").strip() or None, password_hash=hash_password(password),
                timezone=timezone)
    session.add(user)
    try:
        await session.commit()
    except IntegrityError as exc:  # a concurrent sign-up with the same email won the race
        await session.rollback()
        raise EmailTaken(email) from exc
    return user


async def update_profile(session: AsyncSession, user: User, **changes: str | None) -> User:
    """Sets the name (None or "" clears it) and/or the time zone (None keeps it)."""
    if "name" in changes:
        user.name = (changes["name"] or "").strip() or None
    if changes.get("timezone"):
        user.timezone = str(changes["timezone"])
    session.add(user)
    await session.commit()
    _known_users.add(user.id, user.timezone)
    return user


async def authenticate(session: AsyncSession, email: str, password: str) -> User | None:
    user = await get_by_email(session, email)
    if not verify_password(password, user.password_hash if user else None):
        return None
    return user


class _KnownUsers:
    """User ids recently found in the database, with their time zones. Accounts are never
    deleted while the server runs, so a check that passed a minute ago saves a query per
    request. A time zone changed through another server process is seen within `ttl`."""

    def __init__(self, ttl: float = 60.0, size: int = 10_000) -> None:
        self.ttl, self.size = ttl, size
        self._seen: OrderedDict[str, tuple[float, str]] = OrderedDict()

    def get(self, user_id: str) -> str | None:
        """The user's time zone if the user was seen within the ttl."""
        seen = self._seen.get(user_id)
        return seen[1] if seen is not None and time.monotonic() - seen[0] < self.ttl else None

    def add(self, user_id: str, timezone: str) -> None:
        self._seen[user_id] = (time.monotonic(), timezone)
        self._seen.move_to_end(user_id)
        while len(self._seen) > self.size:
            self._seen.popitem(last=False)


_known_users = _KnownUsers()


async def timezone_in(session: AsyncSession, user_id: str) -> str:
    """The user's time zone, read in this session (NotFound if the account is gone)."""
    zone = (await session.exec(select(User.timezone).where(User.id == user_id))).first()
    if zone is None:
        raise NotFound("User", user_id)
    return zone


async def timezone_of(db: Database, user_id: str) -> str | None:
    """The user's time zone, None if the account does not exist (cached for a minute)."""
    cached = _known_users.get(user_id)
    if cached is not None:
        return cached
    async with db.session() as session:
        user = await session.get(User, user_id)
    if user is None:
        return None
    _known_users.add(user_id, user.timezone)
    return user.timezone


async def account_exists(db: Database, user_id: str) -> bool:
    """Whether a token's user still has an account (cached for a minute)."""
    return await timezone_of(db, user_id) is not None
