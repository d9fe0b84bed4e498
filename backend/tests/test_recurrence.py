"""todo_chatbot.recurrence: RRULE checks, next occurrences and rules in words. No database."""

from datetime import date

import pytest

from todo_chatbot import recurrence as r

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    ("given", "canonical", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO", "every Monday"),
        ("rrule:freq=daily;interval=2", "FREQ=DAILY;INTERVAL=2", "every 2 days"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"),
        ("FREQ=WEEKLY;BYDAY=SA,SU", "FREQ=WEEKLY;BYDAY=SA,SU", "every weekend"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "every 2 weeks on Monday and Thursday"),
        ("FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTHDAY=31", "every month on the 31st"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYMONTHDAY=-1", "every month on the last day"),
        ("FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=1MO", "every month on the first Monday"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "every year on February 29th"),
        ("FREQ=DAILY;COUNT=3", "FREQ=DAILY;COUNT=3", "every day, 3 times"),
        ("FREQ=DAILY;UNTIL=20261231T235959Z", "FREQ=DAILY;UNTIL=20261231", "every day, until 2026-12-31"),
    ],
)
def test_rules_are_normalised_and_described(given, canonical, words):
    assert r.normalise(given) == canonical
    assert r.describe(canonical) == words


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "FREQ=HOURLY",
        "FREQ=DAILY;FOO=1",
        "not a rule",
        "FREQ=WEEKLY;BYDAY=XX",
        "DTSTART:20260101\nRRULE:FREQ=DAILY",
        "FREQ=DAILY;COUNT=2;UNTIL=20270101",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;FREQ=WEEKLY",
        "FREQ=DAILY;UNTIL=tomorrow",
        "FREQ=" + "D" * 400,
    ],
)
def test_bad_rules_are_refused_with_a_reason(bad):
    with pytest.raises(r.InvalidRule) as caught:
        r.normalise(bad)
    assert str(caught.value)


def test_rules_that_never_occur_have_no_first_day():
    assert r.first_on_or_after("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", date(2026, 1, 1)) is None
    assert r.first_on_or_after("FREQ=DAILY;UNTIL=20250101", date(2026, 1, 1)) is None
    assert r.first_on_or_after("FREQ=WEEKLY;BYDAY=SU", date(2026, 11, 26)) == date(2026, 11, 29)


def test_a_count_is_what_remains_of_the_series():
    assert r.next_after("FREQ=DAILY;COUNT=3", date(2026, 1, 1)) == (date(2026, 1, 2), "FREQ=DAILY;COUNT=2")
    assert r.next_after("FREQ=DAILY;COUNT=1", date(2026, 1, 1)) is None
    assert r.next_after("FREQ=DAILY;UNTIL=20260102", date(2026, 1, 2)) is None
