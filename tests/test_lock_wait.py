"""A posting that never commits (a hung client, a cut network) blocks nobody for long: others
hear who holds the data within seconds, and the server ends the stuck session."""

from __future__ import annotations

import json
import time
import uuid

import psycopg
import pytest

from server.errors import LockedError
from tests.conftest import drop_db, make_db, make_world
from tests.helpers import receipt, shipment


@pytest.fixture
def short_idle_db(cluster):
    d = make_db(cluster, idle_timeout="3s")
    yield d
    drop_db(cluster, d)


def test_stuck_posting_is_named_then_ended(short_idle_db):
    world = make_world(short_idle_db)
    p = world.products[0]
    receipt(world, 1, (p, "10"))
    world.session.execute("UPDATE constants SET lock_timeout_ms = 1000")
    url = short_idle_db.engine.url.set(drivername="postgresql")
    stuck = psycopg.connect(url.render_as_string(hide_password=False))  # a transaction opens
    doc = stuck.execute(
        "SELECT kontora.doc_sales_shipment_save(%s::jsonb, true)",
        [
            json.dumps(
                {
                    "client_key": str(uuid.uuid4()),
                    "organization_id": world.org,
                    "warehouse_id": world.wh,
                    "customer_id": world.customer,
                    "date": "2026-03-02T10:00:00",
                    "lines": [{"product_id": p, "quantity": "1"}],
                }
            )
        ],
    ).fetchone()[0]
    # … and the client never commits.
    started = time.monotonic()
    with pytest.raises(LockedError) as e:
        shipment(world, 3, (p, "2"))
    waited = time.monotonic() - started
    assert waited < 5
    assert f"Sales shipment {doc['number']}" in str(e.value)
    assert "being posted by" in str(e.value)

    time.sleep(3.5)  # the server's idle_in_transaction_session_timeout ends the stuck session
    with pytest.raises(psycopg.Error) as ended:
        stuck.execute("SELECT 1")
    assert ended.value.sqlstate in ("25P03", None)  # idle-in-transaction timeout
    stuck.close()
    shipment(world, 3, (p, "2"))
    assert world.stock(p) == 8
