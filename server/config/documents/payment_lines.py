"""What customer and supplier payments share: how the money was paid, the allocation of the
amount to orders or to the documents that made the debt (a shipment, a goods receipt), and
their two settlement movements — the allocated lines against their orders (a document's line:
its order, if any), the rest (an advance when it exceeds the debt) without an order (order 0).

A line allocated to a document pays that document: debts by age (server/api/report_trade.py)
take it off that document before settling the rest oldest first (:data:`TARGETED`)."""

from server.metadata import Choice, DocRef, Money, Movements, Table

PAYMENT_KIND = Choice(
    "kind",
    "Paid by",
    required=True,
    options=(("bank", "Bank transfer"), ("cash", "Cash")),
    default="bank",
)
#: settlements register -> (payment document, allocation field, the document it names)
TARGETED = {
    "customer_settlements": ("customer_payment", "shipment", "sales_shipment"),
    "supplier_settlements": ("supplier_payment", "receipt", "goods_receipt"),
}


def allocation(order_target: str, order_title: str, doc: str, doc_title: str) -> Table:
    """The ``orders`` section: which orders or debt documents (``doc``: ``shipment`` of
    ``sales_shipment``…) the amount pays, and how much of it each."""
    target = next(t for _, f, t in TARGETED.values() if f == doc)
    return Table(
        "orders",
        (
            DocRef("order", order_title, target=order_target),
            DocRef(doc, doc_title, target=target),
            Money("amount", "Amount", required=True, positive=True, summed=True),
        ),
        title="Allocation",
    )


def allocated(doc: str) -> str:
    """SQL over a posting's header ``h``: the part of the amount its lines allocate."""
    return (
        f"(SELECT coalesce(sum(a.amount), 0) FROM kontora.doc_{doc}_orders a WHERE a.doc_id = h.id)"
    )


def paid_by_name(register: str, document: str, before: str | None = None) -> str:
    """SQL: what posted payments allocate by name to the debt document whose id is the SQL
    expression ``document`` (a shipment of customer settlements…); ``before``: only payments
    dated before that SQL moment."""
    pay, field, _ = TARGETED[register]
    when = f" AND p.date < {before}" if before else ""
    return (
        f"coalesce((SELECT sum(a.amount) FROM kontora.doc_{pay}_orders a "
        f"JOIN kontora.doc_{pay} p ON p.id = a.doc_id "
        f"WHERE p.posted AND a.{field}_id = {document}{when}), 0)"
    )


def line_order(register: str) -> str:
    """SQL over an allocation line ``l``: its order, or the order of the document it names
    (0: none)."""
    _, field, target = TARGETED[register]
    return (
        f"coalesce(l.order_id, (SELECT x.order_id FROM kontora.doc_{target} x "
        f"WHERE x.id = l.{field}_id), 0)"
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
            values={**who, "order": f"={line_order(register)}", "amount": "=l.amount"},
        ),
        Movements(
            register,
            sign=-1,
            where=f"h.amount > {allocated(doc)}",
            values={**who, "order": "=0", "amount": f"=h.amount - {allocated(doc)}"},
        ),
    )
