"""The MCP server as external clients see it: /mcp over streamable HTTP with a bearer
token, and `todo-chatbot mcp` over stdio."""

import json
import os
import sys
from typing import Any

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent

from tests.conftest import PASSWORD, SECRET
from todo_chatbot.infra.db import Database
from todo_chatbot.interfaces.mcp.server import build_mcp_server
from todo_chatbot.turn import acting_for

TOOLS = {
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


def http_client(base_url: str, token: str | None, host: str | None = None) -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if host:
        headers["Host"] = host
    transport = streamable_http_client(f"{base_url}/mcp", http_client=httpx2.AsyncClient(headers=headers, timeout=10))
    return Client(transport, cache=None)


async def test_tools_are_typed_annotated_and_described(base_url, user):
    async with http_client(base_url, user.token) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    assert set(tools) == TOOLS
    assert tools["list_tasks"].annotations.read_only_hint is True
    assert tools["delete_task"].annotations.destructive_hint is True
    assert tools["complete_task"].annotations.idempotent_hint is True
    assert tools["add_task"].annotations.idempotent_hint is False
    for tool in tools.values():
        assert tool.description and tool.output_schema
        assert "user_id" not in tool.input_schema.get("properties", {})
    assert tools["add_task"].input_schema["required"] == ["title"]
    assert tools["list_tasks"].input_schema["properties"]["status"]["enum"] == ["all", "pending", "completed"]


async def test_tools_act_for_the_tokens_user(base_url, user, other_user):
    async with http_client(base_url, user.token) as client:
        added = await client.call_tool("add_task", {"title": "From MCP", "description": "via http"})
        assert added.structured_content["status"] == "created"
        task_id = added.structured_content["task_id"]
        listed = await client.call_tool("list_tasks", {"status": "pending"})
        [item] = listed.structured_content["result"]
        assert {k: item[k] for k in ("id", "title", "description", "completed")} == {
            "id": task_id,
            "title": "From MCP",
            "description": "via http",
            "completed": False,
        }
        done = await client.call_tool("complete_task", {"task_id": task_id})
        assert {k: done.structured_content[k] for k in ("task_id", "status", "title")} == {
            "task_id": task_id,
            "status": "completed",
            "title": "From MCP",
        }
        renamed = await client.call_tool("update_task", {"task_id": task_id, "title": "Renamed"})
        assert renamed.structured_content["status"] == "updated"
    assert user.titles("completed") == ["Renamed"]

    async with http_client(base_url, other_user.token) as client:
        assert (await client.call_tool("list_tasks", {})).structured_content["result"] == []
        for name in ("complete_task", "delete_task"):
            result = await client.call_tool(name, {"task_id": task_id})
            assert result.is_error and "not found" in result.content[0].text
        result = await client.call_tool("update_task", {"task_id": task_id, "title": "hijack"})
        assert result.is_error
        await client.call_tool("add_task", {"title": "Bob's", "user_id": user.id})
    assert user.titles() == ["Renamed"] and other_user.titles() == ["Bob's"]

    async with http_client(base_url, user.token) as client:
        deleted = await client.call_tool("delete_task", {"task_id": task_id})
        assert {k: deleted.structured_content[k] for k in ("task_id", "status", "title")} == {
            "task_id": task_id,
            "status": "deleted",
            "title": "Renamed",
        }
    assert user.tasks() == []


async def test_bad_tool_arguments_are_errors_not_crashes(base_url, user):
    async with http_client(base_url, user.token) as client:
        for name, args in [
            ("add_task", {"title": ""}),
            ("add_task", {}),
            ("complete_task", {"task_id": "x"}),
            ("list_tasks", {"status": "someday"}),
            ("update_task", {"task_id": 1}),
            ("add_task", {"title": "t" * 201}),
        ]:
            result = await client.call_tool(name, args)
            assert result.is_error, (name, args)
    assert user.tasks() == []


async def test_task_numbers_are_whole_numbers_in_bulk_tools_too(base_url, user):
    """`true` and `1.0` are not task 1: refused, and task 1 left as it was."""
    user.add("Keep me")
    async with http_client(base_url, user.token) as client:
        for name, args in [
            ("delete_tasks", {"task_ids": [True]}),
            ("complete_tasks", {"task_ids": [1.0]}),
            ("delete_task", {"task_id": True}),
        ]:
            result = await client.call_tool(name, args)
            assert result.is_error, (name, args)
    assert [(t["id"], t["completed"]) for t in user.tasks()] == [(1, False)]


async def test_v2_fields_filters_reopen_and_undo_over_mcp(base_url, user):
    async with http_client(base_url, user.token) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert "YYYY-MM-DD" in str(tools["add_task"].input_schema) and "time zone" in str(tools["add_task"].input_schema)
        assert tools["undo_last_change"].annotations.read_only_hint is False
        added = await client.call_tool(
            "add_task",
            {
                "title": "Stand-up",
                "due_date": "2026-11-30",
                "due_time": "09:30",
                "priority": "high",
                "tags": ["Work"],
                "recurrence": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            },
        )
        assert not added.is_error, added.content
        task = added.structured_content["task"]
        assert (task["id"], task["due_time"], task["tags"], task["recurrence_text"]) == (1, "09:30", ["work"], "every weekday")
        await client.call_tool("add_task", {"title": "Read a book", "due_date": "2026-12-24", "due_time": "20:00"})
        listed = await client.call_tool("list_tasks", {"tag": "work", "sort": "due"})
        assert [t["title"] for t in listed.structured_content["result"]] == ["Stand-up"]
        assert (await client.call_tool("list_tasks", {"due": "someday"})).is_error

        done = await client.call_tool("complete_task", {"task_id": 1})
        assert done.structured_content["next_task"]["due_date"] == "2026-12-01"
        reopened = await client.call_tool("complete_task", {"task_id": 1, "completed": False})
        assert reopened.structured_content["status"] == "reopened"
        await client.call_tool("complete_task", {"task_id": 1})
        assert len(user.tasks()) == 3  # completing again made no second next occurrence

        cleared = await client.call_tool("update_task", {"task_id": 2, "clear_due_date": True})
        assert (cleared.structured_content["task"]["due_date"], cleared.structured_content["task"]["recurrence"]) == (None, None)
        bad = await client.call_tool("update_task", {"task_id": 2, "due_time": "10:00"})
        assert bad.is_error and "due_date" in bad.content[0].text
        bad = await client.call_tool("add_task", {"title": "x", "due_date": "2026-02-30"})
        assert bad.is_error

        undone = await client.call_tool("undo_last_change", {})
        assert undone.structured_content["undone"] == 'changing "Read a book"'
    user.add("from REST")
    async with http_client(base_url, user.token) as client:
        undone = await client.call_tool("undo_last_change", {})  # a change made over REST
        assert undone.structured_content["undone"] == 'adding "from REST"'
    assert user.http.post(f"/api/{user.id}/undo").json()["undone"] == 'completing "Stand-up"'  # made over MCP


async def test_bulk_tools_are_one_undo_step_each(base_url, user):
    for title in ("a", "b", "c"):
        user.add(title)
    async with http_client(base_url, user.token) as client:
        done = await client.call_tool("complete_tasks", {"task_ids": [1, 2, 2]})
        assert done.structured_content["count"] == 2
        assert (await client.call_tool("delete_tasks", {"task_ids": [1, 99]})).is_error  # all or nothing
        gone = await client.call_tool("delete_tasks", {"task_ids": [1, 2, 3]})
        assert gone.structured_content["count"] == 3 and user.tasks() == []
        assert (await client.call_tool("undo_last_change", {})).structured_content["undone"] == "deleting 3 tasks"
        assert [t["completed"] for t in user.tasks()] == [True, True, False]
        assert (await client.call_tool("undo_last_change", {})).structured_content["undone"] == "completing 2 tasks"
        assert [t["completed"] for t in user.tasks()] == [False, False, False]
        await client.call_tool("complete_tasks", {"task_ids": [1, 2, 3]})
        reopened = await client.call_tool("complete_tasks", {"task_ids": [1, 3], "completed": False})
        assert (reopened.structured_content["status"], reopened.structured_content["count"]) == ("reopened", 2)
        assert [t["completed"] for t in user.tasks()] == [False, True, False]
        assert (await client.call_tool("undo_last_change", {})).structured_content["undone"] == "reopening 2 tasks"
        assert [t["completed"] for t in user.tasks()] == [True, True, True]
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert tools["delete_tasks"].annotations.destructive_hint is True


@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_mcp_needs_a_valid_token(base_url, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    r = httpx.post(
        f"{base_url}/mcp",
        headers=headers | {"Accept": "application/json, text/event-stream"},
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}},
    )
    assert r.status_code == 401
    # RFC 9728 §5.1: where to learn how to get a token (tests/interfaces/mcp/test_mcp_oauth.py follows it)
    assert r.headers["www-authenticate"].startswith("Bearer ")
    assert f'resource_metadata="{base_url}/.well-known/oauth-protected-resource/mcp"' in r.headers["www-authenticate"]


