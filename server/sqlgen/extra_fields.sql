-- Additional fields without code (server/extra_fields.py): an administrator adds or removes a
-- typed column x_<name> of a catalog's or document's table. The owner's routines do the DDL in
-- the caller's transaction and keep kontora.extra_fields describing the columns.

CREATE OR REPLACE FUNCTION kontora.extra_field_table(p_kind text, p_object text)
RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE p_kind WHEN 'catalog' THEN 'cat_' WHEN 'document' THEN 'doc_' END || p_object
$f$;

CREATE OR REPLACE FUNCTION kontora.add_extra_field(
  p_kind text, p_object text, p_name text, p_title text, p_type text,
  p_length int DEFAULT NULL, p_precision int DEFAULT NULL, p_scale int DEFAULT NULL,
  p_target text DEFAULT NULL, p_options jsonb DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = kontora, pg_temp AS $f$
DECLARE
  v_table text := kontora.extra_field_table(p_kind, p_object);
  v_col text := CASE WHEN p_type = 'ref' THEN p_name || '_id' ELSE p_name END;
  v_def text;
  v_check text;
BEGIN
  IF v_table IS NULL OR to_regclass(format('kontora.%I', v_table)) IS NULL THEN
    PERFORM kontora.fail('KN008', format('There is no %s %s', p_kind, p_object),
                         jsonb_build_object('object', p_object));
  END IF;
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'kontora'
             AND table_name = v_table AND column_name = v_col) THEN
    PERFORM kontora.fail('KN005', format('%s already has a field %s', p_object, p_name),
                         jsonb_build_object('object', p_object, 'field', p_name,
                                            'problem', 'exists'));
  END IF;
  INSERT INTO kontora.extra_fields (object_kind, object_name, name, title, kind, length,
                                    precision, scale, target, options)
  VALUES (p_kind, p_object, p_name, p_title, p_type, p_length, p_precision, p_scale, p_target,
          p_options);
  CASE p_type
    WHEN 'string' THEN
      IF coalesce(p_length, 0) NOT BETWEEN 1 AND 1000 THEN
        PERFORM kontora.fail('KN005', format('%s: the length must be 1 to 1000, not %s', p_title,
                             coalesce(p_length::text, 'empty')),
                             jsonb_build_object('field', p_title, 'problem', 'length'));
      END IF;
      v_def := 'text';
      v_check := format('char_length(%I) <= %s', v_col, p_length);
    WHEN 'number' THEN
      IF coalesce(p_precision, 0) NOT BETWEEN 1 AND 28
         OR coalesce(p_scale, -1) NOT BETWEEN 0 AND p_precision THEN
        PERFORM kontora.fail('KN005', format('%s: digits %s with %s decimals is not a number',
                             p_title, coalesce(p_precision::text, 'empty'),
                             coalesce(p_scale::text, 'empty')),
                             jsonb_build_object('field', p_title, 'problem', 'precision'));
      END IF;
      v_def := 'numeric';
      v_check := format('abs(%I) < 1e%s AND %I = trunc(%I, %s)', v_col, p_precision - p_scale,
                        v_col, v_col, p_scale);
    WHEN 'date' THEN
      v_def := 'date';
    WHEN 'ref' THEN
      IF p_target IS NULL OR to_regclass(format('kontora.%I', 'cat_' || p_target)) IS NULL THEN
        PERFORM kontora.fail('KN005', format('%s: there is no catalog %s', p_title, p_target),
                             jsonb_build_object('field', p_title, 'problem', 'target'));
      END IF;
      v_def := format('bigint CONSTRAINT %I REFERENCES kontora.%I (id) ON DELETE RESTRICT',
                      'fk_' || v_table || '_' || v_col, 'cat_' || p_target);
    WHEN 'choice' THEN
      IF jsonb_typeof(p_options) IS DISTINCT FROM 'array' OR jsonb_array_length(p_options) = 0
      THEN
        PERFORM kontora.fail('KN005', format('%s: a choice needs options', p_title),
                             jsonb_build_object('field', p_title, 'problem', 'options'));
      END IF;
      v_def := 'text';
      v_check := format('%I IN (%s)', v_col, (SELECT string_agg(quote_literal(o ->> 0), ', ')
                                               FROM jsonb_array_elements(p_options) o));
    ELSE
      PERFORM kontora.fail('KN005', format('%s: unknown field type %s', p_title, p_type),
                           jsonb_build_object('field', p_title, 'problem', 'type'));
  END CASE;
  EXECUTE format('ALTER TABLE kontora.%I ADD COLUMN %I %s', v_table, v_col, v_def);
  IF v_check IS NOT NULL THEN
    EXECUTE format('ALTER TABLE kontora.%I ADD CONSTRAINT %I CHECK (%s)', v_table,
                   left('ck_' || v_table || '_' || v_col, 63), v_check);
  END IF;
  PERFORM pg_notify('kontora_changes', 'extra_fields:' || p_object);
