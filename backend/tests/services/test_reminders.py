"""Reminders, as a person and their open tabs see them: when remind_at is, that it moves with the
due date, and that a due reminder fires once, as an event in every open tab and a notification
to the person's own service.

The server's clock is the tests' (tests/dates.py, Thursday 2026-11-26 10:00 UTC unless the date
matrix moves it); firing is shown by moving it past a reminder's moment while the scheduler polls.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from tests import dates
from tests.conftest import SECRET, SUBPROCESS_LIMITS, Api, chatbot, database_kind, free_port, running, wait_healthy
from tests.interfaces.http.test_events import Stream
from tests.interfaces.http.test_task_fields import create, put
from todo_chatbot.infra import clock
from todo_chatbot.infra.db import sync_url
from todo_chatbot.services import notify

NOW = dates.TEST_NOW.astimezone(UTC)


def z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def person(base_url) -> Api:
    api = Api(base_url)
    assert api.http.patch("/api/auth/me", json={"timezone": "Europe/Berlin"}).status_code == 200
    return api


# ---------------------------------------------------------------- remind_at


def test_a_reminder_before_the_due_time_is_that_much_earlier_in_the_owners_zone(person):
    task = create(person, title="Call the dentist", due_date="2026-12-01", due_time="15:00", reminder={"before": 30})
    assert task["reminder"] == {"before": 30}
    assert task["remind_at"] == "2026-12-01T13:30:00Z"  # 14:30 in Berlin
    no_time = create(person, title="Pay rent", due_date="2026-12-01", reminder={"before": 0})
    assert no_time["remind_at"] == "2026-12-01T08:00:00Z"  # a day without a time reminds at 09:00 there


def test_moving_the_due_date_moves_the_reminder_and_clearing_it_drops_it(person):
    task = create(person, title="Call the dentist", due_date="2026-12-01", due_time="15:00", reminder={"before": 60})
    moved = put(person, task["id"], due_date="2026-12-03", due_time="10:00")
    assert (moved["reminder"], moved["remind_at"]) == ({"before": 60}, "2026-12-03T08:00:00Z")
    undated = put(person, task["id"], due_date=None)
    assert (undated["reminder"], undated["remind_at"]) == (None, None)


def test_a_reminder_at_a_moment_and_removing_one(person):
    task = create(person, title="Water the ferns", reminder={"at": "2026-12-24T17:00:00+01:00"})
    assert (task["reminder"], task["remind_at"]) == ({"at": "2026-12-24T16:00:00Z"}, "2026-12-24T16:00:00Z")
    past = create(person, title="Too late", reminder={"at": z(NOW - timedelta(hours=1))})
    assert past["remind_at"] is None  # a moment gone by never fires
    cleared = put(person, task["id"], reminder=None)
    assert (cleared["reminder"], cleared["remind_at"]) == (None, None)


@pytest.mark.parametrize(
    "body,field",
    [
        ({"reminder": {"before": 30}}, "reminder"),  # before what? no due date
        ({"due_date": "2026-12-01", "reminder": {"before": -5}}, "before"),
        ({"due_date": "2026-12-01", "reminder": {"before": 40321}}, "before"),
        ({"due_date": "2026-12-01", "reminder": {"before": "soon"}}, "before"),
        ({"reminder": {"at": "2026-12-24T17:00:00"}}, "at"),  # a moment needs its offset
        ({"reminder": {"at": "tomorrow"}}, "at"),
        ({"reminder": {"before": 5, "at": "2026-12-24T17:00:00Z"}}, "reminder"),
        ({"reminder": "30 minutes before"}, "reminder"),
    ],
)
def test_impossible_reminders_are_refused_naming_the_field(person, body, field):
    r = person.http.post(f"/api/{person.id}/tasks", json={"title": "x", **body})
    assert r.status_code == 422, r.text
    assert field in json.dumps(r.json()["detail"])
    assert person.tasks() == []


def test_completing_stops_it_reopening_brings_a_future_one_back(person):
    task = create(person, title="Renew passport", due_date="2026-12-10", reminder={"before": 0})
    done = person.http.patch(f"/api/{person.id}/tasks/{task['id']}/complete").json()
    assert done["remind_at"] is None and done["reminder"] == {"before": 0}
    reopened = person.http.patch(f"/api/{person.id}/tasks/{task['id']}/complete").json()
    assert reopened["remind_at"] == task["remind_at"]


def test_completing_through_put_schedules_the_reminder_once(person, monkeypatch):
    """PUT {"completed": true} goes through the completion, which reschedules; nothing schedules it again."""
    from todo_chatbot.services import reminders

    task = create(person, title="Renew the lease", due_date="2026-12-10", due_time="10:00", reminder={"before": 60})
    scheduled: list[int] = []
    real = reminders.schedule
    monkeypatch.setattr(reminders, "schedule", lambda t, zone, now: (scheduled.append(t.id), real(t, zone, now))[1])
    done = put(person, task["id"], completed=True)
    assert (done["remind_at"], scheduled) == (None, [task["id"]])
    scheduled.clear()
    moved = put(person, task["id"], completed=False, due_time="11:00")  # reopened and moved in one change
    assert (moved["remind_at"], scheduled) == ("2026-12-10T09:00:00Z", [task["id"]])
    scheduled.clear()
    assert put(person, task["id"], due_time="12:00")["remind_at"] == "2026-12-10T10:00:00Z" and scheduled == [task["id"]]


def test_the_next_occurrence_of_a_repeating_task_reminds_too(person):
    weekly = create(person, title="Gym", due_date="2026-11-30", due_time="18:00", recurrence="FREQ=WEEKLY", reminder={"before": 15})
    fixed = create(person, title="Bins", due_date="2026-11-30", recurrence="FREQ=WEEKLY", reminder={"at": "2026-11-29T20:00:00Z"})
    completed = [person.http.patch(f"/api/{person.id}/tasks/{n}/complete").json() for n in (weekly["id"], fixed["id"])]
    nexts = {t["title"]: t for t in person.tasks("pending")}
    assert (nexts["Gym"]["due_date"], nexts["Gym"]["remind_at"]) == ("2026-12-07", "2026-12-07T16:45:00Z")
    assert nexts["Bins"]["reminder"] == {"at": "2026-12-06T20:00:00Z"}  # a week later, as the due date moved
    assert all(t["remind_at"] is None for t in completed)


def test_a_new_time_zone_moves_reminders_before_a_due_time(person):
    task = create(person, title="Stand-up", due_date="2026-12-01", due_time="09:00", reminder={"before": 10})
    assert task["remind_at"] == "2026-12-01T07:50:00Z"
    assert person.http.patch("/api/auth/me", json={"timezone": "America/New_York"}).status_code == 200
    assert person.http.get(f"/api/{person.id}/tasks/{task['id']}").json()["remind_at"] == "2026-12-01T13:50:00Z"


def test_undo_brings_a_removed_reminder_back(person):
    task = create(person, title="Call mom", due_date="2026-12-02", reminder={"before": 30})
    put(person, task["id"], reminder=None)
    undone = person.http.post(f"/api/{person.id}/undo")
    assert undone.status_code == 200
    assert person.http.get(f"/api/{person.id}/tasks/{task['id']}").json()["remind_at"] == task["remind_at"]


# ---------------------------------------------------------------- firing


class Receiver:
    """A person's own notification service on loopback (Apprise's json:// posts to it)."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.failures = 0  # answer 500 this many times first
        self.app = Starlette(routes=[Route("/{path:path}", self.take, methods=["POST"])])

    async def take(self, request: Request) -> JSONResponse:
        if self.failures:
            self.failures -= 1
            return JSONResponse({"error": "try later"}, status_code=500)
        self.received.append(await request.json())
        return JSONResponse({"ok": True})


