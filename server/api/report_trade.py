"""Trade reports with their own query, delivered as :class:`~server.api.reports.Report` so the
client shows and exports them with the register report's model.

*Aging* (customer or supplier settlements) on a date: per partner and counterparty the open
debt by document: a payment line naming a document (a shipment, a goods receipt) pays it; the
other payments (every negative movement) settle the oldest debt (positive movements, by
moment) first — FIFO; a document's due date is its date + the partner's payment terms
``days_due`` (0 without terms); what is paid beyond the debt is an advance. *Orders to ship*:
each approved, not closed sales order line by line (not cancelled): ordered, reserved, shipped,
still to ship and paid — an order's figures shared among its lines first line first
(:func:`allocate`) — and on the order's row what it was paid. Both take the register report's
settings (:class:`ReportSettings`): the date or period and the filters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from server.api.lists import enabled_subsystems
from server.api.report_attrs import added_attributes
from server.api.report_rows import ReportRow, build_rows
from server.api.report_sql import (
    attribute_param,
    expand_ids,
    filter_params,
    filter_sql,
    having_sql,
    opening_backward,
    param_of,
)
from server.api.reports import Report, ReportColumn, ReportSettings
from server.api.session import Session
from server.config.documents.payment_lines import TARGETED, paid_by_name
from server.config.reports import TRADE_REPORTS
from server.errors import QT_TRANSLATE_NOOP, InvalidValue
from server.metadata import AccumulationRegister, Ref, Registry
from server.metadata.switched import off_names

S = "kontora"
AGING = {"customer_aging": "customer_settlements", "supplier_aging": "supplier_settlements"}
#: (key, title, lowest days overdue, highest) of the aging buckets; None: open-ended.
BUCKETS = (
    ("not_due", "Not due", None, 0),
    ("d0_30", "0–30 days", 1, 30),
    ("d31_60", "31–60 days", 31, 60),
    ("d61_90", "61–90 days", 61, 90),
    ("d90", "Over 90 days", 91, None),
)


AGING_LEVELS = (("partner", "Partner"), ("counterparty", "Counterparty"), ("document", "Document"))
TO_SHIP_LEVELS = (("order", "Order"), ("line", "Product"))
LV_AGING = tuple(x for x, _ in AGING_LEVELS)
LV_TO_SHIP = tuple(x for x, _ in TO_SHIP_LEVELS)
LEVEL_TITLES = tuple(t for _, t in (*AGING_LEVELS, *TO_SHIP_LEVELS))


def _money(key: str, title: str) -> ReportColumn:
    return ReportColumn(key, key, title, "turnover", "money")


def _qty(key: str, title: str) -> ReportColumn:
    return ReportColumn(key, key, title, "turnover", "qty")


AGING_COLUMNS = (
    _money("debt", "Debt"),
    *(_money(k, t) for k, t, _, _ in BUCKETS),
    _money("advance", "Advance"),
)
TO_SHIP_COLUMNS = (
    _qty("ordered", "Ordered"),
    _qty("reserved", "Reserved"),
    _qty("shipped", "Shipped"),
    _qty("to_ship", "Still to ship"),
    _money("amount", "Amount"),
    _money("paid", "Paid"),
)


def _paid_by_lines(register: str) -> str:
    """SQL over a movement group ``v``: what posted payments dated before ``:p1`` allocate to
    its recorder by name (payment_lines.TARGETED) — taken off that document first."""
    if register not in TARGETED:
        return "0"
    target = TARGETED[register][2]
    paid = paid_by_name(register, "v.recorder_id", ":p1")
    return f"CASE WHEN v.recorder_type = '{target}' THEN {paid} ELSE 0 END"


def aging_sql(
    reg: Registry,
    register: AccumulationRegister,
    filters: dict[str, str],
    backward: bool = False,
) -> str:
    """Open debts per document (remaining > 0) and advances (``recorder_type`` NULL), with
    the days overdue on ``:as_of``; ordered by partner, counterparty, moment.

    Only what the balances say is open is read. The balance of each (partner, counterparty)
    at ``:p1`` is the monthly totals before its month ``:m`` (``backward``: the current
    balance minus the totals from ``:m`` on) plus that month's movements. Of a key owing
    something, only the movements after the last month end its balance was not positive
    (everything owed before was paid by then; its totals tell) are read. A payment line naming
    a document pays that document first; the rest is FIFO: the newest documents make up the
    balance ``b`` — a document's rest is ``least(amount, b − (what it and the newer ones owe)
    + amount)`` when positive (``amount``: what it made owed less what was paid for it by
    name)."""
    mv, tot = f"{S}.{register.table}", f"{S}.{register.totals_table}"
    paid = _paid_by_lines(register.name)
    w, wt, wv = (filter_sql(reg, register, filters, a) for a in ("", "t.", "v."))
    key = "partner_id, counterparty_id"
    if backward:
        before = (
            f"SELECT {key}, amount FROM {S}.{register.balance_table} WHERE true{w} "
            f"UNION ALL SELECT {key}, -amount FROM {tot} WHERE month >= :m{w}"
        )
    else:
        before = f"SELECT {key}, amount FROM {tot} WHERE month < :m{w}"
    return f"""
