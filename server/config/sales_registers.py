"""Registers of selling: customer orders, reserves, free stock and customer settlements.

Free stock = on hand − reserved, derived from the stock and reserves registers (no movements
of its own: posting writes three tables fewer); PostgreSQL refuses any posting after which it
would be negative at some moment (over-reserving, shipping or writing off goods reserved for
an order), naming the shortfall.
"""

from server.metadata import AccumulationRegister, DocRef, Money, Qty, Ref, RegisterKind

#: Dimension value of settlements and order payments that belong to no order (an advance).
NO_ORDER = 0
#: Product dimension of an order's payments in ``customer_orders`` (they pay the order).
WHOLE_ORDER = 0

CUSTOMER_ORDERS = AccumulationRegister(
    "customer_orders",
    "Customer orders",
    "sales",
    RegisterKind.BALANCE,
    dimensions=(
        DocRef("order", "Order", target="sales_order"),
        Ref("product", "Product", target="products"),
    ),
    resources=(
        Qty("quantity", "Quantity to ship", unit_from="product"),
        Money("amount", "Amount to pay"),
    ),
    non_negative=("quantity",),
)
RESERVES = AccumulationRegister(
    "reserves",
    "Reserves",
    "inventory",
    RegisterKind.BALANCE,
    dimensions=(
        Ref("warehouse", "Warehouse", target="warehouses"),
        Ref("product", "Product", target="products"),
        DocRef("order", "Order", target="sales_order"),
    ),
    resources=(Qty("quantity", "Quantity reserved", unit_from="product"),),
    non_negative=("quantity",),
)
FREE_STOCK = AccumulationRegister(
    "free_stock",
    "Free stock",
    "inventory",
    RegisterKind.BALANCE,
    dimensions=(
        Ref("warehouse", "Warehouse", target="warehouses"),
        Ref("product", "Product", target="products"),
    ),
    resources=(Qty("quantity", "Quantity", unit_from="product"),),
    non_negative=("quantity",),
    components=(("stock", +1), ("reserves", -1)),
)
CUSTOMER_SETTLEMENTS = AccumulationRegister(
    "customer_settlements",
    "Customer settlements",
    "finance",
    RegisterKind.BALANCE,
    dimensions=(
        Ref("partner", "Partner", target="partners"),
        Ref("counterparty", "Counterparty", target="counterparties"),
        DocRef("order", "Order", target="sales_order"),
    ),
    # + what the customer owes, − what they paid; a negative balance is an advance.
    resources=(Money("amount", "Debt"),),
)

DECLARED = (CUSTOMER_ORDERS, RESERVES, FREE_STOCK, CUSTOMER_SETTLEMENTS)
