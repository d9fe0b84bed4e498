"""The MCP server: the five task tools, built with the official `mcp` SDK (v2).

The same server object is used three ways:
- in-process by the chat agents (see agent/tools.py), one call per tool use;
- over streamable HTTP at /mcp for external MCP clients, with a bearer token;
- over stdio by `todo-chatbot mcp` for desktop MCP clients.

The user a tool acts for is never a tool argument: it is read from
`current_user_id`, which only authenticated code sets (the chat handler for
its own user, the /mcp bearer-token check, or the stdio command's --user).
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field

from . import __version__
from .db import Database
from .models import Description, TaskStatus, Title
from .services import NotFound
from .services import tasks as task_service

current_user_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_user_id", default=None)

TaskId = Annotated[int, Field(description="The task's numeric id, as shown by list_tasks.")]


@contextmanager
def acting_for(user_id: str) -> Iterator[None]:
    """Runs the enclosed tool calls on behalf of `user_id`."""
    token = current_user_id.set(user_id)
    try:
        yield
    finally:
        current_user_id.reset(token)


class TaskChange(BaseModel):
    task_id: int
    status: Literal["created", "completed", "deleted", "updated"]
    title: str


class TaskItem(BaseModel):
    id: int
    title: str
    description: str | None
    completed: bool


INSTRUCTIONS = (
    "Tools for one person's todo list. Use list_tasks to find task ids before "
    "changing a task by name; never guess an id."
)


def _user() -> str:
    user_id = current_user_id.get()
    if not user_id:
        raise ToolError("Not authenticated: no user for this tool call")
    return user_id


def build_mcp_server(db: Database) -> MCPServer:
    server: MCPServer = MCPServer("todo-chatbot", version=__version__, instructions=INSTRUCTIONS)

    @server.tool(
        title="Add a task",
        annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=False, openWorldHint=False),
    )
    async def add_task(
        title: Annotated[Title, Field(description="Short title of the task, e.g. 'Buy milk'.")],
        description: Annotated[Description | None, Field(description="Optional longer notes.")] = None,
    ) -> TaskChange:
        """Add a new task to the user's todo list."""
        async with db.session() as session:
            task = await task_service.create_task(session, _user(), title, description)
        return TaskChange(task_id=task.id, status="created", title=task.title)

    @server.tool(
        title="List tasks",
        annotations=ToolAnnotations(readOnlyHint=True, idempotentHint=True, openWorldHint=False),
    )
    async def list_tasks(
        status: Annotated[
            TaskStatus, Field(description="'pending' (not done), 'completed' (done) or 'all'.")
        ] = "all",
    ) -> list[TaskItem]:
        """List the user's tasks, optionally only pending or only completed ones."""
        async with db.session() as session:
            tasks = await task_service.list_tasks(session, _user(), status)
        return [TaskItem(id=t.id, title=t.title, description=t.description, completed=t.completed) for t in tasks]

    @server.tool(
        title="Complete a task",
        annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=True, openWorldHint=False),
    )
    async def complete_task(task_id: TaskId) -> TaskChange:
        """Mark a task as completed (done)."""
        async with db.session() as session:
            task = await _found(task_service.set_completed(session, _user(), task_id, True))
        return TaskChange(task_id=task.id, status="completed", title=task.title)

    @server.tool(
        title="Delete a task",
        annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=True, idempotentHint=True, openWorldHint=False),
    )
    async def delete_task(task_id: TaskId) -> TaskChange:
        """Delete a task from the list for good."""
        async with db.session() as session:
            task = await _found(task_service.delete_task(session, _user(), task_id))
        return TaskChange(task_id=task_id, status="deleted", title=task.title)

    @server.tool(
        title="Update a task",
        annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False, idempotentHint=True, openWorldHint=False),
    )
    async def update_task(
        task_id: TaskId,
        title: Annotated[Title | None, Field(description="The new title, if it changes.")] = None,
        description: Annotated[Description | None, Field(description="The new notes, if they change.")] = None,
    ) -> TaskChange:
        """Change a task's title and/or description."""
        if title is None and description is None:
            raise ToolError("Give a new title or a new description")
        async with db.session() as session:
            task = await _found(
                task_service.update_task(session, _user(), task_id, title=title, description=description)
            )
        return TaskChange(task_id=task.id, status="updated", title=task.title)

    return server


async def _found(awaitable: Any) -> Any:
    try:
        return await awaitable
    except NotFound as exc:
        raise ToolError(f"{exc}. Use list_tasks to see the ids.") from exc


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

