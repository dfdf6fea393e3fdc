"""Kontora's declarations: subsystems, catalogs, registers and documents, each declared once."""

from server.config import catalogs, registers, subsystems
from server.config.documents import (
    goods_receipt,
    purchase_order,
    sales_shipment,
    supplier_payment,
    write_off,
)
from server.metadata import registry

_MODULES = (
    subsystems,
    catalogs,
    registers,
    purchase_order,
    goods_receipt,
    write_off,
    sales_shipment,
    supplier_payment,
)


def load() -> None:
    """Fill the global registry once (idempotent)."""
    if registry.documents:
        return
    for module in _MODULES:
        registry.add(*module.DECLARED)


load()
