"""Per-user settings with row-level security; key figures and global search on the server."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from server.api import Session, new_document
from server.api import user_settings as us
from server.api.key_figures import below_minimum, declared, key_figures
from server.api.search import PER_KIND, catalog_sql, document_sql, search
from server.errors import InvalidValue
from server.metadata import registry
from server.users import add_user
from tests.helpers import receipt

TODAY = dt.date(2026, 3, 5)


@pytest.fixture
def two_users(db):
    suffix = uuid.uuid4().hex[:6]
    names = [f"ann_{suffix}", f"bob_{suffix}"]
    admin = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        add_user(c, names[0], "storekeeper", "pw-a")
        add_user(c, names[1], "sales_manager", "pw-b")
    engines = [db.engine_as(names[0], "pw-a"), db.engine_as(names[1], "pw-b")]
    yield names, [Session(e) for e in engines]
    for e in engines:
        e.dispose()
    with admin.connect() as c:
        for n in names:
            c.exec_driver_sql(f'DROP OWNED BY "{n}"; DROP ROLE "{n}"')
    admin.dispose()


def test_settings_get_put_delete(db):
    s = db.session()
    assert us.get(s, "favorites", []) == []
    us.put(s, "favorites", [{"kind": "list", "name": "products", "n": Decimal("1.50")}])
    us.put(s, "favorites", [{"kind": "list", "name": "units"}])  # replaces
    assert us.get(s, "favorites") == [{"kind": "list", "name": "units"}]
    assert us.get_many(s, ["favorites", "history"]) == {
        "favorites": [{"kind": "list", "name": "units"}]
    }
    us.delete(s, "favorites")
    assert us.get(s, "favorites", "none") == "none"
    with pytest.raises(InvalidValue, match="Key"):
        us.put(s, "k" * 201, 1)


def test_a_login_sees_and_changes_only_its_own_settings(db, two_users):
    (ann, _bob), (sa, sb) = two_users
    us.put(sa, "favorites", ["ann's"])
    assert us.get(sb, "favorites") is None  # bob cannot read ann's row
    us.put(sb, "favorites", ["bob's"])  # his own row, same key
    assert us.get(sa, "favorites") == ["ann's"]
    assert us.get(sb, "favorites") == ["bob's"]
    us.delete(sb, "favorites")
    assert us.get(sa, "favorites") == ["ann's"]

    # Typing SQL does not help bob either: ann's rows are invisible and cannot be written.
    with sb.engine.begin() as c:
        assert c.execute(text("SELECT count(*) FROM kontora.user_settings")).scalar() == 0
        hit = c.execute(
            text("UPDATE kontora.user_settings SET value = '1' WHERE username = :u"), {"u": ann}
        )
        assert hit.rowcount == 0
        assert c.execute(text("DELETE FROM kontora.user_settings")).rowcount == 0
    with pytest.raises(DBAPIError, match="row-level security"), sb.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO kontora.user_settings(username, key, value) "
                "VALUES (:u, 'favorites', '[\"forged\"]') "
                "ON CONFLICT (username, key) DO UPDATE SET value = EXCLUDED.value"
            ),
            {"u": ann},
        )
    assert us.get(sa, "favorites") == ["ann's"]
    # The superuser of the embedded default sees only its own rows through the API.
    assert us.get(db.session(), "favorites") is None


def _shipment(world, when: dt.datetime, *lines: tuple[int, str, str], post: bool = True) -> dict:
    return world.docs.save(
        "sales_shipment",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            customer=world.customer,
            date=when.isoformat(timespec="seconds"),
            lines=[{"product": p, "quantity": q, "price": pr} for p, q, pr in lines],
        ),
        post=post,
    )


def test_key_figures_against_hand_computed_values(world):
    p0, p1, p2 = world.products[:3]
    receipt(world, 1, (p0, "100"), (p1, "10"))
    receipt(world, 1, (p1, "5"), wh=world.wh2)
    s = world.session
    s.execute("UPDATE kontora.cat_products SET min_stock = 20 WHERE id = :p", p=p1)  # 15 < 20
    s.execute("UPDATE kontora.cat_products SET min_stock = 50 WHERE id = :p", p=p0)  # 100-7
    s.execute("UPDATE kontora.cat_products SET min_stock = 1 WHERE id = :p", p=p2)  # 0 < 1
    morning = dt.datetime.combine(TODAY, dt.time(9, 30))
    _shipment(world, morning, (p0, "3", "2.50"), (p1, "1", "10.00"))  # 17.50
    _shipment(world, morning.replace(hour=17), (p0, "4", "1.25"))  # 5.00
    _shipment(world, morning - dt.timedelta(days=1), (p0, "2", "100.00"))  # yesterday
    _shipment(world, morning, (p0, "1", "1000.00"), post=False)  # not posted
    assert world.stock(p0) == 91

    figures = {f.name: f for f in key_figures(s, registry, today=TODAY)}
    assert figures["sales_today"].value == Decimal("22.50")
    assert figures["sales_today"].kind == "money"
    assert figures["below_minimum"].value == 2  # p1 (14 in two warehouses) and p2 (none)
    assert figures["customers_owe"].value == Decimal("222.50")  # 17.50 + 5.00 + 200.00
    assert figures["open_deals"].value == 0 and figures["orders_to_ship"].value == 0
    assert {f.name for f in declared(registry)} == set(figures)
    rows = below_minimum(s)
    assert [(r["id"], r["stock"], r["min_stock"], r["shortage"]) for r in rows] == [
        (p1, 14, 20, 6),
        (p2, 0, 1, 1),
    ]

    s.execute("UPDATE kontora.subsystems SET enabled = false WHERE name = 'sales'")
    assert "sales_today" not in {f.name for f in key_figures(s, registry, today=TODAY)}


def test_search_by_name_code_barcode_and_number(world):
    s = world.session
    p0 = world.products[0]
    s.execute(
        "UPDATE kontora.cat_products SET barcode = '4600000000017', code = 'B-4' WHERE id = :p",
        p=p0,
    )
    doc = receipt(world, 2, (p0, "1"))
    hits = search(s, registry, "bolt")
    assert {h.text for h in hits if h.name == "products"} == {f"Bolt M{i}" for i in range(4, 9)}
    assert all(h.match == "name" and h.rank == 1 for h in hits)
    assert [h.text for h in search(s, registry, "lour")] == ["Flour"]  # contains
    (by_code,) = search(s, registry, "b-4")
    assert (by_code.id, by_code.match) == (p0, "code")
    (exact,) = search(s, registry, "4600000000017")
    assert (exact.id, exact.match, exact.rank) == (p0, "barcode", 0)
    assert [h.id for h in search(s, registry, "460000")] == [p0]  # barcode prefix
    number = doc["number"]
    found = search(s, registry, number[:-2].lower())
    assert [(h.kind, h.name, h.id) for h in found] == [("document", "goods_receipt", doc["id"])]
    assert search(s, registry, "  ") == []
    assert search(s, registry, "%") == []  # wildcards match literally
    s.execute("UPDATE kontora.subsystems SET enabled = false WHERE name = 'inventory'")
    assert search(s, registry, number) == []  # goods receipts are switched off


def test_search_plans_use_indexes(world):
    """A number prefix is a backward index range that stops at the limit, never a sort of all
    matching documents; names and barcodes are index ranges too."""
    with world.db.engine.begin() as c:
        c.execute(text("SET LOCAL session_replication_role = replica"))  # plain rows, fast
        c.execute(
            text(
                "INSERT INTO kontora.doc_sales_shipment(number, date, organization_id, "
                "client_key, warehouse_id, customer_id) "
                "SELECT 'SS26-' || lpad(i::text, 6, '0'), timestamp '2026-01-01' + i * "
                "interval '1 minute', :o, gen_random_uuid(), :w, :c "
                "FROM generate_series(1, 20000) i"
            ),
            {"o": world.org, "w": world.wh, "c": world.customer},
        )
        c.execute(text("ANALYZE kontora.doc_sales_shipment"))
    for q in ("SS26-0001", "ss2"):  # a short lower-case prefix matches every document
        sql, params = document_sql(registry.documents["sales_shipment"], q)
        with world.db.engine.begin() as c:
            plan = "\n".join(r[0] for r in c.execute(text("EXPLAIN " + sql), params))
        assert "Index Scan Backward using uq_doc_sales_shipment_number" in plan, plan
        assert "Seq Scan" not in plan and "Bitmap" not in plan, plan
    assert len(search(world.session, registry, "ss2")) == PER_KIND
    sql, params = catalog_sql(registry.catalogs["products"], "bo")
    with world.db.engine.begin() as c:
        c.execute(text("SET LOCAL enable_seqscan = off"))  # the tiny table would be scanned
        plan = "\n".join(r[0] for r in c.execute(text("EXPLAIN " + sql), params))
    assert "ix_cat_products_name" in plan and "ix_cat_products_barcode" in plan, plan


def test_demo_shows_sales_today_items_below_minimum_and_barcodes(db):
    from server.demo import ean13, load_demo

    assert ean13("400638133393") == "4006381333931"  # a well-known EAN-13
    load_demo(db.engine)
    s = db.session()
    figures = {f.name: f.value for f in key_figures(s, registry)}
    assert figures["sales_today"] > 0
    rows = below_minimum(s)
    assert figures["below_minimum"] == len(rows) > 0
    assert all(r["stock"] < r["min_stock"] for r in rows)
    code = s.scalar("SELECT barcode FROM kontora.cat_products WHERE barcode IS NOT NULL LIMIT 1")
    assert [h.match for h in search(s, registry, code)] == ["barcode"]
