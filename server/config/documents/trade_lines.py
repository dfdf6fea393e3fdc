"""The line fields of trade documents and the SQL expressions their postings share.

Convention (reports and print forms rely on the names): ``quantity``, ``price``, ``discount``
(%), ``amount`` (after the discount), ``vat_rate`` (%, empty: without VAT), ``vat_amount``;
the header's ``vat_included`` says whether prices (and so amounts) include VAT. Each line's
amount and VAT are rounded half-up to the cent; a document's total is the sum of its lines.
"""

from decimal import Decimal

from server.metadata import Bool, Field, Money, Number, Qty, Ref

AMOUNT = "round(quantity * price * (100 - nz(discount)) / 100, 2)"
VAT = (
    "round(amount * vat_rate / (100 + vat_rate), 2) if vat_included "
    "else round(amount * vat_rate / 100, 2)"
)

VAT_INCLUDED = Bool("vat_included", "Prices include VAT")


def trade_fields() -> tuple[Field, ...]:
    """product, quantity, price, discount, amount, vat_rate, vat_amount."""
    return (
        Ref("product", "Product", required=True, target="products"),
        Qty("quantity", "Quantity", required=True, positive=True, unit_from="product"),
        Money("price", "Price", nonnegative=True),
        Number("discount", "Discount, %", nonnegative=True, maximum=Decimal(100)),
        Money("amount", "Amount", nonnegative=True, formula=AMOUNT),
        Number("vat_rate", "VAT, %", nonnegative=True, maximum=Decimal(100)),
        Money("vat_amount", "VAT", nonnegative=True, formula=VAT),
    )


#: SQL over a posting's header ``h`` and line ``l``: what the customer pays for the line
#: (VAT on top is added) and the line's revenue net of VAT.
LINE_TOTAL = "=l.amount + CASE WHEN h.vat_included THEN 0 ELSE coalesce(l.vat_amount, 0) END"
#: A trade document's amount (``Document.total``): its lines' totals summed.
DOC_TOTAL = LINE_TOTAL[1:]
LINE_NET = "=l.amount - CASE WHEN h.vat_included THEN coalesce(l.vat_amount, 0) ELSE 0 END"
#: The partner of a document: its own, else its counterparty's (``customer``).
PARTNER = (
    "=coalesce(h.partner_id, "
    "(SELECT c.partner_id FROM kontora.cat_counterparties c WHERE c.id = h.customer_id))"
)
