"""Catalog items: read (with the group path), save with a version check, deletion mark, groups.

Items are written with plain INSERT/UPDATE under the role's grants; the catalog's guard trigger
(:mod:`server.sqlgen.catalogs`) checks the subsystem, the version and the group tree, for this
API and for raw SQL alike. Here the values are checked first by their declared fields, so the
user learns which field is wrong before anything is sent. Every SQL identifier comes from the
declarations; values travel as bound parameters.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, text

from server.api.catalog_lines import read_lines, validate_lines, write_lines
from server.api.lists import with_names
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP, InvalidValue, NotFoundError
from server.metadata import Catalog, Choice, Field, Ref, Registry, String

S = "kontora"
NAME = String("name", "Name", required=True, max_len=150)


def code_field(c: Catalog) -> String:
    return String("code", "Code", max_len=c.code_len)


def parent_field(c: Catalog) -> Ref:
    """The group an item or group belongs to (``parent_id``); empty at the top level."""
    return Ref("parent", "Group", target=c.name)


def form_fields(c: Catalog, group: bool = False) -> tuple[Field, ...]:
    """The fields of an item's form in order; a group has only code, name and parent."""
    base: tuple[Field, ...] = (code_field(c), NAME)
    if c.hierarchical:
        base += (parent_field(c),)
    return base if group else (*base, *c.fields)


def new_item(**fields: Any) -> dict[str, Any]:
    """A payload for a new item or group with its idempotency key (kept across retries)."""
    return {"client_key": str(uuid.uuid4()), **fields}


def _state_columns(c: Catalog) -> str:
    tree = ", is_group, parent_id" if c.hierarchical else ", false AS is_group, NULL AS parent_id"
    return f"id, code, name, version, deletion_mark{tree}"


def _ref_id(value: Any) -> Any:
    return value.get("id") if isinstance(value, dict) else value


def owner_of(c: Catalog, payload: dict[str, Any]) -> str:
    """How a refusal names the item: the catalog's title and the item's name."""
    name = payload.get("name")
    return c.title + (f" «{name}»" if isinstance(name, str) and name.strip() else "")


def validate(c: Catalog, payload: dict[str, Any], group: bool, new: bool) -> dict[str, Any]:
    """Column -> checked value for the fields present in ``payload`` (by field name)."""
    owner = owner_of(c, payload)
    out: dict[str, Any] = {}
    for f in form_fields(c, group):
        if f.name in payload:
            value = payload[f.name]
            out[f.column] = f.validate(_ref_id(value) if isinstance(f, Ref) else value, owner)
        elif new and isinstance(f, Choice) and f.default is not None:
            out[f.column] = f.default
        elif new and f.required:
            raise InvalidValue(owner, f.label, None, QT_TRANSLATE_NOOP("errors", "is required"))
    return out


