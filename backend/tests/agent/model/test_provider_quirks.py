"""The model servers people run, each quirk copied into the scripted fake: what the user sees, what is
stored, what the server log says. Sources: ollama#15457, vllm#9986, Groq's tool_use_failed (agno#4090)."""

import asyncio
import json
import logging

import pytest
from openai.types.chat import ChatCompletionChunk
from openai.types.chat.chat_completion_chunk import Choice, ChoiceDelta, ChoiceDeltaToolCall, ChoiceDeltaToolCallFunction

from tests.agent.model.test_model_agent import sse_events
from tests.conftest import Api, model_chatbot
from tests.fake_openai import GROQ_TOOL_USE_FAILED, Step, roles_alternate
from todo_chatbot.agent.base import InternalError
from todo_chatbot.agent.model import agent, client, errors
from todo_chatbot.settings import Settings

ROUTES = ["chat", "chat/stream"]


def send(speaker: Api, route: str, message: str, conversation_id: int | None = None):
    """Posts a message; for the stream, a 200 is read back into the /chat JSON shape (or its error event)."""
    body = {"message": message} | ({"conversation_id": conversation_id} if conversation_id else {})
    r = speaker.http.post(f"/api/{speaker.id}/{route}", json=body)
    if route == "chat" or r.status_code != 200:
        return r.status_code, r.json(), r
    name, data = sse_events(r)[-1]
    return (200, data, r) if name == "done" else (data["status"], {"detail": data["detail"]}, r)


def stored(speaker: Api) -> list[dict]:
    [conversation] = speaker.http.get(f"/api/{speaker.id}/conversations").json()
    return speaker.http.get(f"/api/{speaker.id}/conversations/{conversation['id']}/messages").json()


def model_log(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "todo_chatbot.model"]


# Ollama: several tool calls of one reply, streamed at the same index


@pytest.mark.parametrize("route", ROUTES)
def test_two_tool_calls_at_one_index_add_both_tasks(speaker, fake, route):
    fake.push(
        Step(calls=[("add_task", {"title": "Alpha"}), ("add_task", {"title": "Beta"})], same_index=True), Step(text="Added Alpha and Beta.")
    )
    status, answer, _ = send(speaker, route, "add alpha and beta")
    assert status == 200 and answer["response"] == "Added Alpha and Beta."
    assert sorted(speaker.titles()) == ["Alpha", "Beta"]
    assert sorted(c["arguments"]["title"] for c in answer["tool_calls"]) == ["Alpha", "Beta"]  # run side by side
    assert [len(m["tool_calls"]) for m in stored(speaker)] == [0, 2]
    sent = fake.requests[-1]["messages"]
    [asked] = [m for m in sent if m.get("tool_calls")]
    assert [json.loads(c["function"]["arguments"]) for c in asked["tool_calls"]] == [{"title": "Alpha"}, {"title": "Beta"}]
    results = [m["tool_call_id"] for m in sent if m["role"] == "tool"]
    assert results == [c["id"] for c in asked["tool_calls"]] and len(set(results)) == 2


def _chunk(*calls: ChoiceDeltaToolCall) -> ChatCompletionChunk:
    return ChatCompletionChunk.model_construct(
        id="c",
        object="chat.completion.chunk",
        created=0,
        model="m",
        choices=[Choice.model_construct(index=0, delta=ChoiceDelta.model_construct(tool_calls=list(calls)), finish_reason=None)],
    )


def _call(index: int | None, id: str | None = None, name: str | None = None, arguments: str = "") -> ChoiceDeltaToolCall:
    fields = {
        "id": id,
        "type": "function" if id else None,
        "function": ChoiceDeltaToolCallFunction.model_construct(name=name, arguments=arguments),
    }
    return ChoiceDeltaToolCall.model_construct(**fields, **({"index": index} if index is not None else {}))


async def _indexes(*chunks: ChatCompletionChunk) -> list[list[int]]:
    class Stream:
        response = None

        async def __aiter__(self):
            for chunk in chunks:
                yield chunk

        async def close(self) -> None:
            pass

    return [[c.index for c in chunk.choices[0].delta.tool_calls] async for chunk in client._OneIndexPerToolCall(Stream())]


