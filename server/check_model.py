"""A Python model of the posting rules (plain rules only: no conditions, no SQL expressions).

Not used by the consistency check, which computes the movements with the posting's own SQL
(server/check_docs.py); kept as an executable statement of what a plain rule means
(tests/test_check.py).
"""

from __future__ import annotations

from typing import Any

from server.metadata import Document, Field, Movements, Registry, registry


def _get(row: dict[str, Any], f: Field) -> Any:
    return row[f.column] if f.column in row else row.get(f.name)


def _plain(m: Movements) -> bool:
    """A rule the Python model can follow: no condition, every value a field."""
    return m.where is None and not any(v.startswith("=") for v in m.values.values())


def expected_movements(
    document_decl: Document,
    header: dict[str, Any],
    lines: dict[str, list[dict[str, Any]]],
    reg: Registry | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The movements posting writes, per register, in posting order.

    ``header`` and each line may use field names (``warehouse``) or columns (``warehouse_id``);
    lines are taken in ``line_no`` order when they have one. Each movement is a dict with
    ``period`` (the header date) and the register's dimension and resource columns, resources
    multiplied by the rule's sign. Pure: touches no database.
    """
    reg = reg or registry
    d = document_decl
    # Movements by a condition or an SQL expression are PostgreSQL's alone: their registers are
    # left out of the model (the register checks still compare their totals and balances).
    modelled = [n for n in d.registers if all(_plain(m) for m in d.posting if m.register == n)]
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in modelled}
    for m in d.posting:
        if m.register not in out:
            continue
        r = reg.register(m.register)
        rows = lines.get(m.table, []) if m.table else [{}]
        if m.table and rows and "line_no" in rows[0]:
            rows = sorted(rows, key=lambda x: x["line_no"])
        for line in rows:
            mv: dict[str, Any] = {"period": header["date"]}
            computed = reg.computed_resources(d.name, r.name)
            for f in (*r.dimensions, *r.resources):
                source = m.values.get(f.name)
                if source is None and f.name in computed:
                    mv[f.column] = None  # a cost: checked by server/check_cost.py
                    continue
                assert source is not None, f"{d.name}: no value for {r.name}.{f.name}"
                hf = d.header_field(source)
                if hf is not None:
                    v = _get(header, hf)
                else:
                    assert m.table, f"{d.name}: {source} is not a header field"
                    v = _get(line, d.tabular(m.table).field(source))
                if f in r.resources and m.sign < 0 and v is not None:
                    v = -v
                mv[f.column] = v
            out[m.register].append(mv)
    return out
