"""POST /chatkit at the protocol level: requests built and answers read with the openai-chatkit
SDK's own types, against the real server (offline assistant, then the scripted model)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from chatkit.types import (
    AssistantMessageContentPartTextDelta,
    AssistantMessageItem,
    ChatKitReq,
    ErrorEvent,
    InferenceOptions,
    ItemsListParams,
    ItemsListReq,
    Page,
    Thread,
    ThreadAddUserMessageParams,
    ThreadCreatedEvent,
    ThreadCreateParams,
    ThreadDeleteParams,
    ThreadGetByIdParams,
    ThreadItem,
    ThreadItemAddedEvent,
    ThreadItemDoneEvent,
    ThreadItemUpdatedEvent,
    ThreadListParams,
    ThreadRetryAfterItemParams,
    ThreadsAddUserMessageReq,
    ThreadsCreateReq,
    ThreadsDeleteReq,
    ThreadsGetByIdReq,
    ThreadsListReq,
    ThreadsRetryAfterItemReq,
    ThreadStreamEvent,
    ThreadsUpdateReq,
    ThreadUpdatedEvent,
    ThreadUpdateParams,
    UserMessageInput,
    UserMessageItem,
    UserMessageTextContent,
    WidgetItem,
)
from chatkit.widgets import ListView
from pydantic import BaseModel, TypeAdapter

from tests.conftest import Api
from tests.fake_openai import Step

EVENTS = TypeAdapter[ThreadStreamEvent](ThreadStreamEvent)
THREADS = TypeAdapter(Page[Thread])
ITEMS = TypeAdapter(Page[ThreadItem])


def said(text: str) -> UserMessageInput:
    return UserMessageInput(content=[UserMessageTextContent(text=text)], attachments=[], inference_options=InferenceOptions())


class ChatKit:
    """A ChatKit client of one signed-up user: the web component's requests, with its bearer token."""

    def __init__(self, api: Api) -> None:
        self.api = api

    def post(self, request: BaseModel | dict[str, Any] | bytes):
        if isinstance(request, BaseModel):
            body = request.model_dump_json().encode()
        elif isinstance(request, dict):
            body = json.dumps(request).encode()
        else:
            body = request
        return self.api.http.post("/chatkit", content=body, headers={"Content-Type": "application/json"})

    def stream(self, request: BaseModel) -> list[Any]:
        r = self.post(request)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/event-stream")
        blocks = [b for b in r.text.split("\n\n") if b.strip()]
        assert all(b.startswith("data: ") for b in blocks)
        return [EVENTS.validate_json(b.removeprefix("data: ")) for b in blocks]

    def create(self, text: str) -> tuple[str, list[Any]]:
        events = self.stream(ThreadsCreateReq(params=ThreadCreateParams(input=said(text))))
        assert isinstance(events[0], ThreadCreatedEvent)
        return events[0].thread.id, events

    def say(self, thread_id: str, text: str) -> list[Any]:
        return self.stream(ThreadsAddUserMessageReq(params=ThreadAddUserMessageParams(thread_id=thread_id, input=said(text))))

    def threads(self, **params: Any) -> Page[Thread]:
        r = self.post(ThreadsListReq(params=ThreadListParams(**params)))
        assert r.status_code == 200, r.text
        return THREADS.validate_json(r.content)

    def items(self, thread_id: str, **params: Any) -> Page[ThreadItem]:
        r = self.post(ItemsListReq(params=ItemsListParams(thread_id=thread_id, **params)))
        assert r.status_code == 200, r.text
        return ITEMS.validate_json(r.content)


def done_items(events: list[Any]) -> list[Any]:
    return [e.item for e in events if isinstance(e, ThreadItemDoneEvent)]


def reply_of(events: list[Any]) -> str:
    [reply] = [i for i in done_items(events) if isinstance(i, AssistantMessageItem)]
    return "".join(c.text for c in reply.content)


