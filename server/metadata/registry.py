"""The registry of all declarations, filled by :mod:`server.config`."""

from __future__ import annotations

from dataclasses import dataclass, field

from server.metadata.objects import (
    AccumulationRegister,
    Catalog,
    Document,
    InformationRegister,
    Subsystem,
)


@dataclass
class Registry:
    subsystems: dict[str, Subsystem] = field(default_factory=dict)
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    registers: dict[str, AccumulationRegister] = field(default_factory=dict)
    info_registers: dict[str, InformationRegister] = field(default_factory=dict)

    def add(self, *objs: object) -> None:
        for obj in objs:
            bucket: dict = {
                Subsystem: self.subsystems,
                Catalog: self.catalogs,
                Document: self.documents,
                AccumulationRegister: self.registers,
                InformationRegister: self.info_registers,
            }[type(obj)]
            name = obj.name  # type: ignore[attr-defined]
            if name in bucket:
                raise ValueError(f"{type(obj).__name__} {name!r} is declared twice")
            bucket[name] = obj

    def document(self, name: str) -> Document:
        return self.documents[name]

    def register(self, name: str) -> AccumulationRegister:
        return self.registers[name]

    def stored_registers(self) -> list[AccumulationRegister]:
        """The accumulation registers with tables of their own (all but the derived ones)."""
        return [r for r in self.registers.values() if not r.derived]

    def derived_from(self, registers: tuple[str, ...]) -> list[AccumulationRegister]:
        """The derived registers with a component among ``registers`` (a posting to any of
        them locks their keys and keeps them non-negative)."""
        names = set(registers)
        return [r for r in self.registers.values() if any(c in names for c, _ in r.components)]

    def computed_resources(self, document: str, register: str) -> frozenset[str]:
        """Resources of ``register`` that ``document``'s posting leaves to the cost
        recalculation when its movements do not give them (written as 0, then computed)."""
        out = set()
        for r in self.registers.values():
            if r.costing is None:
                continue
            if r.name == register:
                out.add(r.costing.amount)
            out |= {res for doc, reg, res in r.costing.follow if (doc, reg) == (document, register)}
        return frozenset(out)


registry = Registry()
