"""catalog groups without item fields, idempotent catalog creation

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

A required field of a hierarchical catalog binds items only: products.unit_id becomes nullable
with a CHECK ``is_group OR unit_id IS NOT NULL`` (existing groups keep the unit they were given).
Every catalog gets a nullable ``client_key`` (unique): a create resent after a lost
acknowledgement returns the item it created instead of a duplicate.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CATALOGS = (
    "cat_counterparties",
    "cat_organizations",
    "cat_products",
    "cat_units",
    "cat_warehouses",
)


def upgrade() -> None:
    op.alter_column(
        "cat_products", "unit_id", existing_type=sa.BigInteger(), nullable=True, schema="kontora"
    )
    op.create_check_constraint(
        "ck_cat_products_unit_id_required",
        "cat_products",
        "is_group OR unit_id IS NOT NULL",
        schema="kontora",
    )
    for table in CATALOGS:
        op.add_column(
            table, sa.Column("client_key", postgresql.UUID(), nullable=True), schema="kontora"
        )
        op.create_unique_constraint(
            f"uq_{table}_client_key", table, ["client_key"], schema="kontora"
        )


def downgrade() -> None:
    for table in CATALOGS:
        op.drop_constraint(f"uq_{table}_client_key", table, schema="kontora")
        op.drop_column(table, "client_key", schema="kontora")
    op.drop_constraint("ck_cat_products_unit_id_required", "cat_products", schema="kontora")
    # A group may have no unit now: give it its first item's unit, else any unit.
    op.execute(
        "UPDATE kontora.cat_products g SET unit_id = coalesce("
        "(SELECT min(i.unit_id) FROM kontora.cat_products i WHERE i.parent_id = g.id), "
        "(SELECT min(id) FROM kontora.cat_units)) WHERE g.unit_id IS NULL"
    )
    op.alter_column(
        "cat_products", "unit_id", existing_type=sa.BigInteger(), nullable=False, schema="kontora"
    )
