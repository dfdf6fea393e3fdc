"""Property-based: random receipts (at random prices), shipments, write-offs and transfers,
posted, unposted, redated (backdated) and edited, checked after every step against a plain-Python
moving-average model: the cost of every stock movement, of every sale and expense, and the cost
balance of every key; the infobase passes the consistency check at the end."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from server.api import new_document
from server.check import check
from server.errors import ShortageError
from tests.conftest import make_world
from tests.helpers import register_tables

KINDS = ("goods_receipt", "sales_shipment", "write_off", "stock_transfer")
DAYS = [dt.datetime(2026, m, d, 9) for m, d in ((1, 30), (2, 1), (2, 15), (3, 1))]
QTY = st.integers(min_value=1, max_value=5).map(Decimal)
PRICE = st.integers(min_value=0, max_value=999).map(lambda c: Decimal(c) / 100 + Decimal("0.07"))
CENT = Decimal("0.01")
SRC, DST = "src", "dst"  # transfers go one way (the model needs no fixpoint)


def rows_of(doc: dict) -> list[tuple[str, int, Decimal, Decimal | None]]:
    """A document's stock movements in line order: (warehouse, product, qty, given cost)."""
    k, lines = doc["kind"], doc["lines"]
    if k == "goods_receipt":
        return [(doc["wh"], p, q, (q * pr).quantize(CENT, ROUND_HALF_UP)) for p, q, pr in lines]
    if k == "stock_transfer":
        return [(SRC, p, -q, None) for p, q, _ in lines] + [(DST, p, q, None) for p, q, _ in lines]
    return [(doc["wh"], p, -q, None) for p, q, _ in lines]


class Model:
    def __init__(self) -> None:
        self.docs: dict[tuple[str, int], dict] = {}

    def movements(self, docs: dict) -> list[dict]:
        out = []
        for (kind, i), d in docs.items():
            if d["posted"]:
                for n, (wh, p, q, c) in enumerate(rows_of(d), start=1):
                    out.append(dict(kind=kind, id=i, line=n, wh=wh, p=p, q=q, c=c, at=d["date"]))
        return out

    def valid(self, docs: dict) -> bool:
        per: dict = defaultdict(lambda: defaultdict(Decimal))
        for m in self.movements(docs):
            per[(m["wh"], m["p"])][m["at"]] += m["q"]
        for moments in per.values():
            run = Decimal(0)
            for when in sorted(moments):
                run += moments[when]
                if run < 0:
                    return False
        return True

    def costs(self) -> tuple[dict, dict]:
        """Cost per movement (kind, id, line) and (quantity, cost) per key: the moving average,
        keys of the source warehouse first (transfers take their outgoing cost)."""
        moves = self.movements(self.docs)
        cost: dict[tuple, Decimal] = {}
        bal: dict[tuple, tuple[Decimal, Decimal]] = {}
        for wh in (SRC, DST):
            keys = defaultdict(list)
            for m in moves:
                if m["wh"] == wh:
                    keys[m["p"]].append(m)
            for p, ms in keys.items():
                q0, c0 = Decimal(0), Decimal(0)
                for m in sorted(
                    ms, key=lambda m: (m["at"], m["q"] < 0, m["kind"], m["id"], m["line"])
                ):
                    if m["q"] < 0:
                        take = (
                            c0
                            if -m["q"] >= q0
                            else (c0 * -m["q"] / q0).quantize(CENT, ROUND_HALF_UP)
                        )
                        c = -take
                    elif m["kind"] == "stock_transfer":
                        c = -self._twin(cost, m)
                    else:
                        c = m["c"]
                    cost[(m["kind"], m["id"], m["line"])] = c
                    q0, c0 = q0 + m["q"], c0 + c
                bal[(wh, p)] = (q0, c0)
        return cost, bal

    def _twin(self, cost: dict, m: dict) -> Decimal:
        d = self.docs[(m["kind"], m["id"])]
        n = len(d["lines"])
        return cost[(m["kind"], m["id"], m["line"] - n)]


