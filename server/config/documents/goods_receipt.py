"""Goods receipt: goods arrive at a warehouse from a supplier (+stock)."""

from server.metadata import Document, Money, Movements, Qty, Ref, Table, Text

GOODS_RECEIPT = Document(
    "goods_receipt",
    "Goods receipt",
    "inventory",
    number_prefix="GR",
    header=(
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        Ref("supplier", "Supplier", target="counterparties"),
        Text("comment", "Comment"),
    ),
    tables=(
        Table(
            "lines",
            (
                Ref("product", "Product", required=True, target="products"),
                Qty("quantity", "Quantity", required=True, positive=True, unit_from="product"),
                Money("price", "Price", nonnegative=True),
                Money("amount", "Amount", nonnegative=True, product_of=("quantity", "price")),
            ),
            title="Goods",
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
                # The cost the goods arrive at (purchasing: the amount net of VAT).
                "cost": "amount",
            },
        ),
        # Free stock (on hand − reserved) follows the goods (sales orders reserve from it).
        Movements(
            "free_stock",
            table="lines",
            sign=+1,
            values={"warehouse": "warehouse", "product": "product", "quantity": "quantity"},
        ),
    ),
)

DECLARED = (GOODS_RECEIPT,)
