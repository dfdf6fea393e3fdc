"""Property-based: random post / unpost / repost / redate / edit sequences on receipts,
shipments and write-offs, checked after every step against a plain-Python model of the
registers: current balances, balances at past moments, monthly totals, and refusals."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from server.api import new_document
from server.errors import ShortageError
from server.metadata import registry
from tests.conftest import make_world
from tests.helpers import register_tables

KINDS = ("goods_receipt", "sales_shipment", "write_off")
DAYS = [dt.datetime(2026, m, d, 9) for m, d in ((1, 30), (2, 1), (2, 1), (2, 15), (3, 1))]
QTY = st.integers(min_value=1, max_value=6).map(Decimal)


def sign(kind: str) -> int:
    """The stock sign of a document kind, read from its declaration (single source)."""
    (m,) = [m for m in registry.document(kind).posting if m.register == "stock"]
    return m.sign


class Model:
    """Documents as plain data; the register is recomputed from the posted ones."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, int], dict] = {}

    def movements(self, docs: dict) -> list[tuple[dt.datetime, int, Decimal]]:
        return [
            (d["date"], p, sign(d["kind"]) * q)
            for d in docs.values()
            if d["posted"]
            for p, q in d["lines"]
        ]

    def valid(self, docs: dict) -> bool:
        """Never negative at any moment: running sums per product, per moment."""
        per: dict[int, dict[dt.datetime, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for when, p, q in self.movements(docs):
            per[p][when] += q
        for moments in per.values():
            run = Decimal(0)
            for when in sorted(moments):
                run += moments[when]
                if run < 0:
                    return False
        return True

    def balance(self, product: int, at: dt.datetime | None = None) -> Decimal:
        return sum(
            (
                q
                for when, p, q in self.movements(self.docs)
                if p == product and (at is None or when <= at)
            ),
            Decimal(0),
        )

    def totals(self) -> dict[tuple[int, dt.date], Decimal]:
        out: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
        for when, p, q in self.movements(self.docs):
            out[(p, when.date().replace(day=1))] += q
        return {k: v for k, v in out.items() if v}


@pytest.mark.slow
def test_posting_matches_the_model(db):
    world = make_world(db, n_products=2)

    class Machine(RuleBasedStateMachine):
        @initialize()
        def reset(self) -> None:
            registers = register_tables()  # every register they post to
            world.session.execute(
                "TRUNCATE doc_goods_receipt, doc_sales_shipment, doc_write_off, "
                f"{registers} RESTART IDENTITY CASCADE"
            )
            self.model = Model()

        def attempt(self, key: tuple[str, int], new: dict, call) -> None:
            proposed = {**self.model.docs, key: new}
            expect_ok = self.model.valid(proposed)
            try:
                result = call()
            except ShortageError:
                assert not expect_ok, "the database refused what the model allows"
                return
            assert expect_ok, "the database accepted a negative balance"
            assert result["id"] == key[1]
            self.model.docs[key] = new

        @rule(
            kind=st.sampled_from(KINDS),
            day=st.sampled_from(DAYS),
            post=st.booleans(),
            lines=st.lists(st.tuples(st.sampled_from([0, 1]), QTY), min_size=1, max_size=3),
        )
        def create(self, kind, day, post, lines) -> None:
            prods = [(world.products[i], q) for i, q in lines]
            doc = {"kind": kind, "date": day, "lines": prods, "posted": post}
            payload = new_document(
                organization=world.org,
                warehouse=world.wh,
                customer=world.customer,
                date=day.isoformat(),
                lines=[{"product": p, "quantity": str(q)} for p, q in prods],
            )
            if kind != "sales_shipment":
                payload.pop("customer")
            if kind == "write_off":
                payload["expense_item"] = world.expense_item
            proposed = {**self.model.docs, (kind, -1): doc}
            expect_ok = self.model.valid(proposed)
            try:
                r = world.docs.save(kind, payload, post=post)
            except ShortageError:
                assert not expect_ok
                return
            assert expect_ok
            self.model.docs[(kind, r["id"])] = doc

        def pick(self, data) -> tuple[tuple[str, int], int, dict]:
            key = data.draw(st.sampled_from(sorted(self.model.docs)))
            return key, key[1], self.model.docs[key]

        def version(self, kind: str, doc_id: int) -> int:
            return int(
                world.session.scalar(f"SELECT version FROM doc_{kind} WHERE id = :i", i=doc_id)
            )

        @precondition(lambda self: self.model.docs)
        @rule(data=st.data(), post=st.booleans())
        def post_or_unpost(self, data, post) -> None:
            key, doc_id, d = self.pick(data)
            self.attempt(
                key,
                {**d, "posted": post},
                lambda: world.docs.post(d["kind"], doc_id, post) | {"id": doc_id},
            )

        @precondition(lambda self: self.model.docs)
        @rule(data=st.data(), day=st.sampled_from(DAYS))
        def redate(self, data, day) -> None:
            key, doc_id, d = self.pick(data)
            v = self.version(d["kind"], doc_id)
            self.attempt(
                key,
                {**d, "date": day},
                lambda: world.docs.save(
                    d["kind"], {"id": doc_id, "version": v, "date": day.isoformat()}
                ),
            )

        @precondition(lambda self: self.model.docs)
        @rule(data=st.data(), qty=QTY)
        def edit_quantity(self, data, qty) -> None:
            key, doc_id, d = self.pick(data)
            v = self.version(d["kind"], doc_id)
            lines = [(d["lines"][0][0], qty), *d["lines"][1:]]
            self.attempt(
                key,
                {**d, "lines": lines},
                lambda: world.docs.save(
                    d["kind"],
                    {
                        "id": doc_id,
                        "version": v,
                        "lines": [{"product": p, "quantity": str(q)} for p, q in lines],
                    },
                ),
            )

        @invariant()
        def registers_match_the_model(self) -> None:
            if not hasattr(self, "model"):
                return
            for p in world.products:
                assert world.stock(p) == self.model.balance(p)
                for day in DAYS:
                    assert world.stock(p, at=day) == self.model.balance(p, day)
            rows = world.session.rows(
                "SELECT product_id, month, quantity FROM reg_stock_totals WHERE quantity <> 0"
            )
            assert {
                (r["product_id"], r["month"]): r["quantity"] for r in rows
            } == self.model.totals()
            bal = world.session.rows("SELECT product_id, quantity FROM reg_stock_balance")
            assert all(r["quantity"] == self.model.balance(r["product_id"]) for r in bal)

    Machine.TestCase.settings = settings(
        max_examples=int(os.environ.get("KONTORA_MODEL_EXAMPLES", "30")),
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    Machine.TestCase().runTest()
