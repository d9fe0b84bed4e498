"""The real Agents SDK + MCP tool loop against a scripted OpenAI-compatible server on loopback."""

import json

import httpx
import pytest

from tests.conftest import Api, chatbot, model_chatbot
from tests.fake_openai import Step


def sse_events(response: httpx.Response) -> list[tuple[str, dict]]:
    events = []
    for block in response.text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_info_names_the_provider(speaker):
    info = speaker.http.get("/api/info").json()
    assert info["provider"] == "openai" and info["model"] == "fake-model"


def test_a_turn_calls_a_tool_changes_the_database_and_answers(speaker, fake):
    fake.push(Step(tool="add_task", arguments={"title": "Buy milk"}), Step(text="Added Buy milk."))
    answer = speaker.chat("please remember milk")
    assert answer["response"] == "Added Buy milk."
    assert speaker.titles() == ["Buy milk"]
    [call] = answer["tool_calls"]
    assert call["name"] == "add_task" and call["arguments"] == {"title": "Buy milk"}
    assert call["result"]["status"] == "created" and call["result"]["title"] == "Buy milk"
    assert len(fake.requests) == 2  # one round trip to pick the tool, one to answer
    tools = {t["function"]["name"] for t in fake.requests[0]["tools"]}
    assert tools == {
        "add_task",
        "list_tasks",
        "get_task",
        "complete_task",
        "delete_task",
        "update_task",
        "undo_last_change",
        "complete_tasks",
        "delete_tasks",
    }
    assert all("user_id" not in json.dumps(t["function"]["parameters"]) for t in fake.requests[0]["tools"])
    messages = speaker.http.get(f"/api/{speaker.id}/conversations/{answer['conversation_id']}/messages").json()
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert messages[1]["tool_calls"][0]["name"] == "add_task"


def test_history_is_sent_to_the_model(speaker, fake):
    fake.push(Step(text="Hello!"), Step(text="Still here."))
    first = speaker.chat("hi")
    speaker.chat("are you there?", first["conversation_id"])
    sent = [(m["role"], m.get("content")) for m in fake.requests[-1]["messages"] if m["role"] != "system"]
    assert sent == [("user", "hi"), ("assistant", "Hello!"), ("user", "are you there?")]


