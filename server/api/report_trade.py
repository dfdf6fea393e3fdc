"""Trade reports with their own query, delivered as :class:`~server.api.reports.Report` so the
client shows and exports them with the register report's model.

*Aging* (customer or supplier settlements) on a date: per partner and counterparty the open
debt by document, FIFO — payments (every negative movement) settle the oldest debt (positive
movements, by moment) first; a document's due date is its date + the partner's payment terms
``days_due`` (0 without terms); what is paid beyond the debt is an advance. *Orders to ship*:
each approved, not closed sales order by product (its lines not cancelled): ordered, reserved,
shipped, still to ship, and on the order's row what was paid.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from server.api.report_rows import ReportRow, build_rows
from server.api.reports import Report, ReportColumn, ReportSettings
from server.api.session import Session
from server.config.reports import TRADE_REPORTS
from server.metadata import Registry

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
TO_SHIP_LEVELS = (("order", "Order"), ("product", "Product"))
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


def aging_sql(register: str) -> str:
    """Open debts per document (remaining > 0) and advances (``recorder_type`` NULL), with
    the days overdue on ``:as_of``; ordered by partner, counterparty, moment."""
    mv = f"{S}.reg_{register}"
    part = "partner_id, counterparty_id"
    return f"""
WITH m AS (
  SELECT {part}, period, recorder_type, recorder_id, sum(amount) AS amount FROM {mv}
  WHERE period < :p1 GROUP BY {part}, period, recorder_type, recorder_id),
d AS (
  SELECT *, sum(amount) OVER (PARTITION BY {part} ORDER BY period, recorder_type, recorder_id)
    AS cum FROM m WHERE amount > 0),
paid AS (SELECT {part}, -sum(amount) AS paid FROM m WHERE amount < 0 GROUP BY {part}),
owed AS (SELECT {part}, sum(amount) AS owed FROM d GROUP BY {part}),
open AS (
  SELECT d.{part.replace(", ", ", d.")}, d.period, d.recorder_type, d.recorder_id,
    greatest(0, least(d.amount, d.cum - coalesce(p.paid, 0))) AS rest
  FROM d LEFT JOIN paid p USING ({part})
  UNION ALL
  SELECT p.{part.replace(", ", ", p.")}, NULL, NULL, NULL, coalesce(o.owed, 0) - p.paid
  FROM paid p LEFT JOIN owed o USING ({part}))
SELECT o.partner_id, o.counterparty_id, o.recorder_type, o.recorder_id, o.period, o.rest,
  :as_of - (o.period::date + coalesce(t.days_due, 0)) AS overdue,
  pa.name AS partner, c.name AS counterparty
FROM open o
JOIN {S}.cat_partners pa ON pa.id = o.partner_id
LEFT JOIN {S}.cat_payment_terms t ON t.id = pa.payment_terms_id
LEFT JOIN {S}.cat_counterparties c ON c.id = o.counterparty_id
WHERE (o.recorder_type IS NOT NULL AND o.rest > 0) OR (o.recorder_type IS NULL AND o.rest < 0)
ORDER BY pa.name, o.partner_id, c.name, o.counterparty_id, o.period NULLS LAST, o.recorder_id
"""


def bucket_of(overdue: int) -> str:
    for key, _, low, high in BUCKETS:
        if (low is None or overdue >= low) and (high is None or overdue <= high):
            return key
    raise AssertionError(overdue)


TO_SHIP_SQL = f"""
WITH l AS (
  SELECT h.id AS order_id, l.product_id, sum(l.quantity) AS ordered,
    sum(l.amount + CASE WHEN h.vat_included THEN 0 ELSE coalesce(l.vat_amount, 0) END) AS amount
  FROM {S}.doc_sales_order h JOIN {S}.doc_sales_order_lines l ON l.doc_id = h.id
  WHERE h.posted AND h.status IN ('to_supply', 'to_ship') AND NOT coalesce(l.cancelled, false)
  GROUP BY h.id, l.product_id)
SELECT l.order_id, l.product_id, l.ordered,
  (SELECT coalesce(sum(r.quantity), 0) FROM {S}.reg_reserves_balance r
    WHERE r.order_id = l.order_id AND r.product_id = l.product_id) AS reserved,
  (SELECT -coalesce(sum(m.quantity), 0) FROM {S}.reg_customer_orders m
    WHERE m.order_id = l.order_id AND m.product_id = l.product_id
    AND m.recorder_type <> 'sales_order') AS shipped,
  (SELECT coalesce(sum(b.quantity), 0) FROM {S}.reg_customer_orders_balance b
    WHERE b.order_id = l.order_id AND b.product_id = l.product_id) AS to_ship,
  l.amount,
  (SELECT -coalesce(sum(m.amount), 0) FROM {S}.reg_customer_orders m
    WHERE m.order_id = l.order_id AND m.product_id = 0) AS paid,
  h.number || ' ' || to_char(h.date, 'DD.MM.YYYY') || ', ' || coalesce(c.name, '') AS title,
  p.name AS product
FROM l JOIN {S}.doc_sales_order h ON h.id = l.order_id
LEFT JOIN {S}.cat_counterparties c ON c.id = h.counterparty_id
LEFT JOIN {S}.cat_products p ON p.id = l.product_id
ORDER BY h.date, h.id, p.name, l.product_id
"""


class TradeReports:
    """Aging and orders to ship, each in one transaction."""

    def __init__(self, session: Session, reg: Registry) -> None:
        self.session, self.reg = session, reg

    def aging(self, name: str, as_of: dt.date) -> Report:
        """Open debts of ``name`` (:data:`AGING`) on ``as_of`` (inclusive) by age; levels:
        partner, counterparty, document (``"<type>:<id>"``; None for an advance)."""
        register = AGING[name]
        params = {
            "as_of": as_of,
            "p1": dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()),
        }
        found = self.session.run(
            lambda c: c.execute(text(aging_sql(register)), params).mappings().all()
        )
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
        return _report(name, as_of, AGING_LEVELS, AGING_COLUMNS, *build_rows(raw, LV_AGING, keys))

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

    def orders_to_ship(self, as_of: dt.date) -> Report:
        """Approved, open sales orders by product; the order's row holds what was paid."""
        found = self.session.run(lambda c: c.execute(text(TO_SHIP_SQL)).mappings().all())
        keys = [c.key for c in TO_SHIP_COLUMNS]
        raw = [
            (
                o["order_id"],
                o["product_id"],
                *(Decimal(o[k]) for k in keys[:-1]),
                Decimal(0),
                o["title"],
                o["product"],
            )
            for o in found
        ]
        rows, total = build_rows(raw, LV_TO_SHIP, keys)
        paid = {o["order_id"]: Decimal(o["paid"]) for o in found}
        for r in rows:
            if r.kind == "group":
                r.values["paid"] = paid[r.keys["order"]]
        total.values["paid"] = sum(paid.values(), Decimal(0))
        return _report("orders_to_ship", as_of, TO_SHIP_LEVELS, TO_SHIP_COLUMNS, rows, total)


def _report(
    name: str,
    as_of: dt.date,
    levels: tuple[tuple[str, str], ...],
    columns: tuple[ReportColumn, ...],
    rows: list[ReportRow],
    total: ReportRow,
) -> Report:
    title = next(t.title for t in TRADE_REPORTS if t.name == name)
    lv, titles = tuple(x for x, _ in levels), tuple(t for _, t in levels)
    return Report(ReportSettings(name, as_of, as_of), title, lv, titles, columns, rows, total)