def widget_rows(item: WidgetItem) -> list[str]:
    """The rows of a task-list widget as text: '#1 Buy milk [Added]'."""
    assert isinstance(item.widget, ListView)
    rows = []
    for row in item.widget.children:
        [line] = row.children
        details, badge = line.children  # type: ignore[attr-defined]
        rows.append(f"{details.children[0].value} [{badge.label}]")
    return rows


@pytest.fixture
def kit(user) -> ChatKit:
    return ChatKit(user)


def test_the_api_description_names_the_sdks_request_types():
    """routes.REQUEST_TYPES is written out (the SDK is not imported at start): it must be the SDK's list."""
    from typing import get_args

    from todo_chatbot.interfaces.chatkit.routes import REQUEST_TYPES

    assert sorted(get_args(m.model_fields["type"].annotation)[0] for m in get_args(get_args(ChatKitReq)[0])) == REQUEST_TYPES


def test_a_new_thread_is_a_conversation_whose_turn_adds_a_task(kit):
    thread_id, events = kit.create("add buy milk")
    kinds = [e.type for e in events]
    assert kinds[:3] == ["thread.created", "thread.item.done", "stream_options"]
    user_item = events[1].item
    assert isinstance(user_item, UserMessageItem) and user_item.content[0].text == "add buy milk"

    added = [e for e in events if isinstance(e, ThreadItemAddedEvent)]
    deltas = [
        e.update.delta
        for e in events
        if isinstance(e, ThreadItemUpdatedEvent) and isinstance(e.update, AssistantMessageContentPartTextDelta)
    ]
    text = reply_of(events)
    assert len(added) == 1 and len(deltas) > 1 and "".join(deltas) == text
    assert text.startswith("Added “Buy milk” to your list")
    [widget] = [i for i in done_items(events) if isinstance(i, WidgetItem)]
    task = kit.api.tasks()[0]
    assert widget_rows(widget) == [f"#{task['id']} Buy milk [Added]"]
    updated = [e for e in events if isinstance(e, ThreadUpdatedEvent)]
    assert updated and updated[-1].thread.title == "add buy milk"  # titled after its first message

    # the same conversation through the REST API: the web app's history
    assert kit.api.titles() == ["Buy milk"]
    [conversation] = kit.api.http.get(f"/api/{kit.api.id}/conversations").json()
    assert thread_id == f"conv_{conversation['id']}" and conversation["title"] == "add buy milk"
    messages = kit.api.http.get(f"/api/{kit.api.id}/conversations/{conversation['id']}/messages").json()
    assert [(m["role"], m["content"]) for m in messages] == [("user", "add buy milk"), ("assistant", text)]
    assert messages[1]["tool_calls"][0]["name"] == "add_task"
    assert user_item.id == f"msg_{messages[0]['id']}"  # the id it is listed under afterwards


def test_a_message_added_to_a_thread_continues_the_conversation(kit):
    thread_id, _ = kit.create("add call mom")
    events = kit.say(thread_id, "I called mom")
    assert "call mom" in reply_of(events).lower()
    [widget] = [i for i in done_items(events) if isinstance(i, WidgetItem)]
    [row] = widget_rows(widget)
    assert row.endswith("Call mom [Done]")
    assert kit.api.tasks("completed")[0]["title"] == "Call mom"
    events = kit.say(thread_id, "what's still open?")
    assert not [i for i in done_items(events) if isinstance(i, WidgetItem)]  # a read changes nothing