async def test_get_task_and_a_range_of_due_days(base_url, user, other_user):
    async with http_client(base_url, user.token) as client:
        for title, day in [("Before", "2026-12-01"), ("First", "2026-12-02"), ("Last", "2026-12-04"), ("After", "2026-12-05")]:
            await client.call_tool("add_task", {"title": title, "due_date": day})
        await client.call_tool("add_task", {"title": "Undated"})
        ranged = await client.call_tool("list_tasks", {"due_from": "2026-12-02", "due_to": "2026-12-04"})
        assert [t["title"] for t in ranged.structured_content["result"]] == ["First", "Last"]
        later = await client.call_tool("list_tasks", {"due_from": "2026-12-04", "sort": "due"})
        assert [t["title"] for t in later.structured_content["result"]] == ["Last", "After"]
        assert (await client.call_tool("list_tasks", {"due_to": "2026-12-31x"})).is_error
        got = await client.call_tool("get_task", {"task_id": 2})
        assert (got.structured_content["id"], got.structured_content["title"], got.structured_content["due_date"]) == (
            2,
            "First",
            "2026-12-02",
        )
        missing = await client.call_tool("get_task", {"task_id": 99})
        assert missing.is_error and "Task 99 not found" in missing.content[0].text
        assert (await client.call_tool("get_task", {"task_id": True})).is_error
    async with http_client(base_url, other_user.token) as client:  # another user's task is not found either
        assert (await client.call_tool("get_task", {"task_id": 2})).is_error


