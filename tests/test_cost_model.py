"""Property-based: random receipts (at random prices), shipments, write-offs, transfers and
returns of earlier shipments (moved to another shipment or none), posted, unposted, redated
(backdated) and edited, checked after every step against a plain-Python moving-average model:
the cost of every stock movement, of every sale and expense, and the cost balance of every key;
what the model refuses (a negative balance, a return not after its shipment or bringing back
more than it shipped) the database refuses; the infobase passes the consistency check at the
end."""

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
from server.errors import DatabaseInvalidValue, ShortageError
from tests.conftest import make_world
from tests.helpers import register_tables

KINDS = ("goods_receipt", "sales_shipment", "write_off", "stock_transfer")
DAYS = [dt.datetime(2026, m, d, 9) for m, d in ((1, 30), (2, 1), (2, 15), (3, 1))]
RETURN_DAYS = [*DAYS, dt.datetime(2026, 3, 15, 9)]
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
    if k == "sales_return":
        return [(doc["wh"], p, q, None) for p, q, _ in lines]
    return [(doc["wh"], p, -q, None) for p, q, _ in lines]


def half_up(x: Decimal) -> Decimal:
    return x.quantize(CENT, ROUND_HALF_UP)


class Model:
    def __init__(self) -> None:
        self.docs: dict[tuple[str, int], dict] = {}
        self.postings = 0  # a posting's number ("seq"): every save or post of a posted document

    def movements(self, docs: dict) -> list[dict]:
        out = []
        for (kind, i), d in docs.items():
            if d["posted"]:
                for n, (wh, p, q, c) in enumerate(rows_of(d), start=1):
                    at, seq = d["date"], d.get("seq", 0)
                    out.append(dict(kind=kind, id=i, line=n, wh=wh, p=p, q=q, c=c, at=at, seq=seq))
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

    def rules_ok(self, docs: dict, key: tuple) -> bool:
        """The checks of posting the document ``key`` (as ``docs`` has it): the posted returns
        of its shipment are dated after it and bring back no more of a product than it ships."""
        d = docs[key]
        if not d["posted"] or d["kind"] not in ("sales_shipment", "sales_return"):
            return True
        ship_id = key[1] if d["kind"] == "sales_shipment" else d["shipment"]
        if ship_id is None:
            return True
        ship = docs[("sales_shipment", ship_id)]
        rets = [
            r
            for (kind, _), r in docs.items()
            if kind == "sales_return" and r["posted"] and r["shipment"] == ship_id
        ]
        if any(r["date"] <= ship["date"] for r in rets):
            return False
        left: dict = defaultdict(Decimal)
        for p, q, _ in ship["lines"]:
            left[p] += q
        for r in rets:
            for p, q, _ in r["lines"]:
                left[p] -= q
        return all(v >= 0 for v in left.values())

    def costs(self) -> tuple[dict, dict]:
        """Cost per movement (kind, id, line) and (quantity, cost) per key: the moving average
        of each key in moment order (a second's documents as they were posted), every key again
        until nothing changes (a transfer's incoming side takes its outgoing cost, a return
        its share of its shipment's: both are earlier)."""
        moves = self.movements(self.docs)
        keys = defaultdict(list)
        for m in moves:
            keys[(m["wh"], m["p"])].append(m)
        cost: dict[tuple, Decimal] = {}
        for _ in range(2 * len(moves) + 2):
            prev, cost, bal = cost, {}, {}
            for key, ms in keys.items():
                q0, c0 = Decimal(0), Decimal(0)
                for m in sorted(ms, key=lambda m: (m["at"], m["q"] < 0, m["seq"], m["line"])):
                    c = self._cost(prev, m, q0, c0)
                    cost[(m["kind"], m["id"], m["line"])] = c
                    q0, c0 = q0 + m["q"], c0 + c
                bal[key] = (q0, c0)
            if cost == prev:
                return cost, bal
        raise AssertionError("the model's costs do not settle")

    def _cost(self, prev: dict, m: dict, q0: Decimal, c0: Decimal) -> Decimal:
        if m["q"] < 0:
            return -(c0 if -m["q"] >= q0 else half_up(c0 * -m["q"] / q0))
        if m["kind"] == "stock_transfer":
            n = len(self.docs[(m["kind"], m["id"])]["lines"])
            return -prev.get((m["kind"], m["id"], m["line"] - n), Decimal(0))
        if m["kind"] == "sales_return":
            return self._returned(prev, m, q0, c0)
        return m["c"]

    def _returned(self, prev: dict, m: dict, q0: Decimal, c0: Decimal) -> Decimal:
        """Its share of the cost its shipment took of the product, cumulative over the
        shipment's returns in (document, line) order; without a posted shipment, the average."""
        src = self.docs[(m["kind"], m["id"])]["shipment"]
        ship = self.docs.get(("sales_shipment", src))
        took = [
            (q, prev.get(("sales_shipment", src, n), Decimal(0)))
            for n, (p, q, _) in enumerate(ship["lines"] if ship else [], start=1)
            if p == m["p"]
        ]
        sq, sc = sum(q for q, _ in took), -sum(c for _, c in took)
        if not (ship and ship["posted"] and sq > 0):
            return half_up(c0 * m["q"] / q0) if q0 > 0 else Decimal(0)
        before = sum(
            q
            for (kind, i), r in self.docs.items()
            if kind == "sales_return" and r["posted"] and r["shipment"] == src
            for n, (p, q, _) in enumerate(r["lines"], start=1)
            if p == m["p"] and (i, n) < (m["id"], m["line"])
        )
        before = min(before, sq)
        return half_up(sc * min(before + m["q"], sq) / sq) - half_up(sc * before / sq)