WITH bal AS (
  SELECT {key}, sum(amount) AS balance FROM (
    {before}
    UNION ALL SELECT {key}, amount FROM {mv} WHERE period >= :m AND period < :p1{w}) x
  GROUP BY {key} HAVING sum(amount) <> 0),
run AS (
  SELECT t.partner_id, t.counterparty_id, t.month,
    sum(sum(t.amount)) OVER (PARTITION BY t.partner_id, t.counterparty_id ORDER BY t.month)
      AS cum
  FROM {tot} t JOIN bal b USING ({key}) WHERE b.balance > 0 AND t.month < :m{wt}
  GROUP BY t.partner_id, t.counterparty_id, t.month),
closed AS (SELECT {key}, max(month) AS closed FROM run WHERE cum <= 0 GROUP BY {key}),
since AS (
  SELECT b.*, c.closed FROM bal b LEFT JOIN closed c USING ({key}) WHERE b.balance > 0),
d AS (
  SELECT s.partner_id, s.counterparty_id, s.balance, x.*,
    sum(x.amount) OVER (PARTITION BY s.partner_id, s.counterparty_id
      ORDER BY x.period DESC, x.recorder_type DESC, x.recorder_id DESC) AS rcum
  FROM since s CROSS JOIN LATERAL (
    SELECT v.period, v.recorder_type, v.recorder_id, sum(v.amount) - {paid} AS amount
    FROM {mv} v
    WHERE v.partner_id = s.partner_id AND v.counterparty_id = s.counterparty_id
      AND v.period < :p1
      AND v.period >= coalesce(s.closed + interval '1 month', '-infinity'::timestamp){wv}
    GROUP BY v.period, v.recorder_type, v.recorder_id HAVING sum(v.amount) - {paid} > 0) x),
open AS (
  SELECT {key}, period, recorder_type, recorder_id, least(amount, balance - rcum + amount) AS rest
  FROM d WHERE balance - rcum + amount > 0
  UNION ALL
  SELECT {key}, NULL, NULL, NULL, balance FROM bal WHERE balance < 0)
SELECT o.partner_id, o.counterparty_id, o.recorder_type, o.recorder_id, o.period, o.rest,
  :as_of - (o.period::date + coalesce(t.days_due, 0)) AS overdue,
  pa.name AS partner, c.name AS counterparty
FROM open o
JOIN {S}.cat_partners pa ON pa.id = o.partner_id
LEFT JOIN {S}.cat_payment_terms t ON t.id = pa.payment_terms_id
LEFT JOIN {S}.cat_counterparties c ON c.id = o.counterparty_id
ORDER BY pa.name, o.partner_id, c.name, o.counterparty_id, o.period NULLS LAST, o.recorder_id
"""


def bucket_of(overdue: int) -> str:
    for key, _, low, high in BUCKETS:
        if (low is None or overdue >= low) and (high is None or overdue <= high):
            return key
    raise AssertionError(overdue)


#: Filter -> the column of :data:`TO_SHIP_SQL` it compares (``h``: the order, ``l``: a line).
TO_SHIP_FILTERS = {
    "partner": "h.partner_id",
    "counterparty": "h.counterparty_id",
    "warehouse": "h.warehouse_id",
    "product": "l.product_id",
    "partner.manager": "pa.manager",
}


#: An approved sales order still open (``h``: the order's header): the orders to ship.
OPEN_ORDER_SQL = "h.posted AND h.status IN ('to_supply', 'to_ship')"


def to_ship_sql(filters: dict[str, str], where: str = "") -> str:
    """Every line (not cancelled) of the approved, open sales orders of ``[:p0, :p1)`` with
    the register figures of its order and product (shared by lines of the same product) and
    what its order was paid; filters (-> parameter) by :data:`TO_SHIP_FILTERS` and the
    conditions ``where`` (added fields'). A product filter is applied afterwards (a line's
    share of the payment counts the other lines)."""
    where += "".join(
        f" AND {col} = ANY(:{filters[k]})"
        for k, col in TO_SHIP_FILTERS.items()
        if k in filters and k != "product"
    )
    return f"""
