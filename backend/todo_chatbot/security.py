"""Password hashing (Argon2) and access tokens (JWT HS256 with sub and exp)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from functools import cache

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

ALGORITHM = "HS256"
# OAuth access tokens (JWT header typ, RFC 9068) and personal access tokens (prefix): /mcp only.
MCP_ONLY_TYPE = "at+jwt"
MCP_ONLY_PREFIX = "tdp_"

_hasher = PasswordHash((Argon2Hasher(),))


@cache
def _dummy_hash() -> str:
    """Verified against when the email is unknown, so the response time does not tell whether an
    account exists. Made by the process's first password check, whichever the email (so the
    first check costs the same for a known and an unknown one), not on the way to /health."""
    return _hasher.hash("todo-chatbot-timing-equaliser")


class InvalidToken(Exception):
    """The token is missing, malformed, badly signed or expired; the message says which."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    dummy = _dummy_hash()
    if password_hash is None:
        _hasher.verify(password, dummy)
        return False
    return _hasher.verify(password, password_hash)


# Argon2 takes ~100 ms of CPU. It runs on a few threads of its own (argon2 releases the
# GIL), so the event loop keeps serving other requests while logins queue here.
_hash_workers = 2
_hashing = ThreadPoolExecutor(max_workers=_hash_workers, thread_name_prefix="argon2")


def set_hash_workers(workers: int) -> None:
    global _hashing, _hash_workers
    if workers != _hash_workers:
        _hash_workers, _hashing = workers, ThreadPoolExecutor(max_workers=workers, thread_name_prefix="argon2")


async def hash_password_off_loop(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_hashing, hash_password, password)


async def verify_password_off_loop(password: str, password_hash: str | None) -> bool:
    return await asyncio.get_running_loop().run_in_executor(_hashing, verify_password, password, password_hash)


def create_access_token(subject: str, secret: str, minutes: int) -> str:
    now = datetime.now(UTC)
    payload = {"sub": subject, "iat": now, "exp": now + timedelta(minutes=minutes)}
    return jwt.encode(payload, secret, algorithm=ALGORITHM)


_MCP_ONLY = "This token works with /mcp only; the REST API takes the token from /api/auth/login"


def decode_access_token(token: str, secret: str) -> str:
    """Returns the token's subject (the user id). Tokens for /mcp only (OAuth access tokens,
    personal access tokens) are refused here: the REST API takes the app's own sign-in tokens.
    The token is parsed once (its header read from the decoded token, or, when it does not
    decode, to say why)."""
    if token.startswith(MCP_ONLY_PREFIX):
        raise InvalidToken(_MCP_ONLY)
    try:
        decoded = jwt.decode_complete(token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]})
    except jwt.PyJWTError as exc:
        if _header_type(token) == MCP_ONLY_TYPE:
            raise InvalidToken(_MCP_ONLY) from exc
        if isinstance(exc, jwt.ExpiredSignatureError):
            raise InvalidToken("Token has expired; log in again") from exc
        raise InvalidToken("Invalid token") from exc
    if decoded["header"].get("typ") == MCP_ONLY_TYPE:
        raise InvalidToken(_MCP_ONLY)
    payload = decoded["payload"]
    subject = payload.get("sub")
    if not isinstance(subject, str) or not subject:
        raise InvalidToken("Invalid token")
    return subject


def _header_type(token: str) -> str | None:
    try:
        kind = jwt.get_unverified_header(token).get("typ")
    except jwt.PyJWTError:
        return None
    return kind if isinstance(kind, str) else None
