"""Which declared fields a switched-off subsystem hides: a reference to a catalog or document
of that subsystem (a warehouse while "Several warehouses" is off, a deal while CRM is off).

Pure functions of the declarations and the set of switched-on subsystems, shared by the client
(forms/switched_on.py), the reports (server/api/reports.py) and the print forms.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from server.metadata.fields import DocRef, Field, Ref
from server.metadata.registry import Registry


def target_subsystem(reg: Registry, f: Field) -> str | None:
    """The subsystem of the object a reference field points to (None: not a reference)."""
    if isinstance(f, DocRef) and f.target in reg.documents:
        return reg.documents[f.target].subsystem
    if isinstance(f, Ref) and f.target in reg.catalogs:
        return reg.catalogs[f.target].subsystem
    if isinstance(f, Ref) and f.target in reg.documents:
        return reg.documents[f.target].subsystem
    return None


def field_on(reg: Registry, f: Field, enabled: Collection[str] | None) -> bool:
    """False for a field referring to an object of a subsystem not in ``enabled`` (None:
    not known yet, everything shown)."""
    sub = target_subsystem(reg, f)
    return enabled is None or sub is None or sub in enabled


def off_names(reg: Registry, fields: Iterable[Field], enabled: Collection[str] | None) -> set[str]:
    """Names of the ``fields`` hidden because their target's subsystem is off."""
    return {f.name for f in fields if not field_on(reg, f, enabled)}
