"""messages: state (what a reply leaves for the next turn), error (a failed turn), client_message_id (retries)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("state", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("error", sa.Text(), nullable=True))
        batch.add_column(sa.Column("client_message_id", sa.String(64), nullable=True))
    op.create_index("ux_messages_client_id", "messages", ["user_id", "client_message_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_messages_client_id", table_name="messages")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("client_message_id")
        batch.drop_column("error")
        batch.drop_column("state")
