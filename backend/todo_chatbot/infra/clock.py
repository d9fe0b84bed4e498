"""The current time, in one place, so that every "today" is computed from the same clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def now() -> datetime:
    """The current UTC time (tests move it)."""
    return datetime.now(UTC)


def local_now(timezone: str) -> datetime:
    """The wall-clock time in an IANA zone, DST included, as a naive datetime."""
    return now().astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def local_today(timezone: str) -> date:
    return local_now(timezone).date()
