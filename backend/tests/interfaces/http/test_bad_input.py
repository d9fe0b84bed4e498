"""Every bad input gets a clear 4xx (never a 500, never a stack trace) and changes nothing."""

import pytest

from tests.conftest import Api

LONG = "x" * 4001


def _cases():
    T = "/api/{uid}/tasks"
    C = "/api/{uid}/chat"
    # (name, method, path, kwargs, expected status, words the answer must contain)
    return [
        ("invalid json", "post", T, {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "json"),
        ("body is a list", "post", T, {"json": ["title"]}, 422, "object"),
        ("missing title", "post", T, {"json": {}}, 422, "title"),
        ("title wrong type", "post", T, {"json": {"title": 42}}, 422, "title"),
        ("empty title", "post", T, {"json": {"title": ""}}, 422, "title"),
        ("blank title", "post", T, {"json": {"title": "   "}}, 422, "empty"),
        ("title over 200", "post", T, {"json": {"title": "t" * 201}}, 422, "200"),
        ("nul in title", "post", T, {"json": {"title": "a\u0000b"}}, 422, "NUL"),
        ("unknown field", "post", T, {"json": {"title": "ok", "priority": 1}}, 422, "priority"),
        ("unknown status filter", "get", T + "?status=someday", {}, 422, "status"),
        ("non-numeric task id", "get", T + "/abc", {}, 422, "task_id"),
        ("unknown task id", "get", T + "/987654", {}, 404, "not found"),
        ("huge task id", "get", T + "/99999999999999999999", {}, 404, "not found"),
        ("negative task id", "delete", T + "/-1", {}, 404, "not found"),
        ("put unknown task", "put", T + "/987654", {"json": {"title": "x"}}, 404, "not found"),
        ("put completed wrong type", "put", T + "/1", {"json": {"completed": "maybe"}}, 422, "completed"),
        ("patch unknown task", "patch", T + "/987654/complete", {}, 404, "not found"),
        ("missing message", "post", C, {"json": {}}, 422, "message"),
        ("empty message", "post", C, {"json": {"message": ""}}, 422, "message"),
        ("blank message", "post", C, {"json": {"message": " \n "}}, 422, "empty"),
        ("message over 4000", "post", C, {"json": {"message": LONG}}, 422, "4000"),
        ("message wrong type", "post", C, {"json": {"message": ["add milk"]}}, 422, "message"),
        ("conversation id wrong type", "post", C, {"json": {"message": "hi", "conversation_id": "abc"}}, 422, "conversation_id"),
        ("unknown conversation", "post", C, {"json": {"message": "hi", "conversation_id": 987654}}, 404, "not found"),
        ("unknown conversation (stream)", "post", C + "/stream", {"json": {"message": "hi", "conversation_id": 987654}}, 404, "not found"),
        ("unknown conversation messages", "get", "/api/{uid}/conversations/987654/messages", {}, 404, "not found"),
        ("non-numeric conversation", "get", "/api/{uid}/conversations/abc/messages", {}, 422, "conversation_id"),
        ("signup bad email", "post", "/api/auth/signup", {"json": {"email": "not-an-email", "password": "password1"}}, 422, "email"),
        ("signup short password", "post", "/api/auth/signup", {"json": {"email": "s@example.com", "password": "short"}}, 422, "password"),
        ("login missing password", "post", "/api/auth/login", {"json": {"email": "s@example.com"}}, 422, "password"),
    ]


def _with_tasks(user: Api) -> list[dict]:
    """A user with something to lose: a plain task and a detailed, completed one."""
    user.add("Buy milk")
    r = user.http.post(
        f"/api/{user.id}/tasks",
        json={"title": "Pay rent", "description": "landlord", "due_date": "2026-12-01", "priority": "high", "tags": ["home"]},
    )
    assert r.status_code == 201, r.text
    assert user.http.patch(f"/api/{user.id}/tasks/2/complete").status_code == 200
    tasks = user.tasks()
    assert len(tasks) == 2
    return tasks


@pytest.mark.parametrize("name,method,path,kwargs,status,words", _cases(), ids=[c[0] for c in _cases()])
def test_bad_input(user, name, method, path, kwargs, status, words):
    before = _with_tasks(user)
    r = user.http.request(method.upper(), path.format(uid=user.id), **kwargs)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert words.lower() in r.text.lower()
    assert "Traceback" not in r.text
    assert user.tasks() == before


# Bad changes to a task that exists: refused, naming the problem, and the task is as it was.
EXISTING = [
    ("put empty title", "put", "/tasks/2", {"json": {"title": ""}}, 422, "title"),
    ("put title wrong type", "put", "/tasks/2", {"json": {"title": ["x"]}}, 422, "title"),
    ("put impossible date", "put", "/tasks/2", {"json": {"due_date": "2026-02-30"}}, 422, "due_date"),
    ("put time without date", "put", "/tasks/1", {"json": {"due_time": "09:00"}}, 422, "due_date"),
    ("put unknown priority", "put", "/tasks/2", {"json": {"priority": "urgent"}}, 422, "priority"),
    ("put bad tag", "put", "/tasks/2", {"json": {"tags": ["two words"]}}, 422, "tag"),
    ("put impossible rule", "put", "/tasks/2", {"json": {"recurrence": "FREQ=SOMETIMES"}}, 422, "recurrence"),
    ("put unknown field", "put", "/tasks/2", {"json": {"colour": "red"}}, 422, "colour"),
    ("put not json", "put", "/tasks/2", {"content": b"{", "headers": {"content-type": "application/json"}}, 422, "json"),
    ("put body is a list", "put", "/tasks/2", {"json": [{"title": "x"}]}, 422, "object"),
    ("delete fractional id", "delete", "/tasks/2.5", {}, 422, "task_id"),
    ("delete with a trailing path", "delete", "/tasks/2/extra", {}, 404, "not found"),
    ("patch complete on a fractional id", "patch", "/tasks/1.5/complete", {}, 422, "task_id"),
]


@pytest.mark.parametrize("name,method,path,kwargs,status,words", EXISTING, ids=[c[0] for c in EXISTING])
def test_bad_change_to_an_existing_task_leaves_it_unchanged(user, name, method, path, kwargs, status, words):
    before = _with_tasks(user)
    r = user.http.request(method.upper(), f"/api/{user.id}{path}", **kwargs)
    assert r.status_code == status, r.text
    assert words.lower() in r.text.lower() and "Traceback" not in r.text
    assert user.tasks() == before
    assert user.http.get(f"/api/{user.id}/tasks/2").json() == before[1]


def test_another_users_put_and_delete_on_an_existing_task_change_nothing(user, other_user):
    before = _with_tasks(user)
    for method, kwargs in (("PUT", {"json": {"title": "pwned"}}), ("DELETE", {}), ("PATCH", {})):
        path = f"/api/{user.id}/tasks/1" + ("/complete" if method == "PATCH" else "")
        r = other_user.http.request(method, path, **kwargs)
        assert r.status_code == 403, r.text  # a token for another user's path
        r = other_user.http.request(method, path.replace(user.id, other_user.id), **kwargs)
        assert r.status_code == 404 and "not found" in r.text.lower()  # the same number in their own list
    assert user.tasks() == before


AUTH_CASES = [
    ("no token", None, 401),
    ("not bearer", "Basic dXNlcjpwYXNz", 401),
    ("malformed token", "Bearer not.a.jwt", 401),
    ("garbage token", "Bearer " + "a" * 300, 401),
]


@pytest.mark.parametrize("name,header,status", AUTH_CASES, ids=[c[0] for c in AUTH_CASES])
@pytest.mark.parametrize("route", ["/api/{uid}/tasks", "/api/{uid}/conversations", "/api/auth/me"])
def test_bad_credentials(user, name, header, status, route):
    headers = {"Authorization": header} if header else {}
    r = user.http.get(route.format(uid=user.id), headers=headers | ({} if header else {"Authorization": ""}))
    assert r.status_code == status
    assert "detail" in r.json()


def test_token_for_another_users_path_in_chat(user, other_user):
    r = other_user.http.post(f"/api/{user.id}/chat", json={"message": "delete task 1"})
    assert r.status_code == 403


def test_other_users_conversation_is_not_found(user, other_user):
    conversation = user.chat("add buy milk")["conversation_id"]
    r = other_user.http.post(f"/api/{other_user.id}/chat", json={"message": "hi", "conversation_id": conversation})
    assert r.status_code == 404
    r = other_user.http.get(f"/api/{other_user.id}/conversations/{conversation}/messages")
    assert r.status_code == 404
    assert len(user.http.get(f"/api/{user.id}/conversations/{conversation}/messages").json()) == 2


@pytest.mark.parametrize("email", ["plain", "a@b", "@example.com", "a b@example.com", "a@@example.com", "a@exa mple.com"])
def test_signup_refuses_malformed_emails(base_url, email):
    import httpx

    r = httpx.post(f"{base_url}/api/auth/signup", json={"email": email, "password": "password123"})
    assert r.status_code == 422 and "email" in r.text.lower()