END $f$;

CREATE OR REPLACE FUNCTION kontora.drop_extra_field(p_kind text, p_object text, p_name text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = kontora, pg_temp AS $f$
DECLARE
  f kontora.extra_fields;
BEGIN
  DELETE FROM kontora.extra_fields
  WHERE object_kind = p_kind AND object_name = p_object AND name = p_name
  RETURNING * INTO f;
  IF NOT FOUND THEN
    PERFORM kontora.fail('KN008', format('%s has no added field %s', p_object, p_name),
                         jsonb_build_object('object', p_object, 'field', p_name));
  END IF;
  EXECUTE format('ALTER TABLE kontora.%I DROP COLUMN %I',
                 kontora.extra_field_table(p_kind, p_object),
                 CASE WHEN f.kind = 'ref' THEN f.name || '_id' ELSE f.name END);
  PERFORM pg_notify('kontora_changes', 'extra_fields:' || p_object);
END $f$;

-- A document's save writes its added fields from the payload (by column) after the declared
-- ones; returns the history's changes of them ({column: {old, new}}, or values when new).
CREATE OR REPLACE FUNCTION kontora.save_extra_fields(p_table text, p_id bigint, p jsonb,
                                                     p_new boolean)
RETURNS jsonb LANGUAGE plpgsql AS $f$
DECLARE
  v_cols text[];
  v_old jsonb;
  v_new jsonb;
BEGIN
  SELECT array_agg(c) INTO v_cols FROM (
    SELECT CASE WHEN kind = 'ref' THEN name || '_id' ELSE name END AS c
    FROM kontora.extra_fields WHERE object_kind = 'document' AND 'doc_' || object_name = p_table
  ) x WHERE p ? c;
  IF v_cols IS NULL THEN
    RETURN '{}';
  END IF;
  EXECUTE format('SELECT to_jsonb(t) FROM kontora.%I t WHERE id = $1', p_table)
  INTO v_old USING p_id;
  EXECUTE format('UPDATE kontora.%I t SET %s FROM jsonb_populate_record(NULL::kontora.%I, $1) x '
                 'WHERE t.id = $2 RETURNING to_jsonb(t)', p_table,
                 (SELECT string_agg(format('%I = x.%I', c, c), ', ') FROM unnest(v_cols) c),
                 p_table)
  INTO v_new USING p, p_id;
  IF p_new THEN
    RETURN (SELECT coalesce(jsonb_object_agg(c, v_new -> c), '{}') FROM unnest(v_cols) c);
  END IF;
  RETURN (SELECT coalesce(jsonb_object_agg(c, jsonb_build_object('old', v_old -> c,
                                                                 'new', v_new -> c)), '{}')
          FROM unnest(v_cols) c WHERE v_old -> c IS DISTINCT FROM v_new -> c);
END $f$;
