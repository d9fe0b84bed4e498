from fastapi import APIRouter, Response, status

from ...models import TaskCreate, TaskPublic, TaskStatus, TaskUpdate
from ...services import tasks
from ..deps import OwnerId, SessionDep

router = APIRouter(prefix="/api/{user_id}/tasks", tags=["tasks"])
NOT_FOUND = {404: {"description": "No such task for this user"}}


@router.get("")
async def list_tasks(user_id: OwnerId, session: SessionDep, status: TaskStatus = "all") -> list[TaskPublic]:
    return [TaskPublic.model_validate(t, from_attributes=True) for t in await tasks.list_tasks(session, user_id, status)]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_task(body: TaskCreate, user_id: OwnerId, session: SessionDep) -> TaskPublic:
    task = await tasks.create_task(session, user_id, body.title, body.description)
    return TaskPublic.model_validate(task, from_attributes=True)


@router.get("/{task_id}", responses=NOT_FOUND)
async def get_task(task_id: int, user_id: OwnerId, session: SessionDep) -> TaskPublic:
    return TaskPublic.model_validate(await tasks.get_task(session, user_id, task_id), from_attributes=True)


@router.put("/{task_id}", responses=NOT_FOUND)
async def update_task(task_id: int, body: TaskUpdate, user_id: OwnerId, session: SessionDep) -> TaskPublic:
    task = await tasks.update_task(session, user_id, task_id, **body.model_dump(exclude_unset=True))
    return TaskPublic.model_validate(task, from_attributes=True)


@router.delete("/{task_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
async def delete_task(task_id: int, user_id: OwnerId, session: SessionDep) -> Response:
    await tasks.delete_task(session, user_id, task_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.patch("/{task_id}/complete", responses=NOT_FOUND)
async def toggle_complete(task_id: int, user_id: OwnerId, session: SessionDep) -> TaskPublic:
    """Toggles the task between completed and pending."""
    task = await tasks.set_completed(session, user_id, task_id, completed=None)
    return TaskPublic.model_validate(task, from_attributes=True)
