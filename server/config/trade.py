"""The line fields every trade document shares (purchase order, goods receipt, …).

Convention: ``quantity``, ``price``, ``discount`` (%), ``amount`` (after the discount),
``vat_rate`` (%, empty: without VAT), ``vat_amount`` and ``total`` (what is paid for the line);
the header's ``vat_included`` says whether prices include VAT (then the amount includes it) or
VAT is added on top. Each line's amounts are rounded half-up to the cent; a document's total is
the sum of its lines, never rounded again.
"""

from decimal import Decimal

from server.metadata import Bool, Field, Money, Number, Qty, Ref

AMOUNT = "round(quantity * price * (100 - nz(discount)) / 100, 2)"
VAT = (
    "round(amount * vat_rate / (100 + vat_rate), 2) if vat_included "
    "else round(amount * vat_rate / 100, 2)"
)
TOTAL = "amount if vat_included else amount + nz(vat_amount)"

VAT_INCLUDED = Bool("vat_included", "Prices include VAT")
#: The supplier (a partner) and the legal entity of it we deal with.
SUPPLIER = Ref("partner", "Supplier", required=True, target="partners")
COUNTERPARTY = Ref(
    "counterparty", "Counterparty", required=True, target="counterparties", within="partner"
)


def trade_lines() -> tuple[Field, ...]:
    """Product, quantity, price, discount, amount, VAT rate, VAT and total of a line."""
    return (
        Ref("product", "Product", required=True, target="products"),
        Qty("quantity", "Quantity", required=True, positive=True, unit_from="product"),
        Money("price", "Price", nonnegative=True),
        Number("discount", "Discount, %", nonnegative=True, maximum=Decimal(100)),
        Money("amount", "Amount", nonnegative=True, formula=AMOUNT),
        Number("vat_rate", "VAT rate, %", nonnegative=True, maximum=Decimal(100)),
        Money("vat_amount", "VAT", nonnegative=True, formula=VAT),
        Money("total", "Total", nonnegative=True, formula=TOTAL),
    )


#: SQL over a line ``l``: its amount net of VAT (the cost of received goods).
NET_AMOUNT = "=l.total - coalesce(l.vat_amount, 0)"
