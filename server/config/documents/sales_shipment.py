"""Sales shipment: goods shipped to a customer (−stock, +sales)."""

from server.metadata import BasedOn, Document, Money, Movements, Qty, Ref, Table, Text

SALES_SHIPMENT = Document(
    "sales_shipment",
    "Sales shipment",
    "sales",
    number_prefix="SS",
    header=(
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        Ref("customer", "Customer", required=True, target="counterparties"),
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
    # Cross-docking: ship the goods and quantities just received (prices are the seller's own).
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
            "sales",
            table="lines",
            sign=+1,
            values={
                "customer": "customer",
                "product": "product",
                "quantity": "quantity",
                "amount": "amount",
            },
        ),
    ),
)

DECLARED = (SALES_SHIPMENT,)
