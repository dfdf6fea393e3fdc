"""Benchmark (not a test): a month's payroll of many employees on an embedded server.

    uv run python -m tests.bench.payroll [--employees 1000]

Creates the employees (every other one raised in the middle of the month, every third with a
10 % bonus, every fifth with a fixed bonus), fills the year's calendar, then times "Fill" of
the payroll sheet, saving and posting it (payroll register and settlements), and a salary
payment of everyone; prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import server.config  # noqa: F401
from server.api import Documents, Session, new_document
from server.api.payroll import as_payload, fill_calendar, net_pay, payroll_sections
from server.infobase import Infobase
from server.metadata import registry
from tests.bench.seed import base_items, inserter

MONTH = dt.date(2026, 11, 1)


def setup(url: str, n: int) -> tuple:
    eng = create_engine(url)
    with eng.begin() as c:
        one = inserter(c)
        org, _wh, _unit = base_items(one)
        dep = one("INSERT INTO cat_departments(name) VALUES ('Staff') RETURNING id")
        kind = one(
            "INSERT INTO cat_accrual_types(name, kind) VALUES ('Salary', 'salary') RETURNING id"
        )
        fixed = one(
            "INSERT INTO cat_accrual_types(name, kind) VALUES ('Bonus', 'fixed_bonus') RETURNING id"
        )
        pct = one(
            "INSERT INTO cat_accrual_types(name, kind) "
            "VALUES ('Sales bonus', 'percent_bonus') RETURNING id"
        )
        one(
            "INSERT INTO cat_deduction_types(name, kind, rate, rounding) "
            "VALUES ('NDFL', 'income_tax', 13, 'rouble') RETURNING id"
        )
        c.execute(
            text(
                "INSERT INTO cat_individuals(name) "
                "SELECT 'Person ' || g FROM generate_series(1, :n) g"
            ),
            {"n": n},
        )
        c.execute(
            text(
                "INSERT INTO cat_employees(name, individual_id, organization_id, department_id, "
                "hire_date) SELECT name, id, :o, :d, '2025-01-01' FROM cat_individuals"
            ),
            {"o": org, "d": dep},
        )
        c.execute(
            text(
                "INSERT INTO inf_employee_terms(period, employee_id, accrual_type_id, amount) "
                "SELECT DATE '2025-01-01', id, :k, 40000 + id FROM cat_employees UNION ALL "
                "SELECT DATE '2026-11-16', id, :k, 45000 + id FROM cat_employees WHERE id % 2 = 0"
            ),
            {"k": kind},
        )  # fmt: skip
        c.execute(
            text(
                "INSERT INTO inf_employee_terms"
                "(period, employee_id, accrual_type_id, amount, percent) "
                "SELECT DATE '2025-01-01', id, :p, NULL, 10 FROM cat_employees WHERE id % 3 = 0 "
                "UNION ALL "
                "SELECT DATE '2026-01-01', id, :f, 5000, NULL FROM cat_employees WHERE id % 5 = 0"
            ),
            {"p": pct, "f": fixed},
        )  # fmt: skip
    return eng, org


def run(n: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="kontora-bench-") as folder:
        ib = Infobase(folder, settings={"fsync": "off"})
        ib.start()
        try:
            admin = create_engine(
                make_url(ib.url()).set(database="postgres"), isolation_level="AUTOCOMMIT"
            )
            with admin.connect() as c:
                c.exec_driver_sql("CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8'")
            admin.dispose()
            url = make_url(ib.url()).set(database="bench")
            ib.upgrade(create_engine(url))
            eng, org = setup(url.render_as_string(hide_password=False), n)
            s = Session(eng)
            fill_calendar(s, 2026)
            docs = Documents(s, registry)
            t = time.perf_counter()
            filled = payroll_sections(
                s, registry, {"organization": org, "month": MONTH.isoformat()}
            )
            fill = time.perf_counter() - t
            plain = as_payload(filled)
            t = time.perf_counter()
            docs.save(
                "payroll_sheet",
                new_document(organization=org, month=MONTH, date="2026-11-30T18:00:00", **plain),
                post=True,
            )
            post = time.perf_counter() - t
            paid = net_pay(plain)
            t = time.perf_counter()
            docs.save(
                "salary_payment",
                new_document(organization=org, kind="bank", date="2026-12-05T10:00:00", lines=paid),
                post=True,
            )
            pay = time.perf_counter() - t
            owed = s.scalar("SELECT coalesce(sum(amount), 0) FROM reg_employee_settlements_balance")
            eng.dispose()
        finally:
            assert ib.server
            ib.server.stop(force=True)
    return {
        "employees": n,
        "fill_s": round(fill, 3),
        "sheet_save_and_post_s": round(post, 3),
        "payment_save_and_post_s": round(pay, 3),
        "owed_after_payment": str(owed),
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, default=1000)
    print(json.dumps(run(ap.parse_args().employees)))


if __name__ == "__main__":
    main()