def test_threads_and_items_are_listed_from_both_apis(kit):
    rest = kit.api.chat("add water the plants")["conversation_id"]  # started in the web app
    thread_id, _ = kit.create("add buy bread")
    kit.say(thread_id, "hi")
    listed = kit.threads()
    assert [t.id for t in listed.data] == [thread_id, f"conv_{rest}"] and not listed.has_more
    assert [t.title for t in listed.data] == ["add buy bread", "add water the plants"]
    first = kit.threads(limit=1)
    assert [t.id for t in first.data] == [thread_id] and first.has_more and first.after == thread_id
    assert [t.id for t in kit.threads(limit=1, after=first.after).data] == [f"conv_{rest}"]
    assert [t.id for t in kit.threads(order="asc").data] == [f"conv_{rest}", thread_id]

    items = kit.items(thread_id, order="asc")
    kinds = [(i.type, getattr(i, "content", None) and i.content[0].text) for i in items.data]
    assert [k for k, _ in kinds] == ["user_message", "assistant_message", "widget", "user_message", "assistant_message"]
    assert kinds[0][1] == "add buy bread" and kinds[3][1] == "hi"
    assert [i.id for i in kit.items(thread_id).data] == [i.id for i in reversed(items.data)]  # desc by default
    page = kit.items(thread_id, order="asc", limit=2)
    assert page.has_more and [i.id for i in page.data] == [i.id for i in items.data[:2]]
    rest_page = kit.items(thread_id, order="asc", after=page.after)
    assert [i.id for i in rest_page.data] == [i.id for i in items.data[2:]] and not rest_page.has_more

    r = kit.post(ThreadsGetByIdReq(params=ThreadGetByIdParams(thread_id=f"conv_{rest}")))
    thread = Thread.model_validate_json(r.content)
    assert thread.title == "add water the plants"
    assert [i.type for i in thread.items.data] == ["user_message", "assistant_message", "widget"]


def test_a_thread_is_renamed_and_deleted_as_its_conversation(kit):
    thread_id, _ = kit.create("add pay rent")
    r = kit.post(ThreadsUpdateReq(params=ThreadUpdateParams(thread_id=thread_id, title="Rent")))
    assert r.status_code == 200 and Thread.model_validate_json(r.content).title == "Rent"
    assert [c["title"] for c in kit.api.http.get(f"/api/{kit.api.id}/conversations").json()] == ["Rent"]
    assert kit.post(ThreadsDeleteReq(params=ThreadDeleteParams(thread_id=thread_id))).status_code == 200
    assert kit.api.http.get(f"/api/{kit.api.id}/conversations").json() == []
    assert kit.post(ThreadsGetByIdReq(params=ThreadGetByIdParams(thread_id=thread_id))).status_code == 404
    assert kit.api.titles() == ["Pay rent"]  # the tasks a conversation made stay


def test_a_thread_begun_with_small_talk_is_named_by_the_first_request_unless_renamed(kit):
    def titles() -> list[str]:
        return [c["title"] for c in kit.api.http.get(f"/api/{kit.api.id}/conversations").json()]

    thread_id, _ = kit.create("good morning!")
    assert titles() == ["good morning!"]
    kit.say(thread_id, "remind me to pay rent on friday")
    assert titles() == ["remind me to pay rent on friday"]

    renamed, _ = kit.create("hey")
    assert kit.post(ThreadsUpdateReq(params=ThreadUpdateParams(thread_id=renamed, title="Errands"))).status_code == 200
    kit.say(renamed, "add buy stamps")
    assert titles() == ["Errands", "remind me to pay rent on friday"]  # a name someone gave is kept


def test_retrying_the_latest_message_never_applies_it_twice(kit):
    thread_id, events = kit.create("add buy eggs")
    first = reply_of(events)
    user_item = events[1].item
    retry = ThreadsRetryAfterItemReq(params=ThreadRetryAfterItemParams(thread_id=thread_id, item_id=user_item.id))
    again = kit.stream(retry)
    assert reply_of(again) == first  # answered from the record
    assert kit.api.titles() == ["Buy eggs"]
    kit.say(thread_id, "hi")
    r = kit.post(retry)  # no longer the latest message
    assert r.status_code == 400 and "latest" in r.json()["detail"]


