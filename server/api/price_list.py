"""Prices by price type and date (the periodic information register ``prices``).

A price holds from its date until the next date of the same price type and product: the price
on a day is the row with the latest date not after it. Reading is open to everyone; writing is
refused by PostgreSQL to anyone without the grant on ``inf_prices`` (sales managers,
accountants and administrators: the roles writing the Sales subsystem).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from server.api.list_query import like_escape
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP, InvalidValue, Meta, Template
from server.metadata import DateField, Registry

S = "kontora"
PERIOD = DateField("period", "Valid from", required=True)

_ON = f"""
  SELECT DISTINCT ON (product_id) product_id, period, price FROM {S}.inf_prices
  WHERE price_type_id = :t AND period <= :on
  ORDER BY product_id, period DESC"""


def prices_on(
    session: Session, price_type: int, on: dt.date, search: str = "", limit: int = 500
) -> list[dict[str, Any]]:
    """Every product (not groups, not marked for deletion) whose name, code or SKU matches
    ``search``, with its price of ``price_type`` on ``on`` and the date it holds from (None
    when it has none). Rows: id, code, name, article, price, period."""
    pattern = f"%{like_escape(search.strip())}%"
    return session.rows(
        f"""
SELECT p.id, p.code, p.name, p.article, c.price, c.period
FROM {S}.cat_products p LEFT JOIN ({_ON}) c ON c.product_id = p.id
WHERE NOT p.is_group AND NOT p.deletion_mark
  AND (p.name ILIKE :s OR p.code ILIKE :s OR p.article ILIKE :s)
ORDER BY p.name, p.id LIMIT :limit""",
        t=price_type,
        on=on,
        s=pattern,
        limit=limit,
    )


def price_on(session: Session, price_type: int, product: int, on: dt.date) -> Decimal | None:
    """The price of one product on a day (None: none set yet)."""
    return session.scalar(
        f"SELECT price FROM {S}.inf_prices WHERE price_type_id = :t AND product_id = :p "
        "AND period <= :on ORDER BY period DESC LIMIT 1",
        t=price_type,
        p=product,
        on=on,
    )


def price_history(session: Session, price_type: int, product: int) -> list[dict[str, Any]]:
    """Every price of one product and price type, newest first. Rows: period, price."""
    return session.rows(
        f"SELECT period, price FROM {S}.inf_prices WHERE price_type_id = :t AND product_id = :p "
        "ORDER BY period DESC",
        t=price_type,
        p=product,
    )


def set_prices(
    session: Session,
    reg: Registry,
    price_type: int,
    period: dt.date | str,
    prices: list[tuple[int, Any]],
) -> int:
    """Set the prices of products ``[(product, price), …]`` of ``price_type`` from ``period``
    on (a price already set on that very date is replaced); returns how many rows were written.
    Each price is checked as declared (money, not negative); all or nothing."""
    r = reg.info_registers["prices"]
    field = next(f for f in r.resources if f.name == "price")
    owner = Template("{object}", {"object": Meta(r.title)})
    day = PERIOD.validate(period, owner)
    rows = []
    for product, price in prices:
        if not isinstance(product, int) or isinstance(product, bool):
            raise InvalidValue(
                owner, "Product", product, QT_TRANSLATE_NOOP("errors", "is not a product")
            )
        rows.append({"t": price_type, "p": product, "d": day, "v": field.validate(price, owner)})
    if not rows:
        return 0
    sql = text(
        f"INSERT INTO {S}.inf_prices (price_type_id, product_id, period, price) "
        "VALUES (:t, :p, :d, :v) "
        "ON CONFLICT (price_type_id, product_id, period) DO UPDATE "
        "SET price = excluded.price, receipt_id = NULL"  # set by hand now, not by a receipt
    )

    def work(c: Any) -> int:
        for row in rows:
            c.execute(sql, row)
        return len(rows)

    return session.run(work)


def delete_price(session: Session, price_type: int, product: int, period: dt.date) -> None:
    """Remove one price row (the price before it holds again)."""
    session.execute(
        f"DELETE FROM {S}.inf_prices WHERE price_type_id = :t AND product_id = :p AND period = :d",
        t=price_type,
        p=product,
        d=period,
    )
