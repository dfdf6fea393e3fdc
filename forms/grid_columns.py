"""Column widths of a grid of lines from its fields' types, fitted to the grid's width.

Each column has a natural width (what its values usually need: an amount ``99,999.99`` or
the widest amount loaded, a percentage ``100.00``, a reference 30 characters) and a minimum (a
number never narrower than its heading or its digits; a reference or text may shrink to 10
characters and elides). The
widths fill the viewport: the room left goes to the reference columns (the product); when
the room is short the references and texts give way down to their minimum (numbers keep their
digits) — so at the usual window width every column shows without a horizontal scroll, and a
long product name elides. A heading wider than its column breaks into two lines. Once the user
drags a column, the widths are the user's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from forms.texts import meta_tr
from server.metadata import DateField, DocRef, Field, Money, Number, Qty, Ref, String

#: sample values (their widest digits) of each numeric kind
_SAMPLES = {"money": "99,999.99", "qty": "9,999.999", "percent": "100.00", "number": "99,999.99"}


def _sample(f: Field) -> str | None:
    if isinstance(f, Money):
        return _SAMPLES["money"]
    if isinstance(f, Number) and f.maximum is not None and f.maximum <= 100:
        return _SAMPLES["percent"]
    if isinstance(f, Qty):
        return _SAMPLES["qty"]
    if isinstance(f, Number):
        return _SAMPLES["number"]
    if isinstance(f, DateField):
        return "00.00.0000"
    return None


def two_lines(title: str) -> str:
    """``title`` broken at the space that makes its longer line shortest (as is without one)."""
    spaces = [i for i, c in enumerate(title) if c == " "]
    if not spaces:
        return title
    at = min(spaces, key=lambda i: max(i, len(title) - i - 1))
    return f"{title[:at]}\n{title[at + 1 :]}"


def flexible(f: Field) -> bool:
    """A column that shrinks first and elides (a reference, a text)."""
    return isinstance(f, Ref | DocRef | String)


class ColumnFitter(QObject):
    """Keeps the columns of one grid fitted to its viewport until the user resizes one."""

    def __init__(self, view: QTableView, fields: tuple[Field, ...]) -> None:
        super().__init__(view)
        self.view, self.fields = view, fields
        self.user_sized = False
        self._fitting = False
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self._ch() * 4)
        header.sectionResized.connect(self._resized)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)
        # amounts loaded or typed may be wider than the sample
        view.model().modelReset.connect(self.fit)
        view.model().dataChanged.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _ch(self) -> int:
        return self.view.fontMetrics().horizontalAdvance("0")

    def _title(self, i: int) -> str:
        return meta_tr(self.fields[i].label)

    def _text_width(self, text: str) -> int:
        """A heading's width (its widest line) with the header's margins."""
        header = self.view.horizontalHeader()
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        fm = header.fontMetrics()
        return max(fm.horizontalAdvance(t) for t in text.split("\n")) + 2 * margin + self._ch()

    def widths(self, i: int) -> tuple[int, int]:
        """(natural, minimum) width of column ``i``; a heading wider than the values may take
        two lines."""
        f, ch = self.fields[i], self._ch()
        heading = self._text_width(two_lines(self._title(i)))
        sample = _sample(f)
        if sample is not None:
            fm = self.view.fontMetrics()
            widest = max((fm.horizontalAdvance(t) for t in self._loaded(i)), default=0)
            need = max(fm.horizontalAdvance(sample) + ch, widest + ch, heading)
            return need, need
        if isinstance(f, Ref | DocRef):
            return ch * 30, max(ch * 10, heading)
        if isinstance(f, String):
            return max(ch * min(max(f.max_len, 10), 24), heading), max(ch * 10, heading)
        return heading, heading  # a flag (its check box), anything else

    def _shown(self, i: int) -> bool:
        return not self.view.isColumnHidden(i)

    def _fitted(self, i: int) -> tuple[int, int]:
        """:meth:`widths`, nothing for a hidden column (a switched-off subsystem's)."""
        return self.widths(i) if self._shown(i) else (0, 0)

    def _loaded(self, i: int, rows: int = 200) -> list[str]:
        """The texts column ``i`` shows in its first ``rows`` rows."""
        model = self.view.model()
        n = min(model.rowCount(), rows)
        return [str(model.index(r, i).data() or "") for r in range(n)]

    def fit(self) -> None:
        """Set the widths for the viewport's current width (unless the user set them)."""
        if self.user_sized or not self.fields:
            return
        room = self.view.viewport().width()
        natural, least = zip(*(self._fitted(i) for i in range(len(self.fields))), strict=True)
        out = list(natural)
        flex = [i for i, f in enumerate(self.fields) if flexible(f) and self._shown(i)]
        refs = [i for i in flex if isinstance(self.fields[i], Ref | DocRef)] or flex
        spare = room - sum(out)
        if spare >= 0 and refs:  # the room left goes to the references
            for n, i in enumerate(refs):
                out[i] += spare // len(refs) + (1 if n < spare % len(refs) else 0)
        else:
            self._shrink(out, least, flex, -spare)
        self._fitting = True
        try:
            for i, w in enumerate(out):
                if self._shown(i):  # a hidden column keeps its width for when it is back
                    self.view.setColumnWidth(i, w)
        finally:
            self._fitting = False
        self._set_headings(out)

    def _set_headings(self, widths: list[int]) -> None:
        """Headings wider than their columns break into two lines (all or none changed)."""
        model = self.view.model()
        headings: dict[int, str] = {}
        for i, w in enumerate(widths):
            title = self._title(i)
            if self._text_width(title) > w:
                headings[i] = two_lines(title)
        if getattr(model, "headings", None) != headings:
            model.headings = headings
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(widths) - 1)

    @staticmethod
    def _shrink(out: list[int], least: tuple[int, ...], flex: list[int], short: int) -> None:
        """Take ``short`` pixels off the flexible columns, then off the others, each in
        proportion to what it can give, never below its minimum."""
        rest = [i for i in range(len(out)) if i not in flex]
        for group in (flex, rest):
            can = sum(out[i] - least[i] for i in group)
            if short <= 0 or can <= 0:
                continue
            take = min(short, can)
            cuts = {i: (out[i] - least[i]) * take // can for i in group}
            left = take - sum(cuts.values())  # what rounding down left: a pixel each
            for i in group:
                if left and out[i] - cuts[i] > least[i]:
                    cuts[i] += 1
                    left -= 1
                out[i] -= cuts[i]
            short -= take

    def _resized(self, _logical: int, _old: int, _new: int) -> None:
        if not self._fitting and self.view.horizontalHeader().underMouse():
            self.user_sized = True  # a width the user dragged stays
