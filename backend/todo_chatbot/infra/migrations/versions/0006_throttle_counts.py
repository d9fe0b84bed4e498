"""throttle_counts: sign-in and sign-up limits counted in the database, so every process and replica shares them

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "throttle_counts",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("started", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_throttle_counts_started", "throttle_counts", ["started"])


def downgrade() -> None:
    op.drop_index("ix_throttle_counts_started", table_name="throttle_counts")
    op.drop_table("throttle_counts")
