from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response, status

from ....models import (
    DueFilter,
    Priority,
    QuickAdd,
    SearchText,
    TagFilter,
    TaskCreate,
    TaskPublic,
    TaskSort,
    TaskStatus,
    TaskUpdate,
    UndoResult,
)
from ....services import quick_add, tasks
from ..deps import OWNER_RESPONSES, OwnerId, SessionDep

router = APIRouter(prefix="/api/{user_id}", tags=["tasks"], responses=OWNER_RESPONSES)
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such task for this user"}}
INVALID: dict[int | str, dict[str, Any]] = {422: {"description": "A field, filter or sort value is not valid; the detail names it"}}
LIMIT_MAX = 500


@router.get("/tasks", responses=INVALID)
async def list_tasks(
    request: Request,
    response: Response,
    user_id: OwnerId,
    session: SessionDep,
    status: TaskStatus = "all",
    q: Annotated[SearchText | None, Query(description="Words in the title or description")] = None,
    tag: Annotated[TagFilter | None, Query(description="Only tasks with this tag")] = None,
    priority: Priority | None = None,
    due: Annotated[DueFilter | None, Query(description="today, overdue, week (the next 7 days) or none")] = None,
    sort: TaskSort = "created",
    limit: Annotated[int | None, Query(ge=1, le=LIMIT_MAX, description="At most this many; a Link header pages on")] = None,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1, description="Skip this many (from a Link header)")] = 0,
) -> list[TaskPublic]:
    """The user's tasks, filtered and sorted; dates are in the user's time zone."""
    query = tasks.Query(
        status=status,
        q=q,
        tag=tag,
        priority=priority,
        due=due,
        sort=sort,
        limit=limit + 1 if limit else None,
        offset=offset,
    )
    found = await tasks.list_tasks(session, user_id, query=query)
    if limit and len(found) > limit:
        found = found[:limit]
        next_url = request.url.include_query_params(offset=offset + limit)
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return [TaskPublic.of(t) for t in found]


@router.post("/tasks", status_code=status.HTTP_201_CREATED, responses=INVALID)
async def create_task(body: TaskCreate, user_id: OwnerId, session: SessionDep) -> TaskPublic:
    fields = body.model_dump(exclude_unset=True, exclude={"title", "description"})
    task = await tasks.create_task(session, user_id, body.title, body.description, **fields)
    return TaskPublic.of(task)


@router.post("/tasks/quick", status_code=status.HTTP_201_CREATED, responses=INVALID)
async def quick_add_tasks(body: QuickAdd, user_id: OwnerId, session: SessionDep) -> list[TaskPublic]:
    """Adds tasks from one line as typed ("buy milk tomorrow p1 #groceries"), several when it names several."""
    return [TaskPublic.of(t) for t in await quick_add.add(session, user_id, body.text)]


@router.delete("/tasks", status_code=status.HTTP_200_OK, responses=INVALID)
async def delete_completed_tasks(
    user_id: OwnerId,
    session: SessionDep,
    status: Annotated[str, Query(description="Must be 'completed': only completed tasks are deleted in bulk")],
) -> list[TaskPublic]:
    """Deletes every completed task at once (one undo brings them back); answers with what was deleted."""
    if status != "completed":
        raise HTTPException(422, "Only completed tasks can be deleted in bulk: use ?status=completed")
    return [TaskPublic.of(t) for t in await tasks.delete_completed(session, user_id)]


@router.get("/tasks/{task_id}", responses=NOT_FOUND)
async def get_task(task_id: int, user_id: OwnerId, session: SessionDep) -> TaskPublic:
    return TaskPublic.of(await tasks.get_task(session, user_id, task_id))


@router.put("/tasks/{task_id}", responses=NOT_FOUND | INVALID)
async def update_task(task_id: int, body: TaskUpdate, user_id: OwnerId, session: SessionDep) -> TaskPublic:
    task = await tasks.update_task(session, user_id, task_id, body.model_dump(exclude_unset=True))
    return TaskPublic.of(task)


@router.delete("/tasks/{task_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
async def delete_task(task_id: int, user_id: OwnerId, session: SessionDep) -> Response:
    await tasks.delete_task(session, user_id, task_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.patch("/tasks/{task_id}/complete", responses=NOT_FOUND)
async def toggle_complete(task_id: int, user_id: OwnerId, session: SessionDep) -> TaskPublic:
    """Toggles the task between completed and pending."""
    task = await tasks.set_completed(session, user_id, task_id, completed=None)
    return TaskPublic.of(task)


@router.post("/undo", responses={409: {"description": "Nothing left to undo"}})
async def undo(user_id: OwnerId, session: SessionDep) -> UndoResult:
    """Reverts this user's most recent change to their tasks not yet undone, from any channel."""
    try:
        summary, touched = await tasks.undo(session, user_id)
    except tasks.NothingToUndo as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "Nothing to undo") from exc
    return UndoResult(undone=summary, tasks=[TaskPublic.of(t) for t in touched])