@pytest.mark.parametrize(
    "chunks,expected",
    [
        # OpenAI: a call's id and name first, its arguments in later deltas without an id; indexes kept
        (
            [
                _chunk(_call(0, "a", "add_task")),
                _chunk(_call(0, arguments='{"ti')),
                _chunk(_call(0, arguments='tle": "A"}')),
                _chunk(_call(1, "b", "add_task")),
                _chunk(_call(1, arguments="{}")),
            ],
            [[0], [0], [0], [1], [1]],
        ),
        # Ollama 0.20 (ollama#15457): every call whole, each with its own id, all at index 0
        (
            [_chunk(_call(0, "a", "add_task", "{}")), _chunk(_call(0, "b", "add_task", "{}")), _chunk(_call(0, "c", "list_tasks", "{}"))],
            [[0], [1], [2]],
        ),
        # the same, split: a moved call keeps receiving the deltas without an id that follow it
        (
            [
                _chunk(_call(0, "a", "add_task")),
                _chunk(_call(0, arguments="{}")),
                _chunk(_call(0, "b", "add_task")),
                _chunk(_call(0, arguments="{}")),
            ],
            [[0], [0], [1], [1]],
        ),
        # older Ollama (ollama#7881): no index at all
        ([_chunk(_call(None, "a", "add_task", "{}")), _chunk(_call(None, "b", "add_task", "{}"))], [[0], [1]]),
        # two calls in one chunk, both at index 0; an id sent again with every delta is the same call
        ([_chunk(_call(0, "a", "add_task", "{}"), _call(0, "b", "add_task", "{}")), _chunk(_call(0, "b", arguments=""))], [[0, 1], [1]]),
    ],
    ids=["openai", "ollama", "ollama-split", "no-index", "one-chunk"],
)
def test_streamed_tool_calls_get_one_index_each(chunks, expected):
    assert asyncio.run(_indexes(*chunks)) == expected


# A made-up tool name


@pytest.mark.parametrize("route", ROUTES)
def test_an_unknown_tool_goes_back_to_the_model_and_the_turn_goes_on(speaker, fake, route):
    fake.push(
        Step(tool="create_todo", arguments={"title": "Buy milk"}),
        Step(tool="add_task", arguments={"title": "Buy milk"}),
        Step(text="Added Buy milk."),
    )
    status, answer, _ = send(speaker, route, "add buy milk")
    assert status == 200 and answer["response"] == "Added Buy milk."
    assert speaker.titles() == ["Buy milk"]
    [told] = [m["content"] for m in fake.requests[1]["messages"] if m["role"] == "tool"]
    assert "no such tool 'create_todo'" in told and "add_task" in told and "list_tasks" in told
    assert [c["name"] for c in answer["tool_calls"]] == ["add_task"]
    assert [m["error"] for m in stored(speaker)] == [None, None]


# Groq: tool_use_failed, a malformed tool call the model server would not pass on


@pytest.mark.parametrize("route", ROUTES)
def test_tool_use_failed_is_asked_again_once(speaker, fake, route, caplog):
    caplog.set_level(logging.WARNING, logger="todo_chatbot.model")
    fake.push(
        Step(status=400, error=GROQ_TOOL_USE_FAILED), Step(tool="add_task", arguments={"title": "Buy milk"}), Step(text="Added Buy milk.")
    )
    status, answer, _ = send(speaker, route, "add buy milk")
    assert status == 200 and answer["response"] == "Added Buy milk."
    assert speaker.titles() == ["Buy milk"] and len(fake.requests) == 3
    assert any("tool_use_failed" in r.getMessage() for r in model_log(caplog))


@pytest.mark.parametrize("route", ROUTES)
def test_tool_use_failed_twice_says_so(speaker, fake, route, caplog):
    caplog.set_level(logging.WARNING, logger="todo_chatbot.model")
    fake.push(Step(status=400, error=GROQ_TOOL_USE_FAILED, repeat=2), Step(text="never reached"))
    status, answer, _ = send(speaker, route, "add buy milk")
    assert status == 502 and len(fake.requests) == 2  # one retry, no more
    assert answer["detail"].startswith("The model wrote a malformed tool call twice")
    assert "HTTP 400: Failed to call a function" in answer["detail"]
    assert speaker.tasks() == [] and stored(speaker)[-1]["error"] == answer["detail"]
    [body] = [r for r in model_log(caplog) if "answered HTTP 400" in r.getMessage()]
    assert "tool_use_failed" in body.getMessage() and "Buy milk" not in body.getMessage()  # the model's text left out


# vLLM started without --enable-auto-tool-choice, and other 4xx reasons


