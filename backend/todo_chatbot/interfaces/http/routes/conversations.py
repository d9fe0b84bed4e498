from fastapi import APIRouter

from ....models import ConversationPublic, MessagePublic
from ....services import conversations
from ..deps import OWNER_RESPONSES, OwnerId, SessionDep

router = APIRouter(prefix="/api/{user_id}/conversations", tags=["conversations"], responses=OWNER_RESPONSES)


@router.get("")
async def list_conversations(user_id: OwnerId, session: SessionDep) -> list[ConversationPublic]:
    found = await conversations.list_conversations(session, user_id)
    return [ConversationPublic.model_validate(c, from_attributes=True) for c in found]


@router.get("/{conversation_id}/messages", responses={404: {"description": "No such conversation for this user"}})
async def list_messages(conversation_id: int, user_id: OwnerId, session: SessionDep) -> list[MessagePublic]:
    found = await conversations.list_messages(session, user_id, conversation_id)
    return [MessagePublic.model_validate(m, from_attributes=True) for m in found]
