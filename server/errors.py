"""Typed errors the client can show: each names the object and the numbers.

The database raises them with custom SQLSTATEs (class ``KN``) and a JSON DETAIL; this module
turns a driver exception into the matching typed error. Nothing here imports Qt.

Each error keeps its English ``message`` and, where the parts are known, a :class:`Template`:
an English ``str.format`` text (marked with :func:`QT_TRANSLATE_NOOP`) plus its parameters, so
the client can show the message in the user's language (``forms.texts.error_message``): it
translates the text in context ``errors``, declared titles (:class:`Meta`) in context ``meta``,
and formats numbers and dates in the user's locale.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

SHORTAGE = "KN001"
PERIOD_CLOSED = "KN002"
SUBSYSTEM_OFF = "KN003"
LOCKED = "KN004"
INVALID = "KN005"
READ_ONLY = "KN006"
CONFLICT = "KN007"
NOT_FOUND = "KN008"
FORBIDDEN = "KN009"
SCHEMA_MISMATCH = "KN010"
CREDIT_LIMIT = "KN012"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` (pyside6-lupdate reads server/ for these);
    returns it unchanged: the client translates it when it shows it."""
    return text


class Meta(str):
    """A declared title (document, field, register…) inside a message: translated as such."""


class Grouped(int):
    """A whole number shown with digit groups (1,000,000 in English)."""


@dataclass(frozen=True)
class Template:
    """An English ``str.format`` text and its parameters: str, :class:`Meta`, Decimal, int,
    date/datetime, a nested Template, or a list of those (shown joined by ", ")."""

    text: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self) -> str:
        """The English text (what :attr:`KontoraError.message` says)."""
        return self.text.format(**{k: _english(v) for k, v in self.params.items()})


def _english(value: Any) -> str:
    if isinstance(value, Template):
        return value.render()
    if isinstance(value, list):
        return ", ".join(_english(v) for v in value)
    if isinstance(value, Grouped):
        return f"{value:,}"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class KontoraError(Exception):
    """Base of every error a user may see."""

    code = "KN000"

    def __init__(
        self,
        message: str,
        detail: dict[str, Any] | None = None,
        template: Template | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}
        self.template = template


def error(
    cls: type[KontoraError], template: Template, detail: dict[str, Any] | None = None
) -> KontoraError:
    """An error of class ``cls`` whose English message is ``template`` rendered."""
    return cls(template.render(), detail, template)


Owner = str | Template  # what an InvalidValue names: text, or a template with titles in it
T_INVALID = QT_TRANSLATE_NOOP("errors", "{object}: {field} {problem} (got {value})")


class InvalidValue(KontoraError):
    """A field value that cannot be stored (bad number, too long, NUL byte, …).

    ``owner`` names the object (a Template when it has translatable parts); ``problem`` is a
    template (marked with QT_TRANSLATE_NOOP where it is written) filled from ``params``."""

    code = INVALID

    def __init__(self, owner: Owner, field: str, value: Any, problem: str, **params: Any) -> None:
        shown = repr(value)
        if len(shown) > 40:
            shown = shown[:37] + "…"
        what = Template(problem, params)
        template = Template(
            T_INVALID, {"object": owner, "field": Meta(field), "problem": what, "value": shown}
        )
        owner_text = owner.render() if isinstance(owner, Template) else owner
        super().__init__(
            template.render(),
            {"object": owner_text, "field": field, "problem": what.render()},
            template,
        )


@dataclass
class Shortage:
    """One key whose balance would go below zero."""

    register: str
    key: dict[str, Any]
    resource: str
    at: str
    asked: Decimal
    available: Decimal
    balance: Decimal = field(default=Decimal(0))


class ShortageError(KontoraError):
    code = SHORTAGE

    @property
    def shortages(self) -> list[Shortage]:
        d = self.detail
        return [
            Shortage(
                register=d.get("register", ""),
                key=d.get("key", {}),
                resource=d.get("resource", ""),
                at=d.get("at", ""),
                asked=Decimal(str(d.get("asked", 0))),
                available=Decimal(str(d.get("available", 0))),
                balance=Decimal(str(d.get("balance", 0))),
            )
        ]


class PeriodClosedError(KontoraError):
    code = PERIOD_CLOSED


