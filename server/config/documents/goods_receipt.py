"""Goods receipt: goods arrive at a warehouse from a supplier, optionally against a purchase
order: +stock, −goods expected, +supplier settlements (what we owe), +purchases."""

from server.config.documents.trade_lines import (
    DOC_TOTAL,
    LINE_NET,
    LINE_TOTAL,
    VAT_INCLUDED,
    trade_fields,
)
from server.metadata import BasedOn, DocRef, Document, Movements, Ref, Table, Text

#: The partner of the receipt, or else the partner of its counterparty.
PARTNER = (
    "=coalesce(h.partner_id, (SELECT c.partner_id FROM kontora.cat_counterparties c"
    " WHERE c.id = h.supplier_id))"
)

GOODS_RECEIPT = Document(
    "goods_receipt",
    "Goods receipt",
    "inventory",
    number_prefix="GR",
    header=(
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        DocRef("order", "Purchase order", target="purchase_order"),
        Ref("partner", "Partner", target="partners"),
        # The counterparty (legal entity) we received from; named "supplier" since the start.
        Ref("supplier", "Supplier", target="counterparties", within="partner"),
        VAT_INCLUDED,
        Text("comment", "Comment"),
    ),
    tables=(Table("lines", trade_fields(), title="Goods"),),
    based_on=(
        BasedOn(
            "purchase_order",
            header={
                "warehouse": "warehouse",
                "partner": "partner",
                "supplier": "counterparty",
                "vat_included": "vat_included",
            },
            lines={
                "lines": (
                    "lines",
                    {f: f for f in ("product", "quantity", "price", "discount", "vat_rate")},
                )
            },
        ),
    ),
    posting=(
        Movements(
            "stock",
            table="lines",
            sign=+1,
            values={
                "warehouse": "warehouse",
                "product": "product",
                "quantity": "quantity",
                # The goods arrive at their amount net of VAT (VAT is not a cost).
                "cost": LINE_NET,
            },
        ),
        Movements(
            "goods_expected",
            table="lines",
            sign=-1,
            values={"order": "order", "product": "product", "quantity": "quantity"},
            where="h.order_id IS NOT NULL",
        ),
        Movements(
            "supplier_settlements",
            table="lines",
            values={
                "partner": PARTNER,
                "counterparty": "supplier",
                "order": "=coalesce(h.order_id, 0)",
                "amount": LINE_TOTAL,
            },
            where="h.supplier_id IS NOT NULL",
        ),
        Movements(
            "purchases",
            table="lines",
            values={
                "partner": PARTNER,
                "counterparty": "supplier",
                "product": "product",
                "quantity": "quantity",
                "amount": LINE_NET,
                "vat_amount": "vat_amount",
            },
            where="h.supplier_id IS NOT NULL",
        ),
    ),
    hooks=("goods_receipt_check", "goods_receipt_prices"),
    total=DOC_TOTAL,
)

DECLARED = (GOODS_RECEIPT,)
