"""Per-catalog guard trigger: subsystem switch, optimistic version, group tree.

Catalog items are written with plain INSERT/UPDATE by every role allowed to (see the grants in
:mod:`server.sqlgen.install`), so the rules live in a BEFORE trigger that guards the API and a
clerk typing SQL alike:

- nothing is written while the catalog's subsystem is switched off (``KN003``);
- an UPDATE must carry the version it read: ``SET …, version = <read>``; a different version
  means someone saved in between (``KN007``). An UPDATE that leaves the version alone is taken
  as it is; either way the trigger bumps the version;
- a reference declared ``within`` another field names an item of that owner
  (:mod:`server.sqlgen.within`);
- hierarchical catalogs: the parent is a group, a group is never its own ancestor, and an item
  never turns into a group or back (``KN005``); a declared required field binds items only
  (groups carry no item values), refused with the field's name before the table's CHECK. Tree changes of one catalog are serialized with
  a transaction-level advisory lock, so two concurrent moves cannot close a cycle together.
"""

from __future__ import annotations

from server.metadata import Catalog, Registry
from server.sqlgen import sql_literal as _lit
from server.sqlgen.within import within_checks

S = "kontora"


def _required_checks(c: Catalog) -> str:
    """An item of a hierarchical catalog must have every required field (a group need not)."""
    title = _lit(c.title)
    return "".join(
        f"""
  IF NOT NEW.is_group AND NEW.{f.column} IS NULL THEN
    PERFORM {S}.fail('KN005',
      format('%s «%s»: %s is required for an item', {title}, NEW.name, {_lit(f.label)}),
      jsonb_build_object('object', {title} || ' «' || NEW.name || '»', 'field', {_lit(f.label)},
                         'problem', 'required'));
  END IF;"""
        for f in c.fields
        if f.required
    )


def _tree_checks(c: Catalog) -> str:
    t = f"{S}.{c.table}"
    title = _lit(c.title)
    return (
        _required_checks(c)
        + f"""
  IF TG_OP = 'UPDATE' AND NEW.is_group IS DISTINCT FROM OLD.is_group THEN
    PERFORM {S}.fail('KN005',
      format('%s «%s»: a group cannot become an item, nor an item a group', {title}, OLD.name),
      jsonb_build_object('object', {title}, 'field', 'Group', 'problem', 'is_group'));
  END IF;
  IF NEW.parent_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR NEW.parent_id IS DISTINCT FROM OLD.parent_id) THEN
    -- One tree change at a time per catalog: two moves cannot close a cycle together.
    PERFORM pg_advisory_xact_lock(hashtextextended({_lit(c.table + " tree")}, 0));
    SELECT id, name, is_group INTO v FROM {t} WHERE id = NEW.parent_id;
    IF FOUND AND NOT v.is_group THEN
      PERFORM {S}.fail('KN005',
        format('%s «%s»: «%s» is an item, not a group; only a group can hold items',
               {title}, NEW.name, v.name),
        jsonb_build_object('object', {title}, 'field', 'Group', 'problem', 'not a group'));
    END IF;
    IF TG_OP = 'UPDATE' AND EXISTS (
      WITH RECURSIVE up(id, parent_id) AS (
        SELECT id, parent_id FROM {t} WHERE id = NEW.parent_id
        UNION
        SELECT p.id, p.parent_id FROM {t} p JOIN up ON p.id = up.parent_id
      ) SELECT 1 FROM up WHERE up.id = NEW.id) THEN
      PERFORM {S}.fail('KN005',
        format('%s «%s» cannot be moved into itself or into its own subgroup «%s»',
               {title}, NEW.name, v.name),
        jsonb_build_object('object', {title}, 'field', 'Group', 'problem', 'cycle'));
    END IF;
  END IF;"""
    )


def guard_sql(c: Catalog, reg: Registry) -> list[str]:
    """The BEFORE INSERT OR UPDATE row trigger of one catalog."""
    fn = f"{S}.tg_{c.table}_guard"
    title = _lit(c.title)
    obj = f"{title} || ' «' || NEW.name || '»'"
    return [
        f"""
CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  v record;
BEGIN
  PERFORM {S}.require_subsystem({_lit(c.subsystem)}, {title});
  IF TG_OP = 'INSERT' THEN
    NEW.version := 1;
  ELSE
    IF NEW.version IS DISTINCT FROM OLD.version THEN
      PERFORM {S}.fail('KN007',
        format('%s «%s» was changed by another user since you opened it (now version %s, '
               'yours %s). Reload it; your changes are kept in the form.',
               {title}, OLD.name, OLD.version, coalesce(NEW.version::text, '?')),
        jsonb_build_object('id', OLD.id, 'version', OLD.version));
    END IF;
    NEW.version := OLD.version + 1;
  END IF;{_tree_checks(c) if c.hierarchical else ""}{within_checks(c.fields, reg, obj)}
  RETURN NEW;
END $f$""",
        f"DROP TRIGGER IF EXISTS guard ON {S}.{c.table}",
        f"CREATE TRIGGER guard BEFORE INSERT OR UPDATE ON {S}.{c.table} "
        f"FOR EACH ROW EXECUTE FUNCTION {fn}()",
    ]


def lines_guard_sql(c: Catalog) -> list[str]:
    """The BEFORE row trigger of each tabular section: nothing is written (nor deleted) while
    the catalog's subsystem is switched off, for the API and raw SQL alike."""
    fn = f"{S}.tg_{c.table}_lines_guard"
    out = [
        f"""
CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM {S}.require_subsystem({_lit(c.subsystem)}, {_lit(c.title)});
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$"""
    ]
    for t in c.tables:
        lt = f"{S}.{c.lines_table(t)}"
        out += [
            f"DROP TRIGGER IF EXISTS guard ON {lt}",
            f"CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON {lt} "
            f"FOR EACH ROW EXECUTE FUNCTION {fn}()",
        ]
    return out


def catalog_sql(c: Catalog, reg: Registry) -> list[str]:
    return guard_sql(c, reg) + (lines_guard_sql(c) if c.tables else [])