@pytest.fixture(scope="module")
def receiver() -> Iterator[tuple[Receiver, str]]:
    service = Receiver()
    with running(service.app) as url:
        yield service, url


@pytest.fixture(scope="module")
def firing_url(database_url) -> Iterator[str]:
    """A server whose scheduler polls fast and may notify loopback addresses."""
    settings = {"reminders": True, "reminder_poll_seconds": 0.2, "notify_allow_private": True, "reminder_max_late": 6 * 3600}
    with chatbot(database_url, **settings) as url:
        yield url


class Clock:
    def __init__(self, monkeypatch) -> None:
        self.monkeypatch = monkeypatch

    def set(self, moment: datetime) -> None:
        self.monkeypatch.setattr(clock, "now", lambda: moment)


def wait_for(check, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    return check()


def test_a_due_reminder_fires_once_in_every_open_tab_and_to_the_persons_service(firing_url, receiver, monkeypatch, database_url):
    service, service_url = receiver
    api = Api(firing_url)
    assert api.http.put(f"/api/{api.id}/notify", json={"url": f"json://{service_url.removeprefix('http://')}/hook"}).status_code == 200
    task = create(api, title="Call the dentist", due_date="2026-11-26", due_time="15:00", reminder={"before": 30})
    other = create(api, title="Later", due_date="2026-11-27", reminder={"before": 0})
    tabs = [Stream(firing_url, api), Stream(firing_url, api)]
    try:
        Clock(monkeypatch).set(datetime(2026, 11, 26, 14, 30, 1, tzinfo=UTC))
        for tab in tabs:
            event = tab.next_named("reminder")
            assert event["late"] is False
            assert (event["task"]["id"], event["task"]["title"], event["task"]["remind_at"]) == (task["id"], "Call the dentist", None)
            assert tab.next_named("tasks") == {"ids": [task["id"]], "source": "reminder"}
        assert wait_for(lambda: service.received), "the person's service got nothing"
        [sent] = [m for m in service.received if "Call the dentist" in m.get("title", "")]
        assert "2026-11-26 at 15:00" in sent["message"]
        time.sleep(0.6)  # three more polls: nothing fires twice
        assert all(tab.quiet(0.1) for tab in tabs)
        assert len([m for m in service.received if "Call the dentist" in m.get("title", "")]) == 1
        shown = {t["id"]: t for t in api.tasks()}
        assert shown[task["id"]]["remind_at"] is None and shown[other["id"]]["remind_at"] == other["remind_at"]
    finally:
        for tab in tabs:
            tab.close()


def test_each_fired_reminder_is_published_once_and_streams_still_show_its_change(firing_url, monkeypatch):
    """One notification per delivery (on PostgreSQL, one NOTIFY): a tab gets `reminder`, then the
    `tasks` change firing made, from that one publication."""
    from todo_chatbot.infra import events

    api = Api(firing_url)
    numbers = [create(api, title=f"Errand {n}", reminder={"at": z(NOW + timedelta(hours=2))})["id"] for n in range(3)]
    published: list[tuple[str, dict]] = []
    real = events.publish

    async def counted(session, user_id, name, data):
        if user_id == api.id:
            published.append((name, data))
        await real(session, user_id, name, data)

    monkeypatch.setattr(events, "publish", counted)
    tab = Stream(firing_url, api)
    try:
        Clock(monkeypatch).set(NOW + timedelta(hours=2, seconds=1))
        seen = []
        for _ in numbers:
            seen.append(tab.next_named("reminder")["task"]["id"])
            assert tab.next_named("tasks") == {"ids": [seen[-1]], "source": "reminder"}
        assert sorted(seen) == numbers
        assert sorted((name, data["task"]["id"]) for name, data in published) == [("reminder", n) for n in numbers]
    finally:
        tab.close()


def test_a_reminder_missed_while_nothing_ran_fires_late_and_a_very_old_one_not_at_all(firing_url, monkeypatch):
    api = Api(firing_url)
    late = create(api, title="Missed", reminder={"at": z(NOW + timedelta(hours=3))})
    ancient = create(api, title="Long gone", reminder={"at": z(NOW + timedelta(minutes=5))})
    tab = Stream(firing_url, api)
    try:
        Clock(monkeypatch).set(NOW + timedelta(hours=6, minutes=30))  # 3 h 30 min and 6 h 25 min late; the limit is 6 h
        event = tab.next_named("reminder")
        assert (event["task"]["id"], event["late"]) == (late["id"], True)
        assert tab.next_named("tasks")["ids"] == [late["id"]]
        assert tab.quiet(0.6), "a reminder older than REMINDER_MAX_LATE fired"
        assert {t["id"]: t["remind_at"] for t in api.tasks()} == {late["id"]: None, ancient["id"]: None}
    finally:
        tab.close()


def test_a_failed_notification_is_tried_again_later(firing_url, receiver, monkeypatch):
    service, service_url = receiver
    service.failures = 2
    api = Api(firing_url)
    api.http.put(f"/api/{api.id}/notify", json={"url": f"json://{service_url.removeprefix('http://')}/retry"})
    create(api, title="Feed the cat", reminder={"at": z(NOW + timedelta(minutes=1))})
    moving = Clock(monkeypatch)
    moving.set(NOW + timedelta(minutes=1, seconds=1))
    assert wait_for(lambda: service.failures == 1), "the first try did not happen"
    time.sleep(0.5)
    assert not [m for m in service.received if "Feed the cat" in m["title"]]  # the next try waits its backoff
    for minutes in (2, 4):
        moving.set(NOW + timedelta(minutes=minutes))
        time.sleep(0.5)
    assert wait_for(lambda: [m for m in service.received if "Feed the cat" in m["title"]]), "not sent after the failures"


# ---------------------------------------------------------------- the person's own service


@pytest.mark.parametrize(
    "url",
    [
        "json://127.0.0.1:9/hook",
        "json://localhost/hook",
        "ntfy://10.1.2.3/topic",
        "gotify://192.168.1.20/token",
        "json://169.254.169.254/latest/meta-data",
        "json://[::1]:8080/x",
        "json://[::ffff:127.0.0.1]/x",
        "json://0.0.0.0/x",
        "mailto://user:pw@100.64.0.1",
        "json://2130706433/x",  # 127.0.0.1 as one decimal number
        "json://0x7f000001/x",  # ... in hex
        "json://0177.0.0.1/x",  # ... in octal
        "json://127.1/x",  # ... shortened
        "json://localhost./x",  # a name that resolves to loopback
        "json://[0:0:0:0:0:ffff:7f00:1]/x",
        "json://[fe80::1]/x",
        "gotify://[fd00:ec2::254]/token",  # a cloud metadata address
    ],
)
def test_a_target_on_a_private_address_is_refused(user, url):
    r = user.http.put(f"/api/{user.id}/notify", json={"url": url})
    assert r.status_code == 422, r.text
    said = json.dumps(r.json())
    assert "private" in said or "Apprise knows" in said  # refused by the guard, or not even a host Apprise takes
    assert user.http.get(f"/api/{user.id}/notify").status_code == 404


def test_the_same_targets_are_taken_when_the_operator_allows_private_ones(firing_url):
    """What refuses them is the guard, and NOTIFY_ALLOW_PRIVATE lifts it (a ntfy on the home network)."""
    api = Api(firing_url)
    for url in ("json://127.0.0.1:9/hook", "json://2130706433/x", "ntfy://10.1.2.3/topic", "json://[::1]:8080/x"):
        assert api.http.put(f"/api/{api.id}/notify", json={"url": url}).status_code == 200, url


@pytest.mark.parametrize("asked", ["", "?redirect=yes"])
def test_a_public_target_that_redirects_to_a_private_address_is_not_followed(receiver, monkeypatch, asked):
    """The guard checks the target's address; a public host answering 307 with a private address
    must not carry the notification there (Apprise follows redirects unless told not to)."""
    service, private_url = receiver
    before = len(service.received)
    redirector = Starlette(
        routes=[Route("/{path:path}", lambda r: RedirectResponse(f"{private_url}/stolen", status_code=307), methods=["POST"])]
    )
    with running(redirector, host="127.0.0.2") as public_url:
        # 127.0.0.2 stands for a public host here: the guard takes it, and only it
        monkeypatch.setattr(notify, "_refused", lambda address: address != "127.0.0.2")
        target = f"json://{public_url.removeprefix('http://')}/hook{asked}"
        sent = asyncio.run(notify.send(target, "Call the dentist", "due now", allow_private=False))
    assert sent is False
    assert len(service.received) == before  # nothing reached the private service


@pytest.mark.parametrize("url", ["https://example.com/hook", "not a url", "json://", "x" * 3000])
def test_a_target_apprise_cannot_read_is_refused(user, url):
    r = user.http.put(f"/api/{user.id}/notify", json={"url": url})
    assert r.status_code == 422, r.text


def test_a_target_is_shown_masked_and_removed_without_contacting_it(user):
    r = user.http.put(f"/api/{user.id}/notify", json={"url": "ntfys://anna:s3cret-pass@93.184.216.34/my-reminders"})
    assert r.status_code == 200, r.text
    shown = user.http.get(f"/api/{user.id}/notify").json()["url"]
    assert shown.startswith("ntfys://anna:") and "s3cret-pass" not in shown and "93.184.216.34/my-reminders" in shown
    assert user.http.put(f"/api/{user.id}/notify", json={"url": "discord://1234567/webhooktoken"}).status_code == 200
    assert "webhooktoken" not in user.http.get(f"/api/{user.id}/notify").json()["url"]
    assert user.http.delete(f"/api/{user.id}/notify").status_code == 204
    assert user.http.get(f"/api/{user.id}/notify").status_code == 404
    assert user.http.delete(f"/api/{user.id}/notify").status_code == 404


def test_a_test_notification_says_test(firing_url, receiver):
    service, service_url = receiver
    api = Api(firing_url)
    assert api.http.post(f"/api/{api.id}/notify/test").status_code == 404  # nothing set yet
    api.http.put(f"/api/{api.id}/notify", json={"url": f"json://{service_url.removeprefix('http://')}/test"})
    r = api.http.post(f"/api/{api.id}/notify/test")
    assert r.status_code == 200, r.text
    assert "test" in service.received[-1]["title"].lower() and "test" in service.received[-1]["message"].lower()
    service.failures = 1
    assert api.http.post(f"/api/{api.id}/notify/test").status_code == 502


def test_tasks_of_other_people_never_fire_in_my_tab(firing_url, monkeypatch):
    mine, theirs = Api(firing_url), Api(firing_url)
    create(theirs, title="Their errand", reminder={"at": z(NOW + timedelta(minutes=3))})
    tab = Stream(firing_url, mine)
    try:
        Clock(monkeypatch).set(NOW + timedelta(minutes=3, seconds=1))
        assert wait_for(lambda: theirs.tasks()[0]["remind_at"] is None)
        assert tab.quiet(0.3)
    finally:
        tab.close()


# ---------------------------------------------------------------- several processes, one database


def serving(database_url: str, count: int) -> list[tuple[subprocess.Popen, str]]:
    """`count` `todo-chatbot serve` processes on one database, each polling for reminders every 0.2 s."""
    env = {**os.environ, "DATABASE_URL": database_url, "BETTER_AUTH_SECRET": SECRET, "LOG_LEVEL": "WARNING"}
    env |= {"REMINDER_POLL_SECONDS": "0.2", "REMINDERS": "true"} | SUBPROCESS_LIMITS
    servers = []
    for _ in range(count):
        port = free_port()
        command = [sys.executable, "-m", "todo_chatbot.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        servers.append((proc, f"http://127.0.0.1:{port}"))
        wait_healthy(servers[-1][1], proc)
    return servers


def stop(servers: list[tuple[subprocess.Popen, str]], tabs: list[Stream]) -> None:
    for tab in tabs:
        tab.close()
    for proc, _ in servers:
        proc.terminate()
        proc.communicate(timeout=30)


@pytest.mark.skipif(database_kind() != "postgresql", reason="several server processes share one PostgreSQL database")
def test_with_several_processes_each_reminder_fires_once_and_a_stuck_claim_is_taken_over(database_url):
    """Three `todo-chatbot serve` processes poll one database; one is killed before the moment, and a
    transaction standing for a process that claimed ten reminders and hung holds their rows. Every
    reminder fires exactly once, in every tab on every process; the ten fire once the claim is gone."""
    servers: list[tuple[subprocess.Popen, str]] = []
    engine = create_engine(sync_url(database_url))
    tabs: list[Stream] = []
    try:
        servers += serving(database_url, 3)
        api = Api(servers[0][1])
        moment = datetime.now(UTC) + timedelta(seconds=4)  # the servers run on the real clock
        numbers = []
        for n in range(40):
            r = api.http.post(f"/api/{api.id}/tasks", json={"title": f"Errand {n}", "reminder": {"at": z(moment)}})
            assert r.status_code == 201, r.text
            numbers.append(r.json()["id"])
        tabs = [Stream(url, api) for _, url in servers[:2]]
        servers[2][0].kill()  # gone before the moment; the others do its share
        stuck = engine.connect()
        held = text("SELECT id FROM tasks WHERE user_id = :u AND id <= :n ORDER BY id FOR UPDATE")
        assert len(stuck.execute(held, {"u": api.id, "n": numbers[9]}).all()) == 10  # claimed, then hung
        time.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()) + 2)
        fired = {tab: [tab.next_named("reminder", 5)["task"]["id"] for _ in range(30)] for tab in tabs}
        for seen in fired.values():
            assert sorted(seen) == numbers[10:]
        stuck.rollback()  # the hung process dies: its claim goes with its transaction
        stuck.close()
        for tab in tabs:
            later = sorted(tab.next_named("reminder", 5)["task"]["id"] for _ in range(10))
            assert later == numbers[:10]
            time.sleep(1.0)  # five more polls on each process
            assert "reminder" not in [name for name, _ in list(tab.items.queue)], "a reminder fired twice"
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT task_id, count(*) FROM reminder_deliveries WHERE user_id = :u GROUP BY task_id"), {"u": api.id}
            )
            assert dict(rows.all()) == dict.fromkeys(numbers, 1)
    finally:
        stop(servers, tabs)
        engine.dispose()