async def test_mcp_answers_behind_the_service_name(base_url, user):
    async with http_client(base_url, user.token, host="todo-chatbot-backend:8000") as client:
        assert len((await client.list_tools()).tools) == len(TOOLS)


def test_mcp_refuses_unknown_hosts(base_url, user):
    r = httpx.post(
        f"{base_url}/mcp",
        headers={"Authorization": f"Bearer {user.token}", "Host": "evil.example:80", "Accept": "application/json, text/event-stream"},
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}},
    )
    assert r.status_code == 421


async def test_stdio_server_acts_for_the_named_user(base_url, database_url, user):
    user.add("Seen over stdio")
    env = {"DATABASE_URL": database_url, "BETTER_AUTH_SECRET": SECRET, "PATH": os.environ["PATH"], "LOG_LEVEL": "WARNING"}
    params = StdioServerParameters(command=sys.executable, args=["-m", "todo_chatbot.cli", "mcp", "--user", user.email], env=env)
    async with Client(params, cache=None) as client:
        listed = await client.call_tool("list_tasks", {})
        assert [t["title"] for t in listed.structured_content["result"]] == ["Seen over stdio"]
        await client.call_tool("add_task", {"title": "Added over stdio"})
    assert user.titles() == ["Seen over stdio", "Added over stdio"]


