"""Tables and the shapes that enter and leave the server: users, tasks, conversations, messages.

Each entity has its table (`User`, `Task`, `Conversation`, `Message`, `TaskChangeLog`)
and separate pydantic shapes: request bodies (`...Body`, `TaskCreate`, `TaskUpdate`,
which reject unknown fields) and what is shown (`...Public`). Routes only ever return
Public models, so a password hash can never leave the server.

A task's fields are declared in this module only, once per shape:
- `Task`: the columns (and, with them, a migration in migrations/versions).
- `TaskFields`: the fields a person sets. `EDITABLE`, the REST bodies (`TaskCreate`,
  `TaskUpdate`) and the MCP tools' add_task and update_task parameters are made from it.
- `TaskPublic`: what REST and MCP show, read off a `Task` by pydantic.
- `TaskSnapshot`: what the undo log keeps, made from `Task`'s columns; nothing to add.

Adding a field therefore means: its column on `Task` and a migration; its type in
`TaskFields` if people set it and in `TaskPublic` if it is shown; then only the code
where it behaves differently: the rules in services/tasks.py (`_check` for rules
across fields, `_apply` for how a value is stored, `_set_done` for what a repeating
task's next occurrence does with it), the parsers (parsing/, services/quick_add.py)
and the offline assistant if people say it in words, and mcp_server.ARG_HELP if a
model should read other words than the field's own description.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    AfterValidator,
    AliasChoices,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    StrictBool,
    create_model,
    field_validator,
)
from pydantic import Field as PydanticField
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Field, SQLModel

from . import recurrence as rrules

TITLE_MAX = 200
DESCRIPTION_MAX = 2000
MESSAGE_MAX = 4000
NAME_MAX = 100
PASSWORD_MIN = 8
PASSWORD_MAX = 128
# Ids are 32-bit in the database; anything larger can only be unknown.
ID_MAX = 2**31 - 1
TAGS_MAX = 20
TAG_MAX = 32
TIMEZONE_MAX = 64


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every timestamp we store is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _no_control_chars(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate such as \ud800
        raise ValueError("must be valid Unicode text (it holds a lone surrogate)") from exc
    return value


def _plain_text(value: str) -> str:
    """A one-line name such as a title: no control characters but newline and tab."""
    value = _no_control_chars(value)
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value):
        raise ValueError("must not contain control characters (only newline and tab are allowed)")
    return value


def _whole_number(value: object) -> object:
    """Ids are JSON integers: true and 1.0 are not ids."""
    if isinstance(value, bool | float):
        raise ValueError("must be a whole number (an integer, not a boolean or a decimal)")
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


def _timezone(value: str) -> str:
    value = value.strip()
    if not value or len(value) > TIMEZONE_MAX or value not in _zone_names():
        raise ValueError("must be an IANA time zone name such as 'Europe/Berlin' or 'UTC'")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError("must be an IANA time zone name such as 'Europe/Berlin' or 'UTC'") from exc
    return value


_ZONES: set[str] = set()


def _zone_names() -> set[str]:
    if not _ZONES:
        _ZONES.update(available_timezones() | {"UTC"})
    return _ZONES


def _iso_date(value: object) -> object:
    if isinstance(value, str):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError("must be a date as YYYY-MM-DD")
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"{value.strip()} is not a real date") from exc
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError("must be a date as YYYY-MM-DD")
    return value


def _hh_mm(value: object) -> object:
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise ValueError("must be a time of day as HH:MM (00:00 to 23:59)")
        return time(int(match.group(1)), int(match.group(2)))
    if not isinstance(value, time):
        raise ValueError("must be a time of day as HH:MM (00:00 to 23:59)")
    return value.replace(second=0, microsecond=0, tzinfo=None)


_TAG = re.compile(r"^[^\s#,]+$")


def _tags(value: list[str]) -> list[str]:
    clean: set[str] = set()
    for raw in value:
        tag = _no_control_chars(raw).strip().lower().removeprefix("#")
        if not tag or not _TAG.match(tag):
            raise ValueError(f"tag '{raw}' must be one word without spaces, commas or '#'")
        if len(tag) > TAG_MAX:
            raise ValueError(f"tag '{raw}' is longer than {TAG_MAX} characters")
        clean.add(tag)
    if len(clean) > TAGS_MAX:
        raise ValueError(f"at most {TAGS_MAX} tags")
    return sorted(clean)


def _rrule(value: str) -> str:
    try:
        return rrules.normalise(value)
    except rrules.InvalidRule as exc:
        raise ValueError(str(exc)) from exc


CleanStr = Annotated[str, AfterValidator(_no_control_chars)]
SearchText = Annotated[str, AfterValidator(_no_control_chars), PydanticField(max_length=200)]
TagFilter = Annotated[str, AfterValidator(_no_control_chars), PydanticField(max_length=TAG_MAX + 1)]
Email = Annotated[
    str,
    AfterValidator(_no_control_chars),
    AfterValidator(_email),
    PydanticField(min_length=3, max_length=320, json_schema_extra={"format": "email"}),
]
Title = Annotated[str, AfterValidator(_plain_text), AfterValidator(_stripped_nonblank), Field(min_length=1, max_length=TITLE_MAX)]
PersonName = Annotated[str, AfterValidator(_plain_text), Field(max_length=NAME_MAX)]
WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
Description = Annotated[str, AfterValidator(_no_control_chars), Field(max_length=DESCRIPTION_MAX)]
TimeZoneName = Annotated[
    str,
    AfterValidator(_no_control_chars),
    AfterValidator(_timezone),
    PydanticField(max_length=TIMEZONE_MAX, json_schema_extra={"examples": ["Europe/Berlin"]}),
]
DueDate = Annotated[date, BeforeValidator(_iso_date), PydanticField(description="YYYY-MM-DD, in the owner's time zone")]
DueTime = Annotated[
    time,
    BeforeValidator(_hh_mm),
    PydanticField(
        description="HH:MM, 24-hour, in the owner's time zone; only with a due_date",
        json_schema_extra={"type": "string", "pattern": r"^\d{1,2}:\d{2}$"},
    ),
]
Priority = Literal["none", "low", "medium", "high"]
Tags = Annotated[
    list[Annotated[str, PydanticField(max_length=TAG_MAX + 1)]],
    AfterValidator(_tags),
    PydanticField(max_length=TAGS_MAX * 2, description="Lower-case words without spaces or '#'"),
]
Recurrence = Annotated[
    str,
    AfterValidator(_no_control_chars),
    AfterValidator(_rrule),
    PydanticField(max_length=rrules.RULE_MAX + 10, description="An RFC 5545 RRULE without 'RRULE:', e.g. FREQ=WEEKLY;BYDAY=MO"),
]

REMIND_BEFORE_MAX = 40320  # minutes: four weeks


class RemindBefore(BaseModel):
    """Fires N minutes before the task is due (a date without a time counts as 09:00)."""

    model_config = ConfigDict(extra="forbid")
    before: Annotated[WholeNumber, PydanticField(ge=0, le=REMIND_BEFORE_MAX, description="Minutes before the due date and time")]


class RemindAt(BaseModel):
    """Fires at a moment of its own."""

    model_config = ConfigDict(extra="forbid")
    at: Annotated[AwareDatetime, PydanticField(description="ISO 8601 with an offset, e.g. 2026-12-24T17:00:00+01:00")]


Reminder = Annotated[
    RemindBefore | RemindAt,
    PydanticField(description='{"before": minutes} before the due date and time (needs a due_date), or {"at": ISO 8601 moment}'),
]


def _timestamp(**kwargs: Any) -> Any:
    return Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False, **kwargs))


class StrictBody(BaseModel):
    """Request bodies reject unknown fields, so typos are reported, not ignored."""

    model_config = ConfigDict(extra="forbid")


class Timestamped(BaseModel):
    @field_validator("created_at", "updated_at", "completed_at", "remind_at", mode="after", check_fields=False)
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return as_utc(value) if value is not None else None


# ---------------------------------------------------------------- users


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (Index("ux_users_calendar_token", "calendar_token_hash", unique=True),)

    id: str = Field(default_factory=lambda: str(uuid.uuid4()), sa_column=Column(String(36), primary_key=True))
    email: str = Field(sa_column=Column(String(320), unique=True, index=True, nullable=False))
    name: str | None = Field(default=None, sa_column=Column(String(NAME_MAX), nullable=True))
    password_hash: str = Field(sa_column=Column(String(255), nullable=False))
    timezone: str = Field(default="UTC", sa_column=Column(String(TIMEZONE_MAX), nullable=False, server_default="UTC"))
    # The last task number given out in this user's list; numbers are never reused.
    task_seq: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    created_at: datetime = _timestamp()
    # An Apprise URL reminders are also sent to (the person's own ntfy, Gotify, e-mail...).
    notify_url: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # SHA-256 of the secret in the calendar feed's address (the address itself is not kept).
    calendar_token_hash: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))


class UserPublic(BaseModel):
    id: str
    email: str
    name: str | None = None
    timezone: str = "UTC"


class SignupBody(StrictBody):
    email: Email
    password: Annotated[CleanStr, Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX)]
    name: PersonName | None = None
    timezone: TimeZoneName = "UTC"


class ProfileUpdate(StrictBody):
    name: PersonName | None = None
    timezone: TimeZoneName | None = None


class DeleteAccountBody(StrictBody):
    password: Annotated[CleanStr, Field(min_length=1, max_length=PASSWORD_MAX)]


class LoginBody(StrictBody):
    email: Annotated[CleanStr, Field(min_length=1, max_length=320)]
    password: Annotated[CleanStr, Field(min_length=1, max_length=PASSWORD_MAX)]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    user: UserPublic


# ---------------------------------------------------------------- tasks


class Task(SQLModel, table=True):
    """A task; (user_id, id) is its key, `id` being its number in its owner's list."""

    __tablename__ = "tasks"
    __table_args__ = (
        PrimaryKeyConstraint("user_id", "id", name="pk_tasks"),
        ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE", name="fk_tasks_user_id"),
        Index("ix_tasks_user_completed", "user_id", "completed"),
        Index("ix_tasks_user_due", "user_id", "due_date", "due_time"),
        Index(
            "ix_tasks_remind_at", "remind_at", postgresql_where=text("remind_at IS NOT NULL"), sqlite_where=text("remind_at IS NOT NULL")
        ),
    )

    user_id: str = Field(sa_column=Column(String(36), nullable=False))
    id: int = Field(sa_column=Column(Integer, nullable=False, autoincrement=False))
    title: str = Field(sa_column=Column(String(TITLE_MAX), nullable=False))
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    completed: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    completed_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    due_date: date | None = Field(default=None, sa_column=Column(Date, nullable=True))
    due_time: time | None = Field(default=None, sa_column=Column(Time, nullable=True))
    priority: str = Field(default="none", sa_column=Column(String(6), nullable=False, server_default="none"))
    # Stored as ",tag1,tag2," so that one LIKE finds a tag on every database.
    tag_list: str = Field(default="", sa_column=Column("tags", Text, nullable=False, server_default=""))
    recurrence: str | None = Field(default=None, sa_column=Column(String(rrules.RULE_MAX), nullable=True))
    # Set once completing this recurring task has created its next occurrence.
    next_created: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    # {"before": minutes} or {"at": ISO 8601 in UTC}; remind_at is its next moment (services/reminders.py)
    reminder: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))
    remind_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()

    @property
    def tags(self) -> list[str]:
        return [t for t in self.tag_list.split(",") if t]

    def set_tags(self, tags: list[str]) -> None:
        self.tag_list = f",{','.join(tags)}," if tags else ""

    @property
    def recurrence_text(self) -> str | None:
        return rrules.describe(self.recurrence) if self.recurrence else None


