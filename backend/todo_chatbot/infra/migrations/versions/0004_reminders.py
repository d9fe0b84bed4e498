"""reminders: a task's reminder and its next moment, the delivery log, the user's notification target and calendar feed

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(sa.Column("reminder", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("remind_at", sa.DateTime(timezone=True), nullable=True))
    # The scheduler's one query per poll: the earliest moments, among the few tasks that have one.
    op.create_index(
        "ix_tasks_remind_at",
        "tasks",
        ["remind_at"],
        postgresql_where=sa.text("remind_at IS NOT NULL"),
        sqlite_where=sa.text("remind_at IS NOT NULL"),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("notify_url", sa.Text(), nullable=True))
        # SHA-256 of the secret in the user's calendar feed address (the address itself is not kept)
        batch.add_column(sa.Column("calendar_token_hash", sa.String(64), nullable=True))
    op.create_index("ux_users_calendar_token", "users", ["calendar_token_hash"], unique=True)

    op.create_table(
        "reminder_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False, server_default=sa.false()),
        # the notification to the user's own service: pending until sent or given up
        sa.Column("notify_state", sa.String(8), nullable=False, server_default="none"),
        sa.Column("notify_tries", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("notify_next_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        # each reminder fires once, however many processes look for it
        sa.UniqueConstraint("user_id", "task_id", "moment", name="ux_reminder_deliveries_moment"),
    )
    op.create_index(
        "ix_reminder_deliveries_notify",
        "reminder_deliveries",
        ["notify_next_at"],
        postgresql_where=sa.text("notify_state = 'pending'"),
        sqlite_where=sa.text("notify_state = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index("ix_reminder_deliveries_notify", table_name="reminder_deliveries")
    op.drop_table("reminder_deliveries")
    op.drop_index("ux_users_calendar_token", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("calendar_token_hash")
        batch.drop_column("notify_url")
    op.drop_index("ix_tasks_remind_at", table_name="tasks")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("remind_at")
        batch.drop_column("reminder")
