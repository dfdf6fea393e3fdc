"""Switchable areas of the product and the options within them (1C functional options).

Each states what it needs (``depends``); an option (``within``) shows its objects in that
subsystem's section. A switched-off one is gone from every client and its catalogs and
documents are refused by the database; its data stays.
"""

from server.metadata import Subsystem

CORE = Subsystem("core", "Core")
INVENTORY = Subsystem("inventory", "Warehouse")
#: Off: one default warehouse; warehouse fields, the catalog and transfers are hidden.
WAREHOUSES = Subsystem(
    "warehouses", "Several warehouses", depends=("inventory",), within="inventory"
)
STOCK_COUNTS = Subsystem("stock_counts", "Stock counts", depends=("inventory",), within="inventory")
SALES = Subsystem("sales", "Sales", depends=("inventory",))
PURCHASING = Subsystem("purchasing", "Purchasing", depends=("inventory",))
CRM = Subsystem("crm", "CRM")
MARKETING = Subsystem("marketing", "Marketing", depends=("crm",))
CLAIMS = Subsystem("claims", "Claims", depends=("crm",), within="crm")
MAILING = Subsystem("mailing", "Mailing", depends=("crm",), within="crm")
PAYROLL = Subsystem("payroll", "Payroll")
FINANCE = Subsystem("finance", "Finance")

DECLARED = (
    CORE,
    INVENTORY,
    WAREHOUSES,
    STOCK_COUNTS,
    SALES,
    PURCHASING,
    CRM,
    MARKETING,
    CLAIMS,
    MAILING,
    PAYROLL,
    FINANCE,
)
