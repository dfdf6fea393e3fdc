"""Small builders that make posting tests read like stories."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from server.api import Catalogs, new_document
from server.metadata import registry

DATE = "2026-03-{day:02d}T{hour:02d}:00:00"


def at(day: int, hour: int = 9) -> str:
    return DATE.format(day=day, hour=hour)


def receipt(w: Any, day: int, *lines: tuple[int, str], wh: int | None = None, **kw: Any) -> dict:
    return w.docs.save(
        "goods_receipt",
        new_document(
            organization=w.org,
            warehouse=wh or w.wh,
            date=at(day),
            lines=[{"product": p, "quantity": q, "price": "1.00"} for p, q in lines],
        ),
        post=kw.get("post", True),
    )


def shipment(w: Any, day: int, *lines: tuple[int, str], wh: int | None = None, **kw: Any) -> dict:
    return w.docs.save(
        "sales_shipment",
        new_document(
            organization=w.org,
            warehouse=wh or w.wh,
            customer=w.customer,
            date=at(day),
            lines=[{"product": p, "quantity": q, "price": "2.00"} for p, q in lines],
        ),
        post=kw.get("post", True),
    )


def write_off(w: Any, day: int, *lines: tuple[int, str], **kw: Any) -> dict:
    return w.docs.save(
        "write_off",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            date=at(day),
            reason="spoilage",
            expense_item=w.expense_item,
            lines=[{"product": p, "quantity": q} for p, q in lines],
        ),
        post=kw.get("post", True),
    )


def register_tables() -> str:
    """Every register's movements, totals and balances, for a TRUNCATE between examples."""
    from server.metadata import RegisterKind, registry

    return ", ".join(
        t
        for r in registry.stored_registers()
        for t in (r.table, r.totals_table)
        + ((r.balance_table,) if r.kind is RegisterKind.BALANCE else ())
    )


def sale(
    w: Any, when: str, customer: int, product: int, qty: str, price: str, **header: Any
) -> dict:
    """A posted one-line shipment to ``customer`` at ``when`` (ISO date and time)."""
    return w.docs.save(
        "sales_shipment",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            customer=customer,
            date=when,
            lines=[{"product": product, "quantity": qty, "price": price}],
            **header,
        ),
        post=True,
    )


@dataclass
class Managers:
    """Ann and Bob, sales managers, each with a partner, a deal and a call (see two_managers)."""

    ann: str
    bob: str
    ann_eng: Engine
    bob_eng: Engine
    adm_eng: Engine
    partners: dict[str, int]
    deals: dict[str, int]
    calls: dict[str, int]
    deal_type: int
    stage: int


def manager_call(w: Any, partner: int, subject: str) -> dict:
    return new_document(
        organization=w.org, date=at(2), kind="call_out", subject=f"Call {subject}",
        partner=partner,
    )  # fmt: skip


def two_managers(w: Any, login: Callable[[str], tuple[str, Engine]]) -> Managers:
    """Two sales managers and an administrator; each manager with a partner of their own, a
    deal and a call for it (the own-partners option left as it is)."""
    ann, ann_eng = login("sales_manager")
    bob, bob_eng = login("sales_manager")
    _, adm_eng = login("admin")
    cats = Catalogs(w.session, registry)
    kind = cats.save("deal_types", {"name": "Sale"})["id"]
    stage = cats.save("deal_stages", {"name": "Lead", "deal_type": kind, "sequence": 1})["id"]
    partners, deals, calls = {}, {}, {}
    for who in (ann, bob):
        partners[who] = cats.save("partners", {"name": f"Client of {who}", "manager": who})["id"]
        deals[who] = cats.save(
            "deals",
            {"name": f"Deal of {who}", "partner": partners[who], "deal_type": kind, "stage": stage},
        )["id"]
        calls[who] = w.docs.save("interaction", manager_call(w, partners[who], who))["id"]
    return Managers(ann, bob, ann_eng, bob_eng, adm_eng, partners, deals, calls, kind, stage)


def run_clients(client: Callable[[int], None], n: int, timeout: float = 240) -> None:
    """Run ``client(0)`` … ``client(n - 1)`` in threads at once and wait for them all."""
    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