@pytest.mark.slow
def test_costs_match_the_moving_average_model(db):
    world = make_world(db, n_products=2)
    whs = {SRC: world.wh, DST: world.wh2}

    class Machine(RuleBasedStateMachine):
        @initialize()
        def reset(self) -> None:
            registers = register_tables()
            world.session.execute(
                "TRUNCATE doc_goods_receipt, doc_sales_shipment, doc_write_off, "
                f"doc_stock_transfer, {registers} RESTART IDENTITY CASCADE"
            )
            self.model = Model()

        def payload(self, d: dict) -> dict:
            lines = [
                {"product": world.products[p], "quantity": str(q), "price": str(pr)}
                for p, q, pr in d["lines"]
            ]
            body = {"date": d["date"].isoformat(), "lines": lines}
            if d["kind"] == "stock_transfer":
                body.update(warehouse=world.wh, to_warehouse=world.wh2)
            else:
                body["warehouse"] = whs[d["wh"]]
            if d["kind"] == "sales_shipment":
                body["customer"] = world.customer
            if d["kind"] == "write_off":
                body["expense_item"] = world.expense_item
            return body

        def attempt(self, key, new: dict, call) -> None:
            ok = self.model.valid({**self.model.docs, key: new})
            try:
                r = call()
            except ShortageError:
                assert not ok, "the database refused what the model allows"
                return
            assert ok, "the database accepted a negative balance"
            self.model.docs[(new["kind"], r["id"])] = new
            if key[1] == -1:
                return
            assert r["id"] == key[1]

        @rule(
            kind=st.sampled_from(KINDS),
            wh=st.sampled_from([SRC, DST]),
            day=st.sampled_from(DAYS),
            lines=st.lists(st.tuples(st.sampled_from([0, 1]), QTY, PRICE), min_size=1, max_size=3),
        )
        def create(self, kind, wh, day, lines) -> None:
            d = {"kind": kind, "wh": SRC if kind == "stock_transfer" else wh, "date": day}
            d.update(lines=lines, posted=True)
            body = new_document(organization=world.org, **self.payload(d))
            self.attempt((kind, -1), d, lambda: world.docs.save(kind, body, post=True))

        def pick(self, data):
            key = data.draw(st.sampled_from(sorted(self.model.docs)))
            return key, self.model.docs[key]

        def version(self, kind: str, doc_id: int) -> int:
            return int(
                world.session.scalar(f"SELECT version FROM doc_{kind} WHERE id = :i", i=doc_id)
            )

        @precondition(lambda self: self.model.docs)
        @rule(data=st.data(), post=st.booleans())
        def post_or_unpost(self, data, post) -> None:
            key, d = self.pick(data)
            kind, doc_id = key
            self.attempt(
                key,
                {**d, "posted": post},
                lambda: world.docs.post(kind, doc_id, post) | {"id": doc_id},
            )

        @precondition(lambda self: self.model.docs)
        @rule(data=st.data(), day=st.sampled_from(DAYS), qty=QTY, price=PRICE)
        def edit(self, data, day, qty, price) -> None:
            """Redate (often backdate) and change the first line's quantity and price."""
            key, d = self.pick(data)
            new = {**d, "date": day, "lines": [(d["lines"][0][0], qty, price), *d["lines"][1:]]}
            body = self.payload(new) | {"id": key[1], "version": self.version(*key)}
            self.attempt(key, new, lambda: world.docs.save(key[0], body))

        @invariant()
        def costs_match(self) -> None:
            if not hasattr(self, "model"):
                return
            want, bal = self.model.costs()
            got = {
                (r["recorder_type"], r["recorder_id"], r["line_no"]): r["cost"]
                for r in world.session.rows(
                    "SELECT recorder_type, recorder_id, line_no, cost FROM reg_stock"
                )
            }
            assert got == want
            for name, res, kind in (
                ("sales", "cost", "sales_shipment"),
                ("expenses", "amount", "write_off"),
            ):
                rows = world.session.rows(
                    f"SELECT recorder_type t, recorder_id i, line_no n, {res} v FROM reg_{name}"
                )
                assert {(r["t"], r["i"], r["n"]): r["v"] for r in rows} == {
                    k: -v for k, v in want.items() if k[0] == kind
                }
            for (wh, p), (q, c) in bal.items():
                b = world.regs.balance("stock", warehouse=whs[wh], product=world.products[p])
                assert (b["quantity"], b["cost"]) == (q, c)

        def teardown(self) -> None:
            assert check(world.db.engine) == []

    Machine.TestCase.settings = settings(
        max_examples=int(os.environ.get("KONTORA_MODEL_EXAMPLES", "15")),
        stateful_step_count=15,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    Machine.TestCase().runTest()
