-- Platform routines shared by every declaration. Re-applied on every upgrade (CREATE OR REPLACE).

CREATE OR REPLACE FUNCTION kontora.fail(p_code text, p_message text, p_detail jsonb DEFAULT '{}')
RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message, DETAIL = p_detail::text;
END $f$;

-- Lock the given keys (hashes of register keys) in one global order. A key held by another
-- posting is waited for up to constants.lock_timeout_ms; then the user learns who holds it.
-- Internal (owner only), called from SECURITY DEFINER functions: inherits their search_path.
CREATE OR REPLACE FUNCTION kontora.lock_keys(p_keys bigint[])
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  k bigint;
  v_holder text;
  v_timeout int;
  v_saved text;
  v_held bigint;
BEGIN
  -- The common case, none held by another posting: all taken by one statement, in key order
  -- (a volatile filter is not pushed below the sort), stopping at the first one held.
  SELECT u INTO v_held FROM (SELECT DISTINCT u FROM unnest(p_keys) u ORDER BY 1) s
  WHERE NOT pg_try_advisory_xact_lock(u) LIMIT 1;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- That one and the keys after it, in the same order: each waited for in turn, up to the
  -- timeout each, in one subtransaction (a lock wait is the one way this block can fail).
  SELECT lock_timeout_ms INTO v_timeout FROM kontora.constants;
  v_timeout := coalesce(v_timeout, 5000);
  v_saved := current_setting('lock_timeout');
  PERFORM set_config('lock_timeout', v_timeout::text, true);
  BEGIN
    FOR k IN SELECT DISTINCT u FROM unnest(p_keys) u WHERE u >= v_held ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(k);
    END LOOP;
  EXCEPTION WHEN lock_not_available THEN
    -- Only now (rarely) look up who holds it: the holder's posting set application_name.
    SELECT string_agg(DISTINCT coalesce(nullif(a.application_name, ''), a.usename::text)
                      || ' (pid ' || a.pid || ')', ', ')
      INTO v_holder
      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
       AND l.classid = ((k >> 32) & 4294967295)::oid AND l.objid = (k & 4294967295)::oid;
    PERFORM kontora.fail('KN004',
      format('The data is being posted by %s; waited %s s. Try again when it finishes.',
             coalesce(v_holder, 'another user'), round(v_timeout / 1000.0, 1)),
      jsonb_build_object('holder', v_holder, 'waited_ms', v_timeout));
  END;
  PERFORM set_config('lock_timeout', v_saved, true);
END $f$;

-- Guards called from triggers and entry points; names are schema-qualified instead of a
-- SET search_path clause, which would cost a configuration push/pop on every call.
-- kontora.require_subsystem: generated from the declared dependencies (server/sqlgen/switches.py).

-- Is the login (not the SECURITY DEFINER owner the code may run as) an administrator?
CREATE OR REPLACE FUNCTION kontora.is_admin_login() RETURNS boolean
LANGUAGE sql STABLE AS $f$
  SELECT session_user = 'kontora_owner'
      OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
      OR pg_has_role(session_user, 'kontora_admin', 'MEMBER')
$f$;

-- The last closed day of an organization: its own lock date, else the one for every
-- organization (constants.period_lock_date); NULL: open.
CREATE OR REPLACE FUNCTION kontora.lock_date(p_org bigint) RETURNS date
LANGUAGE plpgsql STABLE AS $f$
BEGIN
  IF to_regclass('kontora.period_locks') IS NULL THEN  -- an older revision (upgrade in progress)
    RETURN (SELECT period_lock_date FROM kontora.constants);
  END IF;
  RETURN coalesce((SELECT lock_date FROM kontora.period_locks WHERE organization_id = p_org),
                  (SELECT period_lock_date FROM kontora.constants));
END $f$;

-- Is a document of p_org dated p_date in the closed period for this transaction? An
-- administrator may change it after SET LOCAL kontora.override_lock = on (the client asks
-- first); anyone else who sets it is refused.
CREATE OR REPLACE FUNCTION kontora.period_closed(p_date timestamp, p_org bigint)
RETURNS boolean LANGUAGE plpgsql STABLE AS $f$
DECLARE
  v_lock date := kontora.lock_date(p_org);
