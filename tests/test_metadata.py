"""Generic checks over the whole metadata registry: one declaration drives everything."""

from __future__ import annotations

from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import DOMAIN
from sqlalchemy.exc import IntegrityError

from server import extra_fields as xf
from server.metadata import DocRef, Ref, registry
from server.schema import build_metadata


def _fk_key(fk) -> tuple:
    """A foreign key ignoring how its schema is spelt (reflection omits the default one)."""
    el = next(iter(fk.elements))
    return (
        fk.table.name,
        tuple(c.name for c in fk.columns),
        el.target_fullname.split(".")[-2],
        fk.ondelete,
    )


def _same_domain(ctx, inspected_col, metadata_col, inspected_type, metadata_type) -> bool | None:
    """A movement resource's domain (server.schema.exact_domain) is the domain of that name
    (alembic's own comparison reports two equal domains as a change); other types as alembic
    compares them."""
    if isinstance(metadata_type, DOMAIN):  # reflection omits the schema on the search path
        same = isinstance(inspected_type, DOMAIN) and inspected_type.schema in (None, "kontora")
        return not (same and inspected_type.name == metadata_type.name)
    return None


def _compare(db) -> None:
    """alembic head creates exactly the tables, columns, constraints and keys declared, the
    administrator's added fields (kontora.extra_fields) included."""
    with db.engine.connect() as c:
        ctx = MigrationContext.configure(
            c,
            opts={
                "version_table_schema": "kontora",
                "include_name": lambda name, type_, parent: name != "alembic_version",
                "compare_type": _same_domain,
            },
        )
        xf.merge(registry, xf.load(db.session()))
        try:
            diff = compare_metadata(ctx, build_metadata(registry))
        finally:
            xf.merge(registry, [])
    removed = {_fk_key(op[1]) for op in diff if op[0] == "remove_fk"}
    added = {_fk_key(op[1]) for op in diff if op[0] == "add_fk"}
    real = [op for op in diff if op[0] not in ("remove_fk", "add_fk")]
    assert real == []
    assert removed == added  # the same keys, only spelt with and without the schema


def test_migrations_match_the_declarations(db):
    _compare(db)


def test_added_fields_match_the_declarations(world):
    """Columns an administrator added are what their descriptions declare; so is their drop."""
    s = world.session
    for f in (
        xf.ExtraField("catalog", "products", "x_weight", "Weight", "number", precision=8, scale=3),
        xf.ExtraField("catalog", "products", "x_maker", "Maker", "ref", target="counterparties"),
        xf.ExtraField("catalog", "warehouses", "x_opened", "Opened", "date"),
        xf.ExtraField("document", "goods_receipt", "x_note", "Note", "string", length=40),
        xf.ExtraField("document", "goods_receipt", "x_grade", "Grade", "choice",
                      options=(("a", "A"),)),
    ):  # fmt: skip
        xf.add(s, f)
    _compare(world.db)
    xf.remove(s, "catalog", "products", "x_maker")
    _compare(world.db)


def test_every_declaration_is_consistent():
    for d in registry.documents.values():
        assert d.subsystem in registry.subsystems, d.name
        for m in d.posting:
            r = registry.register(m.register)
            for f in (*r.dimensions, *r.resources):
                if f.name not in m.values:  # a cost the posting computes
                    assert f.name in registry.computed_resources(d.name, r.name), (
                        f"{d.name} → {r.name}: {f.name} has no source"
                    )
                    continue
                src = m.values[f.name]
                if src.startswith("="):
                    continue  # an SQL expression over the header and the line
                assert d.header_field(src) or (m.table and d.tabular(m.table).field(src))
        for f in (*d.header, *(f for t in d.tables for f in t.fields)):
            if isinstance(f, Ref):
                assert f.target in registry.catalogs, f"{d.name}.{f.name} → {f.target}"
            if isinstance(f, DocRef):
                assert f.target in registry.documents, f"{d.name}.{f.name} → {f.target}"
            if isinstance(f, Ref) and f.within:  # the item's field of that name, in the header
                owner = d.header_field(f.within)
                assert owner is not None, f"{d.name}.{f.name} within {f.within}"
                item_fields = {g.name for g in registry.catalogs[f.target].fields}
                assert f.within in item_fields, f"{d.name}.{f.name} within {f.within}"
    for c in registry.catalogs.values():
        for t in c.tables:  # saved by the catalog API: no line formulas, references resolve
            for f in t.fields:
                assert getattr(f, "computed", None) is None, f"{c.name}.{t.name}.{f.name}"
                if isinstance(f, Ref):
                    assert f.target in registry.catalogs, f"{c.name}.{t.name}.{f.name}"
    for s in registry.subsystems.values():
        assert all(dep in registry.subsystems for dep in s.depends)