WITH l AS (
  SELECT h.id AS order_id, l.line_no, l.product_id, l.quantity AS ordered,
    l.amount + CASE WHEN h.vat_included THEN 0 ELSE coalesce(l.vat_amount, 0) END AS amount
  FROM {S}.doc_sales_order h JOIN {S}.doc_sales_order_lines l ON l.doc_id = h.id
  JOIN {S}.cat_partners pa ON pa.id = h.partner_id
  WHERE {OPEN_ORDER_SQL} AND NOT coalesce(l.cancelled, false)
    AND h.date >= :p0 AND h.date < :p1{where}),
k AS (SELECT DISTINCT order_id, product_id FROM l),
f AS (
  SELECT k.*,
    (SELECT coalesce(sum(r.quantity), 0) FROM {S}.reg_reserves_balance r
      WHERE r.order_id = k.order_id AND r.product_id = k.product_id) AS reserved,
    (SELECT -coalesce(sum(m.quantity), 0) FROM {S}.reg_customer_orders m
      WHERE m.order_id = k.order_id AND m.product_id = k.product_id
      AND m.recorder_type <> 'sales_order') AS shipped
  FROM k)
SELECT l.order_id, l.line_no, l.product_id, l.ordered, l.amount, f.reserved, f.shipped,
  (SELECT -coalesce(sum(m.amount), 0) FROM {S}.reg_customer_orders m
    WHERE m.order_id = l.order_id AND m.product_id = 0) AS paid,
  h.number || ' ' || to_char(h.date, 'DD.MM.YYYY') || ', ' || coalesce(c.name, '') AS title,
  p.name AS product
