"""The declared print forms of the documents (blocks in :mod:`reports.print_layout`).

Each is the document's default print form (Print, Ctrl+P); the generic form follows it in the
Print menu. Titles and roles are translated in the context "PrintForm".
"""

from __future__ import annotations

from reports.print_form import QT_TRANSLATE_NOOP
from reports.print_layout import (
    BankDetails,
    Fields,
    Heading,
    InWords,
    Layout,
    Lines,
    Notes,
    Parties,
    Signatures,
    Title,
    Totals,
    VatBreakdown,
    declare,
)

DIRECTOR = (QT_TRANSLATE_NOOP("PrintForm", "Director"), "director")
ACCOUNTANT = (QT_TRANSLATE_NOOP("PrintForm", "Chief accountant"), "chief_accountant")
RELEASED = (QT_TRANSLATE_NOOP("PrintForm", "Released by"), "")
RECEIVED = (QT_TRANSLATE_NOOP("PrintForm", "Received by"), "")
CASHIER = (QT_TRANSLATE_NOOP("PrintForm", "Cashier"), "")
STOREKEEPER = (QT_TRANSLATE_NOOP("PrintForm", "Storekeeper"), "")
MEMBER = (QT_TRANSLATE_NOOP("PrintForm", "Commission member"), "")
CHAIRMAN = (QT_TRANSLATE_NOOP("PrintForm", "Commission chairman"), "director")
SUPPLIER = QT_TRANSLATE_NOOP("PrintForm", "Supplier")
BUYER = QT_TRANSLATE_NOOP("PrintForm", "Buyer")
CONSIGNEE = QT_TRANSLATE_NOOP("PrintForm", "Consignee")
PAYER = QT_TRANSLATE_NOOP("PrintForm", "Payer")
RECIPIENT = QT_TRANSLATE_NOOP("PrintForm", "Recipient")
TRADE = ("product", "unit", "quantity", "price", "amount", "vat_rate", "vat_amount", "total")
COUNT_COLUMNS = ("product", "unit", "book_quantity", "counted_quantity", "difference")
#: the trade document's end: VAT by rate, totals, the total in words
TRADE_END = (VatBreakdown(), Totals(), InWords())

INVOICE = declare(
    Layout(
        "sales_order",
        "invoice",
        QT_TRANSLATE_NOOP("PrintForm", "Invoice for payment"),
        (
            Heading(),
            BankDetails(),
            Title(QT_TRANSLATE_NOOP("PrintForm", "Invoice for payment No. {number} of {date}")),
            Parties(((SUPPLIER, "organization"), (BUYER, "counterparty|partner"))),
            Lines(("product", "quantity", "unit", "price", "discount", "amount", "vat_amount")),
            *TRADE_END,
            Notes(),
            Signatures((DIRECTOR, ACCOUNTANT)),
        ),
    )
)

WAYBILL = declare(
    Layout(
        "sales_shipment",
        "waybill",
        QT_TRANSLATE_NOOP("PrintForm", "Waybill (TORG-12)"),
        (
            Heading(),
            Title(QT_TRANSLATE_NOOP("PrintForm", "Waybill No. {number} of {date}")),
            Parties(
                ((SUPPLIER, "organization"), (CONSIGNEE, "customer"), (PAYER, "customer")),
                bank=True,
            ),
            Fields(("warehouse", "order")),
            Lines(TRADE),
            *TRADE_END,
            Signatures((RELEASED, DIRECTOR, ACCOUNTANT, RECEIVED)),
        ),
    )
)

RECEIPT_NOTE = declare(
    Layout(
        "goods_receipt",
        "receipt_note",
        QT_TRANSLATE_NOOP("PrintForm", "Goods receipt note"),
        (
            Heading(),
            Title(QT_TRANSLATE_NOOP("PrintForm", "Goods receipt note No. {number} of {date}")),
            Parties(((SUPPLIER, "supplier|partner"), (RECIPIENT, "organization"))),
            Fields(("warehouse", "order")),
            Lines(TRADE),
            *TRADE_END,
            Notes(),
            Signatures((STOREKEEPER, (QT_TRANSLATE_NOOP("PrintForm", "Delivered by"), ""))),
        ),
    )
)