def has(kind: str):
    """A rule's precondition: the model holds a document of ``kind``."""
    return lambda machine: any(k[0] == kind for k in machine.model.docs)


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
                f"doc_stock_transfer, doc_sales_return, {registers} RESTART IDENTITY CASCADE"
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
            if d["kind"] in ("sales_shipment", "sales_return"):
                body["customer"] = world.customer
            if d["kind"] == "sales_return":
                body["shipment"] = d["shipment"]
            if d["kind"] == "write_off":
                body["expense_item"] = world.expense_item
            return body

        def attempt(self, key, new: dict, call) -> None:
            docs = {**self.model.docs, key: new}
            ok, rules = self.model.valid(docs), self.model.rules_ok(docs, key)
            try:
                r = call()
            except ShortageError:
                assert not ok, "the database refused what the model allows"
                return
            except DatabaseInvalidValue as e:  # a return's rules (checked after the balance)
                assert ok and not rules, f"the database refused what the model allows: {e}"
                return
            assert ok, "the database accepted a negative balance"
            assert rules, "the database accepted a return the model refuses"
            self.model.postings += 1
            self.model.docs[(new["kind"], r["id"])] = new | {"seq": self.model.postings}
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

        def pick(self, data, kind: str | None = None):
            keys = sorted(k for k in self.model.docs if kind in (None, k[0]))
            key = data.draw(st.sampled_from(keys))
            return key, self.model.docs[key]

        @precondition(lambda self: any(q > 0 for q, _ in self.model.costs()[1].values()))
        @rule(data=st.data())
        def sell(self, data) -> None:
            """A shipment on the last day of what is there at its end (so it can be returned)."""
            bal = self.model.costs()[1]
            (wh, p), (q, _) = data.draw(
                st.sampled_from(sorted(k for k in bal.items() if k[1][0] > 0))
            )
            qty = Decimal(data.draw(st.integers(min_value=1, max_value=int(q))))
            d = {"kind": "sales_shipment", "wh": wh, "date": DAYS[-1], "posted": True}
            d["lines"] = [(p, qty, Decimal("9.99"))]
            body = new_document(organization=world.org, **self.payload(d))
            save = lambda: world.docs.save("sales_shipment", body, post=True)  # noqa: E731
            self.attempt(("sales_shipment", -1), d, save)

        @precondition(has("sales_shipment"))
        @rule(data=st.data(), wh=st.sampled_from([SRC, DST]), more=st.booleans())
        def give_back(self, data, wh, more) -> None:
            """A return of an earlier shipment, mostly dated after it and of no more than it
            shipped of its first line's product (sometimes a unit more), maybe a unit of each of
            its other lines."""
            (_, ship_id), ship = self.pick(data, "sales_shipment")
            first, *rest = ship["lines"]
            odd = data.draw(st.integers(min_value=0, max_value=3)) == 0  # a refusal, mostly
            later = [d for d in RETURN_DAYS if d > ship["date"]]
            day = data.draw(st.sampled_from(RETURN_DAYS if odd or not later else later))
            top = int(first[1]) + (1 if odd else 0)
            qty = Decimal(data.draw(st.integers(min_value=1, max_value=top)))
            lines = [(first[0], qty, first[2])] + [(p, Decimal(1), pr) for p, _, pr in rest if more]
            d = {"kind": "sales_return", "wh": wh, "date": day, "lines": lines, "posted": True}
            d["shipment"] = ship_id
            body = new_document(organization=world.org, **self.payload(d))
            save = lambda: world.docs.save("sales_return", body, post=True)  # noqa: E731
            self.attempt(("sales_return", -1), d, save)

        @precondition(has("sales_return"))
        @rule(data=st.data(), none=st.booleans())
        def move_return(self, data, none) -> None:
            """A return moved to another shipment (or to none: it then comes at the average)."""
            key, d = self.pick(data, "sales_return")
            ship = None if none else self.pick(data, "sales_shipment")[0][1]
            body = {"id": key[1], "version": self.version(*key), "shipment": ship}
            self.attempt(key, {**d, "shipment": ship}, lambda: world.docs.save(key[0], body))

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
            for name, res, kinds in (
                ("sales", "cost", ("sales_shipment", "sales_return")),
                ("expenses", "amount", ("write_off",)),
            ):
                rows = world.session.rows(
                    f"SELECT recorder_type t, recorder_id i, line_no n, {res} v FROM reg_{name}"
                )
                assert {(r["t"], r["i"], r["n"]): r["v"] for r in rows} == {
                    k: -v for k, v in want.items() if k[0] in kinds
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
