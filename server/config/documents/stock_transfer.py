"""Stock transfer: goods move between two warehouses at their cost (−stock at the source at the
moving average, +stock at the destination with the same cost)."""

from server.metadata import BasedOn, Document, Movements, Qty, Ref, Table, Text

STOCK_TRANSFER = Document(
    "stock_transfer",
    "Stock transfer",
    "warehouses",
    number_prefix="ST",
    header=(
        Ref("warehouse", "From warehouse", required=True, target="warehouses"),
        Ref("to_warehouse", "To warehouse", required=True, target="warehouses"),
        Text("comment", "Comment"),
    ),
    tables=(
        Table(
            "lines",
            (
                Ref("product", "Product", required=True, target="products"),
                Qty("quantity", "Quantity", required=True, positive=True, unit_from="product"),
            ),
            title="Goods",
        ),
    ),
    # Move what has just arrived on to another warehouse.
    based_on=(
        BasedOn(
            "goods_receipt",
            header={"warehouse": "warehouse"},
            lines={"lines": ("lines", {"product": "product", "quantity": "quantity"})},
        ),
    ),
    posting=(
        Movements(
            "stock",
            table="lines",
            sign=-1,
            values={"warehouse": "warehouse", "product": "product", "quantity": "quantity"},
        ),
        Movements(
            "stock",
            table="lines",
            sign=+1,
            values={"warehouse": "to_warehouse", "product": "product", "quantity": "quantity"},
        ),
    ),
    hooks=("stock_transfer_check",),
)

DECLARED = (STOCK_TRANSFER,)
