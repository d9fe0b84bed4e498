"""The calendar feed as a calendar app sees it: a secret address that needs no other credential,
one event per open task with a due date, read back by a strict parser (the `ical` library, not the
one that writes it), with ETags, and an address that stops working when replaced or revoked."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from ical.calendar_stream import IcsCalendarStream

from tests.conftest import Api


@pytest.fixture
def person(base_url) -> Api:
    api = Api(base_url)
    assert api.http.patch("/api/auth/me", json={"timezone": "Europe/Berlin"}).status_code == 200
    return api


def add(api: Api, **body) -> dict:
    r = api.http.post(f"/api/{api.id}/tasks", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def feed_url(api: Api) -> str:
    r = api.http.post(f"/api/{api.id}/calendar-feed")
    assert r.status_code == 201, r.text
    return r.json()["url"]


def test_open_dated_tasks_are_events_a_strict_parser_reads(person):
    add(person, title="Pay rent", due_date="2026-12-01", recurrence="FREQ=MONTHLY;BYMONTHDAY=1", reminder={"before": 60}, tags=["home"])
    add(person, title="Dentist", description="bring the form", due_date="2026-12-03", due_time="14:30", reminder={"before": 30})
    done = add(person, title="Done already", due_date="2026-12-02")
    person.http.patch(f"/api/{person.id}/tasks/{done['id']}/complete")
    add(person, title="Someday")  # no date: not in a calendar
    url = feed_url(person)
    r = httpx.get(url)  # no token, no cookie: the address is the credential
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    cal = IcsCalendarStream.calendar_from_ics(r.text)
    events = {e.summary: e for e in cal.events}
    assert set(events) == {"Pay rent", "Dentist"}

    rent = events["Pay rent"]
    assert rent.dtstart == date(2026, 12, 1) and rent.rrule is not None
    [rent_alarm] = rent.alarm
    assert rent_alarm.trigger == datetime(2026, 12, 1, 8, 0, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(
        UTC
    )  # 09:00 less an hour, absolute

    dentist = events["Dentist"]
    assert dentist.dtstart == datetime(2026, 12, 3, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert dentist.description == "bring the form"
    [dentist_alarm] = dentist.alarm
    assert dentist_alarm.trigger == timedelta(minutes=-30)
    assert "BEGIN:VTIMEZONE" in r.text and "TZID=Europe/Berlin" in r.text
    # stable identities: the same task keeps its UID across fetches
    assert rent.uid == IcsCalendarStream.calendar_from_ics(httpx.get(url).text).events[0].uid


def test_an_unchanged_feed_answers_304_and_a_change_a_new_etag(person):
    add(person, title="Dentist", due_date="2026-12-03")
    url = feed_url(person)
    first = httpx.get(url)
    tag = first.headers["etag"]
    assert httpx.get(url, headers={"If-None-Match": tag}).status_code == 304
    add(person, title="Gym", due_date="2026-12-04")
    again = httpx.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 200 and again.headers["etag"] != tag and "Gym" in again.text


def test_a_new_address_replaces_the_old_and_revoking_stops_it(person, other_user):
    first = feed_url(person)
    second = feed_url(person)
    assert first != second
    assert httpx.get(first).status_code == 404
    assert httpx.get(second).status_code == 200
    assert person.http.delete(f"/api/{person.id}/calendar-feed").status_code == 204
    assert httpx.get(second).status_code == 404
    assert person.http.delete(f"/api/{person.id}/calendar-feed").status_code == 404
    base = second.rsplit("/", 1)[0]
    for token in ("nope.ics", "x" * 200 + ".ics", "%00.ics"):
        assert httpx.get(f"{base}/{token}").status_code == 404
    assert other_user.http.post(f"/api/{person.id}/calendar-feed").status_code == 403


def test_the_address_follows_the_proxy_or_public_url(person):
    r = person.http.post(f"/api/{person.id}/calendar-feed", headers={"X-Forwarded-Host": "todo.example:8080"})
    assert r.json()["url"].startswith("http://todo.example:8080/api/calendar/")