BEGIN
  IF v_lock IS NULL OR p_date::date > v_lock THEN
    RETURN false;
  END IF;
  IF coalesce(current_setting('kontora.override_lock', true), '') <> 'on' THEN
    RETURN true;
  END IF;
  IF NOT kontora.is_admin_login() THEN
    PERFORM kontora.fail('KN009',
      format('Only an administrator may change documents in the closed period (closed up to %s); %s is not one.',
             v_lock, session_user),
      jsonb_build_object('period_lock_date', v_lock, 'user', session_user::text));
  END IF;
  RETURN false;
END $f$;

DROP FUNCTION IF EXISTS kontora.require_open_period(timestamp, text, text);
CREATE OR REPLACE FUNCTION kontora.require_open_period(p_date timestamp, p_object text, p_number text,
                                                       p_org bigint DEFAULT NULL)
RETURNS void LANGUAGE plpgsql STABLE AS $f$
BEGIN
  IF kontora.period_closed(p_date, p_org) THEN
    PERFORM kontora.fail('KN002',
      format('%s %s dated %s is in the closed period (closed up to %s); it cannot be changed, posted or unposted.',
             p_object, coalesce(p_number, ''), to_char(p_date, 'YYYY-MM-DD'), kontora.lock_date(p_org)),
      jsonb_build_object('object', p_object, 'number', p_number, 'date', p_date::date,
                         'period_lock_date', kontora.lock_date(p_org), 'organization', p_org,
                         'may_override', kontora.is_admin_login()));
  END IF;
END $f$;

CREATE OR REPLACE FUNCTION kontora.is_owner() RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT current_user = 'kontora_owner'
$f$;

-- The changed keys of a row: {"column": {"old": …, "new": …}, …}, NULL when nothing changed.
CREATE OR REPLACE FUNCTION kontora.jsonb_changes(o jsonb, n jsonb)
RETURNS jsonb LANGUAGE sql IMMUTABLE AS $f$
  SELECT jsonb_object_agg(key, jsonb_build_object('old', o -> key, 'new', value))
  FROM jsonb_each(n) WHERE o -> key IS DISTINCT FROM value
$f$;

-- History of changes: who, when, and old/new values of the changed columns.
CREATE OR REPLACE FUNCTION kontora.tg_history() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kontora, pg_temp AS $f$
DECLARE
  o jsonb;
  n jsonb;
  ch jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    n := to_jsonb(NEW); ch := n;
  ELSIF TG_OP = 'DELETE' THEN
    o := to_jsonb(OLD); ch := o;
  ELSE
    o := to_jsonb(OLD); n := to_jsonb(NEW);
    ch := kontora.jsonb_changes(o, n);
    IF ch IS NULL THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO history (table_name, row_id, op, changes)
  VALUES (TG_TABLE_NAME, (coalesce(n, o) ->> nullif(TG_ARGV[0], ''))::bigint, TG_OP, ch);
  RETURN NULL;
END $f$;

-- History of a catalog item's tabular section (TG_ARGV: the catalog's table, the section):
-- an entry of the item, {section: {old: [line], new: [line]}}; the entries of one transaction
-- are read back as one (server/api/history.py), like a document's save.
CREATE OR REPLACE FUNCTION kontora.tg_line_history() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kontora, pg_temp AS $f$
DECLARE
  o jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  n jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
  IF o IS NOT DISTINCT FROM n THEN RETURN NULL; END IF;
  INSERT INTO history (table_name, row_id, op, changes)
  VALUES (TG_ARGV[0], (coalesce(n, o) ->> 'item_id')::bigint, 'UPDATE',
          jsonb_build_object(TG_ARGV[1], jsonb_build_object(
            'old', CASE WHEN o IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(o) END,
            'new', CASE WHEN n IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(n) END)));
  RETURN NULL;
END $f$;

-- Constants and subsystems are single rows the admin edits; nobody deletes them.
CREATE OR REPLACE FUNCTION kontora.tg_no_delete() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM kontora.fail('KN006', format('Rows of %s cannot be deleted', TG_TABLE_NAME));
  RETURN NULL;
END $f$;

INSERT INTO kontora.constants (id) VALUES (true) ON CONFLICT DO NOTHING;
