"""movement domains: a movement's resources are checked by their domain, not a table CHECK

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-01

Every movement's quantities and amounts refuse NaN, ±Infinity, too large values and too many
decimals. As a CHECK on each movement table, the expression was read back from its stored text
and planned again by every statement writing movements (about 3 % of a posting's server time);
as a domain (``exact_s3_e15`` for quantities, ``exact_s2_e16`` for amounts) its check is
prepared once per connection. The columns change type without a rewrite (a domain over numeric
with no constraint yet), then the domains get their checks, which read every movement once (not
NOT VALID: pg_restore --clean could not restore such a constraint into an empty database).
Views reading the columns (free stock) are set aside meanwhile and made again as they were.
"""

from collections.abc import Callable

from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

S = "kontora"
QTY = ("exact_s3_e15", 3, "1000000000000000")
MONEY = ("exact_s2_e16", 2, "10000000000000000")
# register -> its movements' resource columns and their domains, at this revision
RESOURCES = {
    "stock": {"quantity": QTY, "cost": MONEY},
    "sales": {"quantity": QTY, "amount": MONEY, "vat_amount": MONEY, "cost": MONEY},
    "expenses": {"amount": MONEY},
    "goods_expected": {"quantity": QTY},
    "supplier_settlements": {"amount": MONEY},
    "purchases": {"quantity": QTY, "amount": MONEY, "vat_amount": MONEY},
    "customer_orders": {"quantity": QTY, "amount": MONEY},
    "reserves": {"quantity": QTY},
    "customer_settlements": {"amount": MONEY},
    "payroll": {"accrued": MONEY, "deducted": MONEY},
    "employee_settlements": {"amount": MONEY},
}


def _exact(value: str, scale: int, limit: str) -> str:
    return f"abs({value}) < {limit} AND {value} = trunc({value}, {scale})"


def _views() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(name, query, [(grantee, privileges)]) of the views reading the movement tables, names
    in their queries schema-qualified, in an order that drops each before those it reads."""
    c = op.get_bind()
    tables = ", ".join(f"'{S}.reg_{r}'::regclass" for r in RESOURCES)
    path = c.exec_driver_sql("SELECT current_setting('search_path')").scalar()
    c.exec_driver_sql("SELECT set_config('search_path', 'pg_catalog', true)")
    rows = c.exec_driver_sql(f"""
        SELECT DISTINCT v.oid, v.oid::regclass::text, pg_get_viewdef(v.oid)
        FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid JOIN pg_class v ON v.oid = w.ev_class
        WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid IN ({tables})
        ORDER BY v.oid DESC""").all()
    out = []
    for oid, name, query in rows:
        grants = c.exec_driver_sql(f"""
            SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END,
                   string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type)
            FROM pg_class k, aclexplode(k.relacl) a
            WHERE k.oid = {oid} AND a.grantee <> k.relowner GROUP BY a.grantee""").all()
        out.append((name, query, [(g, p) for g, p in grants]))
    c.exec_driver_sql(f"SELECT set_config('search_path', '{path}', true)")
    return out


def _keeping_views(change: Callable[[], None]) -> None:
    """Run ``change`` (column types) with the views over the movements set aside."""
    views = _views()
    for name, _, _ in views:
        op.execute(f"DROP VIEW {name}")
    change()
    for name, query, grants in reversed(views):
        op.execute(f"CREATE VIEW {name} AS {query}")
        for grantee, privileges in grants:
            op.execute(f"GRANT {privileges} ON {name} TO {grantee}")


def upgrade() -> None:
    def change() -> None:
        for name, _, _ in (QTY, MONEY):
            op.execute(f"CREATE DOMAIN {S}.{name} AS numeric")
        for reg, cols in RESOURCES.items():
            for col, (domain, _, _) in cols.items():
                op.execute(f"ALTER TABLE {S}.reg_{reg} DROP CONSTRAINT ck_reg_{reg}_{col}_exact")
                op.execute(f"ALTER TABLE {S}.reg_{reg} ALTER COLUMN {col} TYPE {S}.{domain}")
        for name, scale, limit in (QTY, MONEY):
            op.execute(
                f"ALTER DOMAIN {S}.{name} ADD CONSTRAINT {name}_check "
                f"CHECK ({_exact('VALUE', scale, limit)})"
            )

    _keeping_views(change)


def downgrade() -> None:
    def change() -> None:
        for reg, cols in RESOURCES.items():
            for col, (_, scale, limit) in cols.items():
                op.execute(f"ALTER TABLE {S}.reg_{reg} ALTER COLUMN {col} TYPE numeric")
                op.execute(
                    f"ALTER TABLE {S}.reg_{reg} ADD CONSTRAINT ck_reg_{reg}_{col}_exact "
                    f"CHECK ({_exact(col, scale, limit)})"
                )
        for name, _, _ in (QTY, MONEY):
            op.execute(f"DROP DOMAIN {S}.{name}")

    _keeping_views(change)
