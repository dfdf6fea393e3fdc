"""Accumulation and information registers."""

from server.metadata import (
    AccumulationRegister,
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
    resources=(Qty("quantity", "Quantity", unit_from="product"),),
    non_negative=("quantity",),
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
    # amount: revenue net of VAT
    resources=(Qty("quantity", "Quantity"), Money("amount", "Amount"), Money("vat_amount", "VAT")),
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

DECLARED = (STOCK, SALES, PRICES)
