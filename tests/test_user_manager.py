"""Administrators who are not superusers manage users through ``kontora.manage_user`` (a
SECURITY DEFINER function of ``kontora_usermgr``): create, give roles, reset passwords, disable,
enable and remove; clerks are refused; superusers, system roles and roles that are not Kontora
users are out of reach; the Users form works for such an administrator."""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import DBAPIError

from server import users
from server.config.roles import USER_MANAGER
from server.errors import DatabaseInvalidValue, ForbiddenError, NotFoundError, from_db
from server.sqlgen.install import role_sql

DENIED = "42501"


def _new(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:6]}"


@pytest.fixture
def superuser(db) -> Engine:
    eng = create_engine(db.url, isolation_level="AUTOCOMMIT")
    yield eng
    eng.dispose()


@pytest.fixture
def admin(db, login, superuser) -> Engine:
    """An administrator login that is neither a superuser nor CREATEROLE itself."""
    name, eng = login("admin")
    with superuser.connect() as c:
        row = c.execute(
            text("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = :n"), {"n": name}
        ).one()
    assert tuple(row) == (False, False)
    return eng


@pytest.fixture
def dropped(superuser):
    """Names to drop afterwards (whatever a failing test left behind)."""
    names: list[str] = []
    yield names
    with superuser.connect() as c:
        for n in names:
            c.exec_driver_sql(f'DROP ROLE IF EXISTS "{n}"')


def _run(eng: Engine, fn, *args) -> None:
    with eng.begin() as c:
        fn(c, *args)


def _refusal(eng: Engine, fn, *args):
    """The typed error ``fn`` raised in ``eng``'s transaction; its English text must be what
    the database said (the client's translated template renders the same words)."""
    with pytest.raises(DBAPIError) as caught:
        _run(eng, fn, *args)
    typed = from_db(caught.value)
    assert typed is not None, caught.value
    if "rule" in typed.detail:
        assert typed.template is not None and typed.template.render() == typed.message
    return typed


def _can_log_in(db, name: str, password: str) -> bool:
    """Would ``password`` pass SCRAM authentication (what TCP clients use; the test server's
    socket trusts), and may ``name`` log in now?"""
    eng = db.engine_as(name, password)
    try:
        with eng.connect() as c:
            assert c.scalar(text("SELECT session_user")) == name
    except DBAPIError:
        return False
    finally:
        eng.dispose()
    verifier = db.session().scalar("SELECT rolpassword FROM pg_authid WHERE rolname = :n", n=name)
    return _scram_matches(verifier or "", password)


def _scram_matches(verifier: str, password: str) -> bool:
    """RFC 5802/7677: StoredKey = H(HMAC(SaltedPassword, "Client Key"))."""
    method, _, rest = verifier.partition("$")
    iterations_salt, _, keys = rest.partition("$")
    iterations, _, salt = iterations_salt.partition(":")
    stored = keys.partition(":")[0]
    if method != "SCRAM-SHA-256":
        return False
    salted = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), base64.b64decode(salt), int(iterations)
    )
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    return hashlib.sha256(client_key).digest() == base64.b64decode(stored)


def _roles_of(eng: Engine, name: str) -> tuple[str, ...] | None:
    with eng.connect() as c:
        found = [u for u in users.users(c) if u.name == name]
    return found[0].roles if found else None


def test_a_non_superuser_administrator_manages_users(db, admin, superuser, dropped):
    name = _new("ann")
    dropped.append(name)
    _run(admin, users.add_user, name, ["sales_manager", "accountant"], "first-pw")
    assert _roles_of(admin, name) == ("accountant", "sales_manager")
    assert _can_log_in(db, name, "first-pw")
    with superuser.connect() as c:  # the manager may change the new role, not use its rights
        may = c.execute(
            text(
                "SELECT pg_has_role(:m, :n, 'MEMBER WITH ADMIN OPTION'), "
                "pg_has_role(:m, :n, 'USAGE'), pg_has_role(:m, 'kontora_admin', 'USAGE')"
            ),
            {"m": USER_MANAGER, "n": name},
        ).one()
    assert tuple(may) == (True, False, False)

    _run(admin, users.set_roles, name, ["storekeeper", "accountant"])
    assert _roles_of(admin, name) == ("accountant", "storekeeper")

    _run(admin, users.set_password, name, "second-pw")
    assert _can_log_in(db, name, "second-pw") and not _can_log_in(db, name, "first-pw")

    session = db.engine_as(name, "second-pw").connect()  # an open session ends on disable
    _run(admin, users.set_enabled, name, False)
    with pytest.raises(Exception, match="not permitted to log in"):
        db.engine_as(name, "second-pw").connect()
    with pytest.raises(DBAPIError):
        session.execute(text("SELECT 1"))
    session.invalidate()
    with admin.connect() as c:
        assert not next(u for u in users.users(c) if u.name == name).enabled

    _run(admin, users.set_enabled, name, True)
    assert _can_log_in(db, name, "second-pw")

    _run(admin, users.remove_user, name)
    with superuser.connect() as c:
        assert c.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": name}) == 0


