"""What the client loads to show its window: not reportlab, openpyxl, matplotlib or PDFium —
they load with the first print, export or chart (client start time, DESIGN §5), even when the
window reopens a document list at start."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import Db

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("reportlab", "openpyxl", "matplotlib", "pypdfium2")

CLIENT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine
from app.main_window import MainWindow
from server.metadata import registry
app = QApplication([])
w = MainWindow(create_engine(sys.argv[1]), registry, title="t", user="t")
w.show()
import time
deadline = time.monotonic() + 60
while not w.sections and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
lst = w.open("document", "goods_receipt")
while not w.is_idle() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print(" ".join(m for m in %r if m in sys.modules) or "none")
w.shutdown()
"""


def test_the_window_with_a_document_list_loads_no_heavy_library(db: Db) -> None:
    r = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CLIENT % (HEAVY,)), db.url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1] == "none"
