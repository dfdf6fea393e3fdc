"""Line formulas: the client's value (Python) equals what PostgreSQL stores, to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from server.metadata import formula

AMOUNT = "round(quantity * price * (100 - nz(discount)) / 100, 2)"
VAT = "round(amount * rate / (100 + rate), 2) if included else round(amount * rate / 100, 2)"
TOTAL = "amount if included else amount + vat"


def test_hand_computed_examples():
    line = {"quantity": Decimal("3"), "price": Decimal("19.99"), "discount": Decimal("7.5")}
    # 3 × 19.99 = 59.97; −7.5 % = 55.47225 → 55.47
    assert formula.evaluate(AMOUNT, line) == Decimal("55.47")
    assert formula.evaluate(AMOUNT, {**line, "discount": None}) == Decimal("59.97")
    assert formula.evaluate(AMOUNT, {**line, "price": None}) is None  # empty operand
    # VAT 20 % included in 100.00: 16.666… → 16.67; on top: 20.00
    assert formula.evaluate(VAT, {"amount": 100, "rate": 20, "included": True}) == Decimal("16.67")
    assert formula.evaluate(VAT, {"amount": 100, "rate": 20, "included": False}) == Decimal("20.00")
    # half-up at the tie: 0.125 → 0.13
    assert formula.evaluate("round(x * y, 2)", {"x": "0.25", "y": "0.5"}) == Decimal("0.13")
    assert formula.names(AMOUNT) == {"quantity", "price", "discount"}


@pytest.mark.parametrize("bad", ["__import__('os')", "x ** 2", "x.y", "[x]", "abs(x)", "x < 1"])
def test_anything_else_is_refused(bad):
    with pytest.raises(ValueError):
        formula.parse(bad)


decimals = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=decimals,
    p=st.decimals(min_value=0, max_value=10**5, places=2, allow_nan=False),
    d=st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2)),
    rate=st.sampled_from([Decimal(0), Decimal(10), Decimal(20), Decimal("18"), Decimal("7.5")]),
    included=st.booleans(),
)
def test_postgres_and_python_agree(db, q, p, d, rate, included):
    values = {"quantity": q, "price": p, "discount": d, "rate": rate, "included": included}
    amount = formula.evaluate(AMOUNT, values)
    vat = formula.evaluate(VAT, {**values, "amount": amount})
    total = formula.evaluate(TOTAL, {**values, "amount": amount, "vat": vat})

    def col(name: str) -> str:
        return f"CAST(:{name} AS {'boolean' if name == 'included' else 'numeric'})"

    sql_amount = formula.to_sql(AMOUNT, col)
    sql_vat = formula.to_sql(VAT, lambda n: "s1.amount" if n == "amount" else col(n))
    sql_total = formula.to_sql(
        TOTAL, lambda n: {"amount": "s2.amount", "vat": "s2.vat"}.get(n) or col(n)
    )
    query = (
        f"SELECT s2.amount, s2.vat, {sql_total} FROM (SELECT s1.amount, {sql_vat} AS vat "
        f"FROM (SELECT {sql_amount} AS amount) s1) s2"
    )
    with db.engine.connect() as c:
        row = c.execute(text(query), values).one()
    assert (row[0], row[1], row[2]) == (amount, vat, total)
