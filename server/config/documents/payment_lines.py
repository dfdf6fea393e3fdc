"""What customer and supplier payments share: how the money was paid, the allocation of the
amount to orders, and their two settlement movements — the allocated lines against their
orders, the rest (an advance when it exceeds the debt) without an order (order 0)."""

from server.metadata import Choice, DocRef, Money, Movements, Table

PAYMENT_KIND = Choice(
    "kind",
    "Paid by",
    required=True,
    options=(("bank", "Bank transfer"), ("cash", "Cash")),
    default="bank",
)


def allocation(order_target: str, order_title: str) -> Table:
    """The ``orders`` section: which orders the amount pays, and how much of it each."""
    return Table(
        "orders",
        (
            DocRef("order", order_title, required=True, target=order_target),
            Money("amount", "Amount", required=True, positive=True),
        ),
        title="Allocation to orders",
    )


def allocated(doc: str) -> str:
    """SQL over a posting's header ``h``: the part of the amount its lines allocate."""
    return (
        f"(SELECT coalesce(sum(a.amount), 0) FROM kontora.doc_{doc}_orders a WHERE a.doc_id = h.id)"
    )


def settlement_movements(register: str, doc: str) -> tuple[Movements, Movements]:
    """−settlements: each allocation line against its order, the rest without an order."""
    who = {"partner": "partner", "counterparty": "counterparty"}
    return (
        Movements(
            register,
            table="orders",
            sign=-1,
            # the line's amount (the header has an amount too)
            values={**who, "order": "order", "amount": "=l.amount"},
        ),
        Movements(
            register,
            sign=-1,
            where=f"h.amount > {allocated(doc)}",
            values={**who, "order": "=0", "amount": f"=h.amount - {allocated(doc)}"},
        ),
    )
