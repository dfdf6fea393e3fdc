"""The outgoing mail server's settings: everyone reads them but the password; only the roles
that write CRM records (and so send e-mail from interactions) get the password, through
``kontora.mail_account()``; only the administrator changes the settings."""

from __future__ import annotations

from server.config.roles import ROLE_WRITES, group_role

S = "kontora"
PUBLIC_COLUMNS = "id, host, port, security, login, sender"


def _senders() -> list[str]:
    return [group_role(r) for r, subs in ROLE_WRITES.items() if "*" in subs or "crm" in subs]


def mail_routines_sql() -> list[str]:
    return [
        f"""
CREATE OR REPLACE FUNCTION {S}.mail_account() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {S}, pg_temp AS $f$
  SELECT to_jsonb(m) FROM {S}.mail_settings m
$f$"""
    ]


def mail_grants_sql() -> list[str]:
    everyone = ", ".join(group_role(r) for r in ROLE_WRITES)
    return [
        f"REVOKE SELECT ON {S}.mail_settings FROM {everyone}",
        f"GRANT SELECT ({PUBLIC_COLUMNS}) ON {S}.mail_settings TO {everyone}",
        f"GRANT INSERT, UPDATE ON {S}.mail_settings TO {group_role('admin')}",
        f"GRANT EXECUTE ON FUNCTION {S}.mail_account() TO {', '.join(_senders())}",
    ]
