"""Customer payment (bank or cash): −customer settlements, allocated to orders (−their amount
to pay); what no line allocates is an advance (settlements with no order)."""

from server.metadata import BasedOn, Choice, DocRef, Document, Money, Movements, Ref, Table, Text

_ALLOCATED = (
    "(SELECT coalesce(sum(a.amount), 0) FROM kontora.doc_customer_payment_orders a "
    "WHERE a.doc_id = h.id)"
)
_WHO = {"partner": "partner", "counterparty": "counterparty"}

CUSTOMER_PAYMENT = Document(
    "customer_payment",
    "Customer payment",
    "finance",
    number_prefix="CP",
    header=(
        Choice(
            "kind",
            "Paid by",
            required=True,
            options=(("bank", "Bank transfer"), ("cash", "Cash")),
            default="bank",
        ),
        Ref("partner", "Partner", required=True, target="partners"),
        Ref("counterparty", "Counterparty", required=True, target="counterparties"),
        Money("amount", "Amount", required=True, positive=True),
        Text("comment", "Comment"),
    ),
    tables=(
        Table(
            "orders",
            (
                DocRef("order", "Order", required=True, target="sales_order"),
                Money("amount", "Amount", required=True, positive=True),
            ),
            title="Allocation to orders",
        ),
    ),
    # The order's unpaid amount; server/api/fill.py writes the allocation line.
    based_on=(
        BasedOn("sales_order", header={"partner": "partner", "counterparty": "counterparty"}),
    ),
    posting=(
        Movements(
            "customer_settlements",
            table="orders",
            sign=-1,
            values={**_WHO, "order": "order", "amount": "=l.amount"},
        ),
        Movements(
            "customer_settlements",
            sign=-1,
            where=f"h.amount > {_ALLOCATED}",
            values={**_WHO, "order": "=0", "amount": f"=h.amount - {_ALLOCATED}"},
        ),
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
