"""Accumulation and information registers."""

from server.metadata import (
    AccumulationRegister,
    Costing,
    InformationRegister,
    Money,
    Qty,
    Ref,
    RegisterKind,
)

STOCK = AccumulationRegister(
    "stock",
    "Stock",
    "inventory",
    RegisterKind.BALANCE,
    dimensions=(
        Ref("warehouse", "Warehouse", target="warehouses"),
        Ref("product", "Product", target="products"),
    ),
    resources=(
        Qty("quantity", "Quantity", unit_from="product"),
        # Moving-average cost, recalculated exactly when an earlier movement changes.
        Money("cost", "Cost"),
    ),
    non_negative=("quantity",),
    costing=Costing(
        at_average=("stock_count",),
        transfers=("stock_transfer",),
        follow=(("sales_shipment", "sales", "cost"), ("write_off", "expenses", "amount")),
    ),
)
SALES = AccumulationRegister(
    "sales",
    "Sales",
    "sales",
    RegisterKind.TURNOVER,
    dimensions=(
        Ref("customer", "Customer", target="counterparties"),
        Ref("product", "Product", target="products"),
    ),
    resources=(
        Qty("quantity", "Quantity"),
        Money("amount", "Amount"),  # revenue net of VAT
        Money("vat_amount", "VAT"),
        Money(
            "cost", "Cost"
        ),  # of the goods shipped (stock's moving average); margin = amount − cost
    ),
)
EXPENSES = AccumulationRegister(
    "expenses",
    "Expenses",
    "inventory",
    RegisterKind.TURNOVER,
    dimensions=(
        Ref("expense_item", "Expense item", target="expense_items"),
        Ref("product", "Product", target="products"),
    ),
    resources=(Money("amount", "Amount"),),
)
PRICES = InformationRegister(
    "prices",
    "Prices",
    "sales",
    periodic=True,
    dimensions=(
        Ref("price_type", "Price type", target="price_types"),
        Ref("product", "Product", target="products"),
    ),
    resources=(Money("price", "Price", nonnegative=True),),
)

DECLARED = (STOCK, SALES, EXPENSES, PRICES)
