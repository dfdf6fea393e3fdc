"""Small builders that make posting tests read like stories."""

from __future__ import annotations

from typing import Any

from server.api import new_document

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
        for r in registry.registers.values()
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
