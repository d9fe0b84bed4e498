"""Relative days mean the user's days, whatever day the clock stands at.

Quick add and the due filters, through the real API, for a user in dates.TEST_TIMEZONE at
dates.TEST_NOW. The expected days come from the tests' own calendar (tests/dates.py), so
scripts/ci/date-matrix.sh can run this module on a Sunday, at a month's and a year's end, the day
before a DST change, and late in the evening when the user's date is not UTC's.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from tests import dates
from tests.conftest import Api

pytestmark = pytest.mark.dates


def _monday_next_week() -> date:
    today = dates.today()
    return today + timedelta(days=7 - today.weekday())


def _phrases() -> list[tuple[str, date]]:
    today = dates.today()
    month_end = (today.replace(day=1) + relativedelta(months=1)) - timedelta(days=1)
    weekend = today if today.weekday() >= 5 else today + timedelta(days=5 - today.weekday())  # on a Sunday, today
    return [
        ("today", today),
        ("tomorrow", today + timedelta(days=1)),
        ("the day after tomorrow", today + timedelta(days=2)),
        *[(name, dates.weekday(name)) for name in dates.WEEKDAYS],
        *[(name[:3], dates.weekday(name)) for name in dates.WEEKDAYS],
        # "next <day>" is that day in the following week (Monday to Sunday)
        *[(f"next {name}", _monday_next_week() + timedelta(days=n)) for n, name in enumerate(dates.WEEKDAYS)],
        ("next week", _monday_next_week()),
        ("this weekend", weekend),
        ("in 3 days", today + timedelta(days=3)),
        ("in 2 weeks", today + timedelta(days=14)),
        ("in 1 month", today + relativedelta(months=1)),
        ("next month", today.replace(day=1) + relativedelta(months=1)),
        ("end of the month", month_end),
    ]


@pytest.fixture(scope="module")
def person(base_url) -> Api:
    return Api(base_url)


@pytest.mark.parametrize("phrase", [p for p, _ in _phrases()])
def test_quick_add_reads_the_day_as_the_user_counts_it(person, phrase):
    expected = dict(_phrases())[phrase]
    r = person.http.post(f"/api/{person.id}/tasks/quick", json={"text": f"Water the ferns {phrase}"})
    assert r.status_code == 201, r.text
    [task] = r.json()
    assert (task["title"], task["due_date"]) == ("Water the ferns", expected.isoformat()), (
        f"{phrase!r} on {dates.local_now():%a %Y-%m-%d %H:%M}"
    )


def test_the_chat_names_the_day_it_set(person):
    for name in dates.WEEKDAYS:
        answer = person.chat(f"add pay the {name} bill {name}")
        task = answer["tool_calls"][-1]["result"]["task"]
        assert task["due_date"] == dates.weekday(name).isoformat()
        assert f"due {dates.on(name)}" in answer["response"].lower(), answer["response"]


def test_today_overdue_and_the_week_follow_the_users_date(base_url):
    api = Api(base_url)
    now, today = dates.local_now(), dates.today()
    earlier = "00:00" if now.hour else None  # a time already past today (none at midnight)

    def add(title: str, days: int | None, due_time: str | None = None) -> int:
        body = {"title": title} | ({"due_date": (today + timedelta(days=days)).isoformat()} if days is not None else {})
        r = api.http.post(f"/api/{api.id}/tasks", json=body | ({"due_time": due_time} if due_time else {}))
        assert r.status_code == 201, r.text
        return r.json()["id"]

    yesterday = add("Yesterday", -1)
    this_morning = add("Earlier today", 0, earlier) if earlier else None
    tonight = add("Later today", 0, "23:59")
    tomorrow = add("Tomorrow", 1)
    sixth = add("In six days", 6)
    seventh = add("In seven days", 7)
    add("Undated", None)

    def ids(due: str) -> set[int]:
        r = api.http.get(f"/api/{api.id}/tasks", params={"due": due})
        assert r.status_code == 200, r.text
        return {t["id"] for t in r.json()}

    past_today = {this_morning} if this_morning else set()
    assert ids("overdue") == {yesterday} | past_today
    assert ids("today") == {tonight} | past_today
    assert ids("week") == {tonight, tomorrow, sixth} | past_today  # the next 7 days, today included
    assert seventh not in ids("week")