WRITE_OFF_ACT = declare(
    Layout(
        "write_off",
        "act",
        QT_TRANSLATE_NOOP("PrintForm", "Write-off act"),
        (
            Heading(),
            Title(QT_TRANSLATE_NOOP("PrintForm", "Write-off act No. {number} of {date}")),
            Fields(("warehouse", "reason", "expense_item")),
            Lines(("product", "unit", "quantity"), totals=()),
            Notes(),
            Signatures((CHAIRMAN, MEMBER, MEMBER)),
        ),
    )
)

COUNT_SHEET = declare(
    Layout(
        "stock_count",
        "count_sheet",
        QT_TRANSLATE_NOOP("PrintForm", "Stock count sheet"),
        (
            Heading(),
            Title(QT_TRANSLATE_NOOP("PrintForm", "Stock count sheet No. {number} of {date}")),
            Fields(("warehouse",)),
            Lines(
                ("product", "unit", "book_quantity", "counted_quantity", "difference"), totals=()
            ),
            Notes(),
            Signatures((CHAIRMAN, MEMBER, STOREKEEPER)),
        ),
    )
)

TRANSFER_NOTE = declare(
    Layout(
        "stock_transfer",
        "transfer_note",
        QT_TRANSLATE_NOOP("PrintForm", "Stock transfer note"),
        (
            Heading(),
            Title(QT_TRANSLATE_NOOP("PrintForm", "Stock transfer note No. {number} of {date}")),
            Fields(("warehouse", "to_warehouse")),
            Lines(("product", "unit", "quantity"), totals=()),
            Notes(),
            Signatures((RELEASED, RECEIVED)),
        ),
    )
)

OFFER = declare(
    Layout(
        "commercial_offer",
        "offer",
        QT_TRANSLATE_NOOP("PrintForm", "Commercial offer"),
        (
            Heading(),
            Title(QT_TRANSLATE_NOOP("PrintForm", "Commercial offer No. {number} of {date}")),
            Parties(((QT_TRANSLATE_NOOP("PrintForm", "To"), "counterparty|partner"),)),
            Fields(("valid_until", "manager")),
            Lines(("product", "quantity", "unit", "price", "discount", "amount", "vat_amount")),
            *TRADE_END,
            Notes(),
            Signatures((DIRECTOR,)),
        ),
    )
)

#: a payment's order: the title by its kind (bank or cash)
for _doc, _basis, _bank, _cash, _parties in (
    (
        "customer_payment",
        "shipment",
        QT_TRANSLATE_NOOP("PrintForm", "Payment received No. {number} of {date}"),
        QT_TRANSLATE_NOOP("PrintForm", "Cash receipt order No. {number} of {date}"),
        ((PAYER, "counterparty|partner"), (RECIPIENT, "organization")),
    ),
    (
        "supplier_payment",
        "receipt",
        QT_TRANSLATE_NOOP("PrintForm", "Payment order No. {number} of {date}"),
        QT_TRANSLATE_NOOP("PrintForm", "Cash disbursement order No. {number} of {date}"),
        ((PAYER, "organization"), (RECIPIENT, "counterparty|partner")),
    ),
):
    declare(
        Layout(
            _doc,
            "payment_order",
            QT_TRANSLATE_NOOP("PrintForm", "Payment order / cash order"),
            (
                Heading(),
                Title(by="kind", texts=(("bank", _bank), ("cash", _cash))),
                Parties(_parties, bank=True),
                Fields(("kind", "amount")),
                Lines(("order", _basis, "amount"), section="orders"),
                InWords("amount"),
                Notes(),
                Signatures((DIRECTOR, ACCOUNTANT, CASHIER)),
            ),
        )
    )

SALARY = declare(
    Layout(
        "salary_payment",
        "payment_order",
        QT_TRANSLATE_NOOP("PrintForm", "Payment order / cash order"),
        (
            Heading(),
            Title(
                by="kind",
                texts=(
                    (
                        "bank",
                        QT_TRANSLATE_NOOP(
                            "PrintForm", "Salary payment order No. {number} of {date}"
                        ),
                    ),
                    (
                        "cash",
                        QT_TRANSLATE_NOOP("PrintForm", "Payroll cash order No. {number} of {date}"),
                    ),
                ),
            ),
            Parties(((PAYER, "organization"),), bank=True),
            Fields(("kind", "department")),
            Lines(("employee", "amount")),
            InWords("lines"),
            Notes(),
            Signatures((DIRECTOR, ACCOUNTANT, CASHIER)),
        ),
    )
)
