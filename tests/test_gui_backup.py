"""Administration → Backups: back up now, check and restore from the form; the daily backup an
administrator's client makes when one is due; a failing tool is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.backup_schedule import BackupSchedule
from forms.admin_backup import BackupForm, backup_settings, save_backup_settings
from server import backup
from server.metadata import registry
from tests.gui_support import WAIT

pytestmark = pytest.mark.usefixtures("gui_isolation")


def _products(world) -> int:
    return int(world.db.session().scalar("SELECT count(*) FROM cat_products"))


def test_back_up_check_and_restore_from_the_form(qtbot, world, tmp_path: Path, monkeypatch):
    form = BackupForm(world.db.engine, registry)
    qtbot.addWidget(form)
    form.backup_now()  # no folder yet
    assert "Choose the folder" in form.message_bar.message()
    form.folder.setText(str(tmp_path))
    form.keep.setValue(3)
    form.backup_now()
    qtbot.waitUntil(lambda: not form.busy, timeout=3 * WAIT)
    files = backup.backups(tmp_path)
    assert len(files) == 1 and "Backed up to" in form.message_bar.message()
    assert backup_settings(world.db.engine) == {"folder": str(tmp_path), "keep": 3, "daily": False}

    form.verify(files[0])
    qtbot.waitUntil(lambda: not form.busy, timeout=3 * WAIT)
    assert "The backup restores" in form.message_bar.message()

    before = _products(world)
    world.db.session().execute("DELETE FROM cat_products WHERE id = :i", i=world.products[-1])
    assert _products(world) == before - 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    form.restore_from(files[0])
    qtbot.waitUntil(lambda: not form.busy, timeout=3 * WAIT)
    assert "Restored" in form.message_bar.message(), form.message_bar.message()
    assert _products(world) == before

    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"not a dump")
    form.restore_from(broken)
    qtbot.waitUntil(lambda: not form.busy, timeout=3 * WAIT)
    assert "The backup tool failed: pg_restore" in form.message_bar.message()
    assert _products(world) == before  # nothing was touched


def test_the_daily_backup_runs_when_due(qtbot, world, tmp_path: Path):
    folder = tmp_path / "daily"
    schedule = BackupSchedule(world.db.engine)
    assert not schedule.check()  # off
    save_backup_settings(world.db.engine, str(folder), 2, True)
    with qtbot.waitSignal(schedule.done, timeout=3 * WAIT) as done:
        assert schedule.check()
    assert done.args[0] in backup.backups(folder)
    assert not schedule.check()  # made today: not due
    schedule.stop()
