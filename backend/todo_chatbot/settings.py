"""The one settings object: every environment variable the service reads."""

from __future__ import annotations

import logging
import os
import secrets
import stat
import time
from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger("todo_chatbot")

GROQ_BASE_URL = "https://api.groq.com/openai/v1"
DEFAULT_GROQ_MODEL = "meta-llama/llama-4-scout-17b-16e-instruct"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# Values that look like secrets but are placeholders: refused as JWT secrets.
PLACEHOLDER_SECRETS = {"change-me", "change-me-in-production", "changeme", "secret", "your-secret-here"}
MIN_SECRET_LENGTH = 32

Provider = Literal["openai", "groq", "offline"]


APP_NAME = "todo-chatbot"
# Kept in the data folder when BETTER_AUTH_SECRET is not set, so logins survive restarts.
SECRET_FILE_NAME = "auth-secret"
# Set by `serve --workers N` for its workers: the pid of the serve process they belong to.
SERVE_PID_VARIABLE = "TODO_SERVE_PID"


def default_data_dir() -> Path:
    """The platform's per-user data folder (~/.local/share/todo-chatbot, %LOCALAPPDATA%\\todo-chatbot, ...)."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # The folder for the default SQLite database and the stored token secret;
    # empty = the platform's per-user data folder. Set it for tests and containers.
    todo_data_dir: str = ""
    # Empty = a SQLite file in the data folder.
    database_url: str = ""
    better_auth_secret: str = ""
    access_token_minutes: int = Field(default=60 * 24 * 7, ge=1)

    llm_provider: Literal["openai", "groq", "offline", ""] = ""
    openai_api_key: str = ""
    openai_model: str = DEFAULT_OPENAI_MODEL
    openai_base_url: str = ""
    groq_api_key: str = ""
    groq_model: str = DEFAULT_GROQ_MODEL
    llm_timeout: float = Field(default=60.0, gt=0)
    # Whether api.openai.com may keep the conversations (its `store` flag). Sent only to
    # api.openai.com; other servers never get the flag.
    openai_store: bool = False
    # How many of a conversation's latest messages a turn reads (both agents): the model's
    # history, with the tool calls those messages made; the offline assistant's memory of
    # "it" and of its own pending question.
    chat_history_limit: int = Field(default=40, ge=2, le=500)

    host: str = "0.0.0.0"
    port: int = Field(default=8000, ge=1, le=65535)
    frontend_origin: str = "http://localhost"
    cors_origins: str = ""
    mcp_allowed_hosts: str = ""
    log_level: str = "INFO"
    # A built frontend (frontend/dist) to serve on the same port: for running
    # locally without nginx. The containers leave it unset; nginx serves the app.
    frontend_dist: str = ""
    # An OpenAI ChatKit domain key: turns on the web app's optional ChatKit view (POST /chatkit
    # answers either way). Public by design: /api/info hands it to the browser.
    chatkit_domain_key: str = ""

    # The address people reach the app at (e.g. http://localhost:8080 behind the web app's nginx), for
    # the addresses it hands out (the calendar feed); empty = the address each request came to.
    public_url: str = ""

    # Remote MCP with OAuth (docs/mcp-oauth.md). Access tokens last at most an hour.
    oauth_access_token_minutes: int = Field(default=60, ge=1, le=60)
    oauth_refresh_token_days: int = Field(default=30, ge=1, le=365)
    # A registered client that nobody has approved (or whose every approval was revoked) is forgotten
    # after this many hours without use.
    oauth_unused_client_hours: int = Field(default=24, ge=1, le=24 * 365)
    # Client registrations (POST /oauth/register) per address in THROTTLE_WINDOW.
    oauth_registrations_per_address: int = Field(default=20, ge=1)

    # Reminders (docs/reminders.md): every backend process runs the scheduler unless REMINDERS=false.
    reminders: bool = True
    reminder_poll_seconds: float = Field(default=5.0, ge=0.2, le=3600)
    # A reminder missed while nothing ran still fires at start (marked late) up to this many seconds late.
    reminder_max_late: int = Field(default=24 * 3600, ge=0)
    # Let reminder notifications go to loopback, private and link-local addresses (a local ntfy or Gotify).
    notify_allow_private: bool = False

    # Limits and protections (docs/limits.md).
    max_body_bytes: int = Field(default=256 * 1024, ge=1024)  # any request body but /mcp's
    max_auth_body_bytes: int = Field(default=64 * 1024, ge=1024)  # /api/auth/*
    max_header_bytes: int = Field(default=16 * 1024, ge=1024)  # request line and headers together
    header_timeout: float = Field(default=10.0, gt=0)  # seconds to send a request's headers
    # of a refused body's rest, read and thrown away so that the client reads the 413 (server.py)
    max_drain_bytes: int = Field(default=16 * 1024 * 1024, ge=0)
    keepalive_timeout: int = Field(default=5, ge=1)  # seconds an idle kept-alive connection stays open
    max_concurrency: int = Field(default=200, ge=1)  # requests at once before 503
    max_waiting_connections: int = Field(default=500, ge=1)  # connections still sending headers
    db_timeout: float = Field(default=10.0, gt=0)  # seconds a database statement may take
    throttle_window: int = Field(default=15 * 60, ge=1)  # seconds over which failures are counted
    login_failures_per_account: int = Field(default=10, ge=1)
    login_failures_per_address: int = Field(default=50, ge=1)
    signups_per_address: int = Field(default=20, ge=1)
    hash_workers: int = Field(default=2, ge=1)  # threads hashing passwords at once

    @field_validator("public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.strip().rstrip("/")

    @field_validator("llm_provider", mode="before")
    @classmethod
    def _provider_lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("openai_model", "groq_model", mode="before")
    @classmethod
    def _model_default(cls, value: object, info) -> object:  # empty string = default
        if isinstance(value, str) and not value.strip():
            return DEFAULT_GROQ_MODEL if info.field_name == "groq_model" else DEFAULT_OPENAI_MODEL
        return value

    @field_validator("better_auth_secret")
    @classmethod
    def _real_secret(cls, value: str) -> str:
        if value and value.strip().lower() in PLACEHOLDER_SECRETS:
            raise ValueError("BETTER_AUTH_SECRET is a placeholder; set a random value (openssl rand -hex 32)")
        if value and len(value) < MIN_SECRET_LENGTH:
            raise ValueError(f"BETTER_AUTH_SECRET must be at least {MIN_SECRET_LENGTH} characters")
        return value

    @model_validator(mode="after")
    def _database_in_data_dir(self) -> Settings:
        if not self.database_url.strip():
            self.database_url = sqlite_url(self.data_dir / f"{APP_NAME}.db")
        return self

    @property
    def data_dir(self) -> Path:
        """TODO_DATA_DIR (absolute; a relative one is read from the current folder), else the platform's."""
        if self.todo_data_dir.strip():
            return Path(self.todo_data_dir.strip()).expanduser().absolute()
        return default_data_dir()

    @property
    def provider(self) -> Provider:
        """The provider in use: the explicit one, else groq key, then openai key, else offline."""
        if self.llm_provider:
            return self.llm_provider
        if self.groq_api_key:
            return "groq"
        if self.openai_api_key:
            return "openai"
        return "offline"

    @property
    def model_name(self) -> str | None:
        return {"groq": self.groq_model, "openai": self.openai_model}.get(self.provider)

    @property
    def allowed_origins(self) -> list[str]:
        origins = [self.frontend_origin, *self.cors_origins.split(",")]
        return sorted({o.strip().rstrip("/") for o in origins if o.strip()})

    @property
    def mcp_hosts(self) -> list[str]:
        """Host headers /mcp accepts (DNS-rebinding protection); '*' turns the check off."""
        hosts = ["localhost", "127.0.0.1", "[::1]", "todo-chatbot-backend"]
        hosts += [h.strip() for h in self.mcp_allowed_hosts.split(",") if h.strip()]
        for origin in self.allowed_origins:
            hosts.append(origin.split("://", 1)[-1].split(":")[0])
        return sorted(set(hosts))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