FROM l JOIN f USING (order_id, product_id) JOIN {S}.doc_sales_order h ON h.id = l.order_id
LEFT JOIN {S}.cat_counterparties c ON c.id = h.counterparty_id
LEFT JOIN {S}.cat_products p ON p.id = l.product_id
ORDER BY h.date, h.id, l.line_no
"""


def allocate(lines: list[dict[str, Any]]) -> None:
    """Each line's share (``shipped``, ``reserved``, ``to_ship``, ``paid``) of its order's
    figures, first line first: what was shipped of a product goes to its lines in order (each
    up to its quantity), the reserve to what is still to ship of them, the order's payments to
    its lines' amounts (what is paid beyond them stays on the order's row)."""
    shipped: dict[tuple[int, int], Decimal] = {}
    reserved: dict[tuple[int, int], Decimal] = {}
    paid: dict[int, Decimal] = {}
    for x in lines:
        k, o = (x["order_id"], x["product_id"]), x["order_id"]
        shipped.setdefault(k, Decimal(x["shipped"]))
        reserved.setdefault(k, Decimal(x["reserved"]))
        paid.setdefault(o, Decimal(x["paid"]))
        x["shipped"] = min(x["ordered"], shipped[k])
        x["to_ship"] = x["ordered"] - x["shipped"]
        x["reserved"] = min(x["to_ship"], reserved[k])
        x["line_paid"] = min(x["amount"], paid[o])
        shipped[k] -= x["shipped"]
        reserved[k] -= x["reserved"]
        paid[o] -= x["line_paid"]


class TradeReports:
    """Aging and orders to ship, each in one transaction, from the register report's
    settings (:class:`ReportSettings`; ``register`` names the trade report)."""

    def __init__(self, session: Session, reg: Registry) -> None:
        self.session, self.reg = session, reg

    def switched(self, s: ReportSettings) -> ReportSettings:
        """``s`` without the filters of dimensions whose subsystem is off (the warehouse of
        the orders to ship while "Several warehouses" is off)."""
        t = next((t for t in TRADE_REPORTS if t.name == s.register), None)
        if t is None:
            return s
        dims = self.reg.register(t.register).dimensions if t.register else t.filters
        off = off_names(self.reg, dims, enabled_subsystems(self.session))
        kept = {k: v for k, v in s.filters.items() if k.split(".", 1)[0] not in off}
        return replace(s, filters=kept) if off else s

    def run(self, s: ReportSettings) -> Report:
        """The trade report ``s.register`` names."""
        s = self.switched(s)
        if s.register in AGING:
            return self.aging(s)
        if s.register == "orders_to_ship":
            return self.orders_to_ship(s)
        raise InvalidValue("Report", "Name", s.register, QT_TRANSLATE_NOOP("errors", "is unknown"))

    def aging(self, s: ReportSettings) -> Report:
        """Open debts of ``s.register`` (:data:`AGING`) on ``s.date_to`` (inclusive) by age,
        filtered by the register's dimensions and attributes; levels: partner, counterparty,
        document (``"<type>:<id>"``; None for an advance)."""
        register = self.reg.register(AGING[s.register])
        as_of = s.date_to
        p1 = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
        names, params, expand = filter_params(self.reg, register, s.filters)
        params |= {"as_of": as_of, "p1": p1, "m": p1.date().replace(day=1)}

        def work(conn: Any) -> Any:
            expand_ids(self.reg, conn, params, expand)
            back = opening_backward(conn, register, params["m"])
            return (
                conn.execute(text(aging_sql(self.reg, register, names, back)), params)
                .mappings()
                .all()
            )

        found = self.session.run(work)
        numbers = self._numbers(found)
        keys = [c.key for c in AGING_COLUMNS]
        raw = []
        for o in found:
            values = dict.fromkeys(keys, Decimal(0))
            if o["recorder_type"] is None:
                values["advance"], doc, label = -o["rest"], None, None
            else:
                values["debt"] = values[bucket_of(o["overdue"])] = o["rest"]
                doc = f"{o['recorder_type']}:{o['recorder_id']}"
                label = numbers.get((o["recorder_type"], o["recorder_id"]), doc)
            raw.append(
                (
                    o["partner_id"],
                    o["counterparty_id"],
                    doc,
                    *(values[k] for k in keys),
                    o["partner"],
                    o["counterparty"],
                    label,
                )
            )
        return _report(s, AGING_LEVELS, AGING_COLUMNS, *build_rows(raw, LV_AGING, keys))

    def _numbers(self, found: Any) -> dict[tuple[str, int], str]:
        """ "<number> <date>" of each debt's document."""
        wanted: dict[str, set[int]] = {}
        for o in found:
            if o["recorder_type"] in self.reg.documents:
                wanted.setdefault(o["recorder_type"], set()).add(o["recorder_id"])

        def work(conn: Any) -> dict[tuple[str, int], str]:
            out = {}
            for rtype, ids in wanted.items():
                t = self.reg.documents[rtype].table
                sql = f"SELECT id, number, date FROM {S}.{t} WHERE id = ANY(:ids)"
                for i, number, date in conn.execute(text(sql), {"ids": sorted(ids)}):
                    out[(rtype, i)] = f"{number} {date:%d.%m.%Y}"
            return out

        return self.session.run(work) if wanted else {}

    def orders_to_ship(self, s: ReportSettings) -> Report:
        """Approved, open sales orders dated within ``s``'s period with something left to ship
        (of the products filtered), line by line; the order's row holds what it was paid."""
        spec = next(t for t in TRADE_REPORTS if t.name == "orders_to_ship")
        dims = {d.name: d for d in spec.filters}
        names = {k: param_of(k) for k in TO_SHIP_FILTERS if s.filters.get(k)}
        params: dict[str, Any] = {names[k]: list(s.filters[k]) for k in names}
        params["p0"], params["p1"] = s.date_from, s.date_to + dt.timedelta(days=1)
        expand = {names[k]: dims[k] for k in names if k in dims}
        where, products = self._added_filters(s, dims, params, expand)
        sql = text(to_ship_sql(names, where))

        def work(conn: Any) -> tuple[list[dict[str, Any]], set[int] | None]:
            expand_ids(self.reg, conn, params, expand)
            found = [dict(x) for x in conn.execute(sql, params).mappings()]
            return found, {i for (i,) in conn.execute(text(products), params)} if products else None

        lines, chosen = self.session.run(work)
        allocate(lines)
        if "product" in names:
            wanted = set(params[names["product"]])
            lines = [x for x in lines if x["product_id"] in wanted]
        if chosen is not None:  # the products an added field's filter leaves
            lines = [x for x in lines if x["product_id"] in chosen]
        to_ship = {x["order_id"] for x in lines if x["to_ship"] > 0}  # shipped in full: not shown
        lines = [x for x in lines if x["order_id"] in to_ship]
        keys = [c.key for c in TO_SHIP_COLUMNS]
        raw = [
            (
                x["order_id"],
                x["line_no"],
                *(Decimal(x[k]) for k in keys[:-1]),
                x["line_paid"],
                x["title"],
                x["product"],
            )
            for x in lines
        ]
        rows, total = build_rows(raw, LV_TO_SHIP, keys)
        product = {(x["order_id"], x["line_no"]): x["product_id"] for x in lines}
        paid = {x["order_id"]: Decimal(x["paid"]) for x in lines}
        for r in rows:
            if r.kind == "group":
                r.values["paid"] = paid[r.keys["order"]]
            else:
                r.ref["product"] = product[(r.keys["order"], r.keys["line"])]
        total.values["paid"] = sum(paid.values(), Decimal(0))
        return _report(s, TO_SHIP_LEVELS, TO_SHIP_COLUMNS, rows, total)

    def _added_filters(
        self,
        s: ReportSettings,
        dims: dict[str, Ref],
        params: dict[str, Any],
        expand: dict[str, Any],
    ) -> tuple[str, str]:
        """Conditions of the orders-to-ship filters by added fields (``product.x_brand``): on
        the order's columns (:data:`TO_SHIP_FILTERS`), and the query of the products they
        leave (applied afterwards, as the product filter), its parameters into ``params``."""
        where, products = "", []
        for a in added_attributes(self.reg, dims.values()):
            if not s.filters.get(a.level):
                continue
            p = attribute_param(a, s.filters[a.level], params, expand)
            chosen = having_sql(a, dims[a.dim], p)
            if a.dim == "product":
                products.append(chosen)
            else:
                where += f" AND {TO_SHIP_FILTERS[a.dim]} IN ({chosen})"
        return where, " INTERSECT ".join(products)


EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(9999, 12, 30)


def behind(s: ReportSettings, row: ReportRow) -> tuple[str, int] | tuple[ReportSettings, dict]:
    """What is behind a row of the trade report of ``s``: a document (type, id) — a debt's,
    an order — or the movements of a register (its report settings and the row's key) —
    a partner's or counterparty's settlements up to the date, an order line's movements."""
    doc = row.keys.get("document")
    if isinstance(doc, str):
        kind, _, ident = doc.partition(":")
        return kind, int(ident)
    if s.register in AGING:
        key = {k: row.keys[k] for k in ("partner", "counterparty") if k in row.keys}
        return ReportSettings(AGING[s.register], EARLIEST, s.date_to, filters=s.filters), key
    if row.kind == "item" and "product" in row.ref:
        key = {"order": row.keys["order"], "product": row.ref["product"]}
        return ReportSettings("customer_orders", EARLIEST, LATEST), key
    if row.keys.get("order"):
        return "sales_order", int(row.keys["order"])
    return ReportSettings("customer_orders", EARLIEST, LATEST), {}


def _report(
    s: ReportSettings,
    levels: tuple[tuple[str, str], ...],
    columns: tuple[ReportColumn, ...],
    rows: list[ReportRow],
    total: ReportRow,
) -> Report:
    title = next(t.title for t in TRADE_REPORTS if t.name == s.register)
    lv, titles = tuple(x for x, _ in levels), tuple(t for _, t in levels)
    return Report(s, title, lv, titles, columns, rows, total)