class TaskFields(StrictBody):
    """The fields a person sets on a task (create and update alike): the one list of them."""

    title: Title | None = None
    description: Description | None = None
    due_date: DueDate | None = None
    due_time: DueTime | None = None
    priority: Priority | None = None
    tags: Tags | None = None
    recurrence: Recurrence | None = None
    reminder: Reminder | None = None


class TaskCreate(TaskFields):
    title: Title


class TaskUpdate(TaskFields):
    """Only the fields sent change. "due_date": null clears the date, its time and its recurrence."""

    completed: StrictBool | None = None


EDITABLE: tuple[str, ...] = tuple(TaskFields.model_fields)


class QuickAdd(StrictBody):
    text: Annotated[str, AfterValidator(_stripped_nonblank), Field(min_length=1, max_length=MESSAGE_MAX)]


def _hh_mm_text(value: object) -> object:
    return value.strftime("%H:%M") if isinstance(value, time) else value


# A task as REST and MCP show it, read off a `Task` by pydantic (`TaskPublic.of(task)`).
# (A comment, not a docstring: a docstring would become the schema's description.)
class TaskPublic(Timestamped):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    description: str | None
    completed: bool
    completed_at: datetime | None = None
    due_date: date | None = None
    due_time: Annotated[str | None, BeforeValidator(_hh_mm_text)] = PydanticField(
        default=None, description="HH:MM in the owner's time zone"
    )
    priority: Priority = "none"
    tags: list[str] = []
    recurrence: str | None = None
    recurrence_text: str | None = None
    reminder: Reminder | None = None
    remind_at: datetime | None = PydanticField(
        default=None, description="The next moment the reminder fires (UTC); null once fired, without one, or while completed"
    )
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, task: Task) -> TaskPublic:
        return cls.model_validate(task)