def test_a_clerk_is_refused(db, login, superuser, dropped):
    clerk, eng = login("storekeeper")
    name = _new("bob")
    dropped.append(name)
    typed = _refusal(eng, users.add_user, name, ["admin"], "pw")
    assert isinstance(typed, ForbiddenError) and typed.detail.get("sqlstate") == DENIED
    # Even with EXECUTE granted by mistake, the function itself refuses a non-administrator.
    with superuser.connect() as c:
        c.exec_driver_sql(
            f"GRANT EXECUTE ON FUNCTION kontora.manage_user(text, text, text[], text) TO {clerk}"
        )
    typed = _refusal(eng, users.add_user, name, ["admin"], "pw")
    assert typed.code == "KN009" and typed.detail["rule"] == "user_not_admin"
    assert clerk in typed.message and name in typed.message
    with superuser.connect() as c:
        assert not c.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": name})


def _call(c, action: str, name: str, groups=None, verifier=None) -> None:
    c.execute(
        text("SELECT kontora.manage_user(:a, :n, CAST(:g AS text[]), :v)"),
        {"a": action, "n": name, "g": groups, "v": verifier},
    )


def test_the_administrator_cannot_touch_superusers_system_or_foreign_roles(
    db, admin, superuser, dropped
):
    boss, other = _new("boss"), _new("other")
    dropped += [boss, other]
    with superuser.connect() as c:
        c.exec_driver_sql(f"CREATE ROLE {boss} SUPERUSER LOGIN")
        c.exec_driver_sql(f"CREATE ROLE {other} LOGIN")
    cases = [
        (("password", boss), "user_superuser"),
        (("disable", boss), "user_superuser"),
        (("remove", "kontora_owner"), "user_system"),
        (("roles", USER_MANAGER, ["admin"]), "user_system"),
        (("add", "pg_mine", ["admin"]), "user_system"),
        (("disable", other), "user_foreign"),
        (("roles", other, ["admin"]), "user_foreign"),
        (("remove", "nobody_" + uuid.uuid4().hex[:6]), "user_missing"),
        (("add", other, ["admin"], "SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5"), "user_exists"),
        (("add", _new("x"), ["boss"], "SCRAM-SHA-256$4096:c2FsdA==$a2V5:a2V5"), "user_role"),
        (("add", _new("x"), ["admin"], "plain-password"), "user_password"),
        (("add", 'x"; DROP ROLE postgres; --', ["admin"]), "user_name"),
        (("roles", other, []), "user_no_roles"),
        (("grant", other), "user_action"),
    ]
    for args, rule in cases:
        typed = _refusal(admin, _call, *args)
        assert typed.detail.get("rule") == rule, (args, typed.message)
        assert typed.detail["user"] == args[1] and args[1] in typed.message
    assert isinstance(_refusal(admin, _call, "enable", "nobody_x"), NotFoundError)
    assert isinstance(_refusal(admin, _call, "roles", other, []), DatabaseInvalidValue)
    with superuser.connect() as c:
        row = c.execute(
            text("SELECT rolcanlogin, rolpassword IS NULL FROM pg_authid WHERE rolname = :n"),
            {"n": boss},
        ).one()
    assert tuple(row) == (True, True)  # untouched


