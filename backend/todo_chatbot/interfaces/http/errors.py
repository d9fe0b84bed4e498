"""Every failure becomes a JSON {"detail": ...} with a status that names it; never a stack trace."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from ...services import InvalidField, NotFound, users
from ...services.throttle import Throttled
from ...turn import TurnError
from .deps import NO_ACCOUNT

log = logging.getLogger("todo_chatbot.errors")
DB_UNAVAILABLE = "The database is unavailable right now; try again shortly."
BUSY = "The server is busy; try again in a moment."
EXCERPT = 80  # characters of a rejected value echoed back in a 422


def excerpt(value: Any) -> Any:
    """A rejected input as echoed in a 422: short values as they are, long ones cut to an excerpt."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = value if isinstance(value, str) else json.dumps(jsonable_encoder(value), ensure_ascii=False)
    text = text.encode("utf-8", "replace").decode("utf-8")  # no lone surrogates in the answer
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _unprocessable(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = []
        for error in exc.errors():
            error = {k: v for k, v in error.items() if k != "url"}
            if "input" in error:
                error["input"] = excerpt(error["input"])
            errors.append(error)
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        if exc.what == "User":  # the token's account was deleted (through another process)
            users.forget(str(exc.ident))
            return _no_account()
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(Throttled)
    async def _throttled(_: Request, exc: Throttled) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=429, headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(InvalidField)
    async def _invalid(_: Request, exc: InvalidField) -> JSONResponse:
        detail = [{"type": "value_error", "loc": ["body", exc.field], "msg": exc.message}]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(TurnError)
    async def _turn_failed(_: Request, exc: TurnError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=exc.status_code)

    @app.exception_handler(PoolTimeout)
    async def _busy(_: Request, exc: Exception) -> JSONResponse:
        log.warning("busy: no database connection free within the pool timeout")
        return JSONResponse({"detail": BUSY}, status_code=503, headers={"Retry-After": "2"})

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        user_id = request.scope.get("todo.user_id")
        if user_id:  # a write for an account deleted meanwhile (its id was still cached here)
            users.forget(user_id)
            if not await users.account_exists(request.app.state.db, user_id):
                return _no_account()
        log.exception("database integrity error")
        return JSONResponse({"detail": "The request could not be stored."}, status_code=500)

    @app.exception_handler(OperationalError)
    @app.exception_handler(ConnectionError)
    async def _db_down(_: Request, exc: Exception) -> JSONResponse:
        log.error("database unavailable: %s", type(exc).__name__)
        return JSONResponse({"detail": DB_UNAVAILABLE}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(DBAPIError)
    async def _db_error(_: Request, exc: DBAPIError) -> JSONResponse:
        if exc.connection_invalidated:
            return JSONResponse({"detail": DB_UNAVAILABLE}, status_code=503, headers={"Retry-After": "5"})
        log.exception("database error")
        return JSONResponse({"detail": "The request could not be stored."}, status_code=500)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return JSONResponse({"detail": "Internal server error"}, status_code=500)


def _no_account() -> JSONResponse:
    return JSONResponse({"detail": NO_ACCOUNT}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