class SubsystemOffError(KontoraError):
    code = SUBSYSTEM_OFF


class LockedError(KontoraError):
    """Another user's posting holds the data this one needs for too long."""

    code = LOCKED


class ReadOnlyError(KontoraError):
    code = READ_ONLY


class ConflictError(KontoraError):
    """The object was changed by another user since it was read."""

    code = CONFLICT


class NotFoundError(KontoraError):
    code = NOT_FOUND


class ForbiddenError(KontoraError):
    code = FORBIDDEN


class SchemaMismatchError(KontoraError):
    code = SCHEMA_MISMATCH


class CreditLimitError(KontoraError):
    """A sales order whose approval would take the partner's debt over its credit limit."""

    code = CREDIT_LIMIT


class ConnectionLostError(KontoraError):
    code = "KN011"


_BY_CODE: dict[str, type[KontoraError]] = {
    c.code: c
    for c in (
        ShortageError,
        PeriodClosedError,
        SubsystemOffError,
        LockedError,
        ReadOnlyError,
        ConflictError,
        NotFoundError,
        ForbiddenError,
        SchemaMismatchError,
        CreditLimitError,
    )
}


class DatabaseInvalidValue(KontoraError):
    code = INVALID


T_SHORTAGE = QT_TRANSLATE_NOOP(
    "errors", "Not enough {register} ({resource}) on {at} for {key}: {amounts}"
)
T_SHORT_BY = QT_TRANSLATE_NOOP("errors", "asked {asked}, available {available} (short by {short})")
T_FALLS_TO = QT_TRANSLATE_NOOP("errors", "the balance would fall to {balance}")
T_KEY_PART = QT_TRANSLATE_NOOP("errors", "{title} «{name}»")
T_PERIOD_CLOSED = QT_TRANSLATE_NOOP(
    "errors",
    "{object} {number} dated {date} is in the closed period (closed up to {lock}); "
    "it cannot be changed, posted or unposted.",
)
T_SUBSYSTEM_OFF = QT_TRANSLATE_NOOP(
    "errors",
    '{object} belongs to the switched-off subsystem "{subsystem}"; '
    "an administrator can switch it on.",
)
T_LOCKED = QT_TRANSLATE_NOOP(
    "errors",
    "The data is being posted by {holder}; waited {seconds} s. Try again when it finishes.",
)
T_ANOTHER_USER = QT_TRANSLATE_NOOP("errors", "another user")
T_OBJECT_NUMBER = QT_TRANSLATE_NOOP("errors", "{object} {number}")
T_DENIED = QT_TRANSLATE_NOOP("errors", "Permission denied: {reason}")
T_BAD_VALUE = QT_TRANSLATE_NOOP("errors", "Invalid value: {reason}")
T_CONNECTION_LOST = QT_TRANSLATE_NOOP(
    "errors", "The connection to the server was lost ({reason}); nothing was saved."
)
_RULES = {
    "exact": QT_TRANSLATE_NOOP(
        "errors",
        "{table}: {column} must be a finite number within range, "
        "with no more decimals than allowed",
    ),
    "positive": QT_TRANSLATE_NOOP("errors", "{table}: {column} must be greater than zero"),
    "nonnegative": QT_TRANSLATE_NOOP("errors", "{table}: {column} must not be negative"),
    "len": QT_TRANSLATE_NOOP("errors", "{table}: {column} is too long"),
    "nonempty": QT_TRANSLATE_NOOP("errors", "{table}: {column} must not be empty"),
    "range": QT_TRANSLATE_NOOP("errors", "{table}: {column} is out of range"),
    "required": QT_TRANSLATE_NOOP("errors", "{table}: {column} is required for an item"),
}
T_CREDIT_LIMIT = QT_TRANSLATE_NOOP(
    "errors",
    "{object}: the debt of partner «{partner}» {debt} plus its open orders {open} plus the "
    "order {amount} exceeds its credit limit {limit} by {over}",
)
T_CREDIT_APPROVAL = QT_TRANSLATE_NOOP(
    "errors",
    "{object} waits for approval: the debt of partner «{partner}» {debt} plus its open orders "
    "{open} plus the order {amount} exceeds its credit limit {limit} by {over}",
)
T_RULE = QT_TRANSLATE_NOOP("errors", "{table}: a value breaks rule {name}")
T_OWN_PARTNER = QT_TRANSLATE_NOOP(
    "errors",
    "{object}: partner «{partner}» is managed by {manager}; sales manager {user} may write only "
    "the deals and interactions of their own partners.",
)
T_OWN_PARTNER_MANAGER = QT_TRANSLATE_NOOP(
    "errors",
    "Partner «{partner}» is managed by {manager}; sales manager {user} may not make it their own.",
)
T_NOBODY = QT_TRANSLATE_NOOP("errors", "nobody")
# The sales documents' rules (server/sqlgen/hooks/sales_*.sql), by the detail's "rule".
_SALES_RULES = {
    "order_to_ship": QT_TRANSLATE_NOOP(
        "errors", "{object}: order {order} is «{status}»; only an order «To ship» can be shipped"
    ),
    "order_shipped": QT_TRANSLATE_NOOP(
        "errors",
        "{object} cannot go back to «{status}»: sales shipment {shipment} was shipped against it",
    ),
    "return_after_shipment": QT_TRANSLATE_NOOP(
        "errors",
        "{object}: sales return {return} dated {return_date} is not after its shipment "
        "{shipment} dated {shipment_date}; a return must be dated after the shipment it returns",
    ),
    "over_return": QT_TRANSLATE_NOOP(
        "errors",
        "{object}: the returns of shipment {shipment} bring back {returned} of «{product}», more "
        "than the {shipped} it shipped",
    ),
}
# Refusals of kontora.manage_user (server/sqlgen/manage_user.sql), by the detail's "rule".
_USER_RULES = {
    "user_not_admin": QT_TRANSLATE_NOOP(
        "errors", "Only an administrator may manage users; {login} is not one (user {user})."
    ),
    "user_action": QT_TRANSLATE_NOOP("errors", "User {user}: unknown action {action}."),
    "user_name": QT_TRANSLATE_NOOP(
        "errors",
        "User name {user} must start with a letter and contain only a-z, 0-9 and _ (at most 63).",
    ),
    "user_system": QT_TRANSLATE_NOOP(
        "errors",
        "{user} is a system role name: users named kontora_…, pg_… or postgres cannot be "
        "created or changed here.",
    ),
    "user_superuser": QT_TRANSLATE_NOOP(
        "errors", "{user} is a superuser: only a superuser can change it."
    ),
    "user_no_roles": QT_TRANSLATE_NOOP("errors", "User {user}: at least one role is needed."),
    "user_role": QT_TRANSLATE_NOOP(
        "errors", "User {user}: there is no role {role}; the roles are {roles}."
    ),
    "user_password": QT_TRANSLATE_NOOP(
        "errors",
        "User {user}: the password must arrive as a SCRAM-SHA-256 verifier, never as plain text.",
    ),
    "user_exists": QT_TRANSLATE_NOOP("errors", "A user or role named '{user}' already exists"),
    "user_missing": QT_TRANSLATE_NOOP("errors", "There is no user {user}."),
    "user_foreign": QT_TRANSLATE_NOOP(
        "errors",
        "{user} is not a Kontora user (it has no Kontora role): it cannot be changed here.",
    ),
    "user_unmanaged": QT_TRANSLATE_NOOP(
        "errors",
        'User {user} was created outside Kontora: a superuser must run "kontora-admin upgrade" '
        "before administrators can change it.",
    ),
    "user_unmanaged_role": QT_TRANSLATE_NOOP(
        "errors",
        'User {user} was given role {role} outside Kontora: a superuser must run "kontora-admin '
        'upgrade" before administrators can take it away.',
    ),
    "user_self": QT_TRANSLATE_NOOP(
        "errors",
        "{user} is your own login: you cannot disable or remove it, nor take away its "
        "administrator role.",
    ),
    "user_owns": QT_TRANSLATE_NOOP(
        "errors",
        "User {user} owns database objects or holds privileges of its own: a superuser must "
        "reassign them (REASSIGN OWNED, DROP OWNED) before it can be removed.",
    ),
}
NOT_POSTED = QT_TRANSLATE_NOOP("meta", "Not posted")  # an order's state in "order_to_ship"


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def _moment(value: Any) -> Any:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)


