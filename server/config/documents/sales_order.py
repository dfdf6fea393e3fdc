"""Sales order: a customer's order; once approved it reserves goods and awaits shipment.

Statuses: not approved (moves nothing) → to supply / to ship (+customer orders: quantity to
ship and amount to pay; +reserves (so −free stock) by each line's ``reserve``) → closed (the
order keeps only what was shipped: nothing left to ship, its remaining reserve released). A
cancelled line moves nothing. The hook ``sales_order_check`` checks the counterparty's partner,
reserves within quantities and the partner's credit limit.
"""

from server.config.documents.trade_lines import DOC_TOTAL, LINE_TOTAL, VAT_INCLUDED, trade_fields
from server.metadata import (
    BasedOn,
    Bool,
    Choice,
    DateField,
    Document,
    Movements,
    Qty,
    Ref,
    String,
    Table,
    Text,
)

STATUSES = (
    ("not_approved", "Not approved"),
    ("to_supply", "To supply"),
    ("to_ship", "To ship"),
    ("closed", "Closed"),
)

_APPROVED = "h.status <> 'not_approved'"
# A closed order posts every line (its shipped part); an open one only lines not cancelled.
_LIVE = f"{_APPROVED} AND (h.status = 'closed' OR NOT coalesce(l.cancelled, false))"
# A closed order posts what was shipped (or taken from the reserve) of a product once: on the
# first line of that product.
_FIRST = (
    "l.line_no = (SELECT min(f.line_no) FROM kontora.doc_sales_order_lines f "
    "WHERE f.doc_id = l.doc_id AND f.product_id = l.product_id)"
)
_SHIPPED = (
    "(SELECT -coalesce(sum(m.quantity), 0) FROM kontora.reg_customer_orders m "
    "WHERE m.order_id = h.id AND m.product_id = l.product_id AND m.recorder_type <> 'sales_order')"
)
_SHIPPED_VALUE = (
    "(SELECT coalesce(sum(sl.amount + CASE WHEN s.vat_included THEN 0 "
    "ELSE coalesce(sl.vat_amount, 0) END), 0) "
    "FROM kontora.doc_sales_shipment s "
    "JOIN kontora.doc_sales_shipment_lines sl ON sl.doc_id = s.id "
    "WHERE s.order_id = h.id AND s.posted AND sl.product_id = l.product_id)"
)
_TAKEN = (
    "(SELECT -coalesce(sum(m.quantity), 0) FROM kontora.reg_reserves m "
    "WHERE m.order_id = h.id AND m.product_id = l.product_id AND m.warehouse_id = h.warehouse_id "
    "AND m.recorder_type <> 'sales_order')"
)


def _closed(open_value: str, closed_value: str) -> str:
    return (
        f"=CASE WHEN h.status <> 'closed' THEN {open_value} "
        f"WHEN {_FIRST} THEN {closed_value} ELSE 0 END"
    )


_RESERVE = _closed("coalesce(l.reserve, 0)", _TAKEN)
_RESERVING = f"{_LIVE} AND (h.status = 'closed' OR coalesce(l.reserve, 0) > 0)"

SALES_ORDER = Document(
    "sales_order",
    "Sales order",
    "sales",
    number_prefix="SO",
    header=(
        Ref("partner", "Partner", required=True, target="partners"),
        Ref(
            "counterparty", "Counterparty", required=True, target="counterparties", within="partner"
        ),
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        Ref("price_type", "Price type", target="price_types"),
        Choice("status", "Status", required=True, options=STATUSES, default="not_approved"),
        DateField("shipment_date", "Shipment date"),
        String("manager", "Manager", max_len=63),
        VAT_INCLUDED,
        # The deal it came from (CRM), of the same partner.
        Ref("deal", "Deal", target="deals", within="partner"),
        Text("comment", "Comment"),
    ),
    tables=(
        Table(
            "lines",
            (
                *trade_fields(),
                Qty("reserve", "Reserve", nonnegative=True, unit_from="product"),
                Bool("cancelled", "Cancelled"),
                String("cancel_reason", "Cancellation reason", max_len=200),
            ),
            title="Goods",
        ),
    ),
    posting=(
        Movements(
            "customer_orders",
            table="lines",
            sign=+1,
            where=_LIVE,
            values={
                "order": "=h.id",
                "product": "product",
                "quantity": _closed("l.quantity", _SHIPPED),
                "amount": _closed(LINE_TOTAL[1:], _SHIPPED_VALUE),
            },
        ),
        Movements(
            "reserves",
            table="lines",
            sign=+1,
            where=_RESERVING,
            values={
                "warehouse": "warehouse",
                "product": "product",
                "order": "=h.id",
                "quantity": _RESERVE,
            },
        ),
    ),
    # An accepted commercial offer becomes the order (its goods and prices).
    based_on=(
        BasedOn(
            "commercial_offer",
            header={
                "partner": "partner",
                "counterparty": "counterparty",
                "deal": "deal",
                "price_type": "price_type",
                "manager": "manager",
                "vat_included": "vat_included",
            },
            lines={
                "lines": (
                    "lines",
                    {
                        "product": "product",
                        "quantity": "quantity",
                        "price": "price",
                        "discount": "discount",
                        "vat_rate": "vat_rate",
                    },
                )
            },
        ),
    ),
    hooks=("sales_order_check",),
    total=DOC_TOTAL,
)

DECLARED = (SALES_ORDER,)
