def test_task_lifecycle(user):
    created = user.add("Buy milk")
    assert created["title"] == "Buy milk" and created["completed"] is False and created["description"] is None
    assert created["created_at"].endswith(("Z", "+00:00"))
    base = f"/api/{user.id}/tasks/{created['id']}"

    r = user.http.put(base, json={"title": "Buy oat milk", "description": "2 litres"})
    assert r.status_code == 200 and r.json()["title"] == "Buy oat milk" and r.json()["description"] == "2 litres"

    r = user.http.patch(f"{base}/complete")
    assert r.status_code == 200 and r.json()["completed"] is True
    assert user.titles("completed") == ["Buy oat milk"] and user.titles("pending") == []

    r = user.http.patch(f"{base}/complete")  # toggles back
    assert r.json()["completed"] is False

    assert user.http.get(base).json()["title"] == "Buy oat milk"
    assert user.http.delete(base).status_code == 204
    assert user.http.get(base).status_code == 404
    assert user.tasks() == []


def test_status_filters(user):
    a, b = user.add("one"), user.add("two")
    user.http.patch(f"/api/{user.id}/tasks/{b['id']}/complete")
    assert user.titles("all") == ["one", "two"]
    assert user.titles("pending") == ["one"]
    assert user.titles("completed") == ["two"]
    assert a["id"] < b["id"]


def test_put_can_complete_and_keeps_unsent_fields(user):
    task = user.add("Keep my title")
    r = user.http.put(f"/api/{user.id}/tasks/{task['id']}", json={"completed": True})
    assert r.json()["title"] == "Keep my title" and r.json()["completed"] is True


def test_titles_are_trimmed(user):
    assert user.add("   padded   ")["title"] == "padded"


def test_another_users_task_is_not_found(user, other_user):
    task = user.add("private")
    for method, suffix in [("get", ""), ("put", ""), ("delete", ""), ("patch", "/complete")]:
        kwargs = {"json": {"title": "hijacked"}} if method == "put" else {}
        r = getattr(other_user.http, method)(f"/api/{other_user.id}/tasks/{task['id']}{suffix}", **kwargs)
        missing = getattr(other_user.http, method)(f"/api/{other_user.id}/tasks/999999{suffix}", **kwargs)
        assert r.status_code == missing.status_code == 404
        assert r.json()["detail"].replace(str(task["id"]), "N") == missing.json()["detail"].replace("999999", "N")
    assert user.titles() == ["private"]


def test_token_for_another_users_path_is_forbidden(user, other_user):
    r = other_user.http.get(f"/api/{user.id}/tasks")
    assert r.status_code == 403
    r = other_user.http.post(f"/api/{user.id}/tasks", json={"title": "sneaky"})
    assert r.status_code == 403
    assert user.tasks() == []
