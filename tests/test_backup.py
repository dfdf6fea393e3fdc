"""Backups: a dump restores into another database equal row for row; the restore check and
the rotation of daily backups."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import create_engine, text

from server import backup
from tests.helpers import receipt


def _tables(url: str) -> dict[str, list[str]]:
    """Every table of the schema with all its rows as text, sorted."""
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            return {
                t: list(c.scalars(text(f'SELECT r::text FROM kontora."{t}" r ORDER BY 1')))
                for t in backup.table_names(c)
            }
    finally:
        eng.dispose()


def test_backup_restore_round_trip_is_equal_row_for_row(world, tmp_path: Path):
    receipt(world, 2, (world.products[0], "12"), (world.products[1], "3"))
    file = tmp_path / "world.dump"
    lines: list[str] = []
    counts = backup.dump(world.db.url, file, lines.append)
    assert file.stat().st_size > 0 and any("doc_goods_receipt" in x for x in lines)
    assert counts["doc_goods_receipt"] == 1 and counts["cat_products"] >= 5
    assert json.loads(backup.counts_file(file).read_text()) == counts
    target = backup.create_database(world.db.url, f"{world.db.name}_copy")
    try:
        backup.restore(target, file)
        before, after = _tables(world.db.url), _tables(target)
        assert set(before) == set(after) and len(before) > 40
        for t in before:  # every table, every row
            assert after[t] == before[t], t
        assert sum(len(r) for r in after.values()) == sum(counts.values())
    finally:
        backup.drop_database(world.db.url, f"{world.db.name}_copy")


def test_verify_restores_into_a_scratch_database_and_compares_counts(world, tmp_path: Path):
    file = tmp_path / "world.dump"
    counts = backup.dump(world.db.url, file)
    result = backup.verify(world.db.url, file)
    assert result.ok and result.tables == len(counts) and result.rows == sum(counts.values())
    # a backup that lost rows (counts say more than it holds) is named table by table
    backup.counts_file(file).write_text(json.dumps({**counts, "cat_products": 99}))
    bad = backup.verify(world.db.url, file)
    assert not bad.ok and bad.differences == {"cat_products": (99, counts["cat_products"])}


def test_rotation_keeps_the_newest_and_says_when_one_is_due(world, tmp_path: Path):
    folder = tmp_path / "daily"
    assert backup.backup_due(folder)
    folder.mkdir()
    for day in (1, 2, 3):
        (folder / backup.backup_name(dt.datetime(2026, 11, day, 3))).write_bytes(b"old")
    new = backup.daily(world.db.url, folder, keep=2)
    assert [p.name for p in backup.backups(folder)] == ["kontora-20261103-030000.dump", new.name]
    assert backup.counts_file(new).is_file()
    assert not backup.backup_due(folder)
    assert backup.backup_due(folder, dt.datetime.now() + dt.timedelta(days=1, minutes=1))
