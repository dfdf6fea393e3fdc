"""Sales shipment: goods shipped to a customer (−stock, +sales), optionally against an order
(−customer orders to ship, −its reserve), +customer settlements."""

from server.config.documents.trade_lines import (
    DOC_TOTAL,
    LINE_NET,
    PARTNER,
    VAT_INCLUDED,
    trade_fields,
)
from server.metadata import (
    BasedOn,
    DocRef,
    Document,
    Movements,
    Ref,
    String,
    Table,
    Text,
    lines_sum_sql,
)

# --- shipping against an order (h13) -------------------------------------------------------
_AGAINST_ORDER = "h.order_id IS NOT NULL"
# What a line takes from the order's reserve at this warehouse: what is still reserved (by
# the order, less what other shipments took), less what earlier lines of this product took.
_TAKEN = (
    "CASE WHEN h.order_id IS NULL THEN 0 ELSE least(l.quantity, greatest(0, "
    "(SELECT coalesce(sum(m.quantity), 0) FROM kontora.reg_reserves m "
    "WHERE m.order_id = h.order_id AND m.product_id = l.product_id "
    "AND m.warehouse_id = h.warehouse_id "
    "AND NOT (m.recorder_type = 'sales_shipment' AND m.recorder_id = h.id)) - "
    "(SELECT coalesce(sum(e.quantity), 0) FROM kontora.doc_sales_shipment_lines e "
    "WHERE e.doc_id = l.doc_id AND e.product_id = l.product_id AND e.line_no < l.line_no))) END"
)
# What the customer owes for the whole shipment: one movement, not one per line.
_TOTAL = "=" + lines_sum_sql("sales_shipment", DOC_TOTAL)
ORDER_POSTING = (
    Movements(
        "customer_orders",
        table="lines",
        sign=-1,
        where=_AGAINST_ORDER,
        values={"order": "order", "product": "product", "quantity": "quantity", "amount": "=0"},
    ),
    Movements(
        "reserves",
        table="lines",
        sign=-1,
        where=_AGAINST_ORDER,
        values={
            "warehouse": "warehouse",
            "product": "product",
            "order": "order",
            "quantity": f"={_TAKEN}",
        },
    ),
    Movements(
        "customer_settlements",
        sign=+1,
        values={
            "partner": PARTNER,
            "counterparty": "customer",
            "order": "=coalesce(h.order_id, 0)",
            "amount": _TOTAL,
        },
    ),
)
# --------------------------------------------------------------------------------------------

SALES_SHIPMENT = Document(
    "sales_shipment",
    "Sales shipment",
    "sales",
    number_prefix="SS",
    header=(
        # In the order of the sales order's form: partner, customer, warehouse, order, …
        Ref("partner", "Partner", target="partners"),
        Ref("customer", "Customer", required=True, target="counterparties", within="partner"),
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        DocRef("order", "Order", target="sales_order", indexed=True),
        # The price type of the prices and the partner's manager (as on the order).
        Ref("price_type", "Price type", target="price_types"),
        String("manager", "Manager", max_len=63),
        VAT_INCLUDED,
        Ref("deal", "Deal", target="deals", within="partner"),
        Text("comment", "Comment"),
    ),
    tables=(Table("lines", trade_fields(), title="Goods"),),
    # Cross-docking: ship the goods and quantities just received (prices are the seller's own).
    # Based on an order: its remaining quantities (server/api/fill.py completes the lines).
    based_on=(
        BasedOn(
            "goods_receipt",
            header={"warehouse": "warehouse"},
            lines={"lines": ("lines", {"product": "product", "quantity": "quantity"})},
        ),
        BasedOn(
            "sales_order",
            header={
                "warehouse": "warehouse",
                "customer": "counterparty",
                "partner": "partner",
                "vat_included": "vat_included",
                "price_type": "price_type",
                "manager": "manager",
                "deal": "deal",
            },
        ),
    ),
    posting=(
        Movements(
            "stock",
            table="lines",
            sign=-1,
            values={"warehouse": "warehouse", "product": "product", "quantity": "quantity"},
        ),
        Movements(
            "sales",
            table="lines",
            sign=+1,
            values={
                "customer": "customer",
                "product": "product",
                "quantity": "quantity",
                "amount": LINE_NET,
                "vat_amount": "vat_amount",
            },
        ),
        *ORDER_POSTING,
    ),
    hooks=("sales_shipment_check",),
    total=DOC_TOTAL,
)

DECLARED = (SALES_SHIPMENT,)
