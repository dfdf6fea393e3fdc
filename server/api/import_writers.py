"""How each import target resolves its references and writes its rows (one SQL builder per
kind: catalog items, the prices register, the opening stock document)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from server.api.documents import new_document
from server.api.documents import validate as validate_document
from server.api.import_targets import Column, Target, norm
from server.api.session import Session, to_json
from server.errors import QT_TRANSLATE_NOOP, InvalidValue, Owner
from server.metadata import Ref, Registry

S = "kontora"
Rows = list[Any]  # importing.Row: number, values (key -> checked value), cells
T_NOT_FOUND = QT_TRANSLATE_NOOP("errors", "is not found by code or name")
T_SEVERAL = QT_TRANSLATE_NOOP("errors", "matches several items; give the code")
T_NO_ORGANIZATION = QT_TRANSLATE_NOOP("errors", "is required: there is no organization")
_AMBIGUOUS = -1


class Lookups:
    """References by code, name (and a product's SKU), read once per catalog per import."""

    def __init__(self, session: Session, reg: Registry, t: Target) -> None:
        self.session = session
        self.reg = reg
        self.t = t
        self._maps: dict[tuple[str, bool], dict[str, int]] = {}
        self._units: dict[int, tuple[str, int]] | None = None
        self._existing: dict[str, set[str]] = {}

    def _load(self, target: str, groups: bool) -> dict[str, int]:
        c = self.reg.catalogs[target]
        extra = ", article" if target == "products" else ""
        extra += ", rate" if target == "vat_rates" else ""
        kind = ("is_group = :g" if groups else "NOT is_group") if c.hierarchical else "true"
        rows = self.session.rows(
            f"SELECT id, code, name{extra} FROM {S}.{c.table} WHERE NOT deletion_mark AND {kind}",
            g=groups,
        )
        out: dict[str, int] = {}
        for r in rows:
            keys = {norm(r["name"])}
            if r["code"]:
                keys.add(norm(r["code"]))
            if r.get("article"):
                keys.add(norm(r["article"]))
            if r.get("rate") is not None:
                rate = f"{r['rate'].normalize():f}"
                keys |= {rate, f"{rate}%"}
            for k in keys:
                out[k] = _AMBIGUOUS if out.get(k, r["id"]) != r["id"] else r["id"]
        return out

    def resolve(self, c: Column, value: Any, owner: Owner) -> int:
        assert isinstance(c.field, Ref)
        groups = c.field.name == "parent"
        key = (c.field.target, groups)
        if key not in self._maps:
            self._maps[key] = self._load(*key)
        found = self._maps[key].get(norm(value))
        if found is None:
            raise InvalidValue(owner, c.field.label, value, T_NOT_FOUND)
        if found == _AMBIGUOUS:
            raise InvalidValue(owner, c.field.label, value, T_SEVERAL)
        return found

    def unit_of(self, product: int) -> tuple[str, int] | None:
        """The product's unit: (name, decimals)."""
        if self._units is None:
            rows = self.session.rows(
                f"SELECT p.id, u.name, u.precision FROM {S}.cat_products p "
                f"JOIN {S}.cat_units u ON u.id = p.unit_id WHERE NOT p.is_group"
            )
            self._units = {r["id"]: (r["name"], r["precision"]) for r in rows}
        return self._units.get(product)

    def exists(self, t: Target, key: str, value: Any) -> bool:
        """Whether an item of the target's catalog already has this value (a SKU)."""
        if key not in self._existing:
            col = t.column(key).field.column
            table = self.reg.catalogs[t.name].table
            rows = self.session.rows(
                f"SELECT DISTINCT {col} AS v FROM {S}.{table} WHERE {col} IS NOT NULL"
            )
            self._existing[key] = {norm(r["v"]) for r in rows}
        return norm(value) in self._existing[key]


@dataclass(frozen=True)
class Writer:
    """Writes checked rows; ``unique`` lists key tuples no two rows (nor the database, for a
    single key) may share; ``batch`` False: the whole file is one unit (a document)."""

    write: Callable[[Connection, Rows, dict[str, Any]], None]
    unique: tuple[tuple[str, ...], ...] = ()
    batch: bool = True
    begin: Callable[[Connection, dict[str, Any]], None] = lambda conn, ctx: None


def _catalog_params(cols: list[Column], values: dict[str, Any]) -> dict[str, Any]:
    return {
        **{c.field.column: values.get(c.key) for c in cols},
        "client_key": str(uuid.uuid4()),
    }


def _insert_sql(reg: Registry, catalog: str, cols: list[Column], extra: str = "") -> Any:
    c = reg.catalogs[catalog]
    names = [col.field.column for col in cols]
    if extra:
        names.append(extra)
    exprs = [f":{n}" for n in names]
    names.append("client_key")
    exprs.append("CAST(:client_key AS uuid)")
    if c.hierarchical:
        names.append("is_group")
        exprs.append("false")
    return text(
        f"INSERT INTO {S}.{c.table} ({', '.join(names)}) VALUES ({', '.join(exprs)}) RETURNING id"
    )


def _write_products(conn: Connection, rows: Rows, ctx: dict[str, Any]) -> None:
    t: Target = ctx["target"]
    cols = [c for c in t.columns if not c.part]
    conn.execute(
        _insert_sql(ctx["reg"], "products", cols), [_catalog_params(cols, r.values) for r in rows]
    )


def _write_partners(conn: Connection, rows: Rows, ctx: dict[str, Any]) -> None:
    t: Target = ctx["target"]
    own = [c for c in t.columns if not c.part]
    part = [c for c in t.columns if c.part]
    partner_sql = _insert_sql(ctx["reg"], "partners", own)
    part_sql = _insert_sql(ctx["reg"], "counterparties", part, extra="partner_id")
    for r in rows:
        pid = conn.execute(partner_sql, _catalog_params(own, r.values)).scalar_one()
        if any(r.values.get(c.key) is not None for c in part):
            conn.execute(part_sql, {**_catalog_params(part, r.values), "partner_id": pid})


def _write_prices(conn: Connection, rows: Rows, ctx: dict[str, Any]) -> None:
    sql = text(
        f"INSERT INTO {S}.inf_prices (price_type_id, product_id, period, price) "
        "VALUES (:t, :p, :d, :v) ON CONFLICT (price_type_id, product_id, period) DO UPDATE "
        "SET price = excluded.price, receipt_id = NULL"
    )
    params = [
        {
            "t": r.values["price_type"],
            "p": r.values["product"],
            "d": r.values["period"] or ctx["today"],
            "v": r.values["price"],
        }
        for r in rows
    ]
    conn.execute(sql, params)


def _opening_begin(conn: Connection, ctx: dict[str, Any]) -> None:
    if ctx.get("organization") is None:
        ctx["organization"] = conn.execute(
            text(
                f"SELECT id FROM {S}.cat_organizations WHERE NOT deletion_mark ORDER BY id LIMIT 1"
            )
        ).scalar()
    if ctx["organization"] is None:
        raise InvalidValue("Opening stock balances", "Organization", None, T_NO_ORGANIZATION)


def _write_opening(conn: Connection, rows: Rows, ctx: dict[str, Any]) -> None:
    """One posted document per warehouse, its lines in the order of the rows."""
    d = ctx["reg"].document("opening_stock")
    by_wh: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        line = {k: r.values.get(k) for k in ("product", "quantity", "cost")}
        by_wh.setdefault(r.values["warehouse"], []).append(line)
    day = ctx.get("date") or ctx["today"]
    for wh, lines in by_wh.items():
        payload = new_document(
            organization=ctx["organization"],
            date=f"{day}T00:00:00",
            warehouse=wh,
            comment=ctx.get("comment") or None,
            lines=lines,
        )
        body = to_json(validate_document(d, payload))
        conn.execute(text(f"SELECT {S}.{d.table}_save(CAST(:b AS jsonb), true)"), {"b": body})


WRITERS: dict[str, Writer] = {
    "products": Writer(_write_products, unique=(("article",),)),
    "partners": Writer(_write_partners),
    "prices": Writer(_write_prices, unique=(("price_type", "product", "period"),)),
    "opening_stock": Writer(_write_opening, batch=False, begin=_opening_begin),
}
