"""/api/{user_id}/notify: where reminders are also sent (an Apprise URL), see services/notify.py."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Response, status
from pydantic import BaseModel, Field

from ....models import StrictBody
from ....services import notify
from ..deps import OWNER_RESPONSES, OwnerId, SessionDep, SettingsDep, removed

router = APIRouter(prefix="/api/{user_id}/notify", tags=["reminders"], responses=OWNER_RESPONSES)
INVALID: dict[int | str, dict[str, Any]] = {422: {"description": "Not an address Apprise knows, or a private or loopback one"}}


class NotifyTarget(StrictBody):
    url: Annotated[
        str,
        Field(
            min_length=1,
            max_length=notify.URL_MAX,
            description="An Apprise URL: ntfys://ntfy.sh/topic, gotifys://host/token, discord://id/token, "
            "mailtos://user:pass@host, json://host/path ...",
        ),
    ]


class NotifyShown(BaseModel):
    url: str = Field(description="The target with its secrets masked")


class NotifySent(BaseModel):
    sent: bool


@router.put("", responses=INVALID)
async def set_target(body: NotifyTarget, user_id: OwnerId, session: SessionDep, settings: SettingsDep) -> NotifyShown:
    """Sets where reminders are also sent (nothing is sent now)."""
    url = await notify.set_target(session, user_id, body.url, settings.notify_allow_private)
    return NotifyShown(url=notify.masked(url))


@router.get("", responses={404: {"description": "No target is set"}})
async def get_target(user_id: OwnerId, session: SessionDep) -> NotifyShown:
    url = await notify.target(session, user_id)
    if not url:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No notification target is set")
    return NotifyShown(url=notify.masked(url))


@router.delete("", status_code=status.HTTP_204_NO_CONTENT, responses={404: {"description": "No target is set"}})
async def delete_target(user_id: OwnerId, session: SessionDep) -> Response:
    return removed(await notify.clear_target(session, user_id), "No notification target is set")


@router.post(
    "/test",
    responses={
        404: {"description": "No target is set"},
        502: {"description": "The target's service did not take the notification"},
        **INVALID,
    },
)
async def send_test(user_id: OwnerId, session: SessionDep, settings: SettingsDep) -> NotifySent:
    """Sends a test notification to the target now."""
    url = await notify.target(session, user_id)
    if not url:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No notification target is set")
    await session.close()  # no connection held while a service answers
    await notify.check(url, settings.notify_allow_private)  # 422 if its host is now a private one
    text = "This is a test notification from your todo list."
    sent = await notify.send(url, "todo-chatbot test", text, settings.notify_allow_private, checked=True)
    if not sent:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, "The notification service did not take the test notification; check the address")
    return NotifySent(sent=True)
