"""Tasks v2 over REST: due dates, times, priorities, tags, recurrence, per-user numbers,
filters and sorting, time zones, quick add and undo."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.conftest import Api
from todo_chatbot.infra import clock


@pytest.fixture
def at(monkeypatch):
    """Moves the server's clock: at("2026-03-29T01:40:00Z")."""

    def move(moment: str) -> None:
        fixed = datetime.fromisoformat(moment.replace("Z", "+00:00")).astimezone(UTC)
        monkeypatch.setattr(clock, "now", lambda: fixed)

    return move


def set_zone(api: Api, zone: str) -> dict:
    r = api.http.patch("/api/auth/me", json={"timezone": zone})
    assert r.status_code == 200, r.text
    return r.json()


def create(api: Api, **body) -> dict:
    r = api.http.post(f"/api/{api.id}/tasks", json=body)
    assert r.status_code == 201, r.text
    return r.json()


def put(api: Api, number: int, **body) -> dict:
    r = api.http.put(f"/api/{api.id}/tasks/{number}", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def listing(api: Api, **params) -> list[dict]:
    r = api.http.get(f"/api/{api.id}/tasks", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def numbers(api: Api, **params) -> list[int]:
    return [t["id"] for t in listing(api, **params)]


def undo(api: Api) -> httpx.Response:
    return api.http.post(f"/api/{api.id}/undo")


# ---------------------------------------------------------------- fields


def test_every_field_round_trips(user):
    task = create(
        user,
        title="Pay rent",
        description="to the landlord",
        due_date="2026-12-01",
        due_time="9:05",
        priority="high",
        tags=["Home", "#money", "home"],
        recurrence="rrule:freq=monthly;bymonthday=1",
    )
    expected = {
        "id": 1,
        "title": "Pay rent",
        "description": "to the landlord",
        "completed": False,
        "completed_at": None,
        "due_date": "2026-12-01",
        "due_time": "09:05",
        "priority": "high",
        "tags": ["home", "money"],
        "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1",
        "recurrence_text": "every month on the 1st",
    }
    assert {k: task[k] for k in expected} == expected
    assert {k: v for k, v in user.http.get(f"/api/{user.id}/tasks/1").json().items() if k in expected} == expected


def test_defaults_for_a_plain_task(user):
    task = user.add("Buy milk")
    assert (task["due_date"], task["due_time"], task["priority"], task["tags"], task["recurrence"]) == (None, None, "none", [], None)


def test_put_changes_only_what_is_sent_and_null_clears_the_date(user):
    create(user, title="Gym", due_date="2026-12-07", due_time="18:00", recurrence="FREQ=WEEKLY;BYDAY=MO", tags=["health"])
    changed = put(user, 1, priority="low")
    assert (changed["due_date"], changed["due_time"], changed["priority"], changed["tags"]) == ("2026-12-07", "18:00", "low", ["health"])
    cleared = put(user, 1, due_date=None)
    assert (cleared["due_date"], cleared["due_time"], cleared["recurrence"]) == (None, None, None)
    assert put(user, 1, tags=[])["tags"] == []


def test_a_recurrence_without_a_date_is_due_on_its_first_occurrence(user, at):
    at("2026-11-26T10:00:00Z")  # a Thursday
    task = create(user, title="Water the plants", recurrence="FREQ=WEEKLY;BYDAY=SU")
    assert task["due_date"] == "2026-11-29" and task["recurrence_text"] == "every Sunday"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"due_date": "2026-02-30"}, "due_date"),
        ({"due_date": "tomorrow"}, "due_date"),
        ({"due_date": 20261201}, "due_date"),
        ({"due_time": "10:00"}, "due_time"),
        ({"due_date": "2026-12-01", "due_time": "25:61"}, "due_time"),
        ({"priority": "urgent"}, "priority"),
        ({"tags": ["two words"]}, "tags"),
        ({"tags": ["a#b"]}, "tags"),
        ({"tags": ["x" * 33]}, "tags"),
        ({"tags": [f"t{i}" for i in range(21)]}, "tags"),
        ({"recurrence": "FREQ=SOMETIMES"}, "recurrence"),
        ({"recurrence": "not a rule"}, "recurrence"),
        ({"recurrence": "FREQ=HOURLY"}, "recurrence"),
        ({"due_date": "2026-12-01", "recurrence": "FREQ=DAILY;UNTIL=20261101"}, "recurrence"),
        ({"recurrence": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "recurrence"),
    ],
)
def test_impossible_values_are_422_naming_the_field_and_change_nothing(user, body, field):
    r = user.http.post(f"/api/{user.id}/tasks", json={"title": "x", **body})
    assert r.status_code == 422, r.text
    assert any(field in [str(p) for p in e["loc"]] for e in r.json()["detail"]), r.json()
    user.add("kept")
    r = user.http.put(f"/api/{user.id}/tasks/1", json=body)
    assert r.status_code == 422, r.text
    assert user.tasks()[0]["title"] == "kept" and user.tasks()[0]["due_date"] is None
    assert undo(user).json()["undone"] == 'adding "kept"'  # the failed requests left nothing to undo


