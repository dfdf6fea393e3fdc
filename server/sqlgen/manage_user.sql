-- Users of the infobase, managed by administrators who are not superusers.
-- Owned by kontora_usermgr (NOLOGIN, CREATEROLE, ADMIN OPTION on the Kontora group roles and
-- users, never their privileges); EXECUTE is granted to kontora_admin only.
-- p_action: add | roles | password | enable | disable | remove; p_groups: role keys
-- ('sales_manager', …) for add/roles; p_verifier: a SCRAM-SHA-256 verifier computed by the
-- client, so no plain password reaches the server or its logs.
-- Refusals: SQLSTATE KN005 (invalid), KN008 (no such user), KN009 (forbidden) with a JSON
-- detail {"rule": "user_…", "user": …} that the client turns into a translated message.
CREATE OR REPLACE FUNCTION kontora.manage_user(p_action text, p_name text,
                                               p_groups text[] DEFAULT NULL,
                                               p_verifier text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$
DECLARE
  c_groups CONSTANT text[] := __GROUPS__;
  v_role pg_roles%ROWTYPE;
  v_wanted text[];
  v_had text[];
  v_left text;
  v_known text := array_to_string(ARRAY(SELECT substr(x, 9) FROM unnest(c_groups) x), ', ');
  g text;
BEGIN
  IF NOT pg_has_role(session_user, 'kontora_admin', 'MEMBER') THEN  -- superusers are members
    RAISE EXCEPTION USING ERRCODE = 'KN009',
      MESSAGE = format('Only an administrator may manage users; %s is not one (user %s).',
                       session_user, p_name),
      DETAIL = jsonb_build_object('rule', 'user_not_admin', 'user', p_name,
                                  'login', session_user::text)::text;
  END IF;
  IF p_action NOT IN ('add', 'roles', 'password', 'enable', 'disable', 'remove') THEN
    RAISE EXCEPTION USING ERRCODE = 'KN005',
      MESSAGE = format('User %s: unknown action %s.', p_name, p_action),
      DETAIL = jsonb_build_object('rule', 'user_action', 'user', p_name,
                                  'action', p_action)::text;
  END IF;
  IF p_name IS NULL OR p_name !~ '^[a-z][a-z0-9_]{0,62}$' THEN
    RAISE EXCEPTION USING ERRCODE = 'KN005',
      MESSAGE = format('User name %s must start with a letter and contain only a-z, 0-9 and _ (at most 63).',
                       p_name),
      DETAIL = jsonb_build_object('rule', 'user_name', 'user', p_name)::text;
  END IF;
  IF p_name LIKE 'kontora\_%' OR p_name LIKE 'pg\_%'
     OR p_name IN ('postgres', 'public', 'none', 'all', 'current_user', 'current_role',
                   'session_user', 'system_user') THEN
    RAISE EXCEPTION USING ERRCODE = 'KN009',
      MESSAGE = format('%s is a system role name: users named kontora_…, pg_… or postgres cannot be created or changed here.',
                       p_name),
      DETAIL = jsonb_build_object('rule', 'user_system', 'user', p_name)::text;
  END IF;
  SELECT * INTO v_role FROM pg_roles WHERE rolname = p_name;
  IF v_role.rolsuper THEN
    RAISE EXCEPTION USING ERRCODE = 'KN009',
      MESSAGE = format('%s is a superuser: only a superuser can change it.', p_name),
      DETAIL = jsonb_build_object('rule', 'user_superuser', 'user', p_name)::text;
  END IF;

  IF p_action IN ('add', 'roles') THEN
    IF coalesce(cardinality(p_groups), 0) = 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'KN005',
        MESSAGE = format('User %s: at least one role is needed.', p_name),
        DETAIL = jsonb_build_object('rule', 'user_no_roles', 'user', p_name)::text;
    END IF;
    FOREACH g IN ARRAY p_groups LOOP
      IF g IS NULL OR NOT ('kontora_' || g) = ANY (c_groups) THEN
        RAISE EXCEPTION USING ERRCODE = 'KN005',
          MESSAGE = format('User %s: there is no role %s; the roles are %s.', p_name, g, v_known),
          DETAIL = jsonb_build_object('rule', 'user_role', 'user', p_name, 'role', g,
                                      'roles', v_known)::text;
      END IF;
    END LOOP;
    v_wanted := ARRAY(SELECT DISTINCT 'kontora_' || x FROM unnest(p_groups) x ORDER BY 1);
  END IF;
  IF p_action IN ('add', 'password')
     AND (p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\$\d+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$') THEN
    RAISE EXCEPTION USING ERRCODE = 'KN005',
      MESSAGE = format('User %s: the password must arrive as a SCRAM-SHA-256 verifier, never as plain text.',
                       p_name),
      DETAIL = jsonb_build_object('rule', 'user_password', 'user', p_name)::text;
  END IF;

  IF p_action = 'add' THEN
    IF v_role.rolname IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'KN005',
        MESSAGE = format('A user or role named %L already exists', p_name),
        DETAIL = jsonb_build_object('rule', 'user_exists', 'user', p_name)::text;
    END IF;
    -- The creator (kontora_usermgr) receives ADMIN OPTION on the new role (PostgreSQL 16+).
    BEGIN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_name, p_verifier);
    EXCEPTION WHEN duplicate_object THEN  -- created meanwhile by another session
      RAISE EXCEPTION USING ERRCODE = 'KN005',
        MESSAGE = format('A user or role named %L already exists', p_name),
        DETAIL = jsonb_build_object('rule', 'user_exists', 'user', p_name)::text;
    END;
    FOREACH g IN ARRAY v_wanted LOOP
      EXECUTE format('GRANT %I TO %I', g, p_name);
    END LOOP;
    RETURN;
  END IF;

  -- Every other action changes an existing Kontora user: a member of a Kontora group role.
  IF v_role.rolname IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'KN008',
      MESSAGE = format('There is no user %s.', p_name),
      DETAIL = jsonb_build_object('rule', 'user_missing', 'user', p_name)::text;
  END IF;
  v_had := ARRAY(SELECT r.rolname::text FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                 WHERE m.member = v_role.oid AND r.rolname = ANY (c_groups) ORDER BY 1);
  IF cardinality(v_had) = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'KN009',
      MESSAGE = format('%s is not a Kontora user (it has no Kontora role): it cannot be changed here.',
                       p_name),
      DETAIL = jsonb_build_object('rule', 'user_foreign', 'user', p_name)::text;
  END IF;
  IF NOT pg_has_role(current_user, v_role.oid, 'MEMBER WITH ADMIN OPTION') THEN
    RAISE EXCEPTION USING ERRCODE = 'KN009',
      MESSAGE = format('User %s was created outside Kontora: a superuser must run "kontora-admin upgrade" before administrators can change it.',
                       p_name),
      DETAIL = jsonb_build_object('rule', 'user_unmanaged', 'user', p_name)::text;
  END IF;
  IF p_name = session_user::text
     AND (p_action IN ('disable', 'remove')
          OR (p_action = 'roles' AND NOT 'kontora_admin' = ANY (v_wanted))) THEN
    RAISE EXCEPTION USING ERRCODE = 'KN009',
      MESSAGE = format('%s is your own login: you cannot disable or remove it, nor take away its administrator role.',
                       p_name),
      DETAIL = jsonb_build_object('rule', 'user_self', 'user', p_name)::text;
  END IF;

  IF p_action = 'roles' THEN
    FOREACH g IN ARRAY v_wanted LOOP
      IF NOT g = ANY (v_had) THEN
        EXECUTE format('GRANT %I TO %I', g, p_name);
      END IF;
    END LOOP;
    FOREACH g IN ARRAY v_had LOOP
      IF NOT g = ANY (v_wanted) THEN
        EXECUTE format('REVOKE %I FROM %I', g, p_name);
      END IF;
    END LOOP;
    -- A membership granted by someone else (a superuser, by hand) is not ours to revoke.
    SELECT r.rolname INTO v_left FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
     WHERE m.member = v_role.oid AND r.rolname = ANY (c_groups) AND NOT r.rolname = ANY (v_wanted)
     LIMIT 1;
    IF v_left IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'KN009',
        MESSAGE = format('User %s was given role %s outside Kontora: a superuser must run "kontora-admin upgrade" before administrators can take it away.',
                         p_name, substr(v_left, 9)),
        DETAIL = jsonb_build_object('rule', 'user_unmanaged_role', 'user', p_name,
                                    'role', substr(v_left, 9))::text;
    END IF;
  ELSIF p_action = 'password' THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_verifier);
  ELSIF p_action = 'enable' THEN
    EXECUTE format('ALTER ROLE %I LOGIN', p_name);
  ELSE  -- disable, remove: the user's open sessions end too
    IF p_action = 'disable' THEN
      EXECUTE format('ALTER ROLE %I NOLOGIN', p_name);
    END IF;
    PERFORM pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE usename = p_name AND pid <> pg_backend_pid();
    IF p_action = 'remove' THEN
      BEGIN
        EXECUTE format('DROP ROLE %I', p_name);
      EXCEPTION WHEN dependent_objects_still_exist THEN
        RAISE EXCEPTION USING ERRCODE = 'KN009',
          MESSAGE = format('User %s owns database objects or holds privileges of its own: a superuser must reassign them (REASSIGN OWNED, DROP OWNED) before it can be removed.',
                           p_name),
          DETAIL = jsonb_build_object('rule', 'user_owns', 'user', p_name)::text;
      END;
    END IF;
  END IF;
END $f$;
