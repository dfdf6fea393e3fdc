"""Key figures of the start page, computed on the server from the declarations.

Each figure is declared once (:data:`FIGURES`) with the subsystem it belongs to and the
declared objects it reads; it is shown only while its subsystem is switched on, and a figure
whose objects are not declared in the registry is simply not declared (:func:`declared`).
A figure may name the list or report behind it (``opens``: a navigation kind and name), which
the start page opens on request. Every figure reads balances or small tables by their keys,
never a register's movements, so the page stays instant on a large infobase.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from server.api.lists import enabled_subsystems
from server.api.report_trade import OPEN_ORDER_SQL
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP
from server.metadata import Registry

S = "kontora"
FigureKind = Literal["money", "int"]
Compute = Callable[[Session, Registry, dt.date], Decimal]


@dataclass(frozen=True)
class KeyFigure:
    """A figure: its name, title, subsystem, the objects it reads and how to compute it."""

    name: str
    title: str
    subsystem: str
    kind: FigureKind
    requires: tuple[tuple[str, str], ...]  # ("document" | "catalog" | "register", name)
    compute: Compute
    drill: bool = False  # the start page can list what the figure counts
    opens: tuple[str, str] | None = None  # the list or report behind it: ("report", "…")

    def available(self, reg: Registry) -> bool:
        buckets = {"document": reg.documents, "catalog": reg.catalogs, "register": reg.registers}
        return all(name in buckets[kind] for kind, name in self.requires)


@dataclass(frozen=True)
class FigureValue:
    """A computed figure, as the start page shows it."""

    name: str
    title: str
    subsystem: str
    kind: FigureKind
    value: Decimal
    drill: bool
    opens: tuple[str, str] | None = None


def _sales_today(session: Session, reg: Registry, today: dt.date) -> Decimal:
    """Turnover of ``reg_sales.amount`` dated today. Movements are found through the dated
    documents that post to the register (their ``(date, id)`` index), never by a full scan."""
    recorders = [d for d in reg.documents.values() if "sales" in d.registers]
    if not recorders:
        return Decimal(0)
    docs = " UNION ALL ".join(
        f"SELECT '{d.name}'::text AS t, id FROM {S}.{d.table} "
        "WHERE date >= :d0 AND date < :d1 AND posted"
        for d in recorders
    )
    table = reg.registers["sales"].table
    value = session.scalar(
        f"SELECT COALESCE(sum(m.amount), 0) FROM ({docs}) d JOIN {S}.{table} m "
        "ON m.recorder_type = d.t AND m.recorder_id = d.id "
        "WHERE m.period >= :d0 AND m.period < :d1",
        d0=today,
        d1=today + dt.timedelta(days=1),
    )
    return Decimal(value)


BELOW_MINIMUM_SQL = f"""
SELECT p.id, p.code, p.name, p.min_stock, COALESCE(sum(b.quantity), 0) AS stock
FROM {S}.cat_products p
LEFT JOIN {S}.reg_stock_balance b ON b.product_id = p.id
WHERE p.min_stock IS NOT NULL AND NOT p.is_group AND NOT p.deletion_mark
GROUP BY p.id
HAVING COALESCE(sum(b.quantity), 0) < p.min_stock
"""


def below_minimum(session: Session) -> list[dict[str, Any]]:
    """Products whose stock summed over warehouses is below their minimum stock, by name:
    id, code, name, stock, min_stock, shortage (all Decimal)."""
    rows = session.rows(BELOW_MINIMUM_SQL + " ORDER BY p.name, p.id")
    for r in rows:
        r["shortage"] = r["min_stock"] - r["stock"]
    return rows


def _below_minimum_count(session: Session, _reg: Registry, _today: dt.date) -> Decimal:
    return Decimal(session.scalar(f"SELECT count(*) FROM ({BELOW_MINIMUM_SQL}) x"))


def _debts(register: str) -> Compute:
    """What is owed by the settlements register ``register`` now: each partner's and
    counterparty's balance netted over its orders (an advance on one order pays another),
    the positive ones summed — the total of the debts-by-age report on today."""

    def compute(session: Session, reg: Registry, _today: dt.date) -> Decimal:
        table = reg.registers[register].balance_table
        value = session.scalar(
            f"SELECT COALESCE(sum(debt), 0) FROM (SELECT sum(amount) AS debt FROM {S}.{table} "
            "GROUP BY partner_id, counterparty_id) d WHERE debt > 0"
        )
        return Decimal(value)

    return compute


def _orders_to_ship(session: Session, reg: Registry, _today: dt.date) -> Decimal:
    """Approved, open sales orders with something left to ship (the orders-to-ship report's
    orders, whatever their date)."""
    table = reg.registers["customer_orders"].balance_table
    value = session.scalar(
        f"SELECT count(*) FROM {S}.{reg.documents['sales_order'].table} h "
        f"WHERE {OPEN_ORDER_SQL} AND EXISTS ("
        f"SELECT 1 FROM {S}.{table} b WHERE b.order_id = h.id AND b.quantity > 0)"
    )
    return Decimal(value)


def _open_deals(session: Session, reg: Registry, _today: dt.date) -> Decimal:
    """Deals in a stage that is neither won nor lost (not marked for deletion)."""
    deals, stages = reg.catalogs["deals"].table, reg.catalogs["deal_stages"].table
    value = session.scalar(
        f"SELECT count(*) FROM {S}.{deals} d JOIN {S}.{stages} s ON s.id = d.stage_id "
        "WHERE s.outcome = 'open' AND NOT d.deletion_mark"
    )
    return Decimal(value)


FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure(
        "sales_today",
        QT_TRANSLATE_NOOP("KeyFigures", "Sales today"),
        "sales",
        "money",
        (("register", "sales"),),
        _sales_today,
    ),
    KeyFigure(
        "orders_to_ship",
        QT_TRANSLATE_NOOP("KeyFigures", "Orders to ship"),
        "sales",
        "int",
        (("document", "sales_order"), ("register", "customer_orders")),
        _orders_to_ship,
        opens=("report", "orders_to_ship"),
    ),
    KeyFigure(
        "customers_owe",
        QT_TRANSLATE_NOOP("KeyFigures", "Customers owe us"),
        "finance",
        "money",
        (("register", "customer_settlements"),),
        _debts("customer_settlements"),
        opens=("report", "customer_aging"),
    ),
    KeyFigure(
        "we_owe_suppliers",
        QT_TRANSLATE_NOOP("KeyFigures", "We owe suppliers"),
        "finance",
        "money",
        (("register", "supplier_settlements"),),
        _debts("supplier_settlements"),
        opens=("report", "supplier_aging"),
    ),
    KeyFigure(
        "open_deals",
        QT_TRANSLATE_NOOP("KeyFigures", "Open deals"),
        "crm",
        "int",
        (("catalog", "deals"), ("catalog", "deal_stages")),
        _open_deals,
        opens=("catalog", "deals"),
    ),
    KeyFigure(
        "below_minimum",
        QT_TRANSLATE_NOOP("KeyFigures", "Items below minimum stock"),
        "inventory",
        "int",
        (("catalog", "products"), ("register", "stock")),
        _below_minimum_count,
        drill=True,
    ),
)


def declared(reg: Registry) -> list[KeyFigure]:
    """The figures whose objects exist in ``reg``."""
    return [f for f in FIGURES if f.available(reg)]


def key_figures(session: Session, reg: Registry, today: dt.date | None = None) -> list[FigureValue]:
    """The declared figures of the switched-on subsystems, computed for ``today``."""
    day = today or dt.date.today()
    enabled = enabled_subsystems(session)
    return [
        FigureValue(
            f.name, f.title, f.subsystem, f.kind, f.compute(session, reg, day), f.drill, f.opens
        )
        for f in declared(reg)
        if f.subsystem in enabled
    ]
