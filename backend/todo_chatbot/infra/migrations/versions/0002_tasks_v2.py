"""tasks v2: per-user task numbers, due dates, priorities, tags, recurrence, time zones, change log

Existing tasks keep their order and are numbered 1, 2, 3 ... per user (by
their old global id); each user's counter starts after their highest number.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"))
        batch.add_column(sa.Column("task_seq", sa.Integer(), nullable=False, server_default="0"))

    op.create_table(
        "tasks_v2",
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("due_time", sa.Time(), nullable=True),
        sa.Column("priority", sa.String(6), nullable=False, server_default="none"),
        sa.Column("tags", sa.Text(), nullable=False, server_default=""),
        sa.Column("recurrence", sa.String(300), nullable=True),
        sa.Column("next_created", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "id", name="pk_tasks"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE", name="fk_tasks_user_id"),
    )
    # Completed tasks of the old schema were completed at their last update.
    op.execute(
        "INSERT INTO tasks_v2 (user_id, id, title, description, completed, completed_at, created_at, updated_at) "
        "SELECT user_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY id), title, description, completed, "
        "CASE WHEN completed THEN updated_at END, created_at, updated_at FROM tasks"
    )
    op.execute("UPDATE users SET task_seq = COALESCE((SELECT MAX(t.id) FROM tasks_v2 t WHERE t.user_id = users.id), 0)")
    op.drop_index("ix_tasks_user_id", table_name="tasks")
    op.drop_table("tasks")
    op.rename_table("tasks_v2", "tasks")
    op.create_index("ix_tasks_user_completed", "tasks", ["user_id", "completed"])
    op.create_index("ix_tasks_user_due", "tasks", ["user_id", "due_date", "due_time"])

    op.create_table(
        "task_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("summary", sa.String(300), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("undone", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_task_changes_user", "task_changes", ["user_id", "id"])


def downgrade() -> None:
    """Back to global task ids (new numbers, in each user's order); the v2 fields and the change log are dropped."""
    op.drop_index("ix_task_changes_user", table_name="task_changes")
    op.drop_table("task_changes")
    op.create_table(
        "tasks_v1",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(
        "INSERT INTO tasks_v1 (user_id, title, description, completed, created_at, updated_at) "
        "SELECT user_id, title, description, completed, created_at, updated_at FROM tasks ORDER BY created_at, id"
    )
    op.drop_index("ix_tasks_user_due", table_name="tasks")
    op.drop_index("ix_tasks_user_completed", table_name="tasks")
    op.drop_table("tasks")
    op.rename_table("tasks_v1", "tasks")
    op.create_index("ix_tasks_user_id", "tasks", ["user_id"])
    with op.batch_alter_table("users") as batch:
        batch.drop_column("task_seq")
        batch.drop_column("timezone")
