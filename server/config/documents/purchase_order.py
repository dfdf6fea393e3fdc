"""Purchase order: goods ordered from a supplier, expected at a warehouse (+goods expected)."""

from server.config.documents.trade_lines import DOC_TOTAL, VAT_INCLUDED, trade_fields
from server.metadata import (
    Choice,
    DateField,
    Document,
    DocumentCommand,
    Movements,
    Ref,
    Table,
    Text,
)

#: The supplier (a partner) and the legal entity of it we deal with (supplier payments too).
SUPPLIER = Ref("partner", "Supplier", required=True, target="partners")
COUNTERPARTY = Ref(
    "counterparty", "Counterparty", required=True, target="counterparties", within="partner"
)
LINES = "kontora.doc_purchase_order_lines"
#: What receipts took off the order for the line's product (their movements are negative).
RECEIVED = (
    "=-(SELECT coalesce(sum(m.quantity), 0) FROM kontora.reg_goods_expected m"
    " WHERE m.order_id = h.id AND m.product_id = l.product_id"
    " AND m.recorder_type <> 'purchase_order')"
)

PURCHASE_ORDER = Document(
    "purchase_order",
    "Purchase order",
    "purchasing",
    number_prefix="PO",
    header=(
        SUPPLIER,
        COUNTERPARTY,
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        # The supplier's prices: a new order takes the type recorded by goods receipts.
        Ref("price_type", "Price type", target="price_types"),
        DateField("expected_date", "Expected on"),
        Choice(
            "status",
            "Status",
            required=True,
            options=(("draft", "Draft"), ("confirmed", "Confirmed"), ("closed", "Closed")),
            default="draft",
        ),
        VAT_INCLUDED,
        Text("comment", "Comment"),
    ),
    tables=(Table("lines", trade_fields(), title="Goods"),),
    posting=(
        # A confirmed order expects every ordered quantity…
        Movements(
            "goods_expected",
            table="lines",
            values={"order": "=h.id", "product": "product", "quantity": "quantity"},
            where="h.status = 'confirmed'",
        ),
        # …a closed one only what was received against it (on each product's first line), so
        # nothing remains expected.
        Movements(
            "goods_expected",
            table="lines",
            values={
                "order": "=h.id",
                "product": "product",
                "quantity": RECEIVED,
            },
            where=f"h.status = 'closed' AND l.line_no = (SELECT min(x.line_no) FROM {LINES} x"
            " WHERE x.doc_id = h.id AND x.product_id = l.product_id)",
        ),
    ),
    commands=(
        DocumentCommand(
            "fill_reorder",
            "Fill by reorder suggestions",
            "Fill the lines with the products below their minimum stock at the warehouse "
            "(on hand + expected − reserved), ordering the difference",
        ),
    ),
    total=DOC_TOTAL,
)

DECLARED = (PURCHASE_ORDER,)
