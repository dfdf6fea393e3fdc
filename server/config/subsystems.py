"""Switchable areas of the product."""

from server.metadata import Subsystem

CORE = Subsystem("core", "Core")
INVENTORY = Subsystem("inventory", "Warehouse")
SALES = Subsystem("sales", "Sales", depends=("inventory",))
PURCHASING = Subsystem("purchasing", "Purchasing", depends=("inventory",))
CRM = Subsystem("crm", "CRM")
MARKETING = Subsystem("marketing", "Marketing", depends=("crm",))
PAYROLL = Subsystem("payroll", "Payroll")
FINANCE = Subsystem("finance", "Finance")

DECLARED = (CORE, INVENTORY, SALES, PURCHASING, CRM, MARKETING, PAYROLL, FINANCE)
