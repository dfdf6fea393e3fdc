"""A trade report with its own query (debts by age, orders to ship) as a workspace tab.

The register report's form with the trade report's settings (the same panel, remembered per
user the same way: a date or period and the filters its declaration offers), its query, and
what is behind a row: a debt's or an order's document opens; a partner's or counterparty's
row shows its settlement movements up to the date, an order line the movements of its order
and product (:func:`server.api.report_trade.behind`). The Excel export carries the date or
period, the filters and the totals.

Strings use the translation context ``ReportForm``.
"""

from __future__ import annotations

from forms.report_form import Behind, ReportForm
from forms.report_model import ROW_ROLE
from forms.report_settings import PanelSpec, trade_spec
from forms.texts import meta_tr
from server.api import Session
from server.api.report_trade import TradeReports, behind
from server.api.reports import Report, ReportRow, ReportSettings
from server.config.reports import TRADE_REPORTS
from server.infobase import reports_engine


class TradeReportForm(ReportForm):
    """Settings, Generate, the table, drill-down and the export of one trade report."""

    def panel_spec(self) -> PanelSpec:
        self.trade = next(t for t in TRADE_REPORTS if t.name == self.name)
        return trade_spec(self.reg, self.trade)

    def run(self, settings: ReportSettings) -> Report:
        return TradeReports(Session(reports_engine(self.engine)), self.reg).run(settings)

    def behind(self, r: ReportRow) -> Behind:
        assert self.report is not None
        return behind(self.report.settings, r)

    def _on_report(self, report: Report) -> None:
        for r in report.rows:  # a partner's advance: the row of no document
            if r.kind == "item" and "document" in r.keys and r.keys["document"] is None:
                r.label = self.tr("Advance")
        super()._on_report(report)

    def open_row(self, row: int) -> tuple[str, int] | None:
        """Open the document result row ``row`` stands for (a debt's, an order), if any."""
        if self.report is None or not 0 <= row < self.model.rowCount():
            return None
        target = self.behind(self.model.index(row, 0).data(ROW_ROLE))
        if target is None or not isinstance(target[0], str):
            return None
        doc = (target[0], int(target[1]))
        self.open_document_requested.emit(*doc)
        return doc

    def title(self) -> str:
        return meta_tr(self.trade.title)
