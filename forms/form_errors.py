"""Errors pinned where they belong: beside the header field or on the grid cell they name."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from forms.header_fields import FieldsGrid
from forms.lines_model import LinesModel
from forms.message_bar import MessageBar
from forms.ref_edit import RefEdit
from forms.texts import error_message, meta_tr
from server.errors import KontoraError


def check_references(header: FieldsGrid, lines: LinesModel | None, bar: MessageBar) -> bool:
    """Typed text that names no catalog item is refused before it reaches the server."""
    bad = header.unresolved()
    for f in bad:
        editor = header.editors[f.name]
        assert isinstance(editor, RefEdit)
        header.set_error(
            f.name,
            QCoreApplication.translate("FormErrors", "No {field} is named “{text}”").format(
                field=meta_tr(f.label).lower(), text=editor.text()
            ),
        )
    cells = lines.unresolved() if lines is not None else []
    for i, f in cells:
        lines.set_error(
            i,
            f.name,
            QCoreApplication.translate(
                "FormErrors", "Line {n}: choose a {field} from the list"
            ).format(n=i + 1, field=meta_tr(f.label).lower()),
        )
    if bad or cells:
        bar.show_error(
            QCoreApplication.translate(
                "FormErrors", "Some references do not name an item: choose them (F4)."
            )
        )
    return not (bad or cells)


def pin_error(exc: KontoraError, header: FieldsGrid, lines: LinesModel | None = None) -> None:
    """Put an InvalidValue's message beside its field, or on the cell of the line it names
    (the server names the line as "…, Goods line 2")."""
    label, owner = str(exc.detail.get("field", "")), str(exc.detail.get("object", ""))
    line = re.search(r"line (\d+)$", owner)
    if line and lines is not None:
        f = next((f for f in lines.fields if f.label == label), None)
        row = int(line.group(1)) - 1
        if f is not None and 0 <= row < lines.rowCount():
            lines.set_error(row, f.name, error_message(exc))
            return
    hf = header.field_by_label(label)
    if hf is not None:
        header.set_error(hf.name, error_message(exc))