class UndoResult(BaseModel):
    undone: str = PydanticField(description="What was undone, in words")
    tasks: list[TaskPublic] = PydanticField(description="The tasks it touched, as they are now")


class TaskChangeLog(SQLModel, table=True):
    """One change to a user's tasks, as it can be undone: the tasks before and after it, and the
    chat message that caused it (null for REST and outside MCP clients, and once that message's
    conversation is deleted). A message's changes are undone together and never made twice."""

    __tablename__ = "task_changes"
    __table_args__ = (
        Index("ix_task_changes_user", "user_id", "id"),
        Index(
            "ix_task_changes_message",
            "message_id",
            postgresql_where=text("message_id IS NOT NULL"),
            sqlite_where=text("message_id IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    user_id: str = Field(sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False))
    action: str = Field(sa_column=Column(String(16), nullable=False))
    summary: str = Field(sa_column=Column(String(300), nullable=False))
    # Lists of TaskSnapshot (as JSON); a task absent before was created, absent after was deleted.
    before: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    after: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    undone: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    message_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("messages.id", ondelete="SET NULL", name="fk_task_changes_message"), nullable=True),
    )
    created_at: datetime = _timestamp()


# What the task tools answer (interfaces/mcp/server.py), and what a chat turn records of them; here, so
# that a change read back from the log (services/tasks.py) is told in the same shapes.
class TaskChange(BaseModel):
    task_id: int
    status: Literal["created", "completed", "reopened", "deleted", "updated"]
    title: str
    task: TaskPublic | None = PydanticField(default=None, description="The task as it is now (absent once deleted).")
    next_task: TaskPublic | None = PydanticField(default=None, description="The next occurrence that completing a repeating task created.")


class BulkChange(BaseModel):
    status: Literal["completed", "reopened", "deleted"]
    count: int = PydanticField(description="How many tasks changed (tasks already in that state are not counted).")
    tasks: list[TaskPublic] = PydanticField(description="The tasks changed, as they were left.")


class UndoChange(BaseModel):
    status: Literal["undone"] = "undone"
    undone: str = PydanticField(description="What was undone, in words.")
    tasks: list[TaskPublic] = PydanticField(description="The tasks it touched, as they are now.")


class ThrottleCount(SQLModel, table=True):
    """Failed sign-ins (or sign-ups) counted for one key, in a window that began at `started`
    (seconds since the epoch); shared by every process and replica (services/throttle.py)."""

    __tablename__ = "throttle_counts"
    __table_args__ = (Index("ix_throttle_counts_started", "started"),)

    key: str = Field(sa_column=Column(String(64), primary_key=True))  # SHA-256 of what is counted (an email, an address)
    count: int = Field(sa_column=Column(Integer, nullable=False))
    started: float = Field(sa_column=Column(Float, nullable=False))


class ReminderDelivery(SQLModel, table=True):
    """A reminder that fired: one row per (task, moment), so each fires once however many
    processes look; and the state of its notification to the user's own service."""

    __tablename__ = "reminder_deliveries"
    __table_args__ = (
        UniqueConstraint("user_id", "task_id", "moment", name="ux_reminder_deliveries_moment"),
        Index(
            "ix_reminder_deliveries_notify",
            "notify_next_at",
            postgresql_where=text("notify_state = 'pending'"),
            sqlite_where=text("notify_state = 'pending'"),
        ),
    )

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    user_id: str = Field(sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False))
    task_id: int = Field(sa_column=Column(Integer, nullable=False))
    moment: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    fired_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    late: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    # "none" (no target), "pending" (to send at notify_next_at), "sent", "failed" (gave up)
    notify_state: str = Field(default="none", sa_column=Column(String(8), nullable=False, server_default="none"))
    notify_tries: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    notify_next_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


