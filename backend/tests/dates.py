"""The clock every test runs under, and what its days are called.

No test reads the real date. The server's clock (todo_chatbot.infra.clock.now) stands at TEST_NOW for
every test that does not set its own (conftest.py freezes it), and test users live in TEST_TIMEZONE.
The defaults are the day most expectations were written on; scripts/ci/date-matrix.sh runs the tests
marked `dates` again under other days and zones (a Sunday, the 31st at a month's and a year's end,
the day before a DST change, late evening when the user's date is not UTC's), so an expectation
that holds on one day only fails in CI.

The helpers below are the tests' own reading of the calendar, written from what a person expects
("friday" is the next Friday, today when it is Friday), not from the product's code.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

TEST_NOW = datetime.fromisoformat(os.environ.get("TEST_NOW", "2026-11-26T10:00:00+00:00"))  # a Thursday
TEST_TIMEZONE = os.environ.get("TEST_TIMEZONE", "UTC")
if TEST_NOW.tzinfo is None:
    raise SystemExit("TEST_NOW needs an offset, e.g. 2026-12-06T12:00:00+00:00")

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def local_now(zone: str = TEST_TIMEZONE) -> datetime:
    """The test users' wall clock (naive), at TEST_NOW."""
    return TEST_NOW.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def today(zone: str = TEST_TIMEZONE) -> date:
    return local_now(zone).date()


def weekday(name: str, zone: str = TEST_TIMEZONE) -> date:
    """ "friday": the next Friday, today when today is one."""
    return today(zone) + timedelta(days=(WEEKDAYS.index(name) - today(zone).weekday()) % 7)


def day_words(due: date, zone: str = TEST_TIMEZONE) -> str:
    """How a reply names a day: "today", "tomorrow", "on saturday" within the week ahead, else "on tue 8 dec"."""
    days = (due - today(zone)).days
    if days in (0, 1):
        return ["today", "tomorrow"][days]
    if 1 < days < 7:
        return f"on {WEEKDAYS[due.weekday()]}"
    return f"on {WEEKDAYS[due.weekday()][:3]} {due.day} {due:%b}".lower() + (f" {due.year}" if due.year != today(zone).year else "")


def on(name: str, zone: str = TEST_TIMEZONE) -> str:
    """ "friday" said by the user, as the reply names it."""
    return day_words(weekday(name, zone), zone)


# "{friday}" in a case's expected words stands for on("friday"); "{today+2}" for the day after tomorrow.
def expand(words: str, zone: str = TEST_TIMEZONE) -> str:
    names = {name: on(name, zone) for name in WEEKDAYS}
    names |= {f"today+{n}": day_words(today(zone) + timedelta(days=n), zone) for n in range(0, 15)}
    return words.format_map(names)
