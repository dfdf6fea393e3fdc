"""Global search: catalog items by name, code or barcode, documents by number.

One query per object kind, over the catalogs and documents of switched-on subsystems, each
limited (:data:`PER_KIND`) and the whole answer too (:data:`TOTAL`). Every identifier in the
SQL comes from a declaration; the user's text travels only as bound parameters.

Indexes (the database collation is ``C``, so a btree on text orders byte-wise):

* names: a prefix is a range on ``ix_<catalog>_name`` (``name >= p AND name < p || U+10FFFF``)
  for a few spellings of the text (as typed, lower case, Capitalized, UPPER); a range works
  with generic plans too, unlike ``LIKE $1``. Items that merely contain the text (or whose code
  starts with it) come after, from a scan that stops at the limit.
* barcodes: the same range on ``ix_cat_products_barcode`` (exact match first).
* document numbers: the same range on the unique ``(organization_id, number_year, number)``
  index, read backwards (newest year, highest number first) with a skip scan over the few
  organizations and years, so a prefix over a million documents reads only what it returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, text

from server.api.lists import enabled_subsystems, like_escape
from server.api.session import Session
from server.metadata import Catalog, Document, Registry

S = "kontora"
PER_KIND = 10
TOTAL = 50
TOP = "\U0010ffff"  # sorts after every character in the C collation
Match = Literal["barcode", "name", "code", "number"]


@dataclass(frozen=True)
class Hit:
    """One search result: an item of a catalog or a document."""

    kind: Literal["catalog", "document"]
    name: str  # the catalog or document declaration's name
    object_title: str  # "Products", "Sales shipment"
    id: int
    text: str  # the item's name or the document's number
    detail: str  # code and barcode of an item; the date of a document
    match: Match
    rank: int  # 0 exact barcode, 1 prefix, 2 contains
    date: dt.datetime | None = None


def spellings(q: str) -> list[str]:
    """The text as typed, lower case, Capitalized and UPPER (distinct, in that order)."""
    return list(dict.fromkeys([q, q.lower(), q[:1].upper() + q[1:].lower(), q.upper()]))


def _ranges(column: str, words: list[str], params: dict[str, Any], tag: str) -> str:
    """``(column >= lo AND column < hi AND column LIKE 'lo%')`` for each spelling, OR-ed."""
    parts = []
    for i, w in enumerate(words):
        lo, hi, pat = f"{tag}lo{i}", f"{tag}hi{i}", f"{tag}p{i}"
        params.update({lo: w, hi: w + TOP, pat: like_escape(w) + "%"})
        parts.append(f"({column} >= :{lo} AND {column} < :{hi} AND {column} LIKE :{pat})")
    return "(" + " OR ".join(parts) + ")"


def _has_barcode(c: Catalog) -> bool:
    return any(f.name == "barcode" for f in c.fields)


def catalog_sql(c: Catalog, q: str) -> tuple[str, dict[str, Any]]:
    """One statement finding items of ``c``: barcode (products), name prefix, then contains."""
    params: dict[str, Any] = {"n": PER_KIND, "contains": f"%{like_escape(q)}%"}
    params["prefix"] = like_escape(q) + "%"
    live = "NOT c.deletion_mark" + (" AND NOT c.is_group" if c.hierarchical else "")
    t = f"{S}.{c.table}"
    branches = []
    if _has_barcode(c):
        cond = _ranges("c.barcode", [q], params, "b")
        branches.append(
            f"(SELECT c.id, CASE WHEN c.barcode = :bq THEN 0 ELSE 1 END AS rank, 'barcode' AS m "
            f"FROM {t} c WHERE {cond} AND {live} ORDER BY c.barcode LIMIT :n)"
        )
        params["bq"] = q
    name = _ranges("c.name", spellings(q), params, "n")
    branches.append(
        f"(SELECT c.id, 1 AS rank, 'name' AS m FROM {t} c WHERE {name} AND {live} "
        "ORDER BY c.name LIMIT :n)"
    )
    branches.append(
        f"(SELECT c.id, 2 AS rank, CASE WHEN c.code ILIKE :prefix THEN 'code' ELSE 'name' END AS m "
        f"FROM {t} c "
        f"WHERE (c.name ILIKE :contains OR c.code ILIKE :prefix) AND {live} LIMIT :n)"
    )
    barcode = "c.barcode" if _has_barcode(c) else "NULL::text"
    sql = (
        f"SELECT c.id, c.name, c.code, {barcode} AS barcode, h.rank, h.m FROM "
        f"(SELECT DISTINCT ON (id) id, rank, m FROM ({' UNION ALL '.join(branches)}) u "
        f"ORDER BY id, rank) h JOIN {t} c ON c.id = h.id ORDER BY h.rank, c.name, c.id LIMIT :n"
    )
    return sql, params


def document_sql(d: Document, q: str) -> tuple[str, dict[str, Any]]:
    """One statement finding documents of ``d`` whose number starts with ``q`` (as typed or in
    upper case): each spelling is a backward range scan of the number index that stops at the
    limit, so a short prefix matching a million numbers reads only a page."""
    params: dict[str, Any] = {"n": PER_KIND}
    order = "ORDER BY organization_id DESC, number_year DESC, number DESC"
    branches = [
        f"(SELECT d.id, d.number, d.date, d.organization_id, d.number_year FROM {S}.{d.table} d "
        f"WHERE {_ranges('d.number', [w], params, f'd{i}')} {order} LIMIT :n)"
        for i, w in enumerate(dict.fromkeys([q, q.upper()]))
    ]
    sql = f"SELECT id, number, date FROM ({' UNION ALL '.join(branches)}) u {order} LIMIT :n"
    return sql, params


def _code_detail(r: dict[str, Any]) -> str:
    return " · ".join(str(v) for v in (r["code"], r["barcode"]) if v)


def _find(conn: Connection, reg: Registry, q: str, enabled: set[str]) -> list[Hit]:
    hits: list[Hit] = []
    for c in reg.catalogs.values():
        if c.subsystem not in enabled:
            continue
        sql, params = catalog_sql(c, q)
        for r in conn.execute(text(sql), params).mappings():
            hits.append(
                Hit(
                    "catalog",
                    c.name,
                    c.title,
                    r["id"],
                    r["name"],
                    _code_detail(r),
                    r["m"],
                    r["rank"],
                )
            )
    for d in reg.documents.values():
        if d.subsystem not in enabled:
            continue
        sql, params = document_sql(d, q)
        for r in conn.execute(text(sql), params).mappings():
            hits.append(
                Hit("document", d.name, d.title, r["id"], r["number"], "", "number", 1, r["date"])
            )
    return hits


def search(
    session: Session, reg: Registry, query: str, enabled: set[str] | None = None
) -> list[Hit]:
    """Catalog items and documents matching ``query``: exact barcodes first, then prefixes of
    names and numbers, then names containing the text; at most :data:`TOTAL`."""
    q = query.strip()
    if not q:
        return []
    on = enabled if enabled is not None else set(enabled_subsystems(session))
    hits = session.run(lambda c: _find(c, reg, q[:100], on))
    hits.sort(key=lambda h: h.rank)  # stable: declaration order within a rank
    return hits[:TOTAL]
