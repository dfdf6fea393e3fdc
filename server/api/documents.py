"""Writing, posting and marking documents through their database functions."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text

from server.api.session import Session, to_json
from server.errors import QT_TRANSLATE_NOOP, InvalidValue, Meta, Template
from server.metadata import Bool, Choice, DocRef, Document, Field, Ref, Registry, Table


def _plain(f: Field, value: Any) -> Any:
    """A reference may come as the form shows it, ``{"id", "name"}``: keep the id."""
    if isinstance(f, Ref | DocRef) and isinstance(value, dict):
        return value.get("id")
    return value


def new_document(**header: Any) -> dict[str, Any]:
    """A payload for a new document with its idempotency key (kept across retries)."""
    return {"client_key": str(uuid.uuid4()), **header}


def validate(d: Document, payload: dict[str, Any]) -> dict[str, Any]:
    """Check and convert a payload by the declaration; raises InvalidValue naming the field."""
    out = dict(payload)
    owner = (
        Template("{object} {number}", {"object": Meta(d.title), "number": payload["number"]})
        if payload.get("number")
        else Template("{object}", {"object": Meta(d.title)})
    )
    if "organization" in payload:
        org = out.pop("organization")
        out["organization_id"] = org.get("id") if isinstance(org, dict) else org
    if not out.get("id") and not out.get("organization_id"):
        raise InvalidValue(owner, "Organization", None, QT_TRANSLATE_NOOP("errors", "is required"))
    for f in d.header:
        if f.name in out:
            out[f.column] = f.validate(_plain(f, out.pop(f.name)), owner)
        elif isinstance(f, Choice) and f.default is not None and not out.get("id"):
            out[f.column] = f.default  # a new document starts with the declared default
        elif isinstance(f, Bool) and not out.get("id"):
            out[f.column] = False  # a yes/no is never empty
        elif f.required and not out.get("id"):
            raise InvalidValue(owner, f.label, None, QT_TRANSLATE_NOOP("errors", "is required"))
    for t in d.tables:
        if t.name in out:  # (a header-only edit keeps the lines)
            out[t.name] = _lines(t, out[t.name], owner)
    return out


def _lines(t: Table, lines: list[dict[str, Any]], owner: Template) -> list[dict[str, Any]]:
    """A tabular section's lines checked and converted (as :func:`validate` the header)."""
    rows = []
    # (worked out once for all the lines: name, column and whether a reference, per field)
    fields = [(f, f.name, f.column, isinstance(f, Ref | DocRef)) for f in t.fields]
    for n, line in enumerate(lines, start=1):
        row: dict[str, Any] = {}
        where = Template(
            QT_TRANSLATE_NOOP("errors", "{owner}, {table} line {n}"),
            {"owner": owner, "table": Meta(t.title or t.name), "n": n},
        )
        for f, name, column, ref in fields:
            value = line[name] if name in line else line.get(column)
            if value is None and not f.required:
                row[column] = None  # (what validate makes of it, without the call)
                continue
            if ref and isinstance(value, dict):  # as the form shows it: keep the id
                value = value.get("id")
            row[column] = f.validate(value, where)
        rows.append(row)
    return rows


class Documents:
    """Document operations of one session."""

    def __init__(self, session: Session, reg: Registry) -> None:
        self.session = session
        self.reg = reg

    def save(
        self,
        name: str,
        payload: dict[str, Any],
        post: bool | None = None,
        *,
        override_lock: bool = False,
    ) -> dict:
        """Create or update a document; ``post`` True posts, False unposts, None keeps state.

        Sending the same payload again (same client_key / request_key) never duplicates.
        ``override_lock``: an administrator changes a document in the closed period (the
        server refuses it to anyone else).
        """
        d = self.reg.document(name)
        body = to_json(validate(d, payload))
        if not override_lock:
            # The procedure commits (releasing the keys' locks at once) and answers once the
            # commit is on disk: server.sqlgen.commit.
            return self.session.call(
                f"CALL kontora.{d.table}_save_commit(%s::jsonb, %s)", (body, post)
            )
        return self._overriding(
            f"SELECT kontora.{d.table}_save(CAST(:b AS jsonb), :p)", {"b": body, "p": post}
        )

    def _overriding(self, sql: str, params: dict[str, Any]) -> Any:
        """Run ``sql`` in a transaction that overrides the period lock (administrators)."""

        def work(c: Any) -> Any:
            c.execute(text("SET LOCAL kontora.override_lock = on"))
            return c.execute(text(sql), params).scalar()

        return self.session.run(work)

    def post(
        self, name: str, doc_id: int, post: bool = True, *, override_lock: bool = False
    ) -> dict:
        """Post (or unpost) a saved document; returns its state, as save does."""
        d = self.reg.document(name)
        if not override_lock:
            return self.session.call(f"CALL kontora.{d.table}_post_commit(%s, %s)", (doc_id, post))
        return self._overriding(f"SELECT kontora.{d.table}_post(:i, :p)", {"i": doc_id, "p": post})

    def unpost(self, name: str, doc_id: int, *, override_lock: bool = False) -> dict:
        return self.post(name, doc_id, post=False, override_lock=override_lock)

    def mark(
        self, name: str, doc_id: int, mark: bool = True, *, override_lock: bool = False
    ) -> dict:
        d = self.reg.document(name)
        sql = f"SELECT kontora.{d.table}_mark(:i, :m)"
        if override_lock:
            return self._overriding(sql, {"i": doc_id, "m": mark})
        return self.session.run(lambda c: c.execute(text(sql), {"i": doc_id, "m": mark}).scalar())

    def states(self, name: str, ids: list[int]) -> dict[int, dict[str, Any]]:
        """Version, posted and deletion mark of each of the documents ``ids`` (by id)."""
        d = self.reg.document(name)
        rows = self.session.rows(
            f"SELECT id, version, posted, deletion_mark FROM kontora.{d.table} "
            "WHERE id = ANY(:ids)",
            ids=list(ids),
        )
        return {r.pop("id"): r for r in rows}

    def read(self, name: str, doc_id: int) -> dict[str, Any]:
        """Header and lines as plain dicts (Decimal amounts)."""
        d = self.reg.document(name)

        def work(c: Any) -> dict[str, Any]:
            h = (
                c.execute(text(f"SELECT * FROM kontora.{d.table} WHERE id = :i"), {"i": doc_id})
                .mappings()
                .one()
            )
            out = dict(h)
            for t in d.tables:
                out[t.name] = [
                    dict(r)
                    for r in c.execute(
                        text(
                            f"SELECT * FROM kontora.{d.lines_table(t)} WHERE doc_id = :i "
                            "ORDER BY line_no"
                        ),
                        {"i": doc_id},
                    ).mappings()
                ]
            return out

        return self.session.run(work)
