"""Supplier payment: money paid to a supplier by bank or in cash (−supplier settlements),
allocated to purchase orders or goods receipts; whatever is not allocated settles without an
order, and what exceeds the debt is our advance."""

from server.config.documents.payment_lines import (
    PAYMENT_KIND,
    allocation,
    settlement_movements,
)
from server.config.documents.purchase_order import COUNTERPARTY, SUPPLIER
from server.metadata import BasedOn, Document, Money, Text

SUPPLIER_PAYMENT = Document(
    "supplier_payment",
    "Supplier payment",
    "finance",
    number_prefix="SP",
    # The same shape as a customer payment.
    header=(
        PAYMENT_KIND,
        SUPPLIER,
        COUNTERPARTY,
        Money("amount", "Amount", required=True, positive=True),
        Text("comment", "Comment"),
    ),
    tables=(allocation("purchase_order", "Purchase order", "receipt", "Goods receipt"),),
    based_on=(
        BasedOn(
            "purchase_order",
            header={"partner": "partner", "counterparty": "counterparty"},
        ),
        BasedOn("goods_receipt", header={"partner": "partner", "counterparty": "supplier"}),
    ),
    posting=(*settlement_movements("supplier_settlements", "supplier_payment"),),
    hooks=("supplier_payment_check",),
)

DECLARED = (SUPPLIER_PAYMENT,)