def _migrate(db, revision: str, down: bool = False) -> None:
    from alembic import command

    from server.infobase import alembic_config

    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


def test_0003_relaxes_the_unit_of_groups_keeping_data_and_goes_back(db):
    """Groups made before 0003 keep their unit; after it a group needs none; back at 0002
    a group without a unit gets one again (NOT NULL)."""
    s = db.session()
    _migrate(db, "0002", down=True)
    u = s.scalar("INSERT INTO cat_units(name, precision) VALUES ('pcs', 0) RETURNING id")
    g = s.scalar(
        "INSERT INTO cat_products(name, is_group, unit_id) VALUES ('Old', true, :u) RETURNING id",
        u=u,
    )
    _migrate(db, "head")
    assert s.scalar("SELECT unit_id FROM cat_products WHERE id = :g", g=g) == u
    s.execute("INSERT INTO cat_products(name, is_group) VALUES ('New', true)")
    assert s.scalar("SELECT count(*) FROM cat_products WHERE client_key IS NULL") == 2
    _migrate(db, "0002", down=True)
    assert s.scalar("SELECT unit_id FROM cat_products WHERE name = 'New'") == u
    _migrate(db, "head")


def test_line_formulas_read_declared_fields_without_cycles():
    """A computed amount reads fields of its line or its header, never itself (directly or not)."""
    from server.metadata import Money, formula

    for d in registry.documents.values():
        header = {f.name for f in d.header}
        for t in d.tables:
            computed = {f.name: f.computed for f in t.fields if isinstance(f, Money) and f.computed}
            lines = {f.name for f in t.fields}
            for name, expr in computed.items():
                assert formula.names(expr) <= lines | header, f"{d.name}.{t.name}.{name}"
                seen, todo = set(), [name]
                while todo:
                    n = todo.pop()
                    for m in formula.names(computed.get(n, "0")) & computed.keys():
                        assert m != name, f"{d.name}.{t.name}.{name} depends on itself"
                        if m not in seen:
                            seen.add(m)
                            todo.append(m)


def test_0007_keeps_receipts_and_goes_back(db):
    """Receipts made before 0007 keep their lines (no VAT, "prices include VAT" off) and are
    left alone by its downgrade, which drops purchasing's tables and columns."""
    s = db.session()
    _migrate(db, "0004", down=True)
    assert s.scalar("SELECT to_regclass('kontora.doc_purchase_order')") is None
    org = s.scalar("INSERT INTO cat_organizations(name) VALUES ('A') RETURNING id")
    wh = s.scalar("INSERT INTO cat_warehouses(name) VALUES ('W') RETURNING id")
    u = s.scalar("INSERT INTO cat_units(name, precision) VALUES ('pcs', 0) RETURNING id")
    p = s.scalar("INSERT INTO cat_products(name, unit_id) VALUES ('P', :u) RETURNING id", u=u)
    # The routines are those of the head (a downgrade keeps them): insert below the triggers.
    with db.engine.begin() as c:
        c.exec_driver_sql("SET LOCAL session_replication_role = replica")
        gr = c.execute(
            text(
                "INSERT INTO doc_goods_receipt(number, date, organization_id, client_key, "
                "warehouse_id) VALUES ('GR1', now(), :o, gen_random_uuid(), :w) RETURNING id"
            ),
            {"o": org, "w": wh},
        ).scalar()
        c.execute(
            text(
                "INSERT INTO doc_goods_receipt_lines(doc_id, line_no, product_id, quantity, "
                "price, amount) VALUES (:d, 1, :p, 2, 1.50, 3.00)"
            ),
            {"d": gr, "p": p},
        )
    _migrate(db, "head")
    row = s.rows(
        "SELECT h.vat_included, l.amount, l.vat_amount, l.discount FROM doc_goods_receipt h "
        "JOIN doc_goods_receipt_lines l ON l.doc_id = h.id"
    )
    assert row == [{"vat_included": False, "amount": 3, "vat_amount": None, "discount": None}]
    _migrate(db, "0004", down=True)
    assert s.scalar("SELECT amount FROM doc_goods_receipt_lines") == 3
    assert s.scalar("SELECT to_regclass('kontora.reg_supplier_settlements')") is None
    _migrate(db, "head")


