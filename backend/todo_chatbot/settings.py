"""The one settings object: every environment variable the service reads."""

from __future__ import annotations

import logging
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger("todo_chatbot")

GROQ_BASE_URL = "https://api.groq.com/openai/v1"
DEFAULT_GROQ_MODEL = "meta-llama/llama-4-scout-17b-16e-instruct"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# Values that look like secrets but are placeholders: refused as JWT secrets.
PLACEHOLDER_SECRETS = {"change-me", "change-me-in-production", "changeme", "secret", "your-secret-here"}
MIN_SECRET_LENGTH = 32

Provider = Literal["openai", "groq", "offline"]


def _default_database_url() -> str:
    return f"sqlite:///{Path('data') / 'todo-chatbot.db'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default_factory=_default_database_url)
    better_auth_secret: str = ""
    access_token_minutes: int = Field(default=60 * 24 * 7, ge=1)

    llm_provider: Literal["openai", "groq", "offline", ""] = ""
    openai_api_key: str = ""
    openai_model: str = DEFAULT_OPENAI_MODEL
    openai_base_url: str = ""
    groq_api_key: str = ""
    groq_model: str = DEFAULT_GROQ_MODEL
    llm_timeout: float = Field(default=60.0, gt=0)

    host: str = "0.0.0.0"
    port: int = Field(default=8000, ge=1, le=65535)
    frontend_origin: str = "http://localhost"
    cors_origins: str = ""
    mcp_allowed_hosts: str = ""
    log_level: str = "INFO"
    # A built frontend (frontend/dist) to serve on the same port: for running
    # locally without nginx. The containers leave it unset; nginx serves the app.
    frontend_dist: str = ""

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
    """The signing secret; without one, a random per-process secret (single process only)."""
    global _process_secret
    if settings.better_auth_secret:
        return settings.better_auth_secret
    if _process_secret is None:
        _process_secret = secrets.token_hex(32)
        log.warning(
            "BETTER_AUTH_SECRET is not set: using a random secret for this process. "
            "Tokens will not survive a restart and will not work across replicas."
        )
    return _process_secret