# How the undo log has always written these types (timestamps ISO 8601 in UTC with "+00:00",
# times of day HH:MM), kept so that records written by earlier versions restore, and earlier
# versions restore ours; every other type is written as pydantic writes it.
_STORED_AS = {
    datetime: PlainSerializer(lambda value: as_utc(value).isoformat(), when_used="json-unless-none"),
    time: PlainSerializer(lambda value: value.strftime("%H:%M"), when_used="json-unless-none"),
}


def _stored(annotation: Any) -> Any:
    for kind, serializer in _STORED_AS.items():
        if annotation in (kind, kind | None):
            return Annotated[annotation, serializer]
    return annotation


def _snapshot_model() -> type[BaseModel]:
    """Every column of `Task` but its owner and `updated_at`, keyed by column name, with the
    table's types and defaults (a record written before a column existed restores with its default)."""
    fields: dict[str, Any] = {}
    for attr in sa_inspect(Task).column_attrs:
        column = attr.columns[0].name
        if column in ("user_id", "updated_at"):
            continue
        info = Task.model_fields[attr.key]
        default: dict[str, Any] = {"default_factory": info.default_factory} if info.default_factory else {"default": info.default}
        fields[attr.key] = (
            _stored(info.annotation),
            PydanticField(
                **default,
                validation_alias=AliasChoices(attr.key, column),  # a Task's attribute, or a record's key
                serialization_alias=column,
            ),
        )
    config = ConfigDict(from_attributes=True, serialize_by_alias=True)
    return create_model("TaskSnapshot", __config__=config, **fields)