@pytest.mark.parametrize(
    "column, value",
    [
        ("quantity", "1.0001"),  # a quantity keeps 3 decimals
        ("cost", "0.001"),  # an amount 2
        ("quantity", "NaN"),
        ("cost", "Infinity"),
        ("quantity", "1e15"),
    ],
)
def test_a_movement_refuses_what_is_not_exact(db, column, value):
    """A movement's resources are of a domain (revision 0031) refusing NaN, ±Infinity, too
    large values and too many decimals: for every writer, the owner included."""
    values = {"quantity": "1", "cost": "1", column: value}
    with pytest.raises(IntegrityError, match=r"exact_s[23]_e1[56]"), db.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO reg_stock (recorder_type, recorder_id, line_no, period, "
                "warehouse_id, product_id, quantity, cost) "
                "VALUES ('opening_stock', 1, 1, now(), 1, 1, "
                "CAST(:q AS numeric), CAST(:c AS numeric))"
            ),
            {"q": values["quantity"], "c": values["cost"]},
        )


def test_0031_moves_the_exactness_checks_to_domains_and_back(world):
    """Down to 0030 the movements' CHECKs come back (the free stock views kept, as they read
    the columns whose type changes); up again they are domains, the data untouched."""
    from tests.helpers import receipt

    w = world
    receipt(w, 1, (w.flour, "2.5"))  # kilograms: decimals allowed
    kinds = (
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = 'kontora.reg_stock'::regclass AND attname IN ('quantity', 'cost') "
        "ORDER BY attname"
    )
    assert [r["format_type"] for r in w.session.rows(kinds)] == ["exact_s2_e16", "exact_s3_e15"]
    _migrate(w.db, "0030", down=True)
    assert [r["format_type"] for r in w.session.rows(kinds)] == ["numeric", "numeric"]
    checks = w.session.scalar(
        "SELECT count(*) FROM pg_constraint WHERE conname LIKE 'ck_reg_%_exact'"
    )
    assert checks == 19  # every movement resource of the 11 stored registers
    assert w.session.scalar("SELECT quantity FROM kontora.reg_free_stock_balance") == Decimal("2.5")
    _migrate(w.db, "head")
    assert [r["format_type"] for r in w.session.rows(kinds)] == ["exact_s2_e16", "exact_s3_e15"]
    assert (
        w.session.scalar("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'ck_reg_%_exact'")
        == 0
    )
    assert w.stock(w.flour) == Decimal("2.5")


def test_0032_moves_the_document_number_checks_to_domains_and_back(world):
    """Down to 0031 a document's number columns get their table CHECKs back (every rule of the
    61 columns), up again they are checked by domains of their own; the data is untouched."""
    from tests.helpers import receipt

    w = world
    receipt(w, 1, (w.flour, "2.5"))  # kilograms: decimals allowed
    kind = (
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = 'kontora.doc_goods_receipt_lines'::regclass AND attname = 'quantity'"
    )
    table_checks = (
        "SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid <> 0 "
        "AND conname ~ '^ck_doc_.*_(exact|positive|nonnegative|maximum)$'"
    )
    assert w.session.scalar(kind) == "doc_goods_receipt_lines__quantity"
    assert w.session.scalar(table_checks) == 0
    _migrate(w.db, "0031", down=True)
    assert w.session.scalar(kind) == "numeric"
    assert w.session.scalar(table_checks) == 128
    assert w.stock(w.flour) == Decimal("2.5")
    _migrate(w.db, "head")
    assert w.session.scalar(kind) == "doc_goods_receipt_lines__quantity"
    assert w.session.scalar(table_checks) == 0
    assert w.session.scalar("SELECT quantity FROM doc_goods_receipt_lines") == Decimal("2.5")


def test_the_revisions_read_from_the_files_are_alembics() -> None:
    """The client checks the schema without loading alembic: the same head and revisions."""
    from alembic.script import ScriptDirectory

    from server.infobase import alembic_config, code_revision, revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert code_revision() == script.get_current_head()
    assert revisions() == {r.revision: r.down_revision for r in script.walk_revisions()}
