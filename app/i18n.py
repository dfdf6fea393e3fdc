"""The client's language: English or Russian, chosen at start; ``python -m app.i18n update``.

At start :func:`install` picks the language (``--lang``, else the ``ui/language`` setting, else the
system locale), installs Kontora's own translator and Qt's ``qtbase_<lang>.qm`` (so standard
buttons read «Да/Нет/Отмена»), and makes that language's locale the default one, so numbers and
dates (:mod:`forms.formatting`) follow it.

Sources live in ``resources/translations/kontora_ru.ts`` (Qt Linguist XML; ``kontora_en.ts`` holds
only the English plural forms of ``%n`` texts). The compiled
``.qm`` files are **committed** beside it rather than compiled on first start: ``uv run kontora``
then needs no build step, no writable cache and no lrelease at run time (an installed wheel may
lack the tools), and the test suite checks the committed file is exactly what lrelease makes of
the .ts, so it cannot go stale unnoticed.

``python -m app.i18n update`` runs pyside6-lupdate over ``app/``, ``forms/`` and ``reports/``, over
``server/`` (where only the error templates are marked, ``QT_TRANSLATE_NOOP("errors", …)``), and
over a generated file holding the declared titles (context ``meta``: subsystems, catalogs,
documents, fields, tabular sections, registers, list columns), keeping existing translations;
then it runs lrelease. Server code never imports Qt:
the client translates those strings at display time (:mod:`forms.texts`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from server.metadata import Choice, Field, Registry

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("en", "ru")
SETTING = "ui/language"
SOURCE_DIRS = ("app", "forms", "reports", "server")  # server/: error templates only
_installed: list[QTranslator] = []


def language_names() -> dict[str, str]:
    """Choices for the settings dialog: code -> name shown (each in its own language)."""
    return {
        "": QCoreApplication.translate("Language", "System language"),
        "en": "English",
        "ru": "Русский",
    }


def saved_language() -> str:
    """The ``ui/language`` setting: "en", "ru" or "" (the system's)."""
    value = QSettings().value(SETTING, "")
    return value if value in LANGUAGES else ""


def save_language(code: str) -> None:
    QSettings().setValue(SETTING, code if code in LANGUAGES else "")


def resolve(code: str | None) -> str:
    """A language code in :data:`LANGUAGES`: ``code`` if usable, else the system's (or en)."""
    if code in LANGUAGES:
        return str(code)
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def locale_for(code: str) -> QLocale:
    """The locale of ``code``: the system's own variant when it speaks it (en_GB), else the
    language's main country."""
    system = QLocale.system()
    if system.name().split("_")[0] == code:
        return system
    if code == "ru":
        return QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def qm_path(code: str) -> Path:
    return TRANSLATIONS / f"kontora_{code}.qm"


def install(code: str | None = None) -> str:
    """Install translators and the default locale for ``code`` (None: the saved setting);
    replaces whatever an earlier call installed. Returns the language used."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    lang = resolve(code if code is not None else saved_language())
    uninstall()
    files = [(f"kontora_{lang}", str(TRANSLATIONS))]  # en: only the plural forms
    if lang != "en":
        files.insert(
            0, (f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        )
    for name, folder in files:
        t = QTranslator(app)
        if t.load(name, folder):
            QCoreApplication.installTranslator(t)
            _installed.append(t)
    QLocale.setDefault(locale_for(lang))
    return lang


def uninstall() -> None:
    """Remove the translators :func:`install` added (tests)."""
    for t in _installed:
        QCoreApplication.removeTranslator(t)
    _installed.clear()


# -- the update command (developers) ------------------------------------------------------
def meta_strings() -> list[str]:
    """Every declared title the client shows: the ``meta`` context of the .ts."""
    import server.config  # noqa: F401 - fills the registry
    from server.api.lists import ORGANIZATION, document_movements, query_for  # noqa: F401
    from server.metadata import registry

    # the movements tab's first column (server/api/lists.py); report settings refused by name
    out: list[str] = ["Period", "Grouping"]
    out += [s.title for s in registry.subsystems.values()]
    out.append(ORGANIZATION.label)
    for kind, objs in (("catalog", registry.catalogs), ("document", registry.documents)):
        for name, obj in objs.items():
            out.append(obj.title)
            q = query_for(registry, kind, name)  # type: ignore[arg-type]
            out += [q.title, q.search_hint, *(c.label for c in q.columns)]
            out += [f.label for f in q.ref_filters]
    for c in registry.catalogs.values():
        out += [f.label for f in c.fields]
        for t in c.tables:
            out += [t.title or t.name, *(f.label for f in t.fields)]
    for d in registry.documents.values():
        out += [f.label for f in d.header]
        out += [text for c in d.commands for text in (c.title, c.tooltip)]
        for t in d.tables:
            out += [t.title or t.name, *(f.label for f in t.fields)]
    for r in registry.registers.values():
        out += [r.title, *(f.label for f in (*r.dimensions, *r.resources))]
        out += [r.title.lower(), *(f.label.lower() for f in r.resources)]  # in shortfall text
    for ir in registry.info_registers.values():
        out += [ir.title, *(f.label for f in (*ir.dimensions, *ir.resources))]
    out += [
        title for f in _declared_fields(registry) if isinstance(f, Choice) for _, title in f.options
    ]
    out += trade_report_strings()
    return list(dict.fromkeys(s for s in out if s))


def trade_report_strings() -> list[str]:
    """Titles of the trade reports, their levels and columns, the sales margin's columns."""
    from server.api.report_trade import AGING_COLUMNS, LEVEL_TITLES, TO_SHIP_COLUMNS
    from server.config.reports import ATTRIBUTES, DERIVED, TRADE_REPORTS

    out = [t.title for t in TRADE_REPORTS] + list(LEVEL_TITLES)
    out += [c.title for c in (*AGING_COLUMNS, *TO_SHIP_COLUMNS)]
    out += [d.title for ds in DERIVED.values() for d in ds]
    return out + [a.title for attrs in ATTRIBUTES.values() for a in attrs]


def _declared_fields(registry: Registry) -> list[Field]:
    """Every field of every catalog, document header and tabular section."""
    out: list[Field] = [f for c in registry.catalogs.values() for f in c.fields]
    out += [f for c in registry.catalogs.values() for t in c.tables for f in t.fields]
    for d in registry.documents.values():
        out += [*d.header, *(f for t in d.tables for f in t.fields)]
    return out


def _py_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def generated_source(contexts: dict[str, Iterable[str]]) -> str:
    """A Python file lupdate can read, one translate() call per string."""
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    for ctx, strings in contexts.items():
        lines += [
            f"QCoreApplication.translate({_py_literal(ctx)}, {_py_literal(s)})" for s in strings
        ]
    return "\n".join(lines) + "\n"


def tool(name: str) -> str:
    """A Qt tool shipped with PySide6 in this environment (pyside6-lupdate, pyside6-lrelease)."""
    here = Path(sys.executable).parent
    for cand in (here / name, here / f"{name}.exe"):
        if cand.exists():
            return str(cand)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install the dev environment (uv sync)")
    return found


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def extract(code: str, ts: Path) -> None:
    """Run lupdate for language ``code`` into ``ts`` (kept translations stay; vanished go)."""
    sources = [str(ROOT / d) for d in SOURCE_DIRS]
    with tempfile.TemporaryDirectory() as tmp:
        gen = Path(tmp) / "declared_strings.py"
        gen.write_text(generated_source({"meta": meta_strings()}), encoding="utf-8")
        cmd = [tool("pyside6-lupdate"), "-silent", "-extensions", "py", "-locations", "none"]
        if code == "en":
            cmd.append("-pluralonly")  # the sources are English but for plural forms
        cmd += ["-no-obsolete", "-target-language", code, *sources, str(gen), "-ts", str(ts)]
        subprocess.run(cmd, check=True)


def update() -> None:
    """Refresh every .ts from the sources and the declarations, then compile the .qm files."""
    for code in LANGUAGES:
        ts = TRANSLATIONS / f"kontora_{code}.ts"
        extract(code, ts)
        release(ts, qm_path(code))
        unfinished = ts.read_text(encoding="utf-8").count('type="unfinished"')
        print(f"{ts.name}: {unfinished} untranslated (open it in pyside6-linguist)")


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    print("usage: python -m app.i18n update", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