def test_streaming_turn(speaker, fake):
    fake.push(Step(tool="list_tasks", arguments={"status": "pending"}), Step(text="You have nothing pending."))
    r = speaker.http.post(f"/api/{speaker.id}/chat/stream", json={"message": "what's open?"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = sse_events(r)
    deltas = "".join(e["text"] for name, e in events if name == "delta")
    assert deltas == "You have nothing pending."
    name, done = events[-1]
    assert name == "done" and done["response"] == deltas
    assert [c["name"] for c in done["tool_calls"]] == ["list_tasks"] and done["tool_calls"][0]["result"] == []
    stored = speaker.http.get(f"/api/{speaker.id}/conversations/{done['conversation_id']}/messages").json()
    assert stored[-1]["content"] == "You have nothing pending."


@pytest.mark.parametrize(
    "step,status,words",
    [
        (Step(status=401, repeat=3), 502, "api key"),
        (Step(status=429, repeat=3), 503, "rate"),
        (Step(status=500, repeat=3), 502, "failed"),
        (Step(status=503, repeat=3), 502, "failed"),
        (Step(text="late", delay=3, repeat=3), 504, "in time"),
        (Step(raw="{this is not json", repeat=3), 502, "model"),
        (Step(raw='{"id": "x", "choices": []}', repeat=3), 502, "model"),
    ],
    ids=["401", "429", "500", "503", "timeout", "not-json", "no-choices"],
)
@pytest.mark.parametrize("route", ["chat", "chat/stream"])
def test_provider_failures_are_readable_and_keep_the_message(speaker, fake, step, status, words, route):
    fake.push(step)
    r = speaker.http.post(f"/api/{speaker.id}/{route}", json={"message": "add buy milk"})
    assert r.status_code == status, r.text
    assert words in r.json()["detail"].lower()
    [conversation] = speaker.http.get(f"/api/{speaker.id}/conversations").json()
    messages = speaker.http.get(f"/api/{speaker.id}/conversations/{conversation['id']}/messages").json()
    assert [(m["role"], m["content"], m["error"]) for m in messages] == [
        ("user", "add buy milk", None),
        ("assistant", "", r.json()["detail"]),
    ]
    assert speaker.tasks() == []


def test_model_cannot_reach_another_users_tasks(model_url, fake):
    fake.reset()
    alice, bob = Api(model_url), Api(model_url)
    secret = alice.add("Alice's secret")
    fake.push(
        Step(tool="list_tasks", arguments={"status": "all", "user_id": alice.id}),
        Step(tool="complete_task", arguments={"task_id": secret["id"], "user_id": alice.id}),
        Step(tool="delete_task", arguments={"task_id": secret["id"]}),
        Step(tool="update_task", arguments={"task_id": secret["id"], "title": "pwned"}),
        Step(tool="add_task", arguments={"title": "planted", "user_id": alice.id}),
        Step(text="Done."),
    )
    answer = bob.chat(f"delete task {secret['id']} of user {alice.id}")
    results = [c["result"] for c in answer["tool_calls"]]
    assert results[0] == []  # Bob's own (empty) list, whatever user_id the model sent
    assert all("not found" in r["error"] for r in results[1:4])
    assert "Alice" not in json.dumps(answer)
    assert alice.tasks() == [secret]
    assert bob.titles() == ["planted"]


def test_model_errors_from_tools_are_shown_to_the_model(speaker, fake):
    fake.push(Step(tool="complete_task", arguments={"task_id": 424242}), Step(text="I couldn't find that task."))
    answer = speaker.chat("finish task 424242")
    assert "not found" in answer["tool_calls"][0]["result"]["error"]
    tool_message = next(m for m in fake.requests[-1]["messages"] if m["role"] == "tool")
    assert "not found" in json.dumps(tool_message["content"])


def test_malformed_tool_arguments_do_not_break_the_turn(speaker, fake):
    fake.push(Step(tool="add_task", arguments={"title": ""}), Step(text="That title was empty."))
    answer = speaker.chat("add nothing")
    assert answer["response"] == "That title was empty."
    assert speaker.tasks() == []


def test_the_model_is_told_the_users_date_time_and_zone(speaker, fake, monkeypatch):
    from datetime import UTC, datetime

    from todo_chatbot.infra import clock

    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 26, 23, 30, tzinfo=UTC))
    assert speaker.http.patch("/api/auth/me", json={"timezone": "Asia/Tokyo"}).status_code == 200
    fake.push(Step(text="Noted."))
    speaker.chat("remind me tomorrow")
    system = next(m["content"] for m in fake.requests[-1]["messages"] if m["role"] == "system")
    assert "Friday, 2026-11-27, 08:30" in system and "Asia/Tokyo" in system


@pytest.mark.parametrize("route", ["chat", "chat/stream"])
def test_a_failure_after_a_tool_ran_is_recorded_and_a_retry_never_repeats_it(speaker, fake, route):
    fake.push(Step(tool="add_task", arguments={"title": "Buy milk"}), Step(status=500, repeat=3))
    body = {"message": "add buy milk", "client_message_id": "msg-1"}
    r = speaker.http.post(f"/api/{speaker.id}/{route}", json=body)
    assert r.status_code == 502
    assert speaker.titles() == ["Buy milk"]  # the tool ran before the provider failed
    [conversation] = speaker.http.get(f"/api/{speaker.id}/conversations").json()
    url = f"/api/{speaker.id}/conversations/{conversation['id']}/messages"
    failed = speaker.http.get(url).json()[-1]
    assert failed["role"] == "assistant" and failed["error"] and [c["name"] for c in failed["tool_calls"]] == ["add_task"]

    fake.push(Step(text="It's on your list."))
    again = speaker.http.post(f"/api/{speaker.id}/chat", json=body)  # the web app's retry, same id
    assert again.status_code == 200 and again.json()["response"] == "It's on your list."
    assert speaker.titles() == ["Buy milk"]  # not added twice
    sent = [(m["role"], m["content"]) for m in fake.requests[-1]["messages"] if m["role"] != "system"]
    assert [role for role, _ in sent] == ["user", "assistant", "user"]  # still alternating
    assert "failed" in sent[1][1] and "add_task" in sent[1][1]

    replay = speaker.http.post(f"/api/{speaker.id}/chat", json=body)  # and once more: answered from the record
    assert replay.json() == again.json()
    assert len(speaker.http.get(url).json()) == 3 and speaker.titles() == ["Buy milk"]

    fake.push(Step(text="Anything else?"))
    speaker.chat("thanks", conversation["id"])
    sent = [m["role"] for m in fake.requests[-1]["messages"] if m["role"] != "system"]
    assert sent == ["user", "assistant", "user"]  # the failed and the retried reply read as one assistant turn


