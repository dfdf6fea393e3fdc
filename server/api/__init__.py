"""The Python API the client calls: plain data in, plain data out; never imports Qt."""

from server.api.catalogs import Catalogs, new_item
from server.api.documents import Documents, new_document
from server.api.registers import Registers
from server.api.session import Session

__all__ = ["Catalogs", "Documents", "Registers", "Session", "new_document", "new_item"]