def test_stdio_server_refuses_unknown_user(database_url):
    import subprocess

    env = {"DATABASE_URL": database_url, "BETTER_AUTH_SECRET": SECRET, "PATH": os.environ["PATH"]}
    r = subprocess.run(
        [sys.executable, "-m", "todo_chatbot.cli", "mcp", "--user", "nobody@example.com"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 2 and "no account" in r.stderr
    assert SECRET not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.nodb
def test_stdio_server_reports_an_unreachable_database_without_its_password():
    """The process is given a password (in DATABASE_URL), fails to use it, and says so without repeating it."""
    import subprocess

    from tests.conftest import free_port

    url = f"postgresql://todo:{PASSWORD.replace(' ', '-')}@127.0.0.1:{free_port()}/todo"
    env = {"DATABASE_URL": url, "BETTER_AUTH_SECRET": SECRET, "PATH": os.environ["PATH"]}
    r = subprocess.run(
        [sys.executable, "-m", "todo_chatbot.cli", "mcp", "--user", "someone@example.com"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("todo-chatbot mcp: the database is unreachable") and "Connection refused" in r.stderr
    assert PASSWORD.replace(" ", "-") not in r.stderr and "Traceback" not in r.stderr


async def test_list_tasks_pages_with_limit_and_offset(base_url, user):
    for n in range(5):
        user.add(f"Page task {n}")
    async with http_client(base_url, user.token) as client:
        first = (await client.call_tool("list_tasks", {"limit": 2})).structured_content["result"]
        second = (await client.call_tool("list_tasks", {"limit": 2, "offset": 2})).structured_content["result"]
        refused = await client.call_tool("list_tasks", {"limit": 0})
    assert [t["title"] for t in first + second] == [f"Page task {n}" for n in range(4)]
    assert refused.is_error


def _without_moments(value):
    """A tool result without the moments that differ between two users' identical histories."""
    if isinstance(value, dict):
        return {k: _without_moments(v) for k, v in value.items() if k not in ("created_at", "updated_at", "completed_at")}
    if isinstance(value, list):
        return [_without_moments(v) for v in value]
    return value


async def test_in_process_calls_give_what_the_wire_gives(database_url, base_url, user, other_user):
    """The agents call the tools in-process (TaskServer.run_tool: no protocol message, the result
    serialised once). Every tool, errors included, gives the value the SDK's own call gives as
    structured content, which is what a turn records: the same steps for two users, one each way."""
    db = Database(database_url)
    server = build_mcp_server(db)
    steps = [
        ("add_task", {"title": "Pay rent", "due_date": "2026-12-01", "priority": "high", "tags": ["Home"], "recurrence": "FREQ=MONTHLY"}),
        ("add_task", {"title": "Call mom", "reminder": {"at": "2026-12-24T17:00:00+01:00"}}),
        ("add_task", {"title": ""}),
        ("list_tasks", {"status": "pending", "sort": "due"}),
        ("list_tasks", {"due_from": "2026-12-01", "due_to": "2026-12-01"}),
        ("list_tasks", {"status": "someday"}),
        ("get_task", {"task_id": 2}),
        ("get_task", {"task_id": 7}),
        ("complete_task", {"task_id": 1}),
        ("update_task", {"task_id": 2, "title": "Call mum", "clear_reminder": True}),
        ("update_task", {"task_id": 2}),
        ("complete_tasks", {"task_ids": [2, 3]}),
        ("delete_task", {"task_id": 2}),
        ("undo_last_change", {}),
        ("delete_tasks", {"task_ids": [1, 2]}),
        ("no_such_tool", {}),
    ]
    try:
        for name, arguments in steps:
            with acting_for(user.id):
                wire = result_value(await call_tool(server, name, arguments))
            with acting_for(other_user.id):
                direct = await server.run_tool(name, arguments)
            assert _without_moments(direct) == _without_moments(wire), name
            assert json.dumps(direct, sort_keys=True).count('"') == json.dumps(wire, sort_keys=True).count('"')  # same JSON types
        with acting_for(other_user.id):
            whole = await server.run_tool("list_tasks", {"status": "all"})
            assert await server.list_page({"status": "all"}) == (whole, len(whole)) and whole
    finally:
        await db.dispose()


# How a tool's result reads over the wire (the protocol's path), to compare with run_tool's.
async def call_tool(server: MCPServer, name: str, arguments: dict[str, Any]) -> CallToolResult:
    """Calls one tool in-process; failures come back as an error result, as over the wire."""
    try:
        result = await server.call_tool(name, arguments)
    except ToolError as exc:
        return CallToolResult(content=[TextContent(type="text", text=str(exc))], is_error=True)
    assert isinstance(result, CallToolResult)
    return result


def result_value(result: CallToolResult) -> Any:
    """The plain value of a tool result, as recorded in a chat turn's tool_calls."""
    if result.is_error:
        return {"error": " ".join(c.text for c in result.content if isinstance(c, TextContent))}
    content = result.structured_content
    if isinstance(content, dict) and set(content) == {"result"}:
        return content["result"]
    if content is not None:
        return content
    text = " ".join(c.text for c in result.content if isinstance(c, TextContent))
    try:
        return json.loads(text)
    except ValueError:
        return text
