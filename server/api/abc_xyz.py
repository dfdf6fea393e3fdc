"""ABC, XYZ and BCG analyses of customers (partners) or products by the sales register.

- **ABC** by revenue (net of VAT) in the period: items with positive revenue, largest first; an
  item is A while the cumulative share *before* it is below A % (so the item crossing the
  threshold is still A), B while it is below A + B %, else C. Default 80 / 15 / 5.
- **XYZ** by the coefficient of variation of monthly revenue over the period's calendar months
  (a month without sales counts as 0): CV = population standard deviation / mean × 100;
  X up to 10 %, Y up to 25 %, Z above (thresholds configurable).
- **BCG** (products) by growth against the previous period of the same length and by share of
  revenue: high growth means growing at least as fast as all products together (a product
  without sales before is new, counted as high growth); high share means at least the average
  share (100 % / number of products). Stars, cash cows, question marks and dogs.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from server.api.analysis import Analysis, Chart, percent, period_params
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP

S = "kontora"
KINDS = {"customers": "partner", "products": "product"}
_ITEM = {
    # the item's id and name from a sales movement s
    "customers": (
        "c.partner_id",
        f"JOIN {S}.cat_counterparties c ON c.id = s.customer_id",
        f"{S}.cat_partners",
    ),
    "products": ("s.product_id", "", f"{S}.cat_products"),
}
ITEM_TITLES = {
    "customers": QT_TRANSLATE_NOOP("Analysis", "Customer"),
    "products": QT_TRANSLATE_NOOP("Analysis", "Product"),
}
NO_PREVIOUS = QT_TRANSLATE_NOOP(
    "Analysis",
    "No sales in the previous period of the same length: growth cannot be measured, every "
    "product counts as new (choose a later period).",
)
QUADRANTS = {
    "star": QT_TRANSLATE_NOOP("Analysis", "Star"),
    "cash_cow": QT_TRANSLATE_NOOP("Analysis", "Cash cow"),
    "question": QT_TRANSLATE_NOOP("Analysis", "Question mark"),
    "dog": QT_TRANSLATE_NOOP("Analysis", "Dog"),
}


def _revenue_sql(kind: str, where: str = "s.period >= :f AND s.period < :t") -> str:
    item, join, _ = _ITEM[kind]
    return (
        f"SELECT {item} AS id, sum(s.amount) AS revenue FROM {S}.reg_sales s {join} "
        f"WHERE {where} GROUP BY {item}"
    )


def abc_ctes(kind: str, f: str = ":f", t: str = ":t", a: str = ":a", b: str = ":b") -> str:
    """The CTEs ``rev`` (revenue by item in [f, t)) and ``classified`` (items with positive
    revenue: id, revenue, total, before, class) of the ABC analysis; ``f t a b`` are the
    parameters or expressions of the period's bounds and the A and B thresholds (a segment's
    refresh routine passes its variables, server/sqlgen/segments.py)."""
    where = f"s.period >= {f} AND s.period < {t}"
    return f"""rev AS ({_revenue_sql(kind, where)}), ranked AS (
          SELECT id, revenue, sum(revenue) OVER () AS total,
                 coalesce(sum(revenue) OVER (ORDER BY revenue DESC, id
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
          FROM rev WHERE revenue > 0), classified AS (
          SELECT ranked.*, CASE WHEN before * 100 < {a} * total THEN 'A'
                    WHEN before * 100 < ({a} + {b}) * total THEN 'B' ELSE 'C' END AS class
          FROM ranked)"""


def abc(
    session: Session,
    kind: str,
    start: dt.date,
    end: dt.date,
    a: Decimal = Decimal(80),
    b: Decimal = Decimal(15),
) -> Analysis:
    """ABC classes of customers or products by their revenue from ``start`` to ``end``."""
    _, _, names = _ITEM[kind]
    rows = session.rows(
        f"""
        WITH {abc_ctes(kind)}
        SELECT r.id, n.name, r.revenue, r.total, r.before, r.class
        FROM classified r JOIN {names} n ON n.id = r.id
        ORDER BY r.revenue DESC, r.id""",
        a=a,
        b=b,
        **period_params(start, end),
    )
    for r in rows:
        r["share"] = percent(r["revenue"], r["total"])
        r["cumulative"] = percent(r["before"] + r["revenue"], r["total"])
    return Analysis(
        QT_TRANSLATE_NOOP("Analysis", "ABC analysis"),
        [
            ("name", ITEM_TITLES[kind], "text"),
            ("revenue", QT_TRANSLATE_NOOP("Analysis", "Revenue"), "money"),
            ("share", QT_TRANSLATE_NOOP("Analysis", "Share, %"), "percent"),
            ("cumulative", QT_TRANSLATE_NOOP("Analysis", "Cumulative, %"), "percent"),
            ("class", QT_TRANSLATE_NOOP("Analysis", "Class"), "text"),
        ],
        rows,
        Chart("pareto", "name", ("revenue",), line="cumulative", color="class"),
    )


def xyz(
    session: Session,
    kind: str,
    start: dt.date,
    end: dt.date,
    x: Decimal = Decimal(10),
    y: Decimal = Decimal(25),
) -> Analysis:
    """XYZ classes by the variation of monthly revenue over the months of the period."""
    item, join, names = _ITEM[kind]
    rows = session.rows(
        f"""
        WITH months AS (
          SELECT generate_series(date_trunc('month', CAST(:f AS date)),
                                 date_trunc('month', CAST(:l AS date)), interval '1 month') AS m),
        monthly AS (
          SELECT {item} AS id, date_trunc('month', s.period) AS m, sum(s.amount) AS revenue
          FROM {S}.reg_sales s {join}
          WHERE s.period >= :f AND s.period < :t GROUP BY 1, 2),
        items AS (SELECT DISTINCT id FROM monthly),
        grid AS (
          SELECT i.id, coalesce(x.revenue, 0) AS revenue
          FROM items i CROSS JOIN months mo LEFT JOIN monthly x ON x.id = i.id AND x.m = mo.m)
        SELECT g.id, n.name, sum(g.revenue) AS revenue, count(*) AS months,
               avg(g.revenue) AS mean, stddev_pop(g.revenue) AS sd
        FROM grid g JOIN {names} n ON n.id = g.id
        GROUP BY g.id, n.name HAVING avg(g.revenue) > 0
        ORDER BY sum(g.revenue) DESC, g.id""",
        l=end,
        **period_params(start, end),
    )
    for r in rows:
        r["cv"] = percent(r["sd"], r["mean"])
        r["mean"] = Decimal(r["mean"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
        r["class"] = "X" if r["cv"] <= x else "Y" if r["cv"] <= y else "Z"
    return Analysis(
        QT_TRANSLATE_NOOP("Analysis", "XYZ analysis"),
        [
            ("name", ITEM_TITLES[kind], "text"),
            ("revenue", QT_TRANSLATE_NOOP("Analysis", "Revenue"), "money"),
            ("mean", QT_TRANSLATE_NOOP("Analysis", "Monthly average"), "money"),
            ("cv", QT_TRANSLATE_NOOP("Analysis", "Variation, %"), "percent"),
            ("class", QT_TRANSLATE_NOOP("Analysis", "Class"), "text"),
        ],
        rows,
        Chart("bar", "name", ("cv",), color="class"),
    )


def bcg(session: Session, start: dt.date, end: dt.date) -> Analysis:
    """The BCG matrix of products: growth against the previous period and share of revenue."""
    days = (end - start).days + 1
    prev = start - dt.timedelta(days=days)
    rows = session.rows(
        f"""
        WITH cur AS ({_revenue_sql("products")}),
             old AS ({_revenue_sql("products", "s.period >= :pf AND s.period < :f")})
        SELECT c.id, n.name, c.revenue, coalesce(o.revenue, 0) AS previous
        FROM cur c JOIN {S}.cat_products n ON n.id = c.id LEFT JOIN old o ON o.id = c.id
        WHERE c.revenue > 0 ORDER BY c.revenue DESC, c.id""",
        pf=prev,
        **period_params(start, end),
    )
    total = sum((r["revenue"] for r in rows), Decimal(0))
    total_prev = sum((r["previous"] for r in rows), Decimal(0))
    market = percent(total - total_prev, total_prev)
    average = percent(1, len(rows)) if rows else None
    for r in rows:
        r["share"] = percent(r["revenue"], total)
        prev_r = r["previous"]
        r["growth"] = percent(r["revenue"] - prev_r, prev_r) if prev_r > 0 else None
        high_growth = r["growth"] is None or market is None or r["growth"] >= market
        high_share = average is not None and r["share"] >= average
        key = (
            ("star" if high_growth else "cash_cow")
            if high_share
            else ("question" if high_growth else "dog")
        )
        r["quadrant"] = QUADRANTS[key]
        r["plot_growth"] = r["growth"] if r["growth"] is not None else (market or Decimal(0))
    return Analysis(
        QT_TRANSLATE_NOOP("Analysis", "BCG matrix"),
        [
            ("name", ITEM_TITLES["products"], "text"),
            ("revenue", QT_TRANSLATE_NOOP("Analysis", "Revenue"), "money"),
            ("previous", QT_TRANSLATE_NOOP("Analysis", "Previous period"), "money"),
            ("growth", QT_TRANSLATE_NOOP("Analysis", "Growth, %"), "percent"),
            ("share", QT_TRANSLATE_NOOP("Analysis", "Share, %"), "percent"),
            ("quadrant", QT_TRANSLATE_NOOP("Analysis", "Quadrant"), "text"),
        ],
        rows,
        Chart(
            "scatter",
            "name",
            ("revenue",),
            color="quadrant",
            x="share",
            y="plot_growth",
            guides=(average, market),
        ),
        notes=[] if market is not None or not rows else [NO_PREVIOUS],
    )