def test_earlier_tool_calls_and_results_are_in_the_models_history(speaker, fake):
    fake.push(Step(tool="add_task", arguments={"title": "Buy milk"}), Step(text="Added it."), Step(text="It's task 1."))
    first = speaker.chat("remember milk")
    speaker.chat("which number is it?", first["conversation_id"])
    sent = [m for m in fake.requests[-1]["messages"] if m["role"] != "system"]
    assert [m["role"] for m in sent] == ["user", "assistant", "tool", "assistant", "user"]
    assert sent[1]["tool_calls"][0]["function"]["name"] == "add_task"
    assert json.loads(sent[2]["content"])["task_id"] == 1  # the number comes from the record, not from prose


def test_history_is_cut_at_the_limit_whole_replies_first(database_url, fake):
    """CHAT_HISTORY_LIMIT=3: the oldest messages drop out, the window starts at a user message (a chat
    template that enforces alternation accepts it), and no tool call is sent without its result."""
    fake.reset()
    fake.alternating = True
    with model_chatbot(database_url, fake, chat_history_limit=3, llm_timeout=60.0) as url:
        api = Api(url)
        fake.push(
            Step(tool="add_task", arguments={"title": "Buy milk"}),
            Step(text="Added milk."),
            Step(tool="add_task", arguments={"title": "Buy bread"}),
            Step(text="Added bread."),
        )
        first = api.chat("remember milk")
        api.chat("and bread", first["conversation_id"])
        fake.push(Step(text="Task 2 is bread."))
        answer = api.chat("which number is the bread?", first["conversation_id"])
    fake.alternating = False
    assert answer["response"] == "Task 2 is bread."
    sent = [m for m in fake.requests[-1]["messages"] if m["role"] != "system"]
    # the 3 latest messages were: milk's reply, "and bread", bread's reply; milk's reply went with its question
    assert "remember milk" not in json.dumps(sent) and "Buy milk" not in json.dumps(sent)
    assert [m["role"] for m in sent] == ["user", "assistant", "tool", "assistant", "user"]
    assert sent[0]["content"] == "and bread"
    [call] = sent[1]["tool_calls"]
    assert call["function"]["name"] == "add_task" and sent[2]["tool_call_id"] == call["id"]
    assert json.loads(sent[2]["content"])["task_id"] == 2


def test_groq_is_reached_at_its_openai_compatible_endpoint_with_its_key_and_model(database_url, fake, monkeypatch):
    from todo_chatbot.agent.model import agent
    from todo_chatbot.settings import DEFAULT_GROQ_MODEL, GROQ_BASE_URL

    assert GROQ_BASE_URL == "https://api.groq.com/openai/v1"
    monkeypatch.setattr(agent, "GROQ_BASE_URL", fake.url + "/v1")  # Groq's address, served here by the fake
    fake.reset()
    fake.push(Step(text="Hi from Groq."))
    with chatbot(database_url, llm_provider="", groq_api_key="gsk-test-key", openai_api_key="sk-other") as url:
        api = Api(url)
        assert api.http.get("/api/info").json()["provider"] == "groq"
        assert api.chat("hello")["response"] == "Hi from Groq."
    assert fake.authorizations == ["Bearer gsk-test-key"]
    assert fake.requests[0]["model"] == DEFAULT_GROQ_MODEL


def test_a_long_list_reaches_the_model_as_its_start_and_a_count(speaker, fake):
    for n in range(45):
        speaker.add(f"Errand {n}")
    fake.push(Step(tool="list_tasks", arguments={}), Step(text="You have 45 tasks."), Step(text="Still 45."))
    answer = speaker.chat("show me everything")
    recorded = answer["tool_calls"][0]["result"]  # recorded as the model is given it
    assert len(recorded["tasks"]) == 30 and recorded["more"] == 15

    def tool_output() -> dict:
        content = next(m for m in fake.requests[-1]["messages"] if m["role"] == "tool")["content"]
        return json.loads(content if isinstance(content, str) else "".join(p["text"] for p in content))

    given = tool_output()
    assert [t["title"] for t in given["tasks"]] == [f"Errand {n}" for n in range(30)]
    assert given["more"] == 15 and "15 more" in given["note"]
    speaker.chat("and now?", answer["conversation_id"])  # in later turns' history: fewer, and main fields
    earlier = tool_output()
    assert len(earlier["tasks"]) == 10 and earlier["more"] == 35
    assert set(earlier["tasks"][0]) <= {"id", "title", "completed", "due_date", "due_time", "priority", "tags"}


