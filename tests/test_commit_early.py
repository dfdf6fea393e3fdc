"""Saving and posting through the procedures that commit inside (server.sqlgen.commit): the
keys' locks are released once the commit is written, the answer comes once it is on disk."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import psycopg
import pytest

from server.api import new_document
from server.api.documents import validate
from server.api.session import to_json
from server.embedded import bin_path
from server.errors import ShortageError
from server.infobase import Infobase
from server.metadata import registry
from tests.conftest import World
from tests.helpers import at, receipt, shipment


def _connect(world: World) -> psycopg.Connection:
    url = world.db.engine.url.set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


def _payload(world: World, qty: str) -> str:
    """A new shipment's payload, as the client sends it."""
    doc = new_document(
        organization=world.org,
        warehouse=world.wh,
        customer=world.customer,
        date=at(5),
        lines=[{"product": world.products[0], "quantity": qty, "price": "2.00"}],
    )
    return to_json(validate(registry.document("sales_shipment"), doc))


def _lsn(text: str) -> int:
    hi, lo = text.split("/")
    return (int(hi, 16) << 32) + int(lo, 16)


def _commit_end(cluster: Infobase, xid: int, start: str) -> int | None:
    """Where transaction ``xid``'s commit record ends in the WAL files (read by pg_waldump;
    None: not written to them yet)."""
    assert cluster.server
    out = subprocess.run(
        [
            bin_path("pg_waldump"),
            "-p",
            str(cluster.server.pgdata / "pg_wal"),
            "-s",
            start,
            "-x",
            str(xid),
            "-r",
            "Transaction",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout  # (it ends with an error at the end of the WAL written so far)
    m = re.search(
        r"len \(rec/tot\): +\d+/ +(\d+), tx: +\d+, lsn: (\S+), prev \S+ desc: COMMIT", out
    )
    return _lsn(m.group(2)) + int(m.group(1)) if m else None


def test_the_answer_comes_once_the_commit_is_on_disk(cluster: Infobase, world: World) -> None:
    receipt(world, 1, (world.products[0], "10"))
    with _connect(world) as conn:
        before = conn.execute("SHOW synchronous_commit").fetchone()[0]
        for _ in range(3):
            start = conn.execute("SELECT pg_current_wal_insert_lsn()::text").fetchone()[0]
            state = conn.execute(
                "CALL kontora.doc_sales_shipment_save_commit(%s::jsonb, true)",
                [_payload(world, "1")],
            ).fetchone()[0]
            flushed = conn.execute("SELECT pg_current_wal_flush_lsn()::text").fetchone()[0]
            assert state["posted"] is True
            # Committed without waiting for the disk, flushed before the answer.
            xid = conn.execute(
                "SELECT xmin::text::bigint FROM kontora.doc_sales_shipment WHERE id = %s",
                [state["id"]],
            ).fetchone()[0]
            end = _commit_end(cluster, xid, start)
            assert end is not None and _lsn(flushed) >= end, (
                "answered before the commit was on disk"
            )
            assert conn.execute("SHOW synchronous_commit").fetchone()[0] == before
    assert world.stock(world.products[0]) == Decimal("7")


def test_a_refused_posting_leaves_nothing_and_the_session_usable(world: World) -> None:
    receipt(world, 1, (world.products[0], "2"))
    with pytest.raises(ShortageError) as e:
        shipment(world, 5, (world.products[0], "3"))  # the client's CALL
    assert "short by 1" in str(e.value)
    assert world.stock(world.products[0]) == Decimal("2")
    assert world.session.scalar("SELECT count(*) FROM doc_sales_shipment") == 0
    posted = shipment(world, 5, (world.products[0], "2"))
    assert posted["posted"] is True
    unposted = world.docs.post("sales_shipment", posted["id"], False)  # _post_commit
    assert unposted["posted"] is False
    assert world.stock(world.products[0]) == Decimal("2")


def test_a_procedure_cannot_run_inside_a_transaction_block(world: World) -> None:
    """It commits: called in a transaction block, it refuses and writes nothing."""
    with _connect(world) as conn:
        conn.autocommit = False
        with pytest.raises(psycopg.errors.InvalidTransactionTermination):
            conn.execute(
                "CALL kontora.doc_sales_shipment_save_commit(%s::jsonb, false)",
                [_payload(world, "1")],
            )
        conn.rollback()
    assert world.session.scalar("SELECT count(*) FROM doc_sales_shipment") == 0
