"""Kontora's declarations: subsystems, catalogs, registers and documents, each declared once."""

from server.config import (
    catalogs,
    crm,
    interactions,
    payroll,
    registers,
    sales_registers,
    segments,
    subsystems,
)
from server.config.documents import (
    commercial_offer,
    customer_payment,
    goods_receipt,
    opening_stock,
    payroll_sheet,
    purchase_order,
    salary_payment,
    sales_order,
    sales_return,
    sales_shipment,
    stock_count,
    stock_transfer,
    supplier_payment,
    write_off,
)
from server.metadata import registry

_MODULES = (
    subsystems,
    catalogs,
    crm,
    interactions,
    segments,
    registers,
    purchase_order,
    sales_registers,
    goods_receipt,
    opening_stock,
    write_off,
    stock_transfer,
    stock_count,
    commercial_offer,
    sales_order,
    sales_shipment,
    sales_return,
    customer_payment,
    supplier_payment,
    payroll,
    payroll_sheet,
    salary_payment,
)


def load() -> None:
    """Fill the global registry once (idempotent)."""
    if registry.documents:
        return
    for module in _MODULES:
        registry.add(*module.DECLARED)


load()
