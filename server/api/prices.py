"""Defaults a trade document's form fills in: a product's price by price type on a date (the
periodic ``prices`` register), its VAT rate, a partner's only counterparty and manager, the
user's warehouse, whether a price type's prices include VAT, and a purchase order's price type
(the one goods receipts record)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from server.api import user_settings
from server.api.price_list import price_on
from server.api.session import Session

S = "kontora"
WAREHOUSE_SETTING = "default_warehouse"  # user_settings: {"id", "name"} of the user's warehouse


def vat_rate(session: Session, product: int) -> Decimal | None:
    """The product's VAT rate in %, None when it has none or is sold without VAT."""
    return session.scalar(
        f"SELECT CASE WHEN v.no_vat THEN NULL ELSE v.rate END FROM {S}.cat_products p "
        f"JOIN {S}.cat_vat_rates v ON v.id = p.vat_rate_id WHERE p.id = :p",
        p=product,
    )


def line_defaults(
    session: Session, product: int, price_type: int | None, on: dt.date
) -> dict[str, Any]:
    """``price`` (by the price type) and ``vat_rate`` of a new line of ``product``."""
    out: dict[str, Any] = {"vat_rate": vat_rate(session, product)}
    if price_type is not None:
        out["price"] = price_on(session, price_type, product, on)
    return out


#: The header field of a document that names its partner's legal entity (the one a partner's
#: defaults fill): a sales order's ``counterparty``, a shipment's ``customer``.
COUNTERPARTY_FIELDS = ("counterparty", "customer")


def partner_defaults(session: Session, partner: int) -> dict[str, Any]:
    """The partner's only counterparty (None when it has several or none) and its manager."""
    rows = session.rows(
        f"SELECT id, name FROM {S}.cat_counterparties "
        "WHERE partner_id = :p AND NOT is_group AND NOT deletion_mark ORDER BY id LIMIT 2",
        p=partner,
    )
    manager = session.scalar(f"SELECT manager FROM {S}.cat_partners WHERE id = :p", p=partner)
    return {"counterparty": rows[0] if len(rows) == 1 else None, "manager": manager}


#: Documents whose new forms take the price type recorded by goods receipts (the supplier's
#: prices, 1C "register supplier prices").
PURCHASE_PRICED = ("purchase_order",)


def purchase_price_type(session: Session) -> dict[str, Any] | None:
    """The price type goods receipts record (the first, when several are)."""
    rows = session.rows(
        f"SELECT id, name FROM {S}.cat_price_types WHERE from_purchases AND NOT deletion_mark "
        "ORDER BY id LIMIT 1"
    )
    return rows[0] if rows else None


def vat_included(session: Session, price_type: int) -> bool:
    return bool(
        session.scalar(f"SELECT vat_included FROM {S}.cat_price_types WHERE id = :t", t=price_type)
    )


def default_warehouse(session: Session) -> dict[str, Any] | None:
    """The user's warehouse (a user setting), else the only warehouse there is; while
    "Several warehouses" is switched off, the default (first) warehouse, its field hidden."""
    if not session.scalar(f"SELECT {S}.subsystem_on('warehouses')"):
        rows = session.rows(
            f"SELECT id, name FROM {S}.cat_warehouses WHERE NOT deletion_mark ORDER BY id LIMIT 1"
        )
        return rows[0] if rows else None
    chosen = user_settings.get(session, WAREHOUSE_SETTING)
    if isinstance(chosen, dict) and chosen.get("id") is not None:
        return {"id": chosen["id"], "name": chosen.get("name", "")}
    rows = session.rows(
        f"SELECT id, name FROM {S}.cat_warehouses WHERE NOT deletion_mark ORDER BY id LIMIT 2"
    )
    return rows[0] if len(rows) == 1 else None


def free_stock(session: Session, warehouse: int, product: int) -> Decimal:
    """On hand less reserved: what a new order may still reserve."""
    v = session.scalar(
        f"SELECT quantity FROM {S}.reg_free_stock_balance "
        "WHERE warehouse_id = :w AND product_id = :p",
        w=warehouse,
        p=product,
    )
    return v if v is not None else Decimal(0)