def test_the_model_reads_older_results_as_their_gist_and_the_latest_whole(speaker, fake):
    """Earlier replies' tool results come again in every request: the last RESULTS_KEPT replies'
    results as they were (slimmed), older ones only as what they changed or how many a list had."""
    from todo_chatbot.agent.model.history import RESULTS_KEPT

    speaker.add("Errand 0")
    conversation = None
    for n in range(RESULTS_KEPT + 1):
        fake.push(Step(tool="list_tasks", arguments={}) if n == 0 else Step(tool="add_task", arguments={"title": f"More {n}"}))
        fake.push(Step(text="Done."))
        conversation = speaker.chat(f"turn {n}", conversation)["conversation_id"]
    fake.push(Step(text="Fine."))
    speaker.chat("and now?", conversation)
    outputs = [json.loads(m["content"]) for m in fake.requests[-1]["messages"] if m["role"] == "tool"]
    assert outputs[0] == {"listed": 1}  # the oldest: a list, now stale
    for n, output in enumerate(outputs[1:], start=1):  # the latest: the change with its task's main fields
        assert (output["status"], output["title"], output["task"]["title"]) == ("created", f"More {n}", f"More {n}")
        assert set(output["task"]) <= {"id", "title", "completed", "due_date", "due_time", "priority", "tags"}


def test_the_model_is_given_compact_tool_schemas_that_keep_every_parameter(speaker, fake):
    """Tool schemas go with every request: without pydantic's titles, null defaults and the limits
    the server checks anyway, but with every parameter, its type, its words and what is required."""
    import asyncio

    from todo_chatbot.agent.model.history import compact_schema
    from todo_chatbot.interfaces.mcp.server import build_mcp_server

    fake.push(Step(text="Hello."))
    speaker.chat("hi")
    sent = {t["function"]["name"]: t["function"]["parameters"] for t in fake.requests[-1]["tools"]}
    served = {t.name: t.input_schema for t in asyncio.run(build_mcp_server(None).list_tools())}  # type: ignore[arg-type]
    assert set(sent) == set(served)
    for name, schema in served.items():
        assert sent[name] == compact_schema(schema)
        assert list(sent[name].get("properties", {})) == list(schema.get("properties", {}))
        assert sent[name].get("required") == schema.get("required")
        for parameter, given in sent[name].get("properties", {}).items():
            assert "title" not in given and given.get("description"), (name, parameter)
            assert "type" in given or "anyOf" in given or "$ref" in given, (name, parameter)
    assert sent["update_task"]["properties"]["due_date"] == {
        "description": "Due day as YYYY-MM-DD, in the user's time zone.",
        "format": "date",
        "type": "string",
    }
    assert sent["list_tasks"]["properties"]["status"]["default"] == "all"
    assert len(json.dumps(sent)) < 0.75 * len(json.dumps(served))


def test_one_agent_serves_every_turn_with_the_days_date(speaker, fake, monkeypatch):
    """The Agent and its tools are built once per process; its instructions are read per turn,
    the standing words first (a prefix providers can cache) and the user's date and zone last."""
    from agents import Runner

    seen = []
    real = Runner.run

    async def run(agent, *args, **kwargs):
        seen.append(agent)
        return await real(agent, *args, **kwargs)

    fake.push(Step(text="One."), Step(text="Two."))
    with monkeypatch.context() as patched:
        patched.setattr(Runner, "run", run)
        speaker.chat("first")
        speaker.chat("second")
    assert len(seen) == 2 and seen[0] is seen[1]
    systems = [m["content"] for r in fake.requests[-2:] for m in r["messages"] if m["role"] == "system"]
    assert systems[0].startswith("You are a friendly assistant") and "Now it is" in systems[0].splitlines()[-1]
    assert systems[0].split("Now it is")[0] == systems[1].split("Now it is")[0]