# A task as the undo log keeps it: `TaskSnapshot.model_validate(task).model_dump(mode="json")`
# writes one, `TaskSnapshot.model_validate(record)` reads one back.
TaskSnapshot = _snapshot_model()


TaskStatus = Literal["all", "pending", "completed"]
DueFilter = Literal["today", "overdue", "week", "none"]
TaskSort = Literal["created", "due", "priority", "title"]


# ---------------------------------------------------------------- conversations


class Conversation(SQLModel, table=True):
    __tablename__ = "conversations"

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    user_id: str = Field(sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False))
    title: str | None = Field(default=None, sa_column=Column(String(TITLE_MAX), nullable=True))
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class Message(SQLModel, table=True):
    __tablename__ = "messages"
    __table_args__ = (Index("ux_messages_client_id", "user_id", "client_message_id", unique=True),)

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True))
    conversation_id: int = Field(sa_column=Column(Integer, ForeignKey("conversations.id", ondelete="CASCADE"), index=True, nullable=False))
    user_id: str = Field(sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False))
    role: str = Field(sa_column=Column(String(16), nullable=False))
    content: str = Field(sa_column=Column(Text, nullable=False))
    tool_calls: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # What an assistant turn leaves for the next one (a pending question, a confirmation,
    # the tasks just talked about): data, never re-read from the reply's wording.
    state: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    # A failed turn: the sentence the user saw (content keeps what was said before it failed).
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # The id a client gave a typed message, so a retry never applies it twice.
    client_message_id: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
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
    error: str | None = PydanticField(default=None, description="For a failed turn, what the user was told")
    created_at: datetime

    @field_validator("tool_calls", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return value or []


class ChatBody(StrictBody):
    message: Annotated[str, AfterValidator(_stripped_nonblank), Field(min_length=1, max_length=MESSAGE_MAX)]
    conversation_id: Annotated[WholeNumber, Field(ge=1, le=ID_MAX)] | None = None
    client_message_id: (
        Annotated[
            str,
            PydanticField(
                min_length=1,
                max_length=64,
                pattern=r"^[A-Za-z0-9._:-]+$",
                description="The client's id for this typed message; a retry with the same id is answered "
                "from the record (or run again, if it failed) and never applied twice",
            ),
        ]
        | None
    ) = None


class ChatResponse(BaseModel):
    conversation_id: int
    response: str
    tool_calls: list[ToolCall]


# ---------------------------------------------------------------- remote MCP: OAuth clients and tokens

# The scopes of /mcp: tasks:read reaches the read-only tools, tasks:write the others.
SCOPE_READ = "tasks:read"
SCOPE_WRITE = "tasks:write"
SCOPES = (SCOPE_READ, SCOPE_WRITE)
Scope = Literal["tasks:read", "tasks:write"]
TOKEN_NAME_MAX = 100


class OAuthClient(SQLModel, table=True):
    """An MCP client that registered itself (RFC 7591): a public client, no secret."""

    __tablename__ = "oauth_clients"

    client_id: str = Field(sa_column=Column(String(36), primary_key=True))
    client_name: str | None = Field(default=None, sa_column=Column(String(NAME_MAX), nullable=True))
    redirect_uris: list[str] = Field(sa_column=Column(JSON, nullable=False))
    scope: str = Field(sa_column=Column(String(100), nullable=False))
    grant_types: list[str] = Field(sa_column=Column(JSON, nullable=False))
    # The registration as answered (RFC 7591 §3.2.1), so a client reads back what it registered.
    registration: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = _timestamp()
    # Registration, then every authorization: a client unused for OAUTH_UNUSED_CLIENT_HOURS with no
    # live grant is forgotten.
    last_used_at: datetime = _timestamp()


class OAuthCode(SQLModel, table=True):
    """An authorization code (only its SHA-256 is kept): one use, ten minutes."""

    __tablename__ = "oauth_codes"

    code_hash: str = Field(sa_column=Column(String(64), primary_key=True))
    client_id: str = Field(sa_column=Column(String(36), ForeignKey("oauth_clients.client_id", ondelete="CASCADE"), nullable=False))
    user_id: str = Field(sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False))
    redirect_uri: str = Field(sa_column=Column(Text, nullable=False))
    code_challenge: str = Field(sa_column=Column(String(128), nullable=False))
    scope: str = Field(sa_column=Column(String(100), nullable=False))
    resource: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
    used_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    # The grant the code was exchanged for: revoked if the code is presented again.
    grant_id: str | None = Field(default=None, sa_column=Column(String(36), nullable=True))


