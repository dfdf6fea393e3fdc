"""administration: a period lock date per organization, the own-partners option

Revision ID: 0023
Revises: 0015
Create Date: 2026-11-30

``period_locks`` holds each organization's lock date (the constants' ``period_lock_date`` stays
the date for every organization without its own); ``constants.own_partners_only`` makes sales
managers see only their own partners' deals and interactions (row-level security,
server/sqlgen/access.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0020"
branch_labels = None
depends_on = None

S = "kontora"


def upgrade() -> None:
    op.create_table(
        "period_locks",
        sa.Column("organization_id", sa.BigInteger(), nullable=False),
        sa.Column("lock_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"], [f"{S}.cat_organizations.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("organization_id"),
        schema=S,
    )
    op.add_column(
        "constants",
        sa.Column(
            "own_partners_only", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        schema=S,
    )


def downgrade() -> None:
    op.drop_column("constants", "own_partners_only", schema=S)
    op.drop_table("period_locks", schema=S)