def test_the_administrator_cannot_lock_itself_out(db, login, dropped):
    me, eng = login("admin", "accountant")
    for action, groups in (("disable", None), ("remove", None), ("roles", ["accountant"])):
        typed = _refusal(eng, _call, action, me, groups)
        assert typed.detail["rule"] == "user_self", action
    _run(eng, users.set_roles, me, ["admin"])  # keeping the administrator role is fine
    assert _roles_of(eng, me) == ("admin",)


def test_users_made_outside_kontora_are_adopted_on_upgrade(db, admin, superuser, dropped):
    name = _new("old")
    dropped.append(name)
    with superuser.connect() as c:  # by hand, as before this version
        c.exec_driver_sql(f"CREATE ROLE {name} LOGIN IN ROLE kontora_storekeeper")
    typed = _refusal(admin, users.set_roles, name, ["accountant"])
    assert typed.detail["rule"] == "user_unmanaged"
    with superuser.connect() as c:
        for stmt in role_sql():
            c.exec_driver_sql(stmt)
    _run(admin, users.set_roles, name, ["accountant"])
    assert _roles_of(admin, name) == ("accountant",)


def test_the_user_list_skips_kontora_roles(db, admin):
    with admin.connect() as c:
        names = [u.name for u in users.users(c)]
    assert names and not [n for n in names if n.startswith("kontora_")]


@pytest.mark.usefixtures("gui_isolation")
def test_the_users_form_works_for_a_non_superuser_administrator(qtbot, db, login, dropped):
    from forms.admin_users import UsersForm
    from tests.gui_support import WAIT, make_window

    me, eng = login("admin")
    name = _new("cat")
    dropped.append(name)
    w = make_window(qtbot, eng)
    form = w.open_admin("users")
    assert isinstance(form, UsersForm)
    qtbot.waitUntil(lambda: not form.busy and (me, "Administrator") in form.users(), timeout=WAIT)

    form.add_user(name, ["sales_manager", "storekeeper"], "first-pw")
    qtbot.waitUntil(
        lambda: (name, "Sales manager, Storekeeper") in form.users() and not form.busy,
        timeout=WAIT,
    )
    assert "created" in form.message_bar.message()
    form.set_roles(name, ["accountant"])
    qtbot.waitUntil(lambda: (name, "Accountant") in form.users() and not form.busy, timeout=WAIT)
    form.reset_password(name, "second-pw")
    qtbot.waitUntil(lambda: "password" in form.message_bar.message(), timeout=WAIT)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert _can_log_in(db, name, "second-pw") and not _can_log_in(db, name, "first-pw")
    form.set_enabled(name, False)
    qtbot.waitUntil(
        lambda: any(u.name == name and not u.enabled for u in form.rows) and not form.busy,
        timeout=WAIT,
    )
    assert not _can_log_in(db, name, "second-pw")
    form.set_enabled(name, True)
    qtbot.waitUntil(
        lambda: any(u.name == name and u.enabled for u in form.rows) and not form.busy,
        timeout=WAIT,
    )
    assert _can_log_in(db, name, "second-pw")

    form.set_enabled(me, False)  # refused with a message that names the login
    qtbot.waitUntil(lambda: "your own login" in form.message_bar.message(), timeout=WAIT)
    assert me in form.message_bar.message()


def test_kontora_admin_user_commands_as_a_non_superuser_administrator(db, login, dropped):
    from sqlalchemy.engine import make_url
    from typer.testing import CliRunner

    from server.cli import app
    from tests.admin_support import PASSWORD

    me, _ = login("admin")
    url = make_url(db.url).set(username=me, password=PASSWORD).render_as_string(False)
    name = _new("dan")
    dropped.append(name)

    def cli(*args: str, code: int = 0) -> str:
        r = CliRunner().invoke(app, ["user", *args, "--infobase", url])
        assert r.exit_code == code, (r.output, r.exception)
        return r.output + (r.stderr if code else "")

    cli("add", name, "--role", "storekeeper", "--role", "accountant", "--password", "p1")
    assert f"{name:<24} accountant" in cli("list")
    cli("roles", name, "--role", "sales_manager")
    cli("passwd", name, "--password", "p2")
    assert _can_log_in(db, name, "p2")
    cli("disable", name)
    assert not _can_log_in(db, name, "p2")
    cli("remove", name)
    assert f"There is no user {name}." in cli("enable", name, code=1)
    assert "kontora_usermgr" not in cli("list")
