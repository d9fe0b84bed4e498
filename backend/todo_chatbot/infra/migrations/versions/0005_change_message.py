"""task_changes.message_id: the chat message that caused each change (one undo step per message;
a retried message finds what its earlier attempt did)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("task_changes") as batch:
        batch.add_column(sa.Column("message_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_task_changes_message", "messages", ["message_id"], ["id"], ondelete="SET NULL")
    op.create_index(
        "ix_task_changes_message",
        "task_changes",
        ["message_id"],
        postgresql_where=sa.text("message_id IS NOT NULL"),
        sqlite_where=sa.text("message_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_task_changes_message", table_name="task_changes")
    with op.batch_alter_table("task_changes") as batch:
        batch.drop_constraint("fk_task_changes_message", type_="foreignkey")
        batch.drop_column("message_id")