@pytest.mark.parametrize("route", ROUTES)
def test_a_server_that_refuses_tools_says_how_to_start_it(speaker, fake, route, caplog):
    caplog.set_level(logging.WARNING, logger="todo_chatbot.model")
    fake.refuse_tools = True
    status, answer, r = send(speaker, route, "add buy milk")
    assert status == 502
    assert answer["detail"] == (
        "The model server refused tools: start vLLM with --enable-auto-tool-choice and --tool-call-parser "
        '(HTTP 400: "auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set)'
    )
    assert speaker.tasks() == [] and [(m["role"], m["error"]) for m in stored(speaker)] == [("user", None), ("assistant", answer["detail"])]
    [line] = [x for x in model_log(caplog) if x.levelno == logging.WARNING and "HTTP 400" in x.getMessage()]
    assert "tool choice requires --enable-auto-tool-choice" in line.getMessage() and '"object": "error"' in line.getMessage()
    assert line.fields["request_id"] == r.headers["x-request-id"] and line.fields["status"] == 400


@pytest.mark.parametrize("route", ROUTES)
def test_a_refusal_shows_the_reason_short_and_without_secrets(speaker, fake, route, caplog):
    caplog.set_level(logging.WARNING, logger="todo_chatbot.model")
    message = (
        "Invalid 'messages': header Authorization: Bearer sk-live-0123456789abcdef0123 was refused; "
        "api_key=sk-test; token: abcdefghijklmnopqrstuvwxyz0123456789 " + "and more detail " * 30
    )
    fake.push(Step(status=422, error={"error": {"message": message, "type": "invalid_request_error"}}))
    status, answer, _ = send(speaker, route, "add buy milk")
    assert status == 502
    prefix = "The model server refused the request (HTTP 422): "
    assert answer["detail"].startswith(prefix + "Invalid 'messages': header Authorization: Bearer [redacted]")
    assert len(answer["detail"]) - len(prefix) <= 200 and answer["detail"].endswith("…")
    logged = "\n".join(r.getMessage() for r in model_log(caplog))
    for secret in ("sk-live-0123456789abcdef0123", "sk-test", "abcdefghijklmnopqrstuvwxyz0123456789"):
        assert secret not in answer["detail"] and secret not in logged


def test_the_reason_is_read_from_any_body_shape():
    import httpx2
    import openai

    def error(status: int, body: object) -> openai.APIStatusError:
        response = httpx2.Response(status, json=body, request=httpx2.Request("POST", "http://model/v1/chat/completions"))
        data = body.get("error", body) if isinstance(body, dict) else body
        kind = {400: openai.BadRequestError, 404: openai.NotFoundError, 422: openai.UnprocessableEntityError}
        return kind.get(status, openai.APIStatusError)("x", response=response, body=data)

    cases = [
        (error(400, {"object": "error", "message": "vLLM style", "code": 400}), "(HTTP 400): vLLM style"),
        (error(400, {"error": {"message": "OpenAI style", "code": None}}), "(HTTP 400): OpenAI style"),
        (error(422, {"detail": "FastAPI style"}), "(HTTP 422): FastAPI style"),
        (error(413, "plain text"), "(HTTP 413): plain text"),
        (error(400, {}), "(HTTP 400)."),
    ]
    for exc, ending in cases:
        assert errors.provider_error(exc).message.endswith(ending)
    model_gone = error(404, {"error": {"message": 'model "llama3" not found, try pulling it first'}})
    assert errors.provider_error(model_gone).message.endswith('(model "llama3" not found, try pulling it first)')
    no_tools = error(400, {"error": {"message": "registry.ollama.ai/library/gemma:2b does not support tools"}})
    assert errors.provider_error(no_tools).message.startswith("The model does not support tools")


# Our own bugs


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("where", ["before the SDK", "inside the SDK's model call"])
def test_our_own_bug_is_a_500_logged_with_its_traceback(speaker, fake, route, where, caplog, monkeypatch):
    def broken(*args, **kwargs):
        return {}["no such key"]

    if where == "before the SDK":
        monkeypatch.setattr(agent.ModelAgent, "_input", staticmethod(broken))
    else:
        monkeypatch.setattr(client._UntransformedCompletions, "create", broken)
    caplog.set_level(logging.WARNING, logger="todo_chatbot.model")
    status, answer, r = send(speaker, route, "add buy milk")
    assert status == 500 and answer["detail"] == InternalError().message
    assert "malformed" not in answer["detail"] and "our side" in answer["detail"]
    assert stored(speaker)[-1]["error"] == answer["detail"]
    [line] = [x for x in model_log(caplog) if x.levelno == logging.ERROR]
    assert line.exc_info and line.exc_info[0] is KeyError and line.fields["request_id"] == r.headers["x-request-id"]


