"""Customer payment (bank or cash): −customer settlements, allocated to orders or shipments
(−the order's amount to pay); what no line allocates is an advance (settlements with no order)."""

from server.config.documents.payment_lines import (
    PAYMENT_KIND,
    allocation,
    line_order,
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
    tables=(allocation("sales_order", "Order", "shipment", "Shipment"),),
    # The order's unpaid amount; server/api/fill.py writes the allocation line.
    based_on=(
        BasedOn("sales_order", header={"partner": "partner", "counterparty": "counterparty"}),
        # What is left to pay of the shipment, allocated to it by name.
        BasedOn("sales_shipment", header={"partner": "partner", "counterparty": "customer"}),
    ),
    posting=(
        *settlement_movements("customer_settlements", "customer_payment"),
        Movements(  # the order (a shipment's order) is paid: less of it to pay
            "customer_orders",
            table="orders",
            sign=-1,
            where=f"{line_order('customer_settlements')} <> 0",
            values={
                "order": f"={line_order('customer_settlements')}",
                "product": "=0",
                "quantity": "=0",
                "amount": "=l.amount",
            },
        ),
    ),
    hooks=("customer_payment_check",),
)

DECLARED = (CUSTOMER_PAYMENT,)
