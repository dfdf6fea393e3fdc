"""The organization's logo: a Picture field (PNG/JPEG bytes, size-limited) checked by the
API and by PostgreSQL, edited in the catalog form (choose file / clear, thumbnail), printed in
the print forms' heading."""

from __future__ import annotations

import struct
import zlib

import pytest
from pypdf import PdfReader

from reports.print_form import print_documents
from server.api import Catalogs, new_document
from server.errors import InvalidValue
from server.metadata import registry
from tests.gui_support import WAIT, make_window
from tests.helpers import at


def png(width: int = 40, height: int = 20, noise: int = 0) -> bytes:
    """A small RGB PNG (``noise`` bytes of incompressible rows make it bigger)."""
    import os

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes([200, 30, 30]) * width for _ in range(height))
    extra = chunk(b"tEXt", b"k\x00" + os.urandom(noise).hex().encode()) if noise else b""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + extra
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_logo_is_checked_by_the_api_and_by_postgresql(world):
    cats = Catalogs(world.session, registry)
    org = cats.read("organizations", world.org)
    saved = cats.save("organizations", {"id": world.org, "version": org["version"], "logo": png()})
    assert bytes(cats.read("organizations", world.org)["logo"]) == png()
    with pytest.raises(InvalidValue, match=r"Logo.*must be a PNG or JPEG picture"):
        cats.save(
            "organizations", {"id": world.org, "version": saved["version"], "logo": b"GIF89a"}
        )
    with pytest.raises(InvalidValue, match=r"Logo is \d{3} KB; at most 256 KB"):
        cats.save("organizations", {"id": world.org, "version": saved["version"],
                                     "logo": png(noise=150_000)})  # fmt: skip
    with pytest.raises(Exception, match="ck_cat_organizations_logo_size"):
        world.session.execute(
            "UPDATE cat_organizations SET logo = :b WHERE id = :i", b=b"\xff\xd8\xff" * 100_000,
            i=world.org,
        )  # fmt: skip


def test_logo_prints_in_the_forms_heading(world, tmp_path):
    world.session.execute("UPDATE cat_organizations SET logo = :b WHERE id = :i", b=png(),
                          i=world.org)  # fmt: skip
    wo = world.docs.save(
        "write_off",
        new_document(organization=world.org, warehouse=world.wh, date=at(2), reason="spoilage",
                     expense_item=world.expense_item,
                     lines=[{"product": world.products[0], "quantity": "1"}]),
        post=False,
    )  # fmt: skip
    path = print_documents(world.session, registry, "write_off", [wo["id"]], tmp_path / "a.pdf")
    (page,) = PdfReader(str(path)).pages
    assert len(page.images) == 1 and page.images[0].image.size == (40, 20)
    generic = print_documents(world.session, registry, "write_off", [wo["id"]],
                              tmp_path / "g.pdf", "generic")  # fmt: skip
    assert not PdfReader(str(generic)).pages[0].images  # the generic form has no heading


@pytest.mark.usefixtures("gui_isolation")
def test_logo_is_chosen_and_cleared_in_the_organizations_form(qtbot, world, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from forms import picture_edit
    from forms.catalog_form import CatalogForm
    from forms.list_form import ListForm

    good, bad, big = tmp_path / "logo.png", tmp_path / "logo.gif", tmp_path / "huge.png"
    good.write_bytes(png())
    bad.write_bytes(b"GIF89a....")
    big.write_bytes(png(noise=150_000))
    w = make_window(qtbot, world.db.engine)
    lst = w.open("catalog", "organizations")
    assert isinstance(lst, ListForm)
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1 and not lst.busy, timeout=WAIT)
    assert "logo" not in {c.key for c in lst.model.query.columns}  # lists leave pictures out
    lst.view.setCurrentIndex(lst.model.index(0, 0))
    qtbot.keyClick(lst.view, Qt.Key.Key_Return)
    form = w.tabs.currentWidget()
    assert isinstance(form, CatalogForm)
    qtbot.waitUntil(lambda: form.version == 1 and not form.busy, timeout=WAIT)
    edit = form.fields.editors["logo"]
    assert isinstance(edit, picture_edit.PictureEdit)
    assert edit.thumb.pixmap().isNull() and not edit.clear.isEnabled()

    for path in (bad, big):
        monkeypatch.setattr(picture_edit, "choose_path", lambda _w, p=str(path): p)
        edit.choose.click()
        assert edit.message.isVisible() and edit.value() is None and not form.dirty
        name = path.name
        assert name in edit.message.text() and ("at most 256 KB" in edit.message.text()) == (
            path == big
        )

    monkeypatch.setattr(picture_edit, "choose_path", lambda _w: str(good))
    edit.choose.click()
    assert not edit.message.isVisible() and form.dirty and edit.value() == png()
    assert not edit.thumb.pixmap().isNull() and edit.clear.isEnabled()
    form.save()
    qtbot.waitUntil(lambda: not form.dirty and not form.busy, timeout=WAIT)
    stored = world.session.scalar("SELECT logo FROM cat_organizations WHERE id = :i", i=world.org)
    assert bytes(stored) == png()

    edit.clear.click()
    assert edit.value() is None and form.dirty
    form.save()
    qtbot.waitUntil(lambda: not form.dirty and not form.busy, timeout=WAIT)
    assert world.session.scalar(
        "SELECT logo IS NULL FROM cat_organizations WHERE id = :i", i=world.org
    )