# Secrets may also be files named after the variables (DATABASE_URL, ...) in this
# folder, as Docker and Kubernetes mount them; the environment wins over files.
DEFAULT_SECRETS_DIR = "/run/secrets"


@lru_cache
def get_settings() -> Settings:
    secrets_dir = os.environ.get("SECRETS_DIR", DEFAULT_SECRETS_DIR)
    return Settings(_secrets_dir=secrets_dir) if os.path.isdir(secrets_dir) else Settings()


_process_secret: str | None = None


def jwt_secret(settings: Settings) -> str:
    """The signing secret: BETTER_AUTH_SECRET, else one stored in the data folder (made on the first
    start, kept for every later one), else, when that folder can't be written, a per-process one."""
    global _process_secret
    if settings.better_auth_secret:
        return settings.better_auth_secret
    if _process_secret is None:
        _process_secret = stored_secret(settings.data_dir / SECRET_FILE_NAME)
    return _process_secret


def stored_secret(path: Path) -> str:
    """The secret in `path`, made there first if missing: owner-only and created atomically, so
    processes starting together agree on one. Logs which file signs the logins."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made by an earlier start, or by a process starting now
        secret = _read_secret(path)
        if secret is None:
            return _process_only(f"{path} can't be read", "fix the file's permissions")
        log.info("BETTER_AUTH_SECRET is not set: logins are signed with the secret stored in %s", path)
        return secret
    except OSError as exc:  # a read-only or missing folder
        return _process_only(f"no secret can be stored in {path.parent} ({exc.strerror or exc})", "set TODO_DATA_DIR")
    secret = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(secret + "\n")
        file.flush()
        os.fsync(file.fileno())
    log.warning(
        "BETTER_AUTH_SECRET is not set: made a secret for signing logins and stored it in %s "
        "(owner-only); later starts reuse it. Set BETTER_AUTH_SECRET to choose your own.",
        path,
    )
    return secret


def _read_secret(path: Path) -> str | None:
    """A stored secret (None if unreadable), waiting while the process that has just made it writes it."""
    while True:
        try:
            value = path.read_text(encoding="ascii").strip()
            if len(value) >= MIN_SECRET_LENGTH or time.time() - path.stat().st_mtime > 2:
                break
        except UnicodeDecodeError:
            value = ""  # not a secret this program wrote: reported below
            break
        except OSError:
            return None
        time.sleep(0.05)
    if len(value) < MIN_SECRET_LENGTH:
        raise ValueError(
            f"{path} does not hold a usable secret (a random value of {MIN_SECRET_LENGTH}+ characters): "
            "delete it to have a new one made (everyone then logs in again), or set BETTER_AUTH_SECRET"
        )
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        log.warning("%s can be read by other users: make it owner-only (chmod 600 %s)", path, path)
    return value


def _process_only(problem: str, fix: str) -> str:
    log.warning(
        "BETTER_AUTH_SECRET is not set and %s: using a random secret for this process. Logins end when it "
        "stops and work in no other process; %s, or set BETTER_AUTH_SECRET.",
        problem,
        fix,
    )
    return secrets.token_hex(32)
