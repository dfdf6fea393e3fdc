"""interaction source: an interaction records the advertising channel and marketing event

Revision ID: 0018
Revises: 0014
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0014"
branch_labels = None
depends_on = None

S = "kontora"
COLUMNS = (("channel_id", "cat_ad_channels"), ("event_id", "cat_marketing_events"))


def upgrade() -> None:
    for column, target in COLUMNS:
        op.add_column("doc_interaction", sa.Column(column, sa.BigInteger()), schema=S)
        op.create_foreign_key(
            None,
            "doc_interaction",
            target,
            [column],
            ["id"],
            source_schema=S,
            referent_schema=S,
            ondelete="RESTRICT",
        )


def downgrade() -> None:
    op.execute(f"DROP TRIGGER IF EXISTS source_default ON {S}.doc_interaction")
    for column, _ in COLUMNS:
        op.drop_column("doc_interaction", column, schema=S)
