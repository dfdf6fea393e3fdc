"""Sales return: a customer returns goods of a shipment (+stock, −settlements, −sales).

The hook ``sales_return_check``: a return is dated after its shipment and the shipment's returns
together bring back no more of a product than it shipped (checked from the shipment's side too).
"""

from server.config.documents.trade_lines import (
    DOC_TOTAL,
    LINE_NET,
    LINE_TOTAL,
    PARTNER,
    VAT_INCLUDED,
    trade_fields,
)
from server.metadata import BasedOn, DocRef, Document, Movements, Ref, Table, Text

_ORDER = (
    "=coalesce((SELECT s.order_id FROM kontora.doc_sales_shipment s WHERE s.id = h.shipment_id), 0)"
)
_GOODS = {"warehouse": "warehouse", "product": "product", "quantity": "quantity"}

SALES_RETURN = Document(
    "sales_return",
    "Sales return",
    "sales",
    number_prefix="SR",
    header=(
        DocRef("shipment", "Shipment", target="sales_shipment", indexed=True),
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        Ref("partner", "Partner", target="partners"),
        Ref("customer", "Customer", required=True, target="counterparties", within="partner"),
        VAT_INCLUDED,
        Text("comment", "Comment"),
    ),
    tables=(Table("lines", trade_fields(), title="Goods"),),
    based_on=(
        BasedOn(
            "sales_shipment",
            header={
                "warehouse": "warehouse",
                "partner": "partner",
                "customer": "customer",
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
    posting=(
        # The cost is the shipment's (stock's Costing.returns), the sales cost follows it.
        Movements("stock", table="lines", sign=+1, values=_GOODS),
        Movements(
            "sales",
            table="lines",
            sign=-1,
            values={
                "customer": "customer",
                "product": "product",
                "quantity": "quantity",
                "amount": LINE_NET,
                "vat_amount": "vat_amount",
            },
        ),
        Movements(
            "customer_settlements",
            table="lines",
            sign=-1,
            values={
                "partner": PARTNER,
                "counterparty": "customer",
                "order": _ORDER,
                "amount": LINE_TOTAL,
            },
        ),
    ),
    hooks=("sales_return_check",),
    total=DOC_TOTAL,
)

DECLARED = (SALES_RETURN,)
