"""The FastAPI application: wiring only; the logic lives in services/, agent/, scheduler/ and interfaces/mcp/server.py."""

from __future__ import annotations

import asyncio
import ctypes
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.routing import Route

from . import __version__
from .agent.offline.agent import OfflineAgent
from .infra.db import Database
from .infra.logs import RequestLogMiddleware, configure_logging
from .interfaces.chatkit import routes as chatkit
from .interfaces.http import errors
from .interfaces.http.limits import BodyLimitMiddleware, DeadlineMiddleware, OptionsMiddleware
from .interfaces.http.oauth import SplitCORS, oauth_routes
from .interfaces.http.oauth.apps import router as connected_apps
from .interfaces.http.routes import auth, calendar, chat, conversations, events, health, notify, tasks
from .interfaces.http.spa import mount_spa
from .interfaces.mcp.http import mcp_asgi_app
from .interfaces.mcp.server import TaskServer, build_mcp_server
from .scheduler import Scheduler
from .security import set_hash_workers
from .services.throttle import Throttle
from .settings import SERVE_PID_VARIABLE, Settings, get_settings, jwt_secret
from .turn import ChatAgent

log = logging.getLogger("todo_chatbot")


def build_agent(settings: Settings, server: TaskServer) -> ChatAgent:
    if settings.provider == "offline":
        return OfflineAgent(server)
    from .agent.model import ModelAgent  # the Agents SDK is only loaded when a model answers

    return ModelAgent(settings, server)


def create_app(settings: Settings | None = None, *, migrate_on_start: bool | None = None) -> FastAPI:
    """migrate_on_start: None = only for SQLite (the single-process default)."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    db = Database(settings.database_url, timeout=settings.db_timeout)
    server = build_mcp_server(db)
    agent = build_agent(settings, server)
    mcp_app = mcp_asgi_app(server, settings, db)
    should_migrate = settings.is_sqlite if migrate_on_start is None else migrate_on_start
    scheduler = Scheduler(db, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        jwt_secret(settings)  # without BETTER_AUTH_SECRET: found or made now (and logged), not on a request
        if should_migrate:
            from .infra import migrate  # Alembic (0.5 s of imports) only for a process that migrates

            try:
                await asyncio.to_thread(migrate.upgrade, settings.database_url)
            except Exception as exc:  # start anyway; /health reports the database
                log.error("migrations not applied: %s", exc)
        await agent.start()
        await db.events.start()
        await scheduler.start()
        log.info("todo-chatbot %s ready: provider=%s model=%s", __version__, agent.provider, agent.model)
        async with server.session_manager.run():
            yield
        await scheduler.stop()
        await agent.aclose()
        await db.dispose()

    app = FastAPI(
        title="todo-chatbot",
        version=__version__,
        description="Manage a todo list by chatting. Tasks, conversations, chat (JSON and SSE) and MCP tools.",
        lifespan=lifespan,
    )
    app.state.settings, app.state.db, app.state.mcp, app.state.agent = settings, db, server, agent
    app.state.scheduler = scheduler
    app.state.throttle = Throttle(settings, db)
    set_hash_workers(settings.hash_workers)
    errors.install(app)
    for module in (auth, tasks, chat, conversations, events, notify, calendar, chatkit, health):
        app.include_router(module.router)
    app.include_router(connected_apps)
    # Stateless: no server-to-client stream (GET) and no session to end (DELETE), so both are 405.
    app.router.routes.append(Route("/mcp", endpoint=mcp_app, methods=["POST"]))
    # Discovery and the OAuth endpoints: protocol routes (RFC 9728, 8414, 7591, 6749, 7009), outside the OpenAPI schema.
    app.router.routes.extend(oauth_routes())
    if settings.frontend_dist:
        dist = Path(settings.frontend_dist)
        if (dist / "index.html").is_file():
            mount_spa(app, dist)
        else:
            log.warning("FRONTEND_DIST=%s has no index.html; not serving the web app", dist)
    app.add_middleware(DeadlineMiddleware, seconds=settings.db_timeout)
    app.add_middleware(BodyLimitMiddleware, settings=settings)
    app.add_middleware(OptionsMiddleware, api=app)
    app.add_middleware(
        SplitCORS,
        origins=settings.allowed_origins,
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        headers=["Authorization", "Content-Type", "X-Request-ID", "Mcp-Session-Id", "Mcp-Protocol-Version"],
        expose=["X-Request-ID", "WWW-Authenticate"],
    )
    app.add_middleware(RequestLogMiddleware)
    return app


def app_from_environment() -> FastAPI:
    """The app of one worker process when `todo-chatbot serve --workers N` runs several."""
    flag = os.environ.get("TODO_MIGRATE_ON_START")
    _signal_on_parent_death()
    threading.Thread(target=_end_with_parent, args=(serve_pid(),), name="parent-watch", daemon=True).start()
    return create_app(migrate_on_start=None if flag is None else flag == "1")


def _signal_on_parent_death() -> None:
    """On Linux, the kernel sends this worker SIGTERM the moment its `serve` process dies (the
    check in _end_with_parent stays, for other systems and as the fallback)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            log.warning("could not ask to be told of the serve process's death (errno %d)", ctypes.get_errno())
    except (OSError, AttributeError):
        log.warning("could not ask to be told of the serve process's death", exc_info=True)


def serve_pid() -> int:
    """The `serve` process this worker belongs to: the one named in the environment, as seen
    when it started the workers. A worker still importing when `serve` was killed already has
    init as its parent, so its own parent would be the wrong process to watch (it never dies)."""
    named = os.environ.get(SERVE_PID_VARIABLE, "")
    return int(named) if named.isdigit() else os.getppid()


PARENT_CHECK_SECONDS = 1.0
PR_SET_PDEATHSIG = 1  # linux/prctl.h
ORPHAN_GRACE_SECONDS = 10.0


def _end_with_parent(parent: int) -> None:
    """A worker whose `serve` process was killed (SIGKILL leaves it no time to stop its workers)
    stops as if told to (SIGTERM: open requests finish), instead of serving on, orphaned, the port
    a restarted server needs. A thread of its own, outside the event loop and the app's lifespan,
    so nothing the app does can stop it watching; a graceful stop that hangs (a stuck request, a
    database that doesn't answer) ends with the process after ORPHAN_GRACE_SECONDS."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    log.warning("the serve process %d is gone; this worker stops", parent)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(ORPHAN_GRACE_SECONDS)
    log.error("this orphaned worker did not stop within %.0f s; it exits now", ORPHAN_GRACE_SECONDS)
    os._exit(1)