async def test_mcp_clients_set_and_clear_reminders(base_url, person):
    from tests.interfaces.mcp.test_mcp import http_client

    async with http_client(base_url, person.token) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert "reminder" in tools["add_task"].input_schema["properties"]
        added = await client.call_tool(
            "add_task", {"title": "Call the bank", "due_date": "2026-12-01", "due_time": "11:00", "reminder": {"before": 15}}
        )
        task = added.structured_content["task"]
        assert (task["reminder"], task["remind_at"]) == ({"before": 15}, "2026-12-01T09:45:00Z")
        refused = await client.call_tool("add_task", {"title": "x", "reminder": {"before": 15}})
        assert refused.is_error and "due_date" in refused.content[0].text
        cleared = await client.call_tool("update_task", {"task_id": task["id"], "clear_reminder": True})
        assert cleared.structured_content["task"]["reminder"] is None


def test_quick_add_reads_reminders(person):
    r = person.http.post(f"/api/{person.id}/tasks/quick", json={"text": "Call the dentist 2026-12-01 at 3pm, remind me 30 minutes before"})
    assert r.status_code == 201, r.text
    [task] = r.json()
    assert (task["title"], task["reminder"], task["remind_at"]) == ("Call the dentist", {"before": 30}, "2026-12-01T13:30:00Z")
    r = person.http.post(f"/api/{person.id}/tasks/quick", json={"text": "remind me to pay the rent on 2026-12-02 at 9am"})
    [task] = r.json()
    assert (task["title"], task["reminder"], task["remind_at"]) == ("Pay the rent", {"before": 0}, "2026-12-02T08:00:00Z")


