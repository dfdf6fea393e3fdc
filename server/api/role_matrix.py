"""The role matrix: what each role may read, write and post, object by object — read from the
privileges PostgreSQL actually holds (``has_table_privilege``/``has_function_privilege`` of
each ``kontora_<role>`` group), not from a copy of the rules.

Read: SELECT on the object's table. Write: INSERT on a catalog's or information register's
table, EXECUTE on a document's save routine. Post: EXECUTE on a document's post routine (only
for documents that are posted).
"""

from __future__ import annotations

from dataclasses import dataclass

from server.api.session import Session
from server.config.roles import ROLE_WRITES, group_role
from server.metadata import Registry

S = "kontora"
READ, WRITE, POST = "read", "write", "post"


@dataclass(frozen=True)
class MatrixRow:
    """One object and, per role, the rights it holds (a subset of read, write, post)."""

    kind: str
    name: str
    title: str
    subsystem: str
    rights: dict[str, frozenset[str]]

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"


def _table_rights(table: str) -> dict[str, str]:
    """Read and write of an object written straight into its table (catalogs, registers)."""
    t = f"'{S}.{table}'"
    return {
        READ: f"has_table_privilege(r, {t}, 'SELECT')",
        WRITE: f"has_table_privilege(r, {t}, 'INSERT')",
    }


def _checks(reg: Registry) -> list[tuple[str, str, str, str, dict[str, str]]]:
    """(kind, name, title, subsystem, {right: SQL over the group role r}) of every object."""
    out = [
        ("catalog", c.name, c.title, c.subsystem, _table_rights(c.table))
        for c in reg.catalogs.values()
    ]
    for d in reg.documents.values():
        rights = {
            READ: f"has_table_privilege(r, '{S}.{d.table}', 'SELECT')",
            WRITE: f"has_function_privilege(r, '{S}.{d.table}_save(jsonb, boolean)', 'EXECUTE')",
        }
        if d.postable:
            rights[POST] = (
                f"has_function_privilege(r, '{S}.{d.table}_post(bigint, boolean)', 'EXECUTE')"
            )
        out.append(("document", d.name, d.title, d.subsystem, rights))
    out += [
        ("info_register", ir.name, ir.title, ir.subsystem, _table_rights(ir.table))
        for ir in reg.info_registers.values()
    ]
    return out


def role_matrix(session: Session, reg: Registry) -> list[MatrixRow]:
    """Every catalog, document and information register with each role's rights."""
    checks = _checks(reg)
    columns = [
        f"{sql} AS c{i}_{right}"
        for i, (*_, rights) in enumerate(checks)
        for right, sql in rights.items()
    ]
    roles = list(ROLE_WRITES)
    rows = session.rows(
        f"SELECT r, {', '.join(columns)} FROM unnest(CAST(:groups AS text[])) r",
        groups=[group_role(x) for x in roles],
    )
    by_group = {row["r"]: row for row in rows}
    out = []
    for i, (kind, name, title, sub, rights) in enumerate(checks):
        held = {
            role: frozenset(r for r in rights if by_group[group_role(role)][f"c{i}_{r}"])
            for role in roles
        }
        out.append(MatrixRow(kind, name, title, sub, held))
    return out
