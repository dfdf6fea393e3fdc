"""Computed line amounts, declared once as a small arithmetic formula and evaluated twice:
in PostgreSQL when a document is saved (the stored value) and in the client while a line is typed
(the value shown), with the same rounding, so the two never disagree.

A formula is a Python-syntax expression over the line's fields and the document header's fields:
numbers, ``+ - * /``, parentheses, ``round(x, n)`` (half away from zero, i.e. half-up for amounts,
as PostgreSQL rounds ``numeric``), ``nz(x)`` (an empty value counts as 0) and
``a if flag else b`` (``flag`` a yes/no field). Any other empty operand makes the result empty:
the server then keeps the value typed into the field.

Example: ``round(quantity * price * (100 - nz(discount)) / 100, 2)``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cache
from typing import Any

_OPS: dict[type, str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


@cache
def parse(expr: str) -> ast.expr:
    """The formula's syntax tree; ValueError names anything outside the small language."""
    tree = ast.parse(expr, mode="eval").body
    for node in ast.walk(tree):
        ok = (
            isinstance(
                node,
                ast.BinOp | ast.Name | ast.Constant | ast.Call | ast.IfExp | ast.UnaryOp | ast.Load,
            )
            or type(node) in _OPS
        )
        if isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.USub):
            ok = False
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | str):
            ok = False
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            arity = {"round": 2, "nz": 1}.get(name)
            ok = arity == len(node.args) and not node.keywords
            if ok and name == "round":
                n = node.args[1]
                ok = isinstance(n, ast.Constant) and type(n.value) is int and 0 <= n.value <= 6
        if isinstance(node, ast.USub):
            ok = True
        if not ok:
            raise ValueError(f"formula {expr!r}: {ast.dump(node)} is not allowed")
    return tree


def _places(call: ast.Call) -> int:
    """The decimals of ``round(x, n)``: a whole number written in the formula."""
    return call.args[1].value  # type: ignore[attr-defined]


def names(expr: str) -> set[str]:
    """The field names a formula reads."""
    return {
        n.id
        for n in ast.walk(parse(expr))
        if isinstance(n, ast.Name) and n.id not in ("round", "nz")
    }


def to_sql(expr: str, column: Callable[[str], str]) -> str:
    """The formula as an SQL expression; ``column`` maps a field name to its SQL column."""

    def sql(node: ast.expr) -> str:
        if isinstance(node, ast.BinOp):
            return f"({sql(node.left)} {_OPS[type(node.op)]} {sql(node.right)})"
        if isinstance(node, ast.UnaryOp):
            return f"(-{sql(node.operand)})"
        if isinstance(node, ast.Constant):
            return f"{node.value}::numeric" if isinstance(node.value, int) else f"'{node.value}'"
        if isinstance(node, ast.Name):
            return column(node.id)
        if isinstance(node, ast.IfExp):
            return f"(CASE WHEN {sql(node.test)} THEN {sql(node.body)} ELSE {sql(node.orelse)} END)"
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if node.func.id == "round":
            return f"round({sql(node.args[0])}, {_places(node)})"
        return f"coalesce({sql(node.args[0])}, 0)"

    return sql(parse(expr))


def evaluate(expr: str, values: Mapping[str, Any]) -> Decimal | None:
    """The formula's value for ``values`` (Decimals, or None when empty), or None when an
    operand outside ``nz`` is empty."""

    def ev(node: ast.expr) -> Any:
        if isinstance(node, ast.BinOp):
            a, b = ev(node.left), ev(node.right)
            if a is None or b is None:
                return None
            if isinstance(node.op, ast.Div):
                return None if b == 0 else a / b
            return {ast.Add: a + b, ast.Sub: a - b, ast.Mult: a * b}[type(node.op)]
        if isinstance(node, ast.UnaryOp):
            v = ev(node.operand)
            return None if v is None else -v
        if isinstance(node, ast.Constant):
            return Decimal(node.value) if isinstance(node.value, int) else node.value
        if isinstance(node, ast.Name):
            v = values.get(node.id)
            if v is None or isinstance(v, bool | Decimal):
                return v
            try:
                return Decimal(str(v))
            except ArithmeticError:  # text typed into a number cell
                return None
        if isinstance(node, ast.IfExp):
            return ev(node.body) if ev(node.test) else ev(node.orelse)
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if node.func.id == "nz":
            v = ev(node.args[0])
            return Decimal(0) if v is None else v
        v = ev(node.args[0])
        return None if v is None else v.quantize(Decimal(1).scaleb(-_places(node)), ROUND_HALF_UP)

    with localcontext() as ctx:
        ctx.prec = 40  # PostgreSQL divides numerics to at least 16 significant digits
        return ev(parse(expr))