def test_the_assistant_sets_a_reminder_when_asked_to_remind(person):
    answer = person.chat("remind me to pay the rent on 2026-12-02 at 9am")
    added = answer["tool_calls"][-1]["result"]["task"]
    assert (added["title"], added["reminder"], added["remind_at"]) == ("Pay the rent", {"before": 0}, "2026-12-02T08:00:00Z")
    plain = person.chat("add water the ferns on 2026-12-02")["tool_calls"][-1]["result"]["task"]
    assert plain["reminder"] is None  # only when asked


def test_the_assistant_says_when_it_will_remind(person):
    assert "I'll remind you then" in person.chat("remind me to call the dentist on 2026-12-02 at 3pm")["response"]
    said = person.chat("add the meeting on 2026-12-03 at 10am, remind me 30 minutes before")["response"]
    assert "due on" in said and "reminder 30 minutes before" in said, said


# ---------------------------------------------------------------- in conversation (the offline assistant)


def test_setting_listing_and_stopping_reminders_in_conversation(person):
    first = person.chat("add call the dentist on 2026-12-01 at 3pm")
    conversation = first["conversation_id"]
    said = person.chat("remind me 30 minutes before", conversation)["response"]
    assert said == "OK, I'll remind you about “Call the dentist” on Tuesday at 14:30.", said
    [task] = person.tasks()
    assert (task["reminder"], task["remind_at"]) == ({"before": 30}, "2026-12-01T13:30:00Z")
    assert "on Tuesday at 09:00" in person.chat("actually remind me at 9am", conversation)["response"]
    assert person.tasks()[0]["remind_at"] == "2026-12-01T08:00:00Z"
    listed = person.chat("what reminders do I have?", conversation)["response"]
    assert listed.startswith("Reminders (1):") and "“Call the dentist” (task #1): on Tuesday at 09:00" in listed
    stopped = person.chat("don't remind me about the dentist", conversation)
    assert stopped["response"] == "OK, I won't remind you about “Call the dentist”."
    assert person.tasks()[0]["reminder"] is None
    assert "no reminders set" in person.chat("show my reminders", conversation)["response"]
    assert person.chat("undo", conversation)["tool_calls"][-1]["name"] == "undo_last_change"
    assert person.tasks()[0]["reminder"] == {"at": "2026-12-01T08:00:00Z"}


