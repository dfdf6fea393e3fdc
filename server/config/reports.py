"""Declared additions to register reports and the trade reports built beside the engine.

``DERIVED``: computed columns of a register's report (evaluated on every row, subtotal and
total from that row's sums, so a margin % of a group is the group's margin over its amount).
``ATTRIBUTES``: extra grouping levels reached from a dimension (``customer.manager``: the
manager of the counterparty's partner), an SQL expression over the dimension's id ``{id}``.
``TRADE_REPORTS``: reports with their own query (aging, orders to ship) and their section.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.metadata import Ref


@dataclass(frozen=True)
class Derived:
    """A computed column: ``key`` = ``minus`` (a − b) or ``ratio`` (100 × a / b, 2 decimals)."""

    key: str
    title: str
    op: str  # "minus" or "percent"
    a: str
    b: str
    kind: str = "money"


@dataclass(frozen=True)
class Attribute:
    """A grouping level ``<dim>.<name>``: the value ``sql`` (``{id}``: the item's id), shown
    as ``shown`` (SQL over the value ``{v}``: a reference's name, a choice's title; empty: the
    value itself). ``kind`` types the filter values: text, choice (``options``), ref (items
    of catalog ``target``), number, date. Added fields give such levels
    (:mod:`server.api.report_attrs`); ``title`` then reads "Product.Brand"."""

    dim: str
    name: str
    title: str
    sql: str
    shown: str = ""
    kind: str = "text"
    target: str = ""
    options: tuple[tuple[str, str], ...] = ()

    @property
    def level(self) -> str:
        return f"{self.dim}.{self.name}"


@dataclass(frozen=True)
class TradeReport:
    """A report with its own query: ``name`` (navigation key), ``title``, ``subsystem``.
    Its settings are the register report's (one panel, remembered per user): ``on_date`` one
    date instead of a period; ``register`` the register whose dimensions and attributes it
    filters by, else ``filters`` (dimensions of its own query) and ``attributes``."""

    name: str
    title: str
    subsystem: str
    on_date: bool = False
    register: str = ""
    filters: tuple[Ref, ...] = ()
    attributes: tuple[Attribute, ...] = ()


_MANAGER = (
    "(SELECT p.manager FROM kontora.cat_counterparties c "
    "JOIN kontora.cat_partners p ON p.id = c.partner_id WHERE c.id = {id})"
)
DERIVED: dict[str, tuple[Derived, ...]] = {
    "sales": (
        Derived("margin", "Margin", "minus", "amount", "cost"),
        Derived("margin_pct", "Margin, %", "percent", "margin", "amount", kind="qty"),
    ),
}
_PARTNER_MANAGER = Attribute(
    "partner", "manager", "Manager", "(SELECT manager FROM kontora.cat_partners WHERE id = {id})"
)
ATTRIBUTES: dict[str, tuple[Attribute, ...]] = {
    "sales": (Attribute("customer", "manager", "Manager", _MANAGER),),
    "customer_settlements": (_PARTNER_MANAGER,),
    "supplier_settlements": (_PARTNER_MANAGER,),
}
TRADE_REPORTS = (
    TradeReport(
        "customer_aging",
        "Customer debts by age",
        "finance",
        on_date=True,
        register="customer_settlements",
    ),
    TradeReport(
        "supplier_aging",
        "Supplier debts by age",
        "finance",
        on_date=True,
        register="supplier_settlements",
    ),
    TradeReport(
        "orders_to_ship",
        "Orders to ship",
        "sales",
        filters=(
            Ref("partner", "Partner", target="partners"),
            Ref("counterparty", "Counterparty", target="counterparties"),
            Ref("warehouse", "Warehouse", target="warehouses"),
            Ref("product", "Product", target="products"),
        ),
        attributes=(_PARTNER_MANAGER,),
    ),
)
