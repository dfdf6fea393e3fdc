"""The audit report: all changes of a period and user, with Excel export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl

from server.api import Catalogs
from server.api.audit import audit, audit_users, export_audit
from server.metadata import registry
from tests.helpers import receipt


def test_audit_lists_every_change_of_the_period_and_user(world, tmp_path):
    s = world.session
    api, pid = Catalogs(s, registry), world.products[0]
    item = api.read("products", pid)
    api.save("products", {"id": pid, "version": item["version"], "name": "Bolt M4 zinc"})
    receipt(world, 2, (world.products[1], "3"))
    me = s.scalar("SELECT SESSION_USER")
    today = dt.date.today()
    rows = audit(s, registry, today, today, me)
    assert me in audit_users(s)
    assert all(r.user == me for r in rows)
    name = next(r for r in rows if r.change.label == "Name" and r.op == "UPDATE")
    assert name.object == "Products «Bolt M4 zinc»"
    assert (name.change.old, name.change.new) == ("Bolt M4", "Bolt M4 zinc")
    qty = next(r for r in rows if r.change.label == "Goods, line 1 (added): Quantity")
    assert qty.object.startswith("Goods receipt ") and qty.change.new == Decimal("3")
    assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)
    assert audit(s, registry, today, today, "nobody") == []
    yesterday = today - dt.timedelta(days=1)
    assert audit(s, registry, yesterday, yesterday) == []

    path = tmp_path / "audit.xlsx"
    assert export_audit(rows, str(path), "Audit", f"User: {me}") == len(rows)
    values = [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]
    header = next(i for i, v in enumerate(values) if v[0] == "When")
    body = values[header + 1 :]
    assert len(body) == len(rows)
    assert ["Products «Bolt M4 zinc»", "Changed", "Name", "Bolt M4", "Bolt M4 zinc"] in [
        v[2:] for v in body
    ]
