"""The openai client's chat.completions.create, overridden in agent/model/client.py, still fits the installed
SDK (openai's major version is pinned in pyproject.toml) and really runs on every model request."""

import inspect
from functools import cached_property

import openai
import pytest
from openai.resources.chat import AsyncChat
from openai.resources.chat.completions import AsyncCompletions
from openai.resources.chat.completions import completions as completions_module

from tests.agent.model.test_model_agent import sse_events
from tests.fake_openai import Step
from todo_chatbot.agent.model import client

KEYWORD = inspect.Parameter.KEYWORD_ONLY


def test_the_overridden_create_matches_the_sdks_signature():
    sdk = inspect.signature(AsyncCompletions.create).parameters
    ours = inspect.signature(client._UntransformedCompletions.create).parameters
    # The parameters ours names are the SDK's, keyword-only, with the same defaults.
    for name in ("messages", "tools", "extra_body"):
        assert name in sdk, f"openai's create() has no {name!r} any more"
        assert sdk[name].kind is ours[name].kind is KEYWORD
    assert sdk["messages"].default is ours["messages"].default is inspect.Parameter.empty
    assert sdk["tools"].default is ours["tools"].default is openai.omit
    assert sdk["extra_body"].default is ours["extra_body"].default is None
    # Everything else goes through **kwargs unchanged: the SDK must take it by keyword too,
    # and still take the ones the override reads or sets.
    assert ours["kwargs"].kind is inspect.Parameter.VAR_KEYWORD
    assert all(p.kind is KEYWORD for name, p in sdk.items() if name != "self")
    assert {"model", "stream"} <= set(sdk)
    assert list(ours) == ["self", "messages", "tools", "extra_body", "kwargs"]


def test_the_client_still_builds_chat_and_completions_the_way_the_override_hooks_in():
    # The override replaces two lazily built attributes; if the SDK built them another way
    # (e.g. in __init__), the override would silently stop running.
    assert isinstance(inspect.getattr_static(openai.AsyncOpenAI, "chat"), cached_property)
    assert isinstance(inspect.getattr_static(AsyncChat, "completions"), cached_property)
    assert list(inspect.signature(AsyncCompletions.__init__).parameters) == ["self", "client"]
    # the stream wrapper hands on what the Agents SDK reads from a stream
    assert {"close", "__aiter__"} <= set(dir(openai.AsyncStream))
    assert "response" in inspect.signature(openai.AsyncStream.__init__).parameters


@pytest.fixture
def transforms(monkeypatch):
    """The `messages` each request body's typed transformation was given."""
    seen: list[object] = []
    real = completions_module.async_maybe_transform

    async def spy(data, expected_type):
        if isinstance(data, dict) and "messages" in data:
            seen.append(data["messages"])
        return await real(data, expected_type)

    monkeypatch.setattr(completions_module, "async_maybe_transform", spy)
    return seen


@pytest.mark.parametrize("route", ["chat", "chat/stream"])
def test_the_override_runs_on_every_model_request_and_the_wire_request_is_whole(speaker, fake, transforms, route):
    fake.push(Step(tool="add_task", arguments={"title": "Buy milk"}), Step(text="Added Buy milk."))
    r = speaker.http.post(f"/api/{speaker.id}/{route}", json={"message": "remember milk"})
    assert r.status_code == 200
    if route == "chat/stream":
        assert sse_events(r)[-1][0] == "done"
    assert speaker.titles() == ["Buy milk"]
    assert len(fake.requests) == 2
    # the override handed the SDK's transformation no messages (they went in as they were)...
    assert transforms == [[], []]
    # ...and the server still got every message and every tool
    first, second = fake.requests
    assert [m["role"] for m in first["messages"]] == ["system", "user"]
    assert [m["role"] for m in second["messages"]] == ["system", "user", "assistant", "tool"]
    assert {t["function"]["name"] for t in first["tools"]} >= {"add_task", "list_tasks"}
    assert first["model"] == "fake-model" and first.get("stream", False) is (route == "chat/stream")