def test_only_our_code_counts_as_our_bug():
    import httpx2

    for raising, ours in [(lambda: errors.shorten(None), True), (lambda: httpx2.Response(200, content=b"{x").json(), False)]:
        try:
            raising()
        except Exception as exc:
            assert errors.raised_by_us(exc) is ours
        else:
            raise AssertionError("did not raise")


# store: never sent to other servers, false on api.openai.com unless OPENAI_STORE


@pytest.mark.parametrize(
    "values,expected",
    [
        ({"llm_provider": "openai", "openai_api_key": "sk-x"}, False),
        ({"llm_provider": "openai", "openai_api_key": "sk-x", "openai_store": True}, True),
        ({"openai_api_key": "sk-x", "openai_base_url": "https://api.openai.com/v1"}, False),
        ({"llm_provider": "openai", "openai_base_url": "http://localhost:11434/v1", "openai_store": True}, None),
        ({"groq_api_key": "gsk-x", "openai_store": True}, None),
        ({"llm_provider": "groq", "openai_api_key": "sk-x"}, None),
    ],
)
def test_store_is_decided_per_server(values, expected):
    assert client.store_flag(Settings(_env_file=None, **values)) is expected


@pytest.mark.parametrize("route", ROUTES)
def test_store_is_never_sent_to_a_compatible_server(speaker, fake, route):
    fake.push(Step(tool="list_tasks", arguments={}), Step(text="Nothing yet."))
    assert send(speaker, route, "what's open?")[0] == 200
    assert len(fake.requests) == 2 and all("store" not in body for body in fake.requests)


@pytest.mark.parametrize("opt_in", [False, True])
def test_store_is_sent_to_openai_as_the_setting_says(database_url, fake, monkeypatch, opt_in):
    monkeypatch.setattr(client, "OPENAI_API_HOST", "127.0.0.1")  # the fake stands in for api.openai.com
    fake.reset()
    with model_chatbot(
        database_url,
        fake,
        openai_store=opt_in,
    ) as url:
        fake.push(Step(text="Hello!"))
        Api(url).chat("hi")
    assert fake.requests[-1]["store"] is opt_in


# A chat template that enforces alternation, after a failed turn


def test_the_fake_template_counts_turns_like_a_real_one():
    tool_turn = [
        {"role": "system"},
        {"role": "user"},
        {"role": "assistant", "tool_calls": [{}]},
        {"role": "tool"},
        {"role": "tool"},
        {"role": "assistant"},
        {"role": "user"},
    ]
    assert roles_alternate(tool_turn) and roles_alternate(tool_turn[:4])
    assert not roles_alternate([{"role": "user"}, {"role": "user"}])
    assert not roles_alternate([{"role": "user"}, {"role": "assistant"}, {"role": "assistant"}])


@pytest.mark.parametrize("route", ROUTES)
def test_after_a_failed_turn_the_next_message_still_alternates(speaker, fake, route):
    fake.alternating = True
    fake.push(Step(status=500, repeat=5))
    status, failed, _ = send(speaker, route, "add buy milk")
    assert status == 502
    fake.script.clear()
    conversation_id = speaker.http.get(f"/api/{speaker.id}/conversations").json()[0]["id"]
    history = stored(speaker)
    assert [(m["role"], m["error"]) for m in history] == [("user", None), ("assistant", failed["detail"])]

    fake.push(Step(tool="add_task", arguments={"title": "Buy milk"}), Step(text="Added Buy milk."))
    status, answer, _ = send(speaker, route, "please try again", conversation_id)
    assert status == 200 and answer["response"] == "Added Buy milk."
    assert speaker.titles() == ["Buy milk"]
    sent = [(m["role"], m.get("content")) for m in fake.requests[-2]["messages"] if m["role"] != "system"]
    assert [role for role, _ in sent] == ["user", "assistant", "user"]
    assert "failed" in sent[1][1]
    assert [(m["role"], m["error"]) for m in stored(speaker)] == [
        ("user", None),
        ("assistant", failed["detail"]),
        ("user", None),
        ("assistant", None),
    ]
