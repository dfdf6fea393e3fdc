"""Supplier payment: money paid to a supplier by bank or in cash (−supplier settlements),
allocated to purchase orders; whatever is not allocated settles without an order, and what
exceeds the debt is our advance."""

from server.config.documents.purchase_order import COUNTERPARTY, SUPPLIER
from server.metadata import BasedOn, Choice, DocRef, Document, Money, Movements, Table, Text

ALLOCATED = (
    "(SELECT coalesce(sum(x.amount), 0) FROM kontora.doc_supplier_payment_orders x"
    " WHERE x.doc_id = h.id)"
)

SUPPLIER_PAYMENT = Document(
    "supplier_payment",
    "Supplier payment",
    "finance",
    number_prefix="SP",
    # The same shape as a customer payment.
    header=(
        Choice(
            "kind",
            "Paid by",
            required=True,
            options=(("bank", "Bank transfer"), ("cash", "Cash")),
            default="bank",
        ),
        SUPPLIER,
        COUNTERPARTY,
        Money("amount", "Amount", required=True, positive=True),
        Text("comment", "Comment"),
    ),
    tables=(
        Table(
            "orders",
            (
                DocRef("order", "Purchase order", required=True, target="purchase_order"),
                Money("amount", "Amount", required=True, positive=True),
            ),
            title="Allocation to orders",
        ),
    ),
    based_on=(
        BasedOn(
            "purchase_order",
            header={"partner": "partner", "counterparty": "counterparty"},
        ),
    ),
    posting=(
        Movements(
            "supplier_settlements",
            table="orders",
            sign=-1,
            values={
                "partner": "partner",
                "counterparty": "counterparty",
                "order": "order",
                "amount": "=l.amount",  # the line's (the header has an amount too)
            },
        ),
        # The part not allocated to an order.
        Movements(
            "supplier_settlements",
            sign=-1,
            values={
                "partner": "partner",
                "counterparty": "counterparty",
                "order": "=0",
                "amount": f"=h.amount - {ALLOCATED}",
            },
            where=f"h.amount > {ALLOCATED}",
        ),
    ),
    hooks=("supplier_payment_check",),
)

DECLARED = (SUPPLIER_PAYMENT,)
