"""organization logo: a PNG or JPEG picture printed in the print forms' heading

Revision ID: 0020
Revises: 0015
Create Date: 2026-11-30

A new field kind, Picture (server/metadata/fields.py), stored as bytea with a size check;
cat_organizations.logo (server/config/catalogs.py). tests/test_metadata.py compares.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0022"
branch_labels = None
depends_on = None

S = "kontora"


def upgrade() -> None:
    op.add_column("cat_organizations", sa.Column("logo", sa.LargeBinary(), nullable=True), schema=S)
    op.create_check_constraint(
        "ck_cat_organizations_logo_size",
        "cat_organizations",
        "octet_length(logo) <= 262144",
        schema=S,
    )


def downgrade() -> None:
    op.drop_constraint("ck_cat_organizations_logo_size", "cat_organizations", schema=S)
    op.drop_column("cat_organizations", "logo", schema=S)