def _day(value: Any) -> Any:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)


def object_template(text: str) -> Template | str:
    """ "Goods receipt GR26-000001" as a template whose document title is translatable."""
    from server.metadata import registry  # late: the metadata imports this module

    titles = [o.title for o in (*registry.documents.values(), *registry.catalogs.values())]
    for title in sorted(titles, key=len, reverse=True):
        if text == title:
            return Template("{object}", {"object": Meta(title)})
        if text.startswith(title + " "):
            rest = text[len(title) + 1 :]
            return Template(T_OBJECT_NUMBER, {"object": Meta(title), "number": rest})
    return text


def shortage_template(d: dict[str, Any]) -> Template | None:
    """The template of a KN001 message (the parts of what the posting SQL writes)."""
    from server.metadata import registry  # late: the metadata imports this module

    r = registry.registers.get(str(d.get("register", "")))
    if r is None or not isinstance(d.get("key"), dict):
        return None
    try:
        resource = r.field(str(d.get("resource", ""))).label
    except StopIteration:
        return None
    key = d["key"]
    dims = [x.name for x in r.dimensions if x.name in key] or list(key)
    parts = []
    for name in dims:
        k = key[name] if isinstance(key[name], dict) else {}
        shown = k.get("name") if k.get("name") is not None else f"#{k.get('id')}"
        parts.append(
            Template(T_KEY_PART, {"title": Meta(str(k.get("title", name))), "name": shown})
        )
    asked = _decimal(d.get("asked", 0))
    if asked > 0:
        amounts = Template(
            T_SHORT_BY,
            {
                "asked": asked,
                "available": _decimal(d.get("available", 0)),
                "short": -_decimal(d.get("balance", 0)),
            },
        )
    else:
        amounts = Template(T_FALLS_TO, {"balance": _decimal(d.get("balance", 0))})
    return Template(
        T_SHORTAGE,
        {
            "register": Meta(r.title.lower()),
            "resource": Meta(resource.lower()),
            "at": _moment(d.get("at", "")),
            "key": parts,
            "amounts": amounts,
        },
    )


