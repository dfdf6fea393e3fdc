"""Opening stock balances (1C "Ввод начальных остатков"): what each warehouse holds when the
company starts keeping its books in Kontora, with its cost: +stock (quantity and cost, the
moving average starts from it). No supplier, no settlements, no purchase prices."""

from server.metadata import Document, Money, Movements, Qty, Ref, Table, Text

OPENING_STOCK = Document(
    "opening_stock",
    "Opening stock balances",
    "inventory",
    number_prefix="OB",
    header=(
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        Text("comment", "Comment"),
    ),
    tables=(
        Table(
            "lines",
            (
                Ref("product", "Product", required=True, target="products"),
                Qty("quantity", "Quantity", required=True, positive=True, unit_from="product"),
                Money("cost", "Cost", nonnegative=True),
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
                "cost": "=coalesce(l.cost, 0)",
            },
        ),
    ),
)

DECLARED = (OPENING_STOCK,)