class OAuthGrant(SQLModel, table=True):
    """A person's approval of a client: the family of its refresh tokens and access tokens.
    Revoking it stops them all at once."""

    __tablename__ = "oauth_grants"
    __table_args__ = (Index("ix_oauth_grants_user", "user_id", "client_id"),)

    id: str = Field(default_factory=lambda: str(uuid.uuid4()), sa_column=Column(String(36), primary_key=True))
    user_id: str = Field(sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), nullable=False))
    client_id: str = Field(sa_column=Column(String(36), ForeignKey("oauth_clients.client_id", ondelete="CASCADE"), nullable=False))
    scope: str = Field(sa_column=Column(String(100), nullable=False))
    created_at: datetime = _timestamp()
    last_used_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class OAuthRefreshToken(SQLModel, table=True):
    """A refresh token (only its SHA-256 is kept); used once, then replaced by the next one of its
    grant. Presenting a used one again revokes the grant."""

    __tablename__ = "oauth_refresh_tokens"

    token_hash: str = Field(sa_column=Column(String(64), primary_key=True))
    grant_id: str = Field(sa_column=Column(String(36), ForeignKey("oauth_grants.id", ondelete="CASCADE"), index=True, nullable=False))
    created_at: datetime = _timestamp()
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class PersonalAccessToken(SQLModel, table=True):
    """A token a person made for a script or a client without OAuth (only its SHA-256 is kept)."""

    __tablename__ = "personal_access_tokens"

    id: str = Field(default_factory=lambda: str(uuid.uuid4()), sa_column=Column(String(36), primary_key=True))
    user_id: str = Field(sa_column=Column(String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True, nullable=False))
    name: str = Field(sa_column=Column(String(TOKEN_NAME_MAX), nullable=False))
    token_hash: str = Field(sa_column=Column(String(64), unique=True, nullable=False))
    # The token's first characters, shown in lists so a person can tell their tokens apart.
    prefix: str = Field(sa_column=Column(String(16), nullable=False))
    scope: str = Field(sa_column=Column(String(100), nullable=False))
    created_at: datetime = _timestamp()
    expires_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    last_used_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


