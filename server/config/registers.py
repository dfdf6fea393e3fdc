"""Accumulation and information registers."""

from server.metadata import (
    AccumulationRegister,
    Costing,
    DocRef,
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
        follow=(
            ("sales_shipment", "sales", "cost"),
            ("write_off", "expenses", "amount"),
            ("sales_return", "sales", "cost"),
        ),
        returns=(("sales_return", "shipment", "sales_shipment"),),
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
    resources=(
        Money("price", "Price", nonnegative=True),
        # The goods receipt that recorded the price (a price type "recorded by goods receipts");
        # empty for a price set by hand. Unposting the receipt removes what it recorded.
        DocRef("receipt", "Goods receipt", target="goods_receipt", indexed=True),
    ),
)

#: Goods ordered from suppliers and not received yet, by purchase order.
GOODS_EXPECTED = AccumulationRegister(
    "goods_expected",
    "Goods expected",
    "purchasing",
    RegisterKind.BALANCE,
    dimensions=(
        DocRef("order", "Purchase order", target="purchase_order"),
        Ref("product", "Product", target="products"),
    ),
    resources=(Qty("quantity", "Quantity", unit_from="product"),),
    non_negative=("quantity",),
)
#: What we owe suppliers (+ received goods) and paid them (−); a negative balance is our
#: advance. ``order`` 0 means "no order" (dimensions are never empty).
SUPPLIER_SETTLEMENTS = AccumulationRegister(
    "supplier_settlements",
    "Supplier settlements",
    "finance",
    RegisterKind.BALANCE,
    dimensions=(
        Ref("partner", "Partner", target="partners"),
        Ref("counterparty", "Counterparty", target="counterparties"),
        DocRef("order", "Purchase order", target="purchase_order"),
    ),
    resources=(Money("amount", "Debt"),),
)
PURCHASES = AccumulationRegister(
    "purchases",
    "Purchases",
    "purchasing",
    RegisterKind.TURNOVER,
    dimensions=(
        Ref("partner", "Partner", target="partners"),
        Ref("counterparty", "Counterparty", target="counterparties"),
        Ref("product", "Product", target="products"),
    ),
    resources=(
        Qty("quantity", "Quantity"),
        Money("amount", "Amount excl. VAT"),
        Money("vat_amount", "VAT"),
    ),
)

DECLARED = (STOCK, SALES, EXPENSES, PRICES, GOODS_EXPECTED, SUPPLIER_SETTLEMENTS, PURCHASES)