def _subsystem_title(name: str) -> str:
    from server.metadata import registry  # late: the metadata imports this module

    s = registry.subsystems.get(name)
    return s.title if s is not None else name


def _credit_params(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "object": object_template(str(d.get("object", ""))),
        "partner": str(d.get("partner", "")),
        **{k: _decimal(d.get(k, 0)) for k in ("debt", "open", "amount", "limit", "over")},
    }


def notice_template(d: dict[str, Any]) -> Template | None:
    """The template of what a posting told the user without refusing it (``notice``)."""
    if d.get("kind") == "credit_approval":
        return Template(T_CREDIT_APPROVAL, _credit_params(d))
    return None


def _status_title(key: str) -> str:
    """A sales order status's declared title (the hook's "not_posted": Not posted)."""
    from server.metadata import registry  # late: the metadata imports this module

    field = registry.document("sales_order").header_field("status")
    return dict(getattr(field, "options", ())).get(key, NOT_POSTED)


def _sales_rule_template(d: dict[str, Any]) -> Template | None:
    """The template of a sales document's rule (KN005 with a "rule" in its detail)."""
    text = _SALES_RULES.get(str(d.get("rule", "")))
    if text is None:
        return None
    params: dict[str, Any] = {k: str(v) for k, v in d.items() if k != "rule"}
    params["object"] = object_template(str(d.get("object", "")))
    if "status" in d:
        params["status"] = Meta(_status_title(str(d["status"])))
    for k in ("return_date", "shipment_date"):
        if k in d:
            params[k] = _moment(d[k])
    for k in ("returned", "shipped"):
        if k in d:
            params[k] = _decimal(d[k])
    return Template(text, params)


def user_template(d: dict[str, Any]) -> Template | None:
    """The template of a refusal of ``kontora.manage_user`` (a "user_…" rule in the detail)."""
    text = _USER_RULES.get(str(d.get("rule", "")))
    if text is None:
        return None
    return Template(text, {k: "" if v is None else str(v) for k, v in d.items() if k != "rule"})


