"""Key figures of the start page, computed on the server from the declarations.

Each figure is declared once (:data:`FIGURES`) with the subsystem it belongs to and the
declared objects it reads; it is shown only while its subsystem is switched on, and a figure
whose objects are not declared in the registry is simply not declared (:func:`declared`).

TODO (issue 5, deals): "Open deals" is declared below against a ``deal`` document that does
not exist yet; once CRM declares ``server/config/documents/deal.py`` (with a state/stage that
tells an open deal from a won or lost one), write :func:`_open_deals` to count them and the
figure appears on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from server.api.lists import enabled_subsystems
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


def _open_deals(session: Session, reg: Registry, today: dt.date) -> Decimal:
    """TODO (issue 5): count deals that are neither won nor lost."""
    raise NotImplementedError("deals are declared in issue 5")


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
        "open_deals",
        QT_TRANSLATE_NOOP("KeyFigures", "Open deals"),
        "crm",
        "int",
        (("document", "deal"),),
        _open_deals,
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
        FigureValue(f.name, f.title, f.subsystem, f.kind, f.compute(session, reg, day), f.drill)
        for f in declared(reg)
        if f.subsystem in enabled
    ]
