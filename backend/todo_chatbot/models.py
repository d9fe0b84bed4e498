"""Tables and the public shapes of users, tasks, conversations and messages.

Each entity has a family: Base (shared fields) / Create / Update / table /
Public. Routes only ever return Public models, so a password hash can never
leave the server.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, field_validator
from pydantic import Field as PydanticField
from sqlalchemy import JSON, Column, DateTime, ForeignKey, Integer, String, Text
from sqlmodel import Field, SQLModel

TITLE_MAX = 200
DESCRIPTION_MAX = 2000
MESSAGE_MAX = 4000
NAME_MAX = 100
PASSWORD_MIN = 8
PASSWORD_MAX = 128
# Ids are 32-bit in the database; anything larger can only be unknown.
ID_MAX = 2**31 - 1


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every timestamp we store is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _no_control_chars(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _stripped_nonblank(value: str) -> str:
    value = _no_control_chars(value).strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _email(value: str) -> str:
    value = value.strip()
    local, _, domain = value.partition("@")
    if value.count("@") != 1 or not local or "." not in domain.strip(".") or any(c.isspace() for c in value):
        raise ValueError("value is not a valid email address")
    return value


CleanStr = Annotated[str, AfterValidator(_no_control_chars)]
Email = Annotated[str, AfterValidator(_no_control_chars), AfterValidator(_email),
                  PydanticField(min_length=3, max_length=320, json_schema_extra={"format": "email"})]
Title = Annotated[str, AfterValidator(_stripped_nonblank), Field(min_length=1, max_length=TITLE_MAX)]
Description = Annotated[str, AfterValidator(_no_control_chars), Field(max_length=DESCRIPTION_MAX)]


def _timestamp(**kwargs: Any) -> Any:
    return Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False, **kwargs))


class StrictBody(BaseModel):
    """Request bodies reject unknown fields, so typos are reported, not ignored."""

    model_config = ConfigDict(extra="forbid")


class Timestamped(BaseModel):
    @field_validator("created_at", "updated_at", mode="after", check_fields=False)
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        return as_utc(value)


# ---------------------------------------------------------------- users


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: str = Field(default_factory=lambda: str(uuid.uuid4()), sa_column=Column(String(36), primary_key=True))
    email: str = Field(sa_column=Column(String(320), unique=True, index=True, nullable=False))
    name: str | None = Field(default=None, sa_column=Column(String(NAME_MAX), nullable=True))
    password_hash: str = Field(sa_column=Column(String(255), nullable=False))
    created_at: datetime = _timestamp()


class UserPublic(BaseModel):
    id: str
    email: str
    name: str | None = None


class SignupBody(StrictBody):
    email: Email
    password: Annotated[CleanStr, Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)]
    name: Annotated[CleanStr, Field(max_length=NAME_MAX)] | None = None


class LoginBody(StrictBody):
    email: Annotated[CleanStr, Field(min_length=1, max_length=320)]
    password: Annotated[CleanStr, Field(min_length=1, max_length=PASSWORD_MAX)]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    user: UserPublic


# ---------------------------------------------------------------- tasks


class Task(SQLModel, table=True):
    __tablename__ = "tasks"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    user_id: str = Field(
        sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False)
    )
    title: str = Field(sa_column=Column(String(TITLE_MAX), nullable=False))
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    completed: bool = Field(default=False, nullable=False)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class TaskCreate(StrictBody):
    title: Title
    description: Description | None = None


class TaskUpdate(StrictBody):
    title: Title | None = None
    description: Description | None = None
    completed: bool | None = None


class TaskPublic(Timestamped):
    id: int
    title: str
    description: str | None
    completed: bool
    created_at: datetime
    updated_at: datetime


TaskStatus = Literal["all", "pending", "completed"]


# ---------------------------------------------------------------- conversations


class Conversation(SQLModel, table=True):
    __tablename__ = "conversations"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    user_id: str = Field(
        sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False)
    )
    title: str | None = Field(default=None, sa_column=Column(String(TITLE_MAX), nullable=True))
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class Message(SQLModel, table=True):
    __tablename__ = "messages"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    conversation_id: int = Field(
        sa_column=Column(Integer, ForeignKey("conversations.id", ondelete="CASCADE"), index=True, nullable=False)
    )
    user_id: str = Field(sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False))
    role: str = Field(sa_column=Column(String(16), nullable=False))
    content: str = Field(sa_column=Column(Text, nullable=False))
    tool_calls: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = _timestamp()


class ConversationPublic(Timestamped):
    id: int
    title: str | None
    created_at: datetime
    updated_at: datetime


class ToolCall(BaseModel):
    name: str
    arguments: dict[str, Any]
    result: Any


class MessagePublic(Timestamped):
    id: int
    role: Literal["user", "assistant"]
    content: str
    tool_calls: list[ToolCall] = []
    created_at: datetime

    @field_validator("tool_calls", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return value or []


class ChatBody(StrictBody):
    message: Annotated[str, AfterValidator(_stripped_nonblank), Field(min_length=1, max_length=MESSAGE_MAX)]
    conversation_id: Annotated[int, Field(ge=1, le=ID_MAX)] | None = None


class ChatResponse(BaseModel):
    conversation_id: int
    response: str
    tool_calls: list[ToolCall]
