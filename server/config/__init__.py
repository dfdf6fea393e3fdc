"""Kontora's declarations: subsystems, catalogs, registers and documents, each declared once."""

from server.config import catalogs, registers, subsystems
from server.config.documents import (
    goods_receipt,
    sales_shipment,
    stock_count,
    stock_transfer,
    write_off,
)
from server.metadata import registry

_MODULES = (
    subsystems,
    catalogs,
    registers,
    goods_receipt,
    write_off,
    sales_shipment,
    stock_transfer,
    stock_count,
)


def load() -> None:
    """Fill the global registry once (idempotent)."""
    if registry.documents:
        return
    for module in _MODULES:
        registry.add(*module.DECLARED)


load()