def test_another_users_thread_is_not_found(kit, other_user):
    thread_id, events = kit.create("add my secret plan")
    thief = ChatKit(other_user)
    item_id = events[1].item.id
    attempts = [
        ThreadsGetByIdReq(params=ThreadGetByIdParams(thread_id=thread_id)),
        ItemsListReq(params=ItemsListParams(thread_id=thread_id)),
        ThreadsAddUserMessageReq(params=ThreadAddUserMessageParams(thread_id=thread_id, input=said("delete task 1"))),
        ThreadsUpdateReq(params=ThreadUpdateParams(thread_id=thread_id, title="pwned")),
        ThreadsDeleteReq(params=ThreadDeleteParams(thread_id=thread_id)),
        ThreadsRetryAfterItemReq(params=ThreadRetryAfterItemParams(thread_id=thread_id, item_id=item_id)),
    ]
    for attempt in attempts:
        r = thief.post(attempt)
        assert r.status_code == 404, (attempt.type, r.status_code, r.text)
        assert "secret" not in r.text
    assert thief.threads().data == []
    assert [t.title for t in kit.threads().data] == ["add my secret plan"]
    assert len(kit.items(thread_id).data) == 3 and kit.api.titles() == ["My secret plan"]


def test_bad_requests_are_4xx_and_change_nothing(kit, user):
    thread_id, _ = kit.create("add one thing")
    before = kit.items(thread_id).data

    def message(text: str) -> dict[str, Any]:
        return {"type": "threads.add_user_message", "params": {"thread_id": thread_id, "input": json.loads(said(text).model_dump_json())}}

    with_attachment = message("add two")
    with_attachment["params"]["input"]["attachments"] = ["atc_1"]
    cases: list[tuple[Any, int, str]] = [
        (b"{not json", 422, "json"),
        (b"\x80\xa8 not utf-8", 422, "json"),
        ({"type": "threads.explode", "params": {}}, 422, "type"),
        ({"type": "threads.list"}, 422, "params"),
        (message("   "), 422, "params.input.content"),
        (message("x" * 4001), 422, "4000"),
        (message("null \x00 byte"), 422, "NUL"),
        (with_attachment, 400, "Attachments"),
        ({"type": "input.transcribe", "params": {"audio_base64": "", "mime_type": "audio/webm"}}, 400, "not supported"),
        ({"type": "threads.get_by_id", "params": {"thread_id": "thr_abc"}}, 404, "not found"),
        ({"type": "threads.get_by_id", "params": {"thread_id": "conv_99999999999999"}}, 404, "not found"),
        ({"type": "threads.list", "params": {"limit": 0}}, 422, "limit"),
        ({"type": "items.list", "params": {"thread_id": thread_id, "after": "msg_0"}}, 400, "cursor"),
        ({"type": "threads.update", "params": {"thread_id": thread_id, "title": "t" * 201}}, 422, "title"),
        ({"type": "threads.retry_after_item", "params": {"thread_id": thread_id, "item_id": "msg_x"}}, 400, "user message"),
    ]
    for body, status, words in cases:
        r = kit.post(body)
        assert r.status_code == status, (body if not isinstance(body, dict) else body["type"], r.status_code, r.text)
        assert words.lower() in r.text.lower(), r.text
    r = kit.api.http.post("/chatkit", content=b"{}", headers={"Authorization": ""})
    assert r.status_code == 401
    assert kit.items(thread_id).data == before and kit.api.titles() == ["One thing"]


def test_info_says_whether_chatkit_is_on(base_url, database_url):
    from tests.conftest import chatbot

    assert Api(base_url).http.get("/api/info").json()["chatkit"] == {"enabled": False, "domain_key": None}
    with chatbot(database_url, chatkit_domain_key="domain_pk_test123") as url:
        info = Api(url).http.get("/api/info").json()
    assert info["chatkit"] == {"enabled": True, "domain_key": "domain_pk_test123"}


# ---------------------------------------------------------------- the model path


