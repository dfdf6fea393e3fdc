"""Customer payment (bank or cash): −customer settlements, allocated to orders (−their amount
to pay); what no line allocates is an advance (settlements with no order)."""

from server.config.documents.payment_lines import (
    PAYMENT_KIND,
    allocation,
    settlement_movements,
)
from server.metadata import BasedOn, Document, Money, Movements, Ref, Text

CUSTOMER_PAYMENT = Document(
    "customer_payment",
    "Customer payment",
    "finance",
    number_prefix="CP",
    header=(
        PAYMENT_KIND,
        Ref("partner", "Partner", required=True, target="partners"),
        Ref(
            "counterparty", "Counterparty", required=True, target="counterparties", within="partner"
        ),
        Money("amount", "Amount", required=True, positive=True),
        Text("comment", "Comment"),
    ),
    tables=(allocation("sales_order", "Order"),),
    # The order's unpaid amount; server/api/fill.py writes the allocation line.
    based_on=(
        BasedOn("sales_order", header={"partner": "partner", "counterparty": "counterparty"}),
    ),
    posting=(
        *settlement_movements("customer_settlements", "customer_payment"),
        Movements(
            "customer_orders",
            table="orders",
            sign=-1,
            values={"order": "order", "product": "=0", "quantity": "=0", "amount": "=l.amount"},
        ),
    ),
    hooks=("customer_payment_check",),
)

DECLARED = (CUSTOMER_PAYMENT,)
