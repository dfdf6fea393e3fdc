"""sales rules: drop the counterparty-of-partner routine the 'within' check replaced

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30

Infobases created before the counterparty-of-partner rule became the declared ``within`` check
of the header trigger still have ``kontora.check_counterparty_partner``, which nothing calls any
more (new infobases never get it). The order-status, return-date and over-return checks of the
sales documents are hooks and a trigger, re-created from the declarations after every upgrade:
no tables or columns change.
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

S = "kontora"


def upgrade() -> None:
    op.execute(f"DROP FUNCTION IF EXISTS {S}.check_counterparty_partner(text, bigint, bigint)")


def downgrade() -> None:
    """Nothing to restore: the routine was unused (the header trigger checks the rule)."""
