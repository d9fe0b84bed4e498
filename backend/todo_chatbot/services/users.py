"""Accounts: sign-up, credential checks, profile and deletion."""

from __future__ import annotations

import time
from collections import OrderedDict

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from ..infra import clock
from ..infra.db import Database
from ..models import Task, User
from ..security import hash_password_off_loop, verify_password_off_loop
from . import NotFound, reminders, writing


class EmailTaken(Exception):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    result = await session.exec(select(User).where(User.email == normalise_email(email)))
    return result.first()


async def create_user(db: Database, email: str, password: str, name: str | None, timezone: str = "UTC") -> User:
    """Hashes first, with no database connection held, then stores the account."""
    email = normalise_email(email)
    password_hash = await hash_password_off_loop(password)
    async with db.session() as session:
        if await get_by_email(session, email) is not None:
            raise EmailTaken(email)
        user = User(email=email, name=(name or "").strip() or None, password_hash=password_hash, timezone=timezone)
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
    moved = bool(changes.get("timezone")) and changes["timezone"] != user.timezone
    if changes.get("timezone"):
        user.timezone = str(changes["timezone"])
    session.add(user)
    if moved:  # "30 minutes before 9:00" is another moment in another zone
        waiting = select(Task).where(col(Task.user_id) == user.id, col(Task.reminder).is_not(None), col(Task.completed).is_(False))
        for task in (await session.exec(waiting)).all():
            reminders.schedule(task, user.timezone, clock.now())
            session.add(task)
    await session.commit()
    _known_users.add(user.id, user.timezone)
    return user


async def authenticate(db: Database, email: str, password: str) -> User | None:
    """The account if the password is right. The lookup's connection is back in the pool
    before the hash is checked; an unknown email costs the same hash check."""
    async with db.session() as session:
        user = await get_by_email(session, email)
    if not await verify_password_off_loop(password, user.password_hash if user else None):
        return None
    return user


async def delete_account(db: Database, user: User, password: str) -> bool:
    """Deletes the account and everything of it (tasks, change log, conversations, messages:
    the foreign keys cascade) if the password is right. Its tokens are refused at once here."""
    if not await verify_password_off_loop(password, user.password_hash):
        return False
    async with db.session() as session, writing(session):
        await session.exec(delete(User).where(col(User.id) == user.id))
    forget(user.id)
    return True


async def set_own(session: AsyncSession, user_id: str, field: str, value: str | None) -> str | None:
    """Sets one of a user's own settings (notify_url, calendar_token_hash); returns what it was."""
    async with writing(session):
        user = await session.get(User, user_id)
        if user is None:
            raise NotFound("User", user_id)
        before = getattr(user, field)
        setattr(user, field, value)
        session.add(user)
    return before


def forget(user_id: str) -> None:
    """Drops a user from the cache of known accounts (the next check asks the database)."""
    _known_users.discard(user_id)


class _KnownUsers:
    """User ids recently found in the database, with their time zones: a check that passed a
    minute ago saves a query per request, two per chat turn (bench/fast_paths_bench.py). An
    account deleted or a time zone changed through another server process is seen within
    `ttl`; in this process at once."""

    def __init__(self, ttl: float = 60.0, size: int = 10_000) -> None:
        self.ttl, self.size = ttl, size
        self._seen: OrderedDict[str, tuple[float, str]] = OrderedDict()

    def get(self, user_id: str) -> str | None:
        """The user's time zone if the user was seen within the ttl."""
        seen = self._seen.get(user_id)
        return seen[1] if seen is not None and time.monotonic() - seen[0] < self.ttl else None

    def discard(self, user_id: str) -> None:
        self._seen.pop(user_id, None)

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
