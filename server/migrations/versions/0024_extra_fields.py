"""extra fields: the description of the fields an administrator adds without code

Revision ID: 0024
Revises: 0015
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0024"
down_revision = "0021"
branch_labels = None
depends_on = None

S = "kontora"


def upgrade() -> None:
    op.create_table(
        "extra_fields",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("object_kind", sa.Text(), nullable=False),
        sa.Column("object_name", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("length", sa.Integer()),
        sa.Column("precision", sa.Integer()),
        sa.Column("scale", sa.Integer()),
        sa.Column("target", sa.Text()),
        sa.Column("options", JSONB()),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
        sa.UniqueConstraint("object_kind", "object_name", "name", name="uq_extra_fields_name"),
        sa.CheckConstraint("object_kind IN ('catalog', 'document')", name="ck_extra_fields_object"),
        sa.CheckConstraint(
            "kind IN ('string', 'number', 'date', 'ref', 'choice')", name="ck_extra_fields_kind"
        ),
        sa.CheckConstraint("name ~ '^x_[a-z][a-z0-9_]{0,40}$'", name="ck_extra_fields_name"),
        schema=S,
    )


def downgrade() -> None:
    """The added columns go with their descriptions."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(f"SELECT object_kind, object_name, name, kind FROM {S}.extra_fields")
    ).all()
    for kind, obj, name, field_kind in rows:
        table = ("cat_" if kind == "catalog" else "doc_") + obj
        column = f"{name}_id" if field_kind == "ref" else name
        op.execute(f'ALTER TABLE {S}."{table}" DROP COLUMN IF EXISTS "{column}"')
    op.drop_table("extra_fields", schema=S)