def _db_template(sqlstate: str, d: dict[str, Any]) -> Template | None:
    """The template of a message raised by the database, rebuilt from its JSON detail."""
    if str(d.get("rule", "")).startswith("user_"):
        return user_template(d)
    if sqlstate == SHORTAGE:
        return shortage_template(d)
    if sqlstate == PERIOD_CLOSED and "period_lock_date" in d:
        return Template(
            T_PERIOD_CLOSED,
            {
                "object": object_template(str(d.get("object", ""))),
                "number": d.get("number") or "",
                "date": _day(d.get("date", "")),
                "lock": _day(d.get("period_lock_date", "")),
            },
        )
    if sqlstate == SUBSYSTEM_OFF and "subsystem" in d:
        return Template(
            T_SUBSYSTEM_OFF,
            {
                "object": object_template(str(d.get("object", ""))),
                "subsystem": Meta(_subsystem_title(str(d["subsystem"]))),
            },
        )
    if sqlstate == FORBIDDEN and d.get("rule") == "own_partners":
        manager = str(d.get("manager") or "")
        return Template(
            T_OWN_PARTNER,
            {
                "object": object_template(str(d.get("object", ""))),
                "partner": str(d.get("partner", "")),
                "manager": manager or Template(T_NOBODY),
                "user": str(d.get("user", "")),
            },
        )
    if sqlstate == FORBIDDEN and d.get("rule") == "own_partner_manager":
        names = ("partner", "manager", "user")
        return Template(T_OWN_PARTNER_MANAGER, {k: str(d.get(k, "")) for k in names})
    if sqlstate == CREDIT_LIMIT and "limit" in d:
        return Template(T_CREDIT_LIMIT, _credit_params(d))
    if sqlstate == LOCKED and "waited_ms" in d:
        holder = d.get("holder")
        return Template(
            T_LOCKED,
            {
                "holder": holder if holder else Template(T_ANOTHER_USER),
                "seconds": (_decimal(d["waited_ms"]) / 1000).quantize(Decimal("0.1")),
            },
        )
    return None


def from_db(exc: BaseException) -> KontoraError | None:
    """Translate a psycopg (or SQLAlchemy-wrapped) exception into a typed Kontora error."""
    orig = getattr(exc, "orig", None) or exc
    sqlstate = getattr(orig, "sqlstate", None)
    diag = getattr(orig, "diag", None)
    if sqlstate is None or diag is None:
        return None
    message = diag.message_primary or str(orig)
    detail: dict[str, Any] = {}
    if diag.message_detail:
        try:
            detail = json.loads(diag.message_detail, parse_float=Decimal)
        except ValueError:
            detail = {"text": diag.message_detail}
        if not isinstance(detail, dict):
            detail = {"text": diag.message_detail}
    if sqlstate in _BY_CODE:
        return _BY_CODE[sqlstate](message, detail, _db_template(sqlstate, detail))
    if sqlstate == INVALID:
        return DatabaseInvalidValue(
            message, detail, _sales_rule_template(detail) or user_template(detail)
        )
    if sqlstate == "42501":
        return error(
            ForbiddenError, Template(T_DENIED, {"reason": message}), {"sqlstate": sqlstate}
        )
    if sqlstate == "23514":
        return error(
            DatabaseInvalidValue, _check_template(diag), {"constraint": diag.constraint_name}
        )
    if sqlstate in ("22P02", "22003", "22021", "54000", "22001"):
        return error(
            DatabaseInvalidValue, Template(T_BAD_VALUE, {"reason": message}), {"sqlstate": sqlstate}
        )
    if sqlstate in ("57P01", "57P05", "08006", "08003", "25P03"):
        return error(
            ConnectionLostError,
            Template(T_CONNECTION_LOST, {"reason": message}),
            {"sqlstate": sqlstate},
        )
    return None


def _check_template(diag: Any) -> Template:
    """Explain a CHECK violation by its constraint name ``ck_<table>_<column>_<rule>`` (on a
    table, or on a document number's domain ``<table>__<column>``, which names no table)."""
    name = diag.constraint_name or ""
    table = diag.table_name or (getattr(diag, "datatype_name", None) or "").partition("__")[0]
    rest = name.removeprefix(f"ck_{table}_")
    column, _, rule = rest.rpartition("_")
    column = column.replace("_", " ")
    what = _RULES.get(rule)
    if what:
        return Template(what, {"table": table, "column": column})
    return Template(T_RULE, {"table": table, "name": name})
