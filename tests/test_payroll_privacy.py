"""Who earns what is private: a sales manager's login reading any payroll table, register,
document or their history by SQL gets permission denied or nothing, and the client shows no
payroll section; the payroll officer reads it all."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from sqlalchemy import create_engine

from server.api.lists import enabled_subsystems
from server.api.session import Session
from server.metadata import registry
from server.sqlgen.privacy import private_tables
from server.users import add_user
from tests.payroll_helpers import sheet, staff


def connect(db, user: str) -> psycopg.Connection:
    u = db.engine.url.set(drivername="postgresql", username=user, password="secret-pw")
    return psycopg.connect(u.render_as_string(hide_password=False), autocommit=True)


@pytest.fixture
def logins(db):
    suffix = uuid.uuid4().hex[:6]
    names = {"sales": f"sales_{suffix}", "payroll": f"pay_{suffix}"}
    eng = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        add_user(c, names["sales"], "sales_manager", "secret-pw")
        add_user(c, names["payroll"], "payroll_officer", "secret-pw")
    yield names
    with eng.connect() as c:
        for n in names.values():
            c.exec_driver_sql(f'DROP OWNED BY "{n}"; DROP ROLE "{n}"')
    eng.dispose()


TABLES = private_tables(registry, "payroll")


def test_every_payroll_object_is_covered():
    for t in (
        "cat_employees",
        "inf_employee_terms",
        "reg_payroll",
        "reg_employee_settlements_balance",
        "doc_payroll_sheet_accruals",
        "doc_payroll_sheet_deductions",
        "doc_payroll_sheet_employees",
        "doc_salary_payment",
    ):
        assert t in TABLES


def test_a_sales_manager_reads_no_payroll_by_sql(world, logins):
    s = staff(world)
    doc = sheet(world, s)
    assert world.session.scalar(
        "SELECT count(*) FROM history WHERE table_name IN ('cat_employees', 'doc_payroll_sheet')"
    )
    with connect(world.db, logins["sales"]) as c:
        for t in TABLES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(f"SELECT * FROM kontora.{t} LIMIT 1")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("SELECT kontora.doc_payroll_sheet_state(%s, false)", [doc["id"]])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the rule reads as the caller
            c.execute("SELECT * FROM kontora.payroll_sheet_expected(%s)", [doc["id"]])
        seen = c.execute(
            "SELECT count(*) FROM kontora.history WHERE table_name = ANY(%s)", [TABLES]
        ).fetchone()[0]
        assert seen == 0
        assert c.execute("SELECT count(*) FROM kontora.history").fetchone()[0] > 0  # the rest
        assert c.execute("SELECT count(*) FROM kontora.cat_products").fetchone()[0] > 0
    with connect(world.db, logins["payroll"]) as c:
        for t in TABLES:
            c.execute(f"SELECT * FROM kontora.{t} LIMIT 1")
        seen = c.execute(
            "SELECT count(*) FROM kontora.history WHERE table_name = ANY(%s)", [TABLES]
        ).fetchone()[0]
        assert seen > 0


def test_the_client_hides_payroll_from_a_sales_manager(world, logins):
    staff(world)  # switches payroll on
    sales = Session(world.db.engine_as(logins["sales"], "secret-pw"))
    officer = Session(world.db.engine_as(logins["payroll"], "secret-pw"))
    assert "payroll" not in enabled_subsystems(sales) and "sales" in enabled_subsystems(sales)
    assert "payroll" in enabled_subsystems(officer)
