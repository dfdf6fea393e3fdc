"""Metadata: one typed declaration per catalog, document and register.

The declarations in :mod:`server.config` drive the tables, constraints and posting SQL
(:mod:`server.schema`, :mod:`server.sqlgen`), the Python posting model and the forms.
"""

from server.metadata import formula
from server.metadata.fields import (
    Bool,
    Choice,
    DateField,
    DocRef,
    Field,
    Int,
    Moment,
    Money,
    Number,
    Picture,
    Qty,
    Ref,
    String,
    Text,
)
from server.metadata.objects import (
    AccumulationRegister,
    BasedOn,
    Catalog,
    Costing,
    Document,
    DocumentCommand,
    InformationRegister,
    Movements,
    RegisterKind,
    Subsystem,
    Table,
    lines_sum_sql,
)
from server.metadata.registry import Registry, registry

__all__ = [
    "AccumulationRegister",
    "BasedOn",
    "Bool",
    "Catalog",
    "Choice",
    "Costing",
    "DateField",
    "DocRef",
    "Document",
    "DocumentCommand",
    "Field",
    "InformationRegister",
    "Int",
    "Moment",
    "Money",
    "Movements",
    "Number",
    "Picture",
    "Qty",
    "Ref",
    "RegisterKind",
    "Registry",
    "String",
    "Subsystem",
    "Table",
    "Text",
    "formula",
    "lines_sum_sql",
    "registry",
]
