"""The picture of an :class:`~server.api.analysis.Analysis`, drawn with matplotlib on a Qt canvas
(imported only when an analysis form opens: matplotlib is not needed to start the client).

The analysis says what to draw (:class:`~server.api.analysis.Chart`): a funnel of the deals
reaching each stage, a Pareto chart (revenue bars by class and the cumulative share), bars by
class, grouped bars, or a scatter with quadrant lines (BCG).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

from server.api.analysis import Analysis, Chart

#: colours of classes and quadrants (in the order they are met), then a cycle
PALETTE = ("#2e7d32", "#f9a825", "#c62828", "#1565c0", "#6a1b9a", "#00838f", "#8d6e63")
CLASS_COLORS = {"A": PALETTE[0], "B": PALETTE[1], "C": PALETTE[2], "X": PALETTE[0]}
CLASS_COLORS |= {"Y": PALETTE[1], "Z": PALETTE[2]}
MAX_ITEMS = 30  # a chart of more items shows the first ones (the table has them all)
LABELLED = 10  # a scatter names its first (largest) points only


def _num(v: Any) -> float:
    """A value for the picture only (the table and the export keep the exact Decimal)."""
    return float(v) if isinstance(v, (int, Decimal)) else 0.0


def _short(text: Any, width: int = 18) -> str:
    s = str(text or "")
    return s if len(s) <= width else s[: width - 1] + "…"


class AnalysisChart(FigureCanvasQTAgg):
    """A canvas that redraws itself for each analysis (``titles``: translated column titles)."""

    def __init__(self, parent: Any = None) -> None:
        self.figure = Figure(figsize=(5, 4), layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("analysis_chart")

    def draw_analysis(self, a: Analysis, titles: dict[str, str]) -> None:
        self.figure.clear()
        ax = self.figure.add_subplot()
        c = a.chart
        rows = [r for r in a.rows if r.get("level", 0) == 0][:MAX_ITEMS]
        if c is None or not rows:
            ax.set_axis_off()
        else:
            draw = {
                "funnel": _funnel,
                "pareto": _pareto,
                "bar": _bars,
                "grouped": _grouped,
                "scatter": _scatter,
            }[c.kind]
            draw(ax, c, rows, titles)
        self.draw_idle()


def _colors(c: Chart, rows: list[dict[str, Any]]) -> list[str]:
    if c.color is None:
        return [PALETTE[3]] * len(rows)
    seen: dict[Any, str] = {}
    for r in rows:
        key = r.get(c.color)
        if key not in seen:
            seen[key] = CLASS_COLORS.get(key, PALETTE[len(seen) % len(PALETTE)])
    return [seen[r.get(c.color)] for r in rows]


def _funnel(ax: Any, c: Chart, rows: list[dict[str, Any]], titles: dict[str, str]) -> None:
    rows = [r for r in rows if r.get(c.values[0]) is not None]
    values = [_num(r[c.values[0]]) for r in rows]
    top = max(values, default=0) or 1
    y = list(range(len(rows)))[::-1]
    ax.barh(y, values, left=[(top - v) / 2 for v in values], color=PALETTE[3], height=0.7)
    for yi, r, v in zip(y, rows, values, strict=True):
        note = f"{int(v)}"
        if c.line and r.get(c.line) is not None:
            note += f"  ({r[c.line]} %)"
        ax.text(top / 2, yi, note, ha="center", va="center", color="white", fontweight="bold")
    ax.set_yticks(y, [_short(r[c.label], 24) for r in rows])
    ax.set_xticks([])
    ax.set_title(titles.get(c.values[0], ""))


def _pareto(ax: Any, c: Chart, rows: list[dict[str, Any]], titles: dict[str, str]) -> None:
    x = range(len(rows))
    ax.bar(x, [_num(r[c.values[0]]) for r in rows], color=_colors(c, rows))
    ax.set_xticks(list(x), [_short(r[c.label]) for r in rows], rotation=60, ha="right")
    ax.set_ylabel(titles.get(c.values[0], ""))
    if c.line:
        twin = ax.twinx()
        twin.plot(list(x), [_num(r[c.line]) for r in rows], color="#333333", marker="o")
        twin.set_ylim(0, 105)
        twin.set_ylabel(titles.get(c.line, ""))


def _bars(ax: Any, c: Chart, rows: list[dict[str, Any]], titles: dict[str, str]) -> None:
    x = range(len(rows))
    ax.bar(x, [_num(r[c.values[0]]) for r in rows], color=_colors(c, rows))
    ax.set_xticks(list(x), [_short(r[c.label]) for r in rows], rotation=60, ha="right")
    ax.set_ylabel(titles.get(c.values[0], ""))


def _grouped(ax: Any, c: Chart, rows: list[dict[str, Any]], titles: dict[str, str]) -> None:
    n = len(c.values)
    width = 0.8 / n
    for i, key in enumerate(c.values):
        xs = [j + (i - (n - 1) / 2) * width for j in range(len(rows))]
        ax.bar(xs, [_num(r.get(key)) for r in rows], width, label=titles.get(key, key),
               color=PALETTE[(i + 3) % len(PALETTE)])  # fmt: skip
    ax.set_xticks(list(range(len(rows))), [_short(r[c.label]) for r in rows], rotation=30,
                  ha="right")  # fmt: skip
    ax.legend()


def _scatter(ax: Any, c: Chart, rows: list[dict[str, Any]], titles: dict[str, str]) -> None:
    assert c.x and c.y
    xs, ys = [_num(r[c.x]) for r in rows], [_num(r[c.y]) for r in rows]
    ax.scatter(xs, ys, s=60, c=_colors(c, rows))
    for x, y, r in list(zip(xs, ys, rows, strict=True))[:LABELLED]:  # the largest ones
        ax.annotate(_short(r[c.label], 14), (x, y), textcoords="offset points", xytext=(4, 4),
                    fontsize=8)  # fmt: skip
    gx, gy = c.guides
    if gx is not None:
        ax.axvline(float(gx), color="#999999", linestyle="--")
    if gy is not None:
        ax.axhline(float(gy), color="#999999", linestyle="--")
    ax.set_xlabel(titles.get(c.x, ""))
    ax.set_ylabel(titles.get("growth", titles.get(c.y, "")))
