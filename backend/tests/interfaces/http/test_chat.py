"""Chat over REST and SSE with the offline agent; conversations; the request log."""

import json
import logging
import time

from tests.agent.model.test_model_agent import sse_events
from tests.conftest import SECRET


def test_conversation_continues_and_is_stored(user):
    first = user.chat("add buy milk")
    second = user.chat("what's still open?", first["conversation_id"])
    assert second["conversation_id"] == first["conversation_id"]
    assert "Buy milk" in second["response"]
    messages = user.http.get(f"/api/{user.id}/conversations/{first['conversation_id']}/messages").json()
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert messages[0]["content"] == "add buy milk"
    assert messages[1]["tool_calls"][0]["name"] == "add_task"
    assert messages[0]["tool_calls"] == []
    assert all(m["created_at"].endswith(("Z", "+00:00")) for m in messages)


def test_conversations_are_listed_newest_first_with_a_title(user):
    a = user.chat("add first thing")["conversation_id"]
    b = user.chat("add second thing")["conversation_id"]
    user.chat("hi", a)  # a is now the most recent
    listed = user.http.get(f"/api/{user.id}/conversations").json()
    assert [c["id"] for c in listed] == [a, b]
    assert listed[0]["title"] == "add first thing"


def test_a_conversation_is_titled_by_its_first_message_that_asks_for_something(user):
    def title(cid: int) -> str:
        [found] = [c for c in user.http.get(f"/api/{user.id}/conversations").json() if c["id"] == cid]
        return found["title"]

    cid = user.chat("hi")["conversation_id"]
    assert title(cid) == "hi"  # nothing better yet
    user.chat("Hello there! How are you? 🙂", cid)
    assert title(cid) == "hi"  # small talk names nothing
    user.chat("add buy milk tomorrow", cid)
    assert title(cid) == "add buy milk tomorrow"  # the first real request names it
    user.chat("add call mom", cid)
    user.chat("thanks!", cid)
    assert title(cid) == "add buy milk tomorrow"  # and keeps it

    asked = user.chat("what's still open?")["conversation_id"]
    user.chat("hi", asked)
    user.chat("add water the plants", asked)
    assert title(asked) == "what's still open?"  # a first message that asks for something names it at once


def test_long_first_message_gives_a_short_title(user):
    cid = user.chat("add " + "very long words " * 20)["conversation_id"]
    [conversation] = user.http.get(f"/api/{user.id}/conversations").json()
    assert conversation["id"] == cid and len(conversation["title"]) <= 60 and conversation["title"].endswith("...")


def test_offline_stream(user):
    r = user.http.post(f"/api/{user.id}/chat/stream", json={"message": "add call mom"})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-cache"
    events = sse_events(r)
    names = [name for name, _ in events]
    assert names[-1] == "done" and set(names[:-1]) == {"delta"} and len(names) > 3
    text = "".join(e["text"] for name, e in events if name == "delta")
    done = events[-1][1]
    assert text == done["response"] == f"Added “Call mom” to your list (task #{done['tool_calls'][0]['result']['task_id']})."
    assert user.titles() == ["Call mom"]
    stored = user.http.get(f"/api/{user.id}/conversations/{done['conversation_id']}/messages").json()
    assert stored[-1]["content"] == text


def test_chat_cannot_touch_another_users_tasks(user, other_user):
    task = user.add("Alice's private task")
    for message in [
        f"delete task {task['id']}",
        f"mark task {task['id']} as done",
        f"rename task {task['id']} to pwned",
        "delete the private task",
        "show my tasks",
    ]:
        answer = other_user.chat(message)
        assert "Alice" not in answer["response"]
    assert user.tasks() == [task]


def test_info_says_offline(user):
    assert user.http.get("/api/info").json()["provider"] == "offline"


def test_one_json_log_line_per_request_without_secrets_or_text(user, caplog):
    caplog.set_level(logging.INFO, logger="todo_chatbot.request")
    user.chat("add my very secret errand")

    def chat_lines():
        return [r for r in caplog.records if r.name == "todo_chatbot.request" and r.fields["route"].endswith("/chat")]

    deadline = time.monotonic() + 5  # the line is written just after the response is sent
    while not chat_lines() and time.monotonic() < deadline:
        time.sleep(0.01)
    [line] = chat_lines()
    assert line.fields["user_id"] == user.id and line.fields["status"] == 200
    assert line.fields["duration_ms"] > 0 and len(line.fields["request_id"]) == 32
    from todo_chatbot.infra.logs import JsonFormatter

    rendered = "\n".join(JsonFormatter().format(r) for r in caplog.records)
    json.loads(JsonFormatter().format(line))
    assert "secret errand" not in rendered and user.token not in rendered and SECRET not in rendered


def test_a_repeated_client_message_id_is_answered_from_the_record(user):
    body = {"message": "add buy milk", "client_message_id": "abc-123"}
    first = user.http.post(f"/api/{user.id}/chat", json=body)
    second = user.http.post(f"/api/{user.id}/chat", json=body)
    assert first.status_code == second.status_code == 200 and first.json() == second.json()
    assert user.titles() == ["Buy milk"]
    stream = user.http.post(f"/api/{user.id}/chat/stream", json=body)
    assert "event: done" in stream.text and user.titles() == ["Buy milk"]
    messages = user.http.get(f"/api/{user.id}/conversations/{first.json()['conversation_id']}/messages").json()
    assert [m["role"] for m in messages] == ["user", "assistant"] and messages[1]["error"] is None


def test_a_client_message_id_used_for_another_message_is_409(user):
    assert user.http.post(f"/api/{user.id}/chat", json={"message": "add a", "client_message_id": "x1"}).status_code == 200
    r = user.http.post(f"/api/{user.id}/chat", json={"message": "add b", "client_message_id": "x1"})
    assert r.status_code == 409 and "client_message_id" in r.json()["detail"]
    assert user.titles() == ["A"]
    for bad in ["", "a" * 65, "has space", "<script>"]:
        r = user.http.post(f"/api/{user.id}/chat", json={"message": "add c", "client_message_id": bad})
        assert r.status_code == 422 and "client_message_id" in str(r.json()["detail"])


def test_a_conversation_without_messages_is_not_listed(user, database_url):
    from sqlalchemy import create_engine, text

    from todo_chatbot.infra.db import sync_url

    kept = user.chat("add water the plants")["conversation_id"]
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO conversations (user_id, title, created_at, updated_at) VALUES (:u, 'empty', :t, :t)"),
            {"u": user.id, "t": "2999-01-01 00:00:00"},
        )
    engine.dispose()
    assert [c["id"] for c in user.http.get(f"/api/{user.id}/conversations").json()] == [kept]