def test_a_model_turn_over_chatkit_adds_a_task(speaker, fake):
    kit = ChatKit(speaker)
    fake.push(
        Step(tool="add_task", arguments={"title": "Buy milk", "due_date": "2030-01-02"}), Step(text="Added Buy milk for January 2nd.")
    )
    thread_id, events = kit.create("please remember milk for jan 2 2030")
    assert reply_of(events) == "Added Buy milk for January 2nd."
    [widget] = [i for i in done_items(events) if isinstance(i, WidgetItem)]
    task = speaker.tasks()[0]
    assert task["title"] == "Buy milk" and task["due_date"] == "2030-01-02"
    assert widget_rows(widget) == [f"#{task['id']} Buy milk [Added]"]
    assert len(fake.requests) == 2

    fake.push(Step(text="You have Buy milk."))
    events = kit.say(thread_id, "what do I have?")
    assert reply_of(events) == "You have Buy milk."
    sent = [(m["role"], m.get("content")) for m in fake.requests[-1]["messages"] if m["role"] not in ("system", "tool")]
    assert sent[0] == ("user", "please remember milk for jan 2 2030") and sent[-1] == ("user", "what do I have?")


def test_a_failed_model_turn_is_an_error_event_and_a_retry_runs_it_once(speaker, fake):
    kit = ChatKit(speaker)
    fake.push(Step(tool="add_task", arguments={"title": "Buy milk"}), Step(status=500, repeat=3))
    thread_id, events = kit.create("remember milk")
    [error] = [e for e in events if isinstance(e, ErrorEvent)]
    assert error.allow_retry and "failed" in (error.message or "").lower()
    assert speaker.titles() == ["Buy milk"]  # what the turn did is kept
    items = kit.items(thread_id, order="asc").data
    assert [i.type for i in items] == ["user_message", "assistant_message", "widget"]
    assert "failed" in items[1].content[0].text.lower()  # the error the user saw, on record

    fake.push(Step(text="It's on your list."))
    retry = ThreadsRetryAfterItemReq(params=ThreadRetryAfterItemParams(thread_id=thread_id, item_id=items[0].id))
    assert reply_of(kit.stream(retry)) == "It's on your list."
    assert speaker.titles() == ["Buy milk"]  # not added twice
    items = kit.items(thread_id, order="asc").data
    assert [i.type for i in items] == ["user_message", "assistant_message"]  # the retried answer replaces the failed one
    assert items[1].content[0].text == "It's on your list."


# ---------------------------------------------------------------- the widget, alone


@pytest.mark.nodb
def test_every_kind_of_task_change_is_a_row_and_reads_are_not():
    from datetime import UTC, datetime

    from todo_chatbot.interfaces.chatkit.widget import tasks_widget_item

    task = {"id": 3, "title": "Pay rent", "completed": True, "due_date": "2030-01-01", "recurrence_text": "every month"}
    calls = [
        {"name": "list_tasks", "arguments": {}, "result": [task]},
        {"name": "complete_task", "arguments": {}, "result": {"error": "Task 9 not found"}},
        {
            "name": "complete_task",
            "arguments": {},
            "result": {
                "task_id": 3,
                "status": "completed",
                "title": "Pay rent",
                "task": task,
                "next_task": {**task, "id": 4, "completed": False, "due_date": "2030-02-01"},
            },
        },
        {"name": "delete_task", "arguments": {}, "result": {"task_id": 5, "status": "deleted", "title": "Old"}},
        {"name": "delete_tasks", "arguments": {}, "result": {"status": "deleted", "count": 1, "tasks": [{"id": 6, "title": "Older"}]}},
        {
            "name": "undo_last_change",
            "arguments": {},
            "result": {"status": "undone", "undone": "deleting", "tasks": [{"id": 6, "title": "Older"}]},
        },
    ]
    item = tasks_widget_item("msg_1_reply", "conv_1", calls, datetime.now(UTC))
    assert item is not None and item.id == "msg_1_reply_tasks"
    assert widget_rows(item) == [
        "#3 Pay rent [Done]",
        "#4 Pay rent [Next]",
        "#5 Old [Deleted]",
        "#6 Older [Deleted]",
        "#6 Older [Restored]",
    ]
    assert item.copy_text and item.copy_text.splitlines()[0] == "Done: #3 Pay rent"
    assert tasks_widget_item("msg_1_reply", "conv_1", calls[:2], datetime.now(UTC)) is None
