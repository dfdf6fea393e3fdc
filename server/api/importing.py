"""Import from Excel (.xlsx) and .csv: products, partners with their counterparties, prices and
opening stock balances (the targets of :mod:`server.api.import_targets`).

Each row is checked by the declared fields (required, number, decimals, sign, length, the
unit's decimals of a quantity), its references are resolved by code, name or SKU, and
duplicates are refused (a SKU twice in the file or already in the database, a price twice for
the same type, product and day). A refusal names the row, the column, the value and why.

Two modes: ``all`` stores nothing when any row is refused (one transaction); ``valid`` stores
every good row whole (a partner with its counterparty) and nothing of a bad one: rows are
written in batches inside savepoints and a refused batch is retried row by row, so a refusal
of PostgreSQL itself (its checks, triggers, grants) becomes that row's error with its message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from server.api.import_sheet import Sheet, cell_value
from server.api.import_targets import Column, Target, is_ref, targets
from server.api.import_writers import WRITERS, Lookups, Rows
from server.api.session import Session
from server.errors import (
    QT_TRANSLATE_NOOP,
    ForbiddenError,
    InvalidValue,
    KontoraError,
    Meta,
    Template,
    error,
    from_db,
)
from server.metadata import Choice, Qty, Registry

MODES = ("all", "valid")
BATCH = 500
T_DENIED = QT_TRANSLATE_NOOP(
    "errors", "Importing {target} needs the right to write {tables} (subsystem {subsystem})"
)
T_DUPLICATE_FILE = QT_TRANSLATE_NOOP("errors", "is the same as in row {row}")
T_DUPLICATE_DB = QT_TRANSLATE_NOOP("errors", "is already in the database")
T_UNIT_DECIMALS = QT_TRANSLATE_NOOP("errors", "allows at most {scale} decimals for unit {unit}")


@dataclass
class RowError:
    """Why a row was refused: its row number in the sheet, the column heading, the value."""

    row: int
    column: str
    value: Any
    reason: Template | str

    @property
    def text(self) -> str:
        return self.reason.render() if isinstance(self.reason, Template) else self.reason


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    cells: list[Any]


@dataclass
class Report:
    """What an import did: rows stored, rows refused (with every reason), and whether the
    database keeps anything (``all`` mode keeps nothing when a row is refused)."""

    total: int = 0
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    stored: bool = False

    @property
    def refused_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    @property
    def refused(self) -> int:
        return len(self.refused_rows)


class _Abort(Exception):
    """Rolls the whole import back (``all`` mode with a refused row)."""


def check_rights(session: Session, reg: Registry, t: Target) -> None:
    """Refuse an import the user may not store, naming what it writes and the subsystem."""
    missing = [
        Meta(title)
        for tb, title in zip(t.tables, t.table_titles, strict=True)
        if not session.scalar("SELECT has_table_privilege(:t, 'INSERT')", t=f"kontora.{tb}")
    ]
    if missing:
        raise error(
            ForbiddenError,
            Template(
                T_DENIED,
                {
                    "target": Meta(t.title),
                    "tables": list(dict.fromkeys(missing)),
                    "subsystem": Meta(reg.subsystems[t.subsystem].title),
                },
            ),
            {"target": t.name, "tables": [tb for tb in t.tables]},
        )


def _heading(sheet: Sheet, mapping: dict[str, int], key: str) -> str:
    i = mapping.get(key)
    return sheet.headings[i] if i is not None and i < len(sheet.headings) else key


def _reason(exc: KontoraError) -> Template | str:
    if isinstance(exc, InvalidValue) and exc.template is not None:
        return exc.template.params["problem"]
    return exc.template or exc.message


def _parse_row(
    t: Target, sheet: Sheet, mapping: dict[str, int], cells: list[Any], number: int, lk: Lookups
) -> tuple[dict[str, Any], list[RowError]]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    owner = Template("{object}", {"object": Meta(t.title)})
    for c in t.columns:
        i = mapping.get(c.key)
        raw = cells[i] if i is not None and i < len(cells) else None
        try:
            v = cell_value(c.field, raw, owner)
            if is_ref(c) and v is not None:
                v = lk.resolve(c, v, owner)
            values[c.key] = c.field.validate(v, owner) if not c.part else v
        except KontoraError as exc:
            errors.append(RowError(number, _heading(sheet, mapping, c.key), raw, _reason(exc)))
    return values, errors


def _check_part(t: Target, values: dict[str, Any], number: int, sheet, mapping) -> list[RowError]:
    """A partner's counterparty: present when any of its columns is filled; named after the
    partner unless named; its fields validated as declared."""
    part = [c for c in t.columns if c.part]
    if not any(values.get(c.key) is not None for c in part):
        return []
    owner = Template("{object}", {"object": Meta(t.part_title)})
    if values.get(f"{part[0].part}.name") is None:
        values[f"{part[0].part}.name"] = values.get("name")
    out = []
    for c in part:
        if values.get(c.key) is None and isinstance(c.field, Choice):
            values[c.key] = c.field.default  # a new item starts with the declared default
        try:
            values[c.key] = c.field.validate(values.get(c.key), owner)
        except KontoraError as exc:
            col = _heading(sheet, mapping, c.key)
            out.append(RowError(number, col, values.get(c.key), _reason(exc)))
    return out


def _check_decimals(c: Column, values: dict[str, Any], lk: Lookups) -> Template | None:
    """A quantity's decimals by its product's unit (the unit's precision)."""
    if not isinstance(c.field, Qty) or not c.field.unit_from or values.get(c.key) is None:
        return None
    product = values.get(c.field.unit_from)
    unit = lk.unit_of(product) if product else None
    if unit is None:
        return None
    q = values[c.key]
    if q != round(q, unit[1]):
        return Template(T_UNIT_DECIMALS, {"scale": unit[1], "unit": unit[0]})
    return None


def prepare(
    session: Session,
    reg: Registry,
    target: str,
    sheet: Sheet,
    mapping: dict[str, int],
    limit: int | None = None,
) -> tuple[list[Row], list[RowError]]:
    """The rows of ``sheet`` checked and converted (the first ``limit`` for a preview):
    good rows, and the refusals of the bad ones. Nothing is written."""
    t = targets(reg)[target]
    lk = Lookups(session, reg, t)
    good: list[Row] = []
    errors: list[RowError] = []
    seen: dict[tuple, int] = {}
    w = WRITERS[target]
    n = len(sheet.rows) if limit is None else min(limit, len(sheet.rows))
    for cells, number in zip(sheet.rows[:n], sheet.numbers[:n], strict=True):
        values, errs = _parse_row(t, sheet, mapping, cells, number, lk)
        if t.part_title and not errs:
            errs += _check_part(t, values, number, sheet, mapping)
        for c in t.columns:
            problem = _check_decimals(c, values, lk)
            if problem is not None:
                i = mapping.get(c.key)
                errs.append(RowError(number, _heading(sheet, mapping, c.key), cells[i], problem))
        if not errs:
            errs += _duplicates(t, w.unique, values, number, seen, sheet, mapping, lk)
        if errs:
            errors += errs
        else:
            good.append(Row(number, values, cells))
    return good, errors


def _duplicates(t, unique, values, number, seen, sheet, mapping, lk) -> list[RowError]:
    out = []
    for keys in unique:
        if any(values.get(k) is None for k in keys):
            continue
        key = (keys, *(values[k] for k in keys))
        col = _heading(sheet, mapping, keys[-1])
        shown = values[keys[-1]]
        if key in seen:
            reason = Template(T_DUPLICATE_FILE, {"row": seen[key]})
            out.append(RowError(number, col, shown, reason))
        elif len(keys) == 1 and lk.exists(t, keys[0], values[keys[0]]):
            out.append(RowError(number, col, shown, Template(T_DUPLICATE_DB)))
        else:
            seen[key] = number
    return out


def _db_error(exc: BaseException) -> Template | str:
    typed = exc if isinstance(exc, KontoraError) else from_db(exc)
    if typed is None:
        return str(getattr(exc, "orig", exc)).strip()
    return _reason(typed)


def _try(conn: Connection, write: Callable[[Connection, Rows], None], rows: Rows, keep: bool):
    """Write ``rows`` in a savepoint; kept when ``keep``, else rolled back (a trial).
    Returns None or the refusal."""
    sp = conn.begin_nested()
    try:
        write(conn, rows)
    except (DBAPIError, KontoraError) as exc:
        sp.rollback()
        return _db_error(exc)
    if keep:
        sp.commit()
    else:
        sp.rollback()
    return None


def _store(conn: Connection, target: str, rows: list[Row], ctx: dict, report: Report, progress):
    w = WRITERS[target]
    size = BATCH if w.batch else max(len(rows), 1)

    def write(c: Connection, chunk: Rows) -> None:
        w.write(c, chunk, ctx)

    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        if _try(conn, write, chunk, keep=True) is None:
            report.imported += len(chunk)
        else:
            good = []
            for r in chunk:
                problem = _try(conn, write, [r], keep=False)
                if problem is None:
                    good.append(r)
                else:
                    report.errors.append(RowError(r.number, "", "", problem))
            problem = _try(conn, write, good, keep=True) if good else None
            if problem is not None:  # good alone, refused together: refuse them all
                report.errors += [RowError(r.number, "", "", problem) for r in good]
            else:
                report.imported += len(good)
        if progress:
            progress(min(start + size, len(rows)), len(rows))


def run_import(
    session: Session,
    reg: Registry,
    target: str,
    sheet: Sheet,
    mapping: dict[str, int],
    mode: str = "all",
    options: dict[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Check and store the rows of ``sheet`` into ``target``; see the module's docstring.
    ``options`` of opening stock: ``date`` (default today), ``organization`` (default the
    first one), ``comment``. ``progress(done, total)`` is called after each batch."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    t = targets(reg)[target]
    check_rights(session, reg, t)
    good, errors = prepare(session, reg, target, sheet, mapping)
    report = Report(total=len(sheet.rows), errors=errors)
    if not good or (mode == "all" and errors):
        report.errors.sort(key=lambda e: e.row)
        return report
    ctx = {"today": dt.date.today(), "target": t, "reg": reg, **(options or {})}

    def work(conn: Connection) -> None:
        WRITERS[target].begin(conn, ctx)
        _store(conn, target, good, ctx, report, progress)
        if mode == "all" and report.errors:
            raise _Abort

    try:
        session.run(work)
        report.stored = report.imported > 0
    except _Abort:
        report.imported = 0
        report.stored = False
    report.errors.sort(key=lambda e: e.row)
    return report
