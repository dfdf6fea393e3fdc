"""Administration → Audit: the changes of a period and user in the window, exported to Excel."""

from __future__ import annotations

import openpyxl
import pytest

from forms.admin_audit import AuditForm
from server.api import Catalogs
from server.metadata import registry
from tests.gui_support import WAIT, make_window

pytestmark = pytest.mark.usefixtures("gui_isolation")


def test_audit_report_of_a_user_and_its_export(qtbot, world, tmp_path):
    api, pid = Catalogs(world.session, registry), world.products[0]
    item = api.read("products", pid)
    api.save("products", {"id": pid, "version": item["version"], "name": "Bolt M4 zinc"})
    me = world.session.scalar("SELECT SESSION_USER")
    w = make_window(qtbot, world.db.engine)
    w.select_section("admin")
    assert "Audit" in w.nav_titles()
    form = w.open_admin("audit")
    assert isinstance(form, AuditForm)
    qtbot.waitUntil(lambda: not form.busy and form.user.findData(me) > 0, timeout=WAIT)
    form.set_user(me)
    form.generate()
    qtbot.waitUntil(lambda: not form.busy and form.table.rowCount() > 0, timeout=WAIT)
    rows = form.rows()
    assert [me, "Products «Bolt M4 zinc»", "Changed", "Name", "Bolt M4", "Bolt M4 zinc"] in [
        r[1:] for r in rows
    ]
    assert {r[1] for r in rows} == {me}
    form.export(str(tmp_path / "audit.xlsx"))
    qtbot.waitUntil(lambda: form.last_export is not None, timeout=WAIT)
    path, count = form.last_export  # type: ignore[misc]
    assert count == len(rows)
    values = [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]
    assert values[0][0] == "Audit" and any(f"user: {me}" in str(v[0]) for v in values[1:3])

    form.set_user("nobody")
    form.generate()
    qtbot.waitUntil(lambda: not form.busy and form.table.rowCount() == 0, timeout=WAIT)
    assert "No changes" in form.message_bar.message()