def test_a_reminder_with_nothing_to_attach_to_never_makes_a_task(person):
    asked = person.chat("remind me at 5pm")
    assert "which task" in asked["response"].lower() and person.tasks() == []
    ferns = person.chat("add water the ferns")
    undated = person.chat("remind me 30 minutes before", ferns["conversation_id"])  # the ferns have no due date
    assert "has no due date" in undated["response"] and person.tasks()[0]["reminder"] is None
    new = person.chat("remind me about the vet at 5pm")  # no such task: a new to-do that reminds
    task = new["tool_calls"][-1]["result"]["task"]
    assert (task["title"], task["due_time"], task["reminder"]) == ("The vet", "17:00", {"before": 0})


def test_remind_me_again_after_a_reminder_fired(firing_url, monkeypatch):
    api = Api(firing_url)
    create(api, title="Take the cake out", reminder={"at": z(NOW + timedelta(minutes=2))})
    tab = Stream(firing_url, api)
    try:
        later = NOW + timedelta(minutes=2, seconds=5)
        Clock(monkeypatch).set(later)
        assert tab.next_named("reminder")["task"]["title"] == "Take the cake out"
    finally:
        tab.close()
    said = api.chat("remind me again in 10 minutes")["response"]
    assert said.startswith("OK, I'll remind you about “Take the cake out” today at"), said
    assert api.tasks()[0]["remind_at"] == z(later + timedelta(minutes=10))