class Catalogs:
    """Catalog operations of one session."""

    def __init__(self, session: Session, reg: Registry) -> None:
        self.session = session
        self.reg = reg

    # -- reading --------------------------------------------------------------------------
    def read(self, name: str, item_id: int) -> dict[str, Any]:
        """An item as its form shows it: references as ``{id, name}``, ``parent`` likewise,
        ``path`` the groups from the top down to its parent."""
        c = self.reg.catalogs[name]
        rows = self.session.rows(f"SELECT * FROM {S}.{c.table} WHERE id = :i", i=item_id)
        if not rows:
            raise NotFoundError(f"{c.title} #{item_id} does not exist", {"id": item_id})
        row = rows[0]
        row.pop("client_key", None)
        row.setdefault("is_group", False)
        refs = [f for f in form_fields(c) if isinstance(f, Ref)]
        with_names(self.session, self.reg, [(f, [row]) for f in refs])
        row["path"] = self.path(name, row["parent"]["id"]) if row.get("parent") else []
        if not row["is_group"]:
            row.update(read_lines(self.session, self.reg, c, item_id))
        return row

    def path(self, name: str, group_id: int) -> list[dict[str, Any]]:
        """The groups from the top level down to ``group_id`` (included): ``{id, name}``."""
        c = self.reg.catalogs[name]
        if not c.hierarchical:
            return []
        t = f"{S}.{c.table}"
        return self.session.rows(
            f"WITH RECURSIVE up(id, name, parent_id, depth) AS ("
            f" SELECT id, name, parent_id, 0 FROM {t} WHERE id = :g"
            f" UNION ALL SELECT p.id, p.name, p.parent_id, up.depth + 1"
            f" FROM {t} p JOIN up ON p.id = up.parent_id WHERE up.depth < 100)"
            " SELECT id, name FROM up ORDER BY depth DESC",
            g=group_id,
        )

    def groups(self, name: str, parent_id: int | None) -> list[dict[str, Any]]:
        """The groups directly in ``parent_id`` (None: the top level), by name; each with
        ``has_subgroups`` so a tree can show an expander without loading further."""
        c = self.reg.catalogs[name]
        if not c.hierarchical:
            return []
        t = f"{S}.{c.table}"
        where = "g.parent_id IS NULL" if parent_id is None else "g.parent_id = :p"
        return self.session.rows(
            f"SELECT g.id, g.code, g.name, g.deletion_mark, EXISTS (SELECT 1 FROM {t} s "
            f"WHERE s.parent_id = g.id AND s.is_group) AS has_subgroups "
            f"FROM {t} g WHERE g.is_group AND {where} ORDER BY g.name, g.id",
            p=parent_id,
        )

    # -- writing --------------------------------------------------------------------------
    def save(self, name: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Create (no ``id``) or update an item or group; returns its state (id, code, name,
        version, deletion_mark, is_group, parent_id).

        An update sends the ``version`` it read: if someone saved in between, ConflictError.
        A new group (``is_group`` true) takes only code, name and parent: the declared fields
        are an item's (a required one is required for items only).

        A new item carries a ``client_key`` (:func:`new_item`): sending the same payload again
        after a lost acknowledgement returns the item created the first time (``replayed``
        true) with the values of the resend, never a second item."""
        c = self.reg.catalogs[name]
        item_id = payload.get("id")
        group = bool(payload.get("is_group")) and c.hierarchical
        if item_id is not None and c.hierarchical:
            group = bool(
                self.session.scalar(f"SELECT is_group FROM {S}.{c.table} WHERE id = :i", i=item_id)
            )
        values = validate(c, payload, group, new=item_id is None)
        lines = {} if group else validate_lines(c, payload, owner_of(c, payload))

        def with_lines(conn: Connection, state: dict[str, Any]) -> dict[str, Any]:
            write_lines(conn, c, state["id"], lines)  # the same transaction as the item
            return state

        if item_id is None:
            key = str(uuid.UUID(str(payload.get("client_key") or uuid.uuid4())))
            return self.session.run(
                lambda conn: with_lines(conn, self._insert(conn, c, values, group, key))
            )
        version = payload.get("version")
        return self.session.run(
            lambda conn: with_lines(conn, self._update(conn, c, int(item_id), values, version))
        )

    def _insert(
        self, conn: Connection, c: Catalog, values: dict[str, Any], group: bool, key: str
    ) -> dict[str, Any]:
        cols = list(values)
        exprs = [f":{col}" for col in cols]
        params = {**values, "client_key": key}
        cols.append("client_key")
        exprs.append("CAST(:client_key AS uuid)")
        if c.hierarchical:
            cols.append("is_group")
            exprs.append(":is_group")
            params["is_group"] = group
        state = _state_columns(c)
        row = (
            conn.execute(
                text(
                    f"INSERT INTO {S}.{c.table} ({', '.join(cols)}) "
                    f"VALUES ({', '.join(exprs)}) "
                    f"ON CONFLICT (client_key) DO NOTHING RETURNING {state}"
                ),
                params,
            )
            .mappings()
            .one_or_none()
        )
        if row is not None:
            return {**row, "replayed": False}
        # A resend of a create that went through: the same item, with the resent values
        # (edits typed after the lost acknowledgement are not lost).
        mine = "client_key = CAST(:client_key AS uuid)"
        diff = " OR ".join(f"{col} IS DISTINCT FROM :{col}" for col in values)
        sets = ", ".join(f"{col} = :{col}" for col in values)
        row = (
            conn.execute(
                text(
                    f"UPDATE {S}.{c.table} SET {sets} WHERE {mine} AND ({diff}) RETURNING {state}"
                ),
                params,
            )
            .mappings()
            .one_or_none()
        )
        if row is None:  # nothing differs
            row = (
                conn.execute(text(f"SELECT {state} FROM {S}.{c.table} WHERE {mine}"), params)
                .mappings()
                .one()
            )
        return {**row, "replayed": True}

    def _update(
        self, conn: Connection, c: Catalog, item_id: int, values: dict[str, Any], version: Any
    ) -> dict[str, Any]:
        sets = [f"{col} = :{col}" for col in values]
        # The guard trigger compares the version we read with the stored one and bumps it.
        sets.append("version = coalesce(CAST(:_version AS integer), version)")
        row = (
            conn.execute(
                text(
                    f"UPDATE {S}.{c.table} SET {', '.join(sets)} WHERE id = :_id "
                    f"RETURNING {_state_columns(c)}"
                ),
                {**values, "_version": version, "_id": item_id},
            )
            .mappings()
            .one_or_none()
        )
        if row is None:
            raise NotFoundError(f"{c.title} #{item_id} does not exist", {"id": item_id})
        return dict(row)

    def mark(self, name: str, item_id: int, mark: bool = True) -> dict[str, Any]:
        """Set or clear the deletion mark (items stay referenced; nothing is deleted)."""
        c = self.reg.catalogs[name]

        def work(conn: Connection) -> dict[str, Any]:
            row = (
                conn.execute(
                    text(
                        f"UPDATE {S}.{c.table} SET deletion_mark = :m WHERE id = :i "
                        f"RETURNING {_state_columns(c)}"
                    ),
                    {"m": mark, "i": item_id},
                )
                .mappings()
                .one_or_none()
            )
            if row is None:
                raise NotFoundError(f"{c.title} #{item_id} does not exist", {"id": item_id})
            return dict(row)

        return self.session.run(work)
