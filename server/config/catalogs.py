"""Reference catalogs shared by the documents: what is traded, where, by whom and with whom."""

from decimal import Decimal

from server.metadata import (
    Bool,
    Catalog,
    Choice,
    Int,
    Money,
    Number,
    Picture,
    Qty,
    Ref,
    String,
    Table,
    Text,
)

UNITS = Catalog(
    "units",
    "Units",
    "core",
    fields=(Int("precision", "Decimals", required=True, minimum=0, maximum=3),),
)
VAT_RATES = Catalog(
    "vat_rates",
    "VAT rates",
    "core",
    fields=(
        # A percentage, or none at all for goods sold without VAT (not the same as 0 %).
        Number("rate", "Rate, %", nonnegative=True, maximum=Decimal(100)),
        Bool("no_vat", "Without VAT"),
    ),
)
PRODUCTS = Catalog(
    "products",
    "Products",
    "core",
    hierarchical=True,
    fields=(
        Ref("unit", "Unit", required=True, target="units"),
        String("article", "SKU", max_len=50, indexed=True),
        Money("price", "Price", nonnegative=True),
        String("barcode", "Barcode", max_len=64, indexed=True),
        Qty("min_stock", "Minimum stock", nonnegative=True),
        Ref("vat_rate", "VAT rate", target="vat_rates"),
    ),
)
WAREHOUSES = Catalog(
    "warehouses",
    "Warehouses",
    "warehouses",
    fields=(String("address", "Address", max_len=300),),
)

#: Requisites a print form needs of a legal entity (ours or a counterparty).
_LEGAL = (
    String("full_name", "Full name", max_len=300),
    String("tax_id", "Tax ID", max_len=12, indexed=True),
    String("kpp", "Tax registration reason code (KPP)", max_len=9),
    String("address", "Legal address", max_len=300),
    String("bank_name", "Bank", max_len=150),
    String("bank_bic", "Bank BIC", max_len=9),
    String("bank_account", "Bank account", max_len=20),
    String("corr_account", "Correspondent account", max_len=20),
    String("phone", "Phone", max_len=50),
)
ORGANIZATIONS = Catalog(
    "organizations",
    "Organizations",
    "core",
    fields=(
        *_LEGAL,
        String("director", "Director", max_len=150),
        String("chief_accountant", "Chief accountant", max_len=150),
        Picture("logo", "Logo"),
    ),
)
PAYMENT_TERMS = Catalog(
    "payment_terms",
    "Payment terms",
    "core",
    fields=(
        Number("prepayment_percent", "Prepayment, %", nonnegative=True, maximum=Decimal(100)),
        Int("days_due", "Days to pay", minimum=0, maximum=3650),
    ),
)
PARTNERS = Catalog(
    "partners",
    "Partners",
    "core",
    hierarchical=True,
    fields=(
        Bool("is_client", "Client"),
        Bool("is_supplier", "Supplier"),
        String("manager", "Manager", max_len=63),  # the login of the responsible manager
        Money("credit_limit", "Credit limit", nonnegative=True),
        Ref("payment_terms", "Payment terms", target="payment_terms"),
        String("phone", "Phone", max_len=50),
        String("email", "E-mail", max_len=150),
        # Where the partner heard of us (marketing): carried to its deals.
        Ref("channel", "Advertising channel", target="ad_channels"),
        Ref("event", "Marketing event", target="marketing_events"),
        String("region", "Region", max_len=100),  # segments select partners by it
        Text("comment", "Comment"),
    ),
    tables=(Table("tags", (Ref("tag", "Tag", required=True, target="tags"),), "Tags"),),
)
COUNTERPARTIES = Catalog(
    "counterparties",
    "Counterparties",
    "core",
    hierarchical=True,
    fields=(
        Ref("partner", "Partner", required=True, target="partners"),
        Choice(
            "legal_form",
            "Legal form",
            options=(
                ("company", "Company"),
                ("entrepreneur", "Sole entrepreneur"),
                ("person", "Private person"),
            ),
            default="company",
        ),
        *_LEGAL,
    ),
)
CONTACT_PERSONS = Catalog(
    "contact_persons",
    "Contact persons",
    "core",
    fields=(
        Ref("partner", "Partner", required=True, target="partners"),
        String("position", "Position", max_len=150),
        String("phone", "Phone", max_len=50),
        String("email", "E-mail", max_len=150),
        # Asked not to receive mailings: left out of every mailing list (server/api/segments.py)
        Bool("opt_out", "Opted out of mailings"),
    ),
)
PRICE_TYPES = Catalog(
    "price_types",
    "Price types",
    "sales",
    fields=(
        Bool("vat_included", "Prices include VAT"),
        # Purchase prices: posting a goods receipt records its prices as this type's (1C).
        Bool("from_purchases", "Recorded by goods receipts"),
    ),
)
EXPENSE_ITEMS = Catalog(
    "expense_items",
    "Expense items",
    "inventory",
    fields=(Text("comment", "Comment"),),
)

DECLARED = (
    UNITS,
    VAT_RATES,
    PRODUCTS,
    WAREHOUSES,
    ORGANIZATIONS,
    PAYMENT_TERMS,
    PARTNERS,
    COUNTERPARTIES,
    CONTACT_PERSONS,
    PRICE_TYPES,
    EXPENSE_ITEMS,
)