@pytest.mark.skipif(database_kind() != "postgresql", reason="several server processes share one PostgreSQL database")
def test_a_thousand_reminders_in_one_second_fire_once_though_a_process_is_killed_mid_run(database_url):
    """1,000 reminders due in the same second, three processes polling, one killed with SIGKILL just
    after the moment: every reminder fires once, in the delivery log and on every listening tab."""
    servers: list[tuple[subprocess.Popen, str]] = []
    engine = create_engine(sync_url(database_url))
    tabs: list[Stream] = []
    try:
        servers += serving(database_url, 3)
        api = Api(servers[0][1])
        tabs = [Stream(url, api) for _, url in servers[:2]]
        moment = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=3)  # the servers run on the real clock
        rows = [
            {"u": api.id, "id": n, "t": f"Errand {n}", "r": json.dumps({"at": z(moment)}), "at": moment, "now": datetime.now(UTC)}
            for n in range(1, 1001)
        ]
        with engine.begin() as conn:  # 1,000 tasks at once: written straight into the table, as the API would
            conn.execute(
                text(
                    "INSERT INTO tasks (user_id, id, title, completed, priority, tags, next_created, reminder, remind_at, "
                    "created_at, updated_at) VALUES (:u, :id, :t, false, 'none', '', false, CAST(:r AS json), :at, :now, :now)"
                ),
                rows,
            )
            conn.execute(text("UPDATE users SET task_seq = 1000 WHERE id = :u"), {"u": api.id})
        time.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()) + 0.15)
        servers[2][0].kill()  # mid-run: whatever it had claimed and not committed goes back
        for tab in tabs:
            seen = [tab.next_named("reminder", 20)["task"]["id"] for _ in range(1000)]
            assert sorted(seen) == list(range(1, 1001))
        time.sleep(1.0)
        for tab in tabs:
            assert "reminder" not in [name for name, _ in list(tab.items.queue)], "a reminder fired twice"
        with engine.connect() as conn:
            counted = text("SELECT count(*), count(DISTINCT task_id) FROM reminder_deliveries WHERE user_id = :u")
            assert tuple(conn.execute(counted, {"u": api.id}).one()) == (1000, 1000)
            left = text("SELECT count(*) FROM tasks WHERE user_id = :u AND remind_at IS NOT NULL")
            assert conn.execute(left, {"u": api.id}).scalar_one() == 0
    finally:
        stop(servers, tabs)
        engine.dispose()