def test_clearing_the_date_while_setting_a_time_is_422(user):
    create(user, title="x", due_date="2026-12-01")
    r = user.http.put(f"/api/{user.id}/tasks/1", json={"due_date": None, "due_time": "10:00"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "due_time"]


# ---------------------------------------------------------------- numbers


def test_each_user_numbers_from_one_and_never_reuses_a_number(user, other_user):
    assert [user.add(t)["id"] for t in ("a", "b", "c")] == [1, 2, 3]
    assert other_user.add("mine")["id"] == 1
    assert user.http.delete(f"/api/{user.id}/tasks/3").status_code == 204
    assert user.add("d")["id"] == 4
    assert other_user.http.get(f"/api/{other_user.id}/tasks/2").status_code == 404
    assert [t["title"] for t in other_user.tasks()] == ["mine"]


def test_concurrent_creates_get_distinct_consecutive_numbers(user):
    def add(i: int) -> int:
        with httpx.Client(base_url=str(user.http.base_url), headers=dict(user.http.headers), timeout=60) as http:
            r = http.post(f"/api/{user.id}/tasks", json={"title": f"task {i}"})
            assert r.status_code == 201, r.text
            return r.json()["id"]

    with ThreadPoolExecutor(20) as pool:
        ids = list(pool.map(add, range(20)))
    assert sorted(ids) == list(range(1, 21))
    assert numbers(user) == list(range(1, 21))


# ---------------------------------------------------------------- filters and sorting


def test_filters_and_sorts(user, at):
    at("2026-11-26T12:00:00Z")
    create(user, title="Report", description="quarterly numbers", due_date="2026-11-27", priority="high", tags=["work"])  # 1
    create(user, title="apples", tags=["groceries"])  # 2
    create(user, title="Dentist", due_date="2026-11-26", due_time="15:00", priority="medium")  # 3
    create(user, title="Bills", due_date="2026-11-20", tags=["home", "money"])  # 4
    create(user, title="Call mom", due_date="2026-11-26", priority="high")  # 5
    create(user, title="Zebra", due_date="2026-12-10", priority="low", tags=["work"])  # 6

    assert numbers(user, q="NUMBERS") == [1]
    assert numbers(user, q="call mom") == [5]
    assert numbers(user, tag="work") == [1, 6]
    assert numbers(user, tag="#Work") == [1, 6]
    assert numbers(user, tag="wor") == []
    assert numbers(user, priority="high") == [1, 5]
    assert numbers(user, due="today") == [3, 5]
    assert numbers(user, due="overdue") == [4]
    assert numbers(user, due="week") == [1, 3, 5]
    assert numbers(user, due="week", sort="due") == [3, 5, 1]
    assert numbers(user, due="none") == [2]
    assert numbers(user, sort="due") == [4, 3, 5, 1, 6, 2]  # undated last; timed before untimed on a day
    assert numbers(user, sort="priority") == [5, 1, 3, 6, 4, 2]  # ties by due date, then number
    assert numbers(user, sort="title") == [2, 4, 5, 3, 1, 6]  # case-insensitive
    assert numbers(user, priority="high", sort="title", q="o") == [5, 1]

    at("2026-11-26T15:30:00Z")
    assert numbers(user, due="overdue") == [3, 4]
    put(user, 4, completed=True)
    assert numbers(user, due="overdue") == [3]  # a completed task is not overdue


@pytest.mark.parametrize(
    "params",
    [
        {"due": "someday"},
        {"sort": "random"},
        {"priority": "urgent"},
        {"status": "done"},
        {"limit": 0},
        {"limit": 100000},
        {"q": "a\x00b"},
        {"tag": "\x00"},
        {"q": "x" * 201},
    ],
)
def test_unknown_filter_values_are_422(user, params):
    r = user.http.get(f"/api/{user.id}/tasks", params=params)
    assert r.status_code == 422 and next(iter(params)) in str(r.json()["detail"])


def test_limit_pages_with_a_link_header(user):
    for i in range(5):
        user.add(f"t{i}")
    r = user.http.get(f"/api/{user.id}/tasks", params={"limit": 2, "sort": "title"})
    assert [t["title"] for t in r.json()] == ["t0", "t1"]
    seen = [t["title"] for t in r.json()]
    while "next" in r.links:
        r = user.http.get(r.links["next"]["url"])
        seen += [t["title"] for t in r.json()]
    assert seen == [f"t{i}" for i in range(5)]
    assert "link" not in user.http.get(f"/api/{user.id}/tasks", params={"limit": 5}).headers


def test_like_wildcards_are_plain_characters(user):
    user.add("100% done")
    user.add("under_score")
    user.add("other")
    assert [t["title"] for t in listing(user, q="%")] == ["100% done"]
    assert [t["title"] for t in listing(user, q="_")] == ["under_score"]


# ---------------------------------------------------------------- time zones


def test_time_zone_on_signup_and_profile(base_url):
    api = httpx.Client(base_url=base_url)
    r = api.post("/api/auth/signup", json={"email": "tz-user@example.com", "password": "password123", "timezone": "America/New_York"})
    assert r.status_code == 201 and r.json()["user"]["timezone"] == "America/New_York"
    api.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    assert api.get("/api/auth/me").json()["timezone"] == "America/New_York"
    for bad in ("Mars/Olympus", "", "../../etc/passwd", "utc+2"):
        r = api.patch("/api/auth/me", json={"timezone": bad})
        assert r.status_code == 422 and "timezone" in str(r.json()["detail"]), bad
    r = api.patch("/api/auth/me", json={"timezone": "Asia/Tokyo", "name": "Kenji"})
    assert (r.json()["timezone"], r.json()["name"]) == ("Asia/Tokyo", "Kenji")
    assert (
        api.post("/api/auth/signup", json={"email": "tz2@example.com", "password": "password123", "timezone": "Nowhere/Land"}).status_code
        == 422
    )


def test_today_is_the_users_day(user, at):
    create(user, title="Thursday thing", due_date="2026-11-26")
    create(user, title="Friday thing", due_date="2026-11-27")
    at("2026-11-26T23:30:00Z")
    assert numbers(user, due="today") == [1]
    set_zone(user, "Asia/Tokyo")  # already Friday 08:30 there
    assert numbers(user, due="today") == [2] and numbers(user, due="overdue") == [1]
    set_zone(user, "America/Los_Angeles")  # still Thursday 15:30
    assert numbers(user, due="today") == [1] and numbers(user, due="overdue") == []


def test_dst_changes_are_followed(user, at):
    set_zone(user, "Europe/Berlin")
    create(user, title="After the clocks move", due_date="2026-03-29", due_time="03:30")
    at("2026-03-29T01:20:00Z")  # 03:20 CEST (the clocks went from 02:00 to 03:00 at 01:00 UTC)
    assert numbers(user, due="overdue") == []
    at("2026-03-29T01:40:00Z")  # 03:40 CEST; a fixed +01:00 offset would say 02:40
    assert numbers(user, due="overdue") == [1]
    create(user, title="End of October", due_date="2026-10-25")
    at("2026-10-25T22:30:00Z")  # 23:30 CET on the 25th; a fixed +02:00 offset would say the 26th
    assert numbers(user, due="today") == [2]


# ---------------------------------------------------------------- recurrence


def complete(api: Api, number: int) -> dict:
    r = api.http.patch(f"/api/{api.id}/tasks/{number}/complete")
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize(
    ("rule", "due", "following"),
    [
        ("FREQ=DAILY", "2026-11-26", "2026-11-27"),
        ("FREQ=DAILY;INTERVAL=2", "2026-11-26", "2026-11-28"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-11-27", "2026-11-30"),  # Friday -> Monday
        ("FREQ=WEEKLY;BYDAY=MO,TH", "2026-11-26", "2026-11-30"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "2026-11-30", "2026-12-03"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "2026-11-26", "2026-12-10"),
        ("FREQ=MONTHLY;BYMONTHDAY=31", "2026-10-31", "2026-12-31"),  # November has no 31st: skipped
        ("FREQ=MONTHLY;BYMONTHDAY=31", "2027-01-31", "2027-03-31"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "2027-01-31", "2027-02-28"),  # the last day of every month
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2028-02-29", "2032-02-29"),
        ("FREQ=MONTHLY;BYDAY=1MO", "2026-12-07", "2027-01-04"),
    ],
)
def test_completing_a_repeating_task_creates_the_next_once(user, rule, due, following):
    task = create(
        user, title="Repeat me", due_date=due, due_time="07:30", priority="medium", tags=["x"], recurrence=rule, description="notes"
    )
    done = complete(user, task["id"])
    assert done["completed"] is True and done["completed_at"]
    pending = listing(user, status="pending")
    assert len(pending) == 1
    nxt = pending[0]
    assert (nxt["id"], nxt["due_date"], nxt["due_time"], nxt["priority"], nxt["tags"], nxt["recurrence"], nxt["description"]) == (
        2,
        following,
        "07:30",
        "medium",
        ["x"],
        rule,
        "notes",
    )
    # reopening and completing again never makes a second next occurrence
    assert complete(user, 1)["completed"] is False
    assert complete(user, 1)["completed"] is True
    put(user, 1, completed=False)
    put(user, 1, completed=True)
    assert len(listing(user)) == 2


def test_a_counted_series_ends(user):
    create(user, title="Three times", due_date="2026-11-26", recurrence="FREQ=DAILY;COUNT=3")
    complete(user, 1)
    assert listing(user, status="pending")[0]["recurrence"] == "FREQ=DAILY;COUNT=2"
    complete(user, 2)
    complete(user, 3)
    assert listing(user, status="pending") == [] and len(listing(user)) == 3


def test_undoing_a_completion_removes_the_next_occurrence(user):
    create(user, title="Daily", due_date="2026-11-26", recurrence="FREQ=DAILY")
    complete(user, 1)
    assert undo(user).json()["undone"] == 'completing "Daily"'
    assert [(t["id"], t["completed"]) for t in listing(user)] == [(1, False)]
    complete(user, 1)  # completing it again after the undo creates it again, with a new number
    assert [(t["id"], t["due_date"]) for t in listing(user, status="pending")] == [(3, "2026-11-27")]


# ---------------------------------------------------------------- undo


def test_undo_every_kind_of_change_several_deep(user):
    user.add("first")  # create
    put(user, 1, title="renamed", priority="high")  # update
    complete(user, 1)  # complete
    complete(user, 1)  # reopen
    user.add("second")
    user.add("third")
    complete(user, 3)
    assert user.http.delete(f"/api/{user.id}/tasks/2").status_code == 204  # delete
    r = user.http.delete(f"/api/{user.id}/tasks", params={"status": "completed"})  # bulk
    assert [t["title"] for t in r.json()] == ["third"] and [t["title"] for t in user.tasks()] == ["renamed"]

    steps = [undo(user).json()["undone"] for _ in range(4)]
    assert steps == ["deleting 1 completed task", 'deleting "second"', 'completing "third"', 'adding "third"']
    assert [(t["id"], t["title"]) for t in user.tasks()] == [(1, "renamed"), (2, "second")]  # numbers kept
    steps = [undo(user).json()["undone"] for _ in range(5)]
    assert steps == ['adding "second"', 'reopening "renamed"', 'completing "renamed"', 'changing "first"', 'adding "first"']
    assert user.tasks() == []
    r = undo(user)
    assert r.status_code == 409 and r.json()["detail"] == "Nothing to undo"


def test_undo_restores_every_field_of_a_deleted_task(user):
    original = create(
        user,
        title="Keep me",
        description="d",
        due_date="2027-01-05",
        due_time="08:00",
        priority="low",
        tags=["a", "b"],
        recurrence="FREQ=YEARLY",
    )
    user.http.delete(f"/api/{user.id}/tasks/1")
    r = undo(user)
    assert r.status_code == 200
    restored = r.json()["tasks"][0]
    for key in (
        "id",
        "title",
        "description",
        "due_date",
        "due_time",
        "priority",
        "tags",
        "recurrence",
        "recurrence_text",
        "completed",
        "created_at",
    ):
        assert restored[key] == original[key], key


def test_twenty_five_changes_can_be_undone_one_after_another(user):
    for i in range(25):
        user.add(f"task {i}")
    for i in reversed(range(25)):
        assert undo(user).json()["undone"] == f'adding "task {i}"'
    assert user.tasks() == [] and undo(user).status_code == 409


def test_undo_never_touches_another_users_changes(user, other_user):
    user.add("mine")
    other_user.add("theirs")
    assert undo(other_user).json()["undone"] == 'adding "theirs"'
    assert undo(other_user).status_code == 409
    assert user.titles() == ["mine"]
    assert other_user.http.post(f"/api/{user.id}/undo").status_code == 403


def test_undo_reaches_changes_made_in_chat(user):
    user.chat("add buy oat milk")
    assert undo(user).json()["undone"] == 'adding "Buy oat milk"'
    assert user.tasks() == []


# ---------------------------------------------------------------- quick add


def test_quick_add_reads_dates_priorities_tags_and_repeats(user, at):
    at("2026-11-26T10:00:00Z")  # Thursday
    r = user.http.post(f"/api/{user.id}/tasks/quick", json={"text": "Pay rent every 1st p1 #home"})
    assert r.status_code == 201, r.text
    [rent] = r.json()
    assert (rent["title"], rent["priority"], rent["tags"], rent["recurrence"], rent["due_date"]) == (
        "Pay rent",
        "high",
        ["home"],
        "FREQ=MONTHLY;BYMONTHDAY=1",
        "2026-12-01",
    )
    r = user.http.post(f"/api/{user.id}/tasks/quick", json={"text": "buy bread tomorrow, call mom at 3pm"})
    assert [(t["title"], t["due_date"], t["due_time"]) for t in r.json()] == [
        ("Buy bread", "2026-11-27", None),  # titled as the chat titles them
        ("Call mom", "2026-11-26", "15:00"),
    ]
    assert undo(user).json()["undone"] == "adding 2 tasks"  # several from one line are one change
    assert user.titles() == ["Pay rent"]


def test_sort_by_priority_breaks_ties_as_the_api_docs_say(user):
    """The order docs/api.md gives for sort=priority is the one the API applies."""
    said = " ".join((Path(__file__).resolve().parents[4] / "docs" / "api.md").read_text(encoding="utf-8").split())
    assert "`priority`: high, medium, low, none, and within one priority by date and time, undated last" in said
    assert "whatever is still tied goes by task number" in said
    create(user, title="a", priority="high")  # 1
    create(user, title="b", priority="high", due_date="2026-12-02", due_time="10:00")  # 2
    create(user, title="c", priority="high", due_date="2026-12-02", due_time="09:00")  # 3
    create(user, title="d", priority="high", due_date="2026-12-01")  # 4
    create(user, title="e", priority="low", due_date="2026-11-01")  # 5
    create(user, title="f")  # 6
    create(user, title="g", priority="high")  # 7
    create(user, title="h", priority="high", due_date="2026-12-02")  # 8
    # high: by date (4), then time (3, 2), untimed last on its day (8), undated last (1, 7 by number); then low, none
    assert numbers(user, sort="priority") == [4, 3, 2, 8, 1, 7, 5, 6]


def test_quick_add_and_the_chat_title_the_same_words_alike(user):
    """One rule for both: quick add and the assistant's "add" store the same title for the same words."""
    lines = ["dentist", "call mum", "pay bills wed #home", "iPhone case", "  water   the plants.  ", "'buy milk' p2"]
    lines.append("eBay return tomorrow")
    for line in lines:
        r = user.http.post(f"/api/{user.id}/tasks/quick", json={"text": line})
        assert r.status_code == 201, r.text
        [quick] = r.json()
        [call] = [c for c in user.chat(f"add {line}")["tool_calls"] if c["name"] == "add_task"]
        assert quick["title"] == call["result"]["task"]["title"], line
    assert user.titles() == [
        title for title in ["Dentist", "Call mum", "Pay bills", "iPhone case", "Water the plants", "Buy milk", "eBay return"] for _ in "qc"
    ]


def test_quick_add_rejects_empty_text(user):
    r = user.http.post(f"/api/{user.id}/tasks/quick", json={"text": "   "})
    assert r.status_code == 422 and "text" in str(r.json()["detail"])
    assert user.tasks() == []


def test_an_update_that_changes_nothing_leaves_nothing_to_undo(user):
    task = user.add("same")
    again = put(user, task["id"], title="same", priority="none")
    assert again["updated_at"] == task["updated_at"]
    assert undo(user).json()["undone"] == 'adding "same"'
