"""The MCP server as external clients see it: /mcp over streamable HTTP with a bearer
token, and `todo-chatbot mcp` over stdio."""

import os
import sys

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from .conftest import PASSWORD, SECRET

TOOLS = {"add_task", "list_tasks", "complete_task", "delete_task", "update_task"}


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
        assert listed.structured_content["result"] == [
            {"id": task_id, "title": "From MCP", "description": "via http", "completed": False}
        ]
        done = await client.call_tool("complete_task", {"task_id": task_id})
        assert done.structured_content == {"task_id": task_id, "status": "completed", "title": "From MCP"}
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
        assert deleted.structured_content == {"task_id": task_id, "status": "deleted", "title": "Renamed"}
    assert user.tasks() == []


async def test_bad_tool_arguments_are_errors_not_crashes(base_url, user):
    async with http_client(base_url, user.token) as client:
        for name, args in [("add_task", {"title": ""}), ("add_task", {}), ("complete_task", {"task_id": "x"}),
                           ("list_tasks", {"status": "someday"}), ("update_task", {"task_id": 1}),
                           ("add_task", {"title": "t" * 201})]:
            result = await client.call_tool(name, args)
            assert result.is_error, (name, args)
    assert user.tasks() == []


@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_mcp_needs_a_valid_token(base_url, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    r = httpx.post(f"{base_url}/mcp", headers=headers | {"Accept": "application/json, text/event-stream"},
                   json={"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


async def test_mcp_answers_behind_the_service_name(base_url, user):
    async with http_client(base_url, user.token, host="todo-chatbot-backend:8000") as client:
        assert len((await client.list_tools()).tools) == 5


def test_mcp_refuses_unknown_hosts(base_url, user):
    r = httpx.post(f"{base_url}/mcp", headers={"Authorization": f"Bearer {user.token}", "Host": "evil.example:80",
                                               "Accept": "application/json, text/event-stream"},
                   json={"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}})
    assert r.status_code == 421


async def test_stdio_server_acts_for_the_named_user(base_url, database_url, user):
    user.add("Seen over stdio")
    env = {"DATABASE_URL": database_url, "BETTER_AUTH_SECRET": SECRET, "PATH": os.environ["PATH"],
           "LOG_LEVEL": "WARNING"}
    params = StdioServerParameters(command=sys.executable, args=["-m", "todo_chatbot.cli", "mcp", "--user", user.email],
                                   env=env)
    async with Client(params, cache=None) as client:
        listed = await client.call_tool("list_tasks", {})
        assert [t["title"] for t in listed.structured_content["result"]] == ["Seen over stdio"]
        await client.call_tool("add_task", {"title": "Added over stdio"})
    assert user.titles() == ["Seen over stdio", "Added over stdio"]


def test_stdio_server_refuses_unknown_user(database_url):
    import subprocess

    env = {"DATABASE_URL": database_url, "BETTER_AUTH_SECRET": SECRET, "PATH": os.environ["PATH"]}
    r = subprocess.run([sys.executable, "-m", "todo_chatbot.cli", "mcp", "--user", "nobody@example.com"],
                       env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 2 and "no account" in r.stderr
    assert PASSWORD not in r.stderr
