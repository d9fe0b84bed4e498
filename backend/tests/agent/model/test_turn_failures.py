"""How a turn ends when things go wrong past the usual provider errors: a stream that fails after it
began, a wrong model name, no model server at all, a model that never stops calling tools, a client
that goes away mid-answer. Each time: what the user is told, and what is stored (once)."""

import time

import httpx
import pytest

from tests.agent.model.test_model_agent import sse_events
from tests.conftest import Api, chatbot, free_port
from tests.fake_openai import Step


def messages(api: Api) -> list[dict]:
    [conversation] = api.http.get(f"/api/{api.id}/conversations").json()
    return api.http.get(f"/api/{api.id}/conversations/{conversation['id']}/messages").json()


def test_a_stream_that_fails_after_its_first_words_ends_with_an_error_event(speaker, fake):
    fake.push(Step(text="Let me look at that for you", fail_after=3), Step(status=500, repeat=3))
    r = speaker.http.post(f"/api/{speaker.id}/chat/stream", json={"message": "what's open?"})
    assert r.status_code == 200  # the answer had begun
    events = sse_events(r)
    said = "".join(e["text"] for name, e in events if name == "delta")
    assert said == "Let me look"
    name, error = events[-1]
    assert name == "error" and error["status"] == 502 and "model" in error["detail"].lower()
    assert [n for n, _ in events] == ["delta"] * (len(events) - 1) + ["error"]
    assert [(m["role"], m["content"], m["error"]) for m in messages(speaker)] == [
        ("user", "what's open?", None),
        ("assistant", said, error["detail"]),
    ]


@pytest.mark.parametrize("route", ["chat", "chat/stream"])
def test_a_wrong_model_name_says_to_check_it_with_the_servers_reason(speaker, fake, route):
    reason = "The model `fake-model` does not exist or you do not have access to it."
    fake.push(Step(status=404, repeat=3, error={"error": {"message": reason, "type": "invalid_request_error", "code": "model_not_found"}}))
    r = speaker.http.post(f"/api/{speaker.id}/{route}", json={"message": "add milk"})
    assert r.status_code == 502
    detail = r.json()["detail"]
    assert "does not know the configured model" in detail and "Check the model name" in detail and reason in detail
    assert messages(speaker)[-1]["error"] == detail and speaker.tasks() == []


@pytest.mark.parametrize("route", ["chat", "chat/stream"])
def test_no_model_server_at_all_is_a_503_that_says_it_cant_be_reached(database_url, route):
    closed = free_port()  # nothing listens here
    with chatbot(
        database_url,
        llm_provider="openai",
        openai_api_key="sk-test",
        openai_model="m",
        openai_base_url=f"http://127.0.0.1:{closed}/v1",
        llm_timeout=2.0,
    ) as url:
        api = Api(url)
        r = api.http.post(f"/api/{api.id}/{route}", json={"message": "add milk"})
        assert r.status_code == 503, r.text
        assert "can't be reached" in r.json()["detail"] and "base URL" in r.json()["detail"]
        assert [(m["role"], m["error"]) for m in messages(api)] == [("user", None), ("assistant", r.json()["detail"])]


@pytest.mark.parametrize("route", ["chat", "chat/stream"])
def test_a_model_that_never_stops_calling_tools_is_stopped_and_the_calls_are_recorded(speaker, fake, route):
    fake.push(Step(tool="list_tasks", arguments={"status": "all"}, repeat=50))
    r = speaker.http.post(f"/api/{speaker.id}/{route}", json={"message": "what's open?"})
    assert r.status_code == 502 and "round in circles" in r.json()["detail"]
    from todo_chatbot.agent.model.agent import MAX_TURNS

    assert len(fake.requests) == MAX_TURNS  # it was stopped, not left to run
    failed = messages(speaker)[-1]
    assert failed["error"] == r.json()["detail"]
    assert [c["name"] for c in failed["tool_calls"]] == ["list_tasks"] * MAX_TURNS


def test_a_client_that_leaves_mid_answer_still_gets_its_turn_recorded_once(speaker, fake):
    fake.push(
        Step(tool="add_task", arguments={"title": "Buy milk"}), Step(text="I have added buy milk to your list for you", chunk_delay=0.3)
    )
    http = httpx.Client(base_url=str(speaker.http.base_url), headers=dict(speaker.http.headers), timeout=30)
    with http, http.stream("POST", f"/api/{speaker.id}/chat/stream", json={"message": "remember milk"}) as r:
        assert r.status_code == 200
        for line in r.iter_lines():
            if line.startswith("event: delta"):
                break  # the user closes the tab after the first words
    deadline = time.monotonic() + 15
    while len(messages(speaker)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)  # anything recorded twice would show by now
    stored = messages(speaker)
    assert [m["role"] for m in stored] == ["user", "assistant"]
    reply = stored[1]
    assert reply["error"] == "The connection closed before the reply was complete."
    assert "I have added buy milk to your list for you".startswith(reply["content"])
    assert [c["name"] for c in reply["tool_calls"]] == ["add_task"]
    assert speaker.titles() == ["Buy milk"]  # done once, and on record for a retry
