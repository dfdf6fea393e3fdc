"""Write-off: goods leave a warehouse as shortage, spoilage or internal use (−stock at cost,
+expenses by the expense item)."""

from server.metadata import BasedOn, Choice, Document, Movements, Qty, Ref, Table, Text

WRITE_OFF = Document(
    "write_off",
    "Write-off",
    "inventory",
    number_prefix="WO",
    header=(
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        Choice(
            "reason",
            "Reason",
            options=(
                ("shortage", "Shortage"),
                ("spoilage", "Spoilage"),
                ("internal_use", "Internal use"),
            ),
            default="spoilage",
        ),
        Ref("expense_item", "Expense item", required=True, target="expense_items"),
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
    # The cost of the goods leaving (and the expense, equal to it) is the stock's moving average,
    # computed by the posting (server/sqlgen/costing.py).
    posting=(
        Movements(
            "stock",
            table="lines",
            sign=-1,
            values={"warehouse": "warehouse", "product": "product", "quantity": "quantity"},
        ),
        Movements(
            "expenses",
            table="lines",
            sign=+1,
            values={"expense_item": "expense_item", "product": "product"},
        ),
    ),
)

DECLARED = (WRITE_OFF,)
