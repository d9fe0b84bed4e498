"""The task service: the only code that reads or writes tasks."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from ..models import Task, TaskStatus, utcnow
from . import get_owned


async def list_tasks(session: AsyncSession, user_id: str, status: TaskStatus = "all") -> list[Task]:
    query = select(Task).where(Task.user_id == user_id)
    if status == "pending":
        query = query.where(col(Task.completed).is_(False))
    elif status == "completed":
        query = query.where(col(Task.completed).is_(True))
    result = await session.exec(query.order_by(col(Task.id)))
    return list(result.all())


async def get_task(session: AsyncSession, user_id: str, task_id: int) -> Task:
    return await get_owned(session, Task, user_id, task_id)


async def create_task(session: AsyncSession, user_id: str, title: str, description: str | None = None) -> Task:
    task = Task(user_id=user_id, title=title.strip(), description=description or None)
    session.add(task)
    await session.commit()  # every column is set here, so nothing needs reading back
    return task


async def update_task(
    session: AsyncSession,
    user_id: str,
    task_id: int,
    *,
    title: str | None = None,
    description: str | None = None,
    completed: bool | None = None,
) -> Task:
    task = await get_task(session, user_id, task_id)
    if title is not None:
        task.title = title.strip()
    if description is not None:
        task.description = description or None
    if completed is not None:
        task.completed = completed
    return await _save(session, task)


async def set_completed(session: AsyncSession, user_id: str, task_id: int, completed: bool | None = True) -> Task:
    """Marks a task done (or not); completed=None toggles it."""
    task = await get_task(session, user_id, task_id)
    task.completed = (not task.completed) if completed is None else completed
    return await _save(session, task)


async def delete_task(session: AsyncSession, user_id: str, task_id: int) -> Task:
    task = await get_task(session, user_id, task_id)
    await session.delete(task)
    await session.commit()
    return task


async def _save(session: AsyncSession, task: Task) -> Task:
    task.updated_at = utcnow()
    session.add(task)
    await session.commit()
    return task
