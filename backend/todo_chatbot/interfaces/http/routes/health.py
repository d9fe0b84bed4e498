from fastapi import APIRouter
from fastapi.responses import JSONResponse

from .... import __version__
from ..deps import AgentDep, DbDep, SettingsDep

router = APIRouter(tags=["health"])


@router.get("/health", responses={503: {"description": "The database is unreachable"}})
async def readiness(db: DbDep) -> JSONResponse:
    """Readiness: a real round trip to the database, answered within 2 seconds."""
    if await db.ping():
        return JSONResponse({"status": "healthy", "database": "connected"})
    return JSONResponse({"status": "unhealthy", "database": "disconnected"}, status_code=503)


@router.get("/health/live")
async def liveness() -> dict:
    """Liveness: the process answers; no database involved."""
    return {"status": "alive"}


@router.get("/api/info")
async def info(agent: AgentDep, settings: SettingsDep) -> dict:
    """Which agent answers the chat (for the UI): provider 'offline', 'openai' or 'groq', and the model;
    whether the optional ChatKit view is on, with the (public) domain key the ChatKit web component needs."""
    key = settings.chatkit_domain_key.strip() or None
    return {
        "provider": agent.provider,
        "model": agent.model,
        "version": __version__,
        "chatkit": {"enabled": key is not None, "domain_key": key},
    }
