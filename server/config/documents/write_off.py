"""Write-off: goods leave a warehouse as shortage or spoilage (−stock)."""

from server.metadata import BasedOn, Document, Movements, Qty, Ref, String, Table, Text

WRITE_OFF = Document(
    "write_off",
    "Write-off",
    "inventory",
    number_prefix="WO",
    header=(
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        String("reason", "Reason", max_len=100),
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
    # A delivery found spoiled: write off the same goods from the same warehouse.
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
        # Free stock (on hand − reserved) follows the goods (sales orders reserve from it).
        Movements(
            "free_stock",
            table="lines",
            sign=-1,
            values={"warehouse": "warehouse", "product": "product", "quantity": "quantity"},
        ),
    ),
)

DECLARED = (WRITE_OFF,)
