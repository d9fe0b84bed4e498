"""The calendar feed: its secret address (POST/DELETE /api/{user_id}/calendar-feed) and the feed
itself (GET /api/calendar/{token}.ics, which calendar apps fetch without any other credential)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, Field

from ....services import calendar
from ..deps import OWNER_RESPONSES, OwnerId, SessionDep, SettingsDep, public_base, removed

router = APIRouter(tags=["calendar"])


class CalendarFeed(BaseModel):
    url: str = Field(description="The feed's secret address: subscribe to it in a calendar app; anyone with it can read the feed")


@router.post("/api/{user_id}/calendar-feed", status_code=status.HTTP_201_CREATED, responses=OWNER_RESPONSES)
async def create_feed(request: Request, user_id: OwnerId, session: SessionDep, settings: SettingsDep) -> CalendarFeed:
    """Makes the calendar feed's secret address, replacing the previous one (which stops at once)."""
    token = await calendar.new_feed(session, user_id)
    return CalendarFeed(url=f"{public_base(request, settings)}/api/calendar/{token}.ics")


@router.delete(
    "/api/{user_id}/calendar-feed",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**OWNER_RESPONSES, 404: {"description": "There is no feed to revoke"}},
)
async def revoke_feed(user_id: OwnerId, session: SessionDep) -> Response:
    """Revokes the feed's address: it answers 404 from now on."""
    return removed(await calendar.revoke(session, user_id), "There is no calendar feed to revoke")


@router.get(
    "/api/calendar/{token}.ics",
    response_class=Response,
    responses={
        200: {"content": {"text/calendar": {}}, "description": "The open tasks with a due date, as iCalendar events"},
        304: {"description": "Unchanged since the ETag sent in If-None-Match"},
        404: {"description": "No feed has this address (never made, replaced or revoked)"},
    },
)
async def read_feed(token: str, request: Request, session: SessionDep) -> Response:
    """The feed, for calendar apps: the address is the credential."""
    body = await calendar.feed(session, token)
    tag = calendar.etag(body)
    headers = {"ETag": tag, "Cache-Control": "private, max-age=300"}
    if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)
