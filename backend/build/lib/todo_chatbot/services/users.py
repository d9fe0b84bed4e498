"""Accounts: sign-up and credential checks."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from ..models import User
from ..security import hash_password, verify_password


class EmailTaken(Exception):
    pass


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    result = await session.exec(select(User).where(User.email == normalise_email(email)))
    return result.first()


async def create_user(session: AsyncSession, email: str, password: str, name: str | None) -> User:
    email = normalise_email(email)
    if await get_by_email(session, email) is not None:
        raise EmailTaken(email)
    user = User(email=email, name=(name or "").strip() or None, password_hash=hash_password(password))
    session.add(user)
    try:
        await session.commit()
    except IntegrityError as exc:  # a concurrent sign-up with the same email won the race
        await session.rollback()
        raise EmailTaken(email) from exc
    return user


async def authenticate(session: AsyncSession, email: str, password: str) -> User | None:
    user = await get_by_email(session, email)
    if not verify_password(password, user.password_hash if user else None):
        return None
    return user
