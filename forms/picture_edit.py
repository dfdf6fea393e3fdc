"""The editor of a picture field (an organization's logo): a thumbnail, "Choose file…" and
"Clear". Only PNG and JPEG files no bigger than the field allows are taken; anything else is
refused at once with a message naming the file and the sizes (the server checks again)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from server.metadata import Picture
from server.metadata.fields import picture_format

THUMB = 64  # pixels: the thumbnail's height


def _ask_path(parent: QWidget) -> str:
    title = QCoreApplication.translate("PictureEdit", "Choose a picture")
    kinds = QCoreApplication.translate("PictureEdit", "Pictures (*.png *.jpg *.jpeg)")
    path, _ = QFileDialog.getOpenFileName(parent, title, "", kinds)
    return path


choose_path: Callable[[QWidget], str] = _ask_path  # replaced in tests


class PictureEdit(QWidget):
    """Shows the picture's thumbnail; the value is the file's bytes (or None)."""

    value_changed = Signal()

    def __init__(self, field: Picture, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._data: bytes | None = None
        self.thumb = QLabel(self)
        self.thumb.setObjectName("thumbnail")
        self.thumb.setFixedSize(THUMB * 3, THUMB)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.choose = QPushButton(self.tr("Choose file…"), self)
        self.choose.setObjectName("choose_picture")
        self.choose.clicked.connect(self._choose)
        self.clear = QPushButton(self.tr("Clear"), self)
        self.clear.setObjectName("clear_picture")
        self.clear.clicked.connect(lambda: self._take(None))
        self.message = QLabel(self)
        self.message.setObjectName("picture_message")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.clear)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.thumb)
        row.addLayout(buttons)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.message)
        self._show()

    def value(self) -> bytes | None:
        return self._data

    def set_value(self, data: bytes | memoryview | None) -> None:
        """Show ``data`` (from the database) without signalling a change."""
        self._data = bytes(data) if data is not None else None
        self.message.hide()
        self._show()

    def load_file(self, path: str) -> bool:
        """Take the picture in ``path`` if it is a PNG or JPEG within the size limit;
        otherwise say why and keep the current one."""
        data = Path(path).read_bytes()
        name = Path(path).name
        if picture_format(data) is None:
            self._refuse(self.tr("{file} is not a PNG or JPEG picture").format(file=name))
            return False
        limit = self.field.max_kb * 1024
        if len(data) > limit:
            self._refuse(
                self.tr("{file} is {size} KB; a picture may be at most {max_kb} KB").format(
                    file=name, size=(len(data) + 1023) // 1024, max_kb=self.field.max_kb
                )
            )
            return False
        self._take(data)
        return True

    def _choose(self) -> None:
        path = choose_path(self)
        if path:
            self.load_file(path)

    def _take(self, data: bytes | None) -> None:
        self._data = data
        self.message.hide()
        self._show()
        self.value_changed.emit()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _show(self) -> None:
        pix = QPixmap()
        if self._data and pix.loadFromData(self._data):
            keep, smooth = (
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.thumb.setPixmap(pix.scaled(self.thumb.size(), keep, smooth))
        else:
            self.thumb.clear()
            self.thumb.setText(self.tr("No picture"))
        self.clear.setEnabled(self._data is not None)