def _scope_list(value: object) -> object:
    return value.split() if isinstance(value, str) else value


ScopeList = Annotated[list[Scope], BeforeValidator(_scope_list)]


class AccessTokenCreate(StrictBody):
    name: Annotated[str, AfterValidator(_plain_text), AfterValidator(_stripped_nonblank), Field(min_length=1, max_length=TOKEN_NAME_MAX)]
    scopes: Annotated[list[Scope], PydanticField(min_length=1, max_length=2, description="tasks:read, tasks:write or both")]
    expires_in_days: (
        Annotated[WholeNumber, PydanticField(ge=1, le=3650, description="Days until it stops working; omitted: never")] | None
    ) = None


class AccessTokenPublic(Timestamped):
    id: str
    name: str
    prefix: str = PydanticField(description="The token's first characters, to tell tokens apart")
    scopes: ScopeList
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None

    @field_validator("expires_at", "last_used_at", mode="after")
    @classmethod
    def _utc_too(cls, value: datetime | None) -> datetime | None:
        return as_utc(value) if value is not None else None


class AccessTokenCreated(AccessTokenPublic):
    token: str = PydanticField(description="The token itself: shown this once, never again")


class ConnectedApp(Timestamped):
    client_id: str
    client_name: str | None
    redirect_hosts: list[str] = PydanticField(description="Where the app receives its sign-ins")
    scopes: list[Scope]
    connected_at: datetime = PydanticField(description="When the person first approved it")
    last_used_at: datetime | None

    @field_validator("connected_at", "last_used_at", mode="after")
    @classmethod
    def _utc_too(cls, value: datetime | None) -> datetime | None:
        return as_utc(value) if value is not None else None
