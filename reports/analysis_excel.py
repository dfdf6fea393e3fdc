"""Export of an analysis (funnel, ABC, XYZ, BCG, KPIs, marketing) to an xlsx workbook: the
title, a frozen header with an autofilter, numbers as numbers with formats, and the analysis's
chart as a native Excel chart over the same cells (so it follows edits in Excel)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference, ScatterChart, Series
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from reports.excel import cell_value, column_widths, number_format, save_atomically
from server.api.analysis import Analysis

HEADER_ROW = 3  # title, an empty row, then the header


def export_analysis(a: Analysis, path: str, title: str, titles: dict[str, str]) -> int:
    """Write ``a`` (column titles translated in ``titles``) to ``path``; returns the row count."""
    wb = Workbook()
    ws = wb.active
    ws.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Analysis"
    ws.cell(1, 1, title).font = Font(bold=True, size=14)
    keys = [k for k, _, _ in a.columns]
    for j, (key, _, _) in enumerate(a.columns, start=1):
        ws.cell(HEADER_ROW, j, titles.get(key, key)).font = Font(bold=True)
    for i, row in enumerate(a.rows, start=HEADER_ROW + 1):
        for j, (key, _, kind) in enumerate(a.columns, start=1):
            value = cell_value(kind, row.get(key))
            if j == 1 and row.get("level"):
                value = f"    {value}"
            cell = ws.cell(i, j, value)
            fmt = number_format(kind, value)
            if fmt:
                cell.number_format = fmt
    cols = [(titles.get(k, k), t, kind) for k, t, kind in a.columns]
    for j, width in enumerate(column_widths(cols, a.rows), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    last = HEADER_ROW + len(a.rows)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    if a.rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(keys))}{last}"
        chart = _chart(a, ws, keys, last)
        if chart is not None:
            chart.title = title
            ws.add_chart(chart, f"{get_column_letter(len(keys) + 2)}{HEADER_ROW}")
    save_atomically(wb, Path(path))
    return len(a.rows)


def _chart(a: Analysis, ws, keys: list[str], last: int):
    c = a.chart
    if c is None:
        return None
    col = {k: keys.index(k) + 1 for k in keys}
    labels = Reference(ws, min_col=col[c.label], min_row=HEADER_ROW + 1, max_row=last)
    if c.kind == "scatter" and c.x and c.y and c.x in col:
        chart = ScatterChart()
        y_key = c.y if c.y in col else "growth"
        xs = Reference(ws, min_col=col[c.x], min_row=HEADER_ROW + 1, max_row=last)
        ys = Reference(ws, min_col=col[y_key], min_row=HEADER_ROW, max_row=last)
        s = Series(ys, xs, title_from_data=True)
        s.marker.symbol = "circle"
        s.graphicalProperties.line.noFill = True
        chart.series.append(s)
        return chart
    chart = BarChart()
    chart.type = "bar" if c.kind == "funnel" else "col"
    for key in c.values:
        data = Reference(ws, min_col=col[key], min_row=HEADER_ROW, max_row=last)
        chart.add_data(data, titles_from_data=True)
    chart.set_categories(labels)
    if c.kind == "pareto" and c.line:
        line = LineChart()
        line.add_data(
            Reference(ws, min_col=col[c.line], min_row=HEADER_ROW, max_row=last),
            titles_from_data=True,
        )
        line.y_axis.axId = 200
        line.y_axis.crosses = "max"
        chart += line
    return chart
