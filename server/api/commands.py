"""Declared document form commands (``Document.commands``): each fills a document from the
database. The form sends its header values (references as ids, the date as ISO text) and gets
back the lines of its first tabular section — or of several sections by name — as the form
shows them (references as ``{id, name}``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from server.api.payroll import owed_lines, payroll_sections
from server.api.purchasing import reorder_suggestions
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP, InvalidValue, Meta, Template
from server.metadata import Document, Registry

#: A handler returns the lines of the document's first tabular section, or every section it
#: fills by name (``{"accruals": [...], "deductions": [...]}``).
Handler = Callable[[Session, Registry, dict[str, Any]], list[dict[str, Any]] | dict[str, list]]


def _at(header: dict[str, Any]) -> dt.datetime:
    v = header.get("date")
    if isinstance(v, dt.datetime):
        return v
    return dt.datetime.fromisoformat(v) if v else dt.datetime.now().replace(microsecond=0)


def _warehouse(d: Document, header: dict[str, Any]) -> int:
    """The header's warehouse, which the command needs (refused by name when empty)."""
    if not header.get("warehouse"):
        owner = Template("{object}", {"object": Meta(d.title)})
        raise InvalidValue(owner, "Warehouse", None, QT_TRANSLATE_NOOP("errors", "is required"))
    return int(header["warehouse"])


def stock_balances(session: Session, reg: Registry, header: dict[str, Any]) -> list[dict]:
    """Stock count: one line per product with stock at the warehouse at the document's date
    (book = counted, so the difference starts at zero), by product name."""
    warehouse = _warehouse(reg.document("stock_count"), header)
    rows = session.rows(
        """
        SELECT p.id, p.name, s.quantity FROM (
          SELECT product_id, sum(quantity) AS quantity FROM (
            SELECT product_id, quantity FROM kontora.reg_stock_totals
            WHERE warehouse_id = :w AND month < date_trunc('month', CAST(:at AS timestamp))
            UNION ALL
            SELECT product_id, quantity FROM kontora.reg_stock
            WHERE warehouse_id = :w AND period >= date_trunc('month', CAST(:at AS timestamp))
              AND period <= :at) u
          GROUP BY product_id HAVING sum(quantity) <> 0) s
        JOIN kontora.cat_products p ON p.id = s.product_id
        ORDER BY p.name, p.id""",
        w=warehouse,
        at=_at(header),
    )
    return [
        {
            "product": {"id": r["id"], "name": r["name"]},
            "book_quantity": r["quantity"],
            "counted_quantity": r["quantity"],
        }
        for r in rows
    ]


def reorder_lines(session: Session, reg: Registry, header: dict[str, Any]) -> list[dict]:
    """Purchase order: the products below their minimum stock at the warehouse, with the
    quantity to order, the last purchase price and the VAT rate
    (:func:`server.api.purchasing.reorder_suggestions`)."""
    warehouse = _warehouse(reg.document("purchase_order"), header)
    fields = ("product", "quantity", "price", "vat_rate")
    return [{f: r[f] for f in fields} for r in reorder_suggestions(session, reg, warehouse)]


HANDLERS: dict[tuple[str, str], Handler] = {
    ("stock_count", "fill_from_balances"): stock_balances,
    ("purchase_order", "fill_reorder"): reorder_lines,
    ("payroll_sheet", "fill_payroll"): payroll_sections,
    ("salary_payment", "fill_owed"): owed_lines,
}


def run_command(
    session: Session, reg: Registry, document: str, command: str, header: dict[str, Any]
) -> list[dict[str, Any]] | dict[str, list]:
    """The lines ``command`` of ``document`` fills in, given the form's header values."""
    if not any(c.name == command for c in reg.document(document).commands):
        raise KeyError(f"{document} declares no command {command!r}")
    return HANDLERS[(document, command)](session, reg, header)
