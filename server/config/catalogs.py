"""Reference catalogs shared by the documents."""

from server.metadata import Catalog, Int, Money, Qty, Ref, String

UNITS = Catalog(
    "units",
    "Units",
    "core",
    fields=(Int("precision", "Decimals", required=True, minimum=0, maximum=3),),
)
PRODUCTS = Catalog(
    "products",
    "Products",
    "core",
    hierarchical=True,
    fields=(
        Ref("unit", "Unit", required=True, target="units"),
        String("article", "Article", max_len=50),
        Money("price", "Price", nonnegative=True),
        String("barcode", "Barcode", max_len=64, indexed=True),
        Qty("min_stock", "Minimum stock", nonnegative=True),
    ),
)
WAREHOUSES = Catalog("warehouses", "Warehouses", "inventory")
ORGANIZATIONS = Catalog(
    "organizations", "Organizations", "core", fields=(String("tax_id", "Tax ID", max_len=12),)
)
COUNTERPARTIES = Catalog(
    "counterparties",
    "Counterparties",
    "core",
    hierarchical=True,
    fields=(String("tax_id", "Tax ID", max_len=12),),
)

DECLARED = (UNITS, PRODUCTS, WAREHOUSES, ORGANIZATIONS, COUNTERPARTIES)
