"""Translations: the committed .qm files, completeness, the locale's numbers and dates, and
server error messages in Russian."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app import i18n
from forms.formatting import date_text, decimal_text, parse_decimal
from forms.texts import error_message, meta_tr
from server.errors import InvalidValue, ShortageError
from tests.helpers import receipt, shipment

RU = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
FIELD = re.compile(r"\{(\w+)[^}]*\}")


def messages(ts: Path) -> Iterator[tuple[str, ET.Element]]:
    """(context, message element) of every message of a .ts file."""
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name", "")
        for m in ctx.iter("message"):
            yield name, m


def untranslated(ts: Path) -> list[tuple[str, str]]:
    out = []
    for ctx, m in messages(ts):
        t = m.find("translation")
        forms = [f.text for f in t.iter("numerusform")] if m.get("numerus") else [t.text]
        if t.get("type") == "unfinished" or not all(forms):
            out.append((ctx, m.findtext("source", "")))
    return out


@pytest.fixture
def russian(qapp) -> Iterator[None]:
    """The client as ``kontora --lang ru`` sets it up; English (no translators) afterwards."""
    before = QLocale()
    i18n.install("ru")
    yield
    i18n.uninstall()
    QLocale.setDefault(before)


@pytest.fixture
def ru_translator(qapp) -> QTranslator:
    t = QTranslator()
    assert t.load(str(i18n.qm_path("ru")))
    return t


@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_committed_qm_is_what_lrelease_makes_of_the_ts(tmp_path, code):
    ts = i18n.TRANSLATIONS / f"kontora_{code}.ts"
    fresh = tmp_path / f"kontora_{code}.qm"
    i18n.release(ts, fresh)
    assert fresh.read_bytes() == i18n.qm_path(code).read_bytes(), (
        "stale .qm: run `python -m app.i18n update`"
    )


@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_every_string_of_the_ts_is_translated(code):
    assert untranslated(i18n.TRANSLATIONS / f"kontora_{code}.ts") == []


@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_the_ts_holds_every_wrapped_string_of_the_sources(tmp_path, code):
    """lupdate over today's sources adds nothing untranslated: every wrapped string of every
    context is in the committed .ts and translated."""
    fresh = tmp_path / f"kontora_{code}.ts"
    shutil.copy(i18n.TRANSLATIONS / f"kontora_{code}.ts", fresh)
    i18n.extract(code, fresh)
    assert untranslated(fresh) == [], "run `python -m app.i18n update` and translate"


def test_translations_keep_the_placeholders():
    """A translation with another {field} than its source would break str.format."""
    for ctx, m in messages(i18n.TRANSLATIONS / "kontora_ru.ts"):
        want = set(FIELD.findall(m.findtext("source", "")))
        t = m.find("translation")
        forms = [f.text or "" for f in t.iter("numerusform")] or [t.text or ""]
        for text in forms:
            assert set(FIELD.findall(text)) == want, (ctx, m.findtext("source"), text)


def test_ru_qm_translates_known_strings(ru_translator):
    assert ru_translator.translate("LauncherDialog", "&Open") == "&Открыть"
    assert ru_translator.translate("meta", "Goods receipt") == "Поступление товаров"
    assert ru_translator.translate("meta", "Products") == "Номенклатура"


def test_every_declared_title_has_a_russian_translation(ru_translator):
    """Fails when a catalog, document, field, register… is declared but not translated."""
    titles = i18n.meta_strings()
    assert "Goods receipt" in titles and "Stock" in titles and "Warehouse" in titles
    missing = [s for s in titles if not ru_translator.translate("meta", s)]
    assert missing == [], "translate them: `python -m app.i18n update`, then pyside6-linguist"


def test_install_sets_translators_and_the_locale(russian):
    assert QLocale().language() == QLocale.Language.Russian
    assert meta_tr("Warehouses") == "Склады"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"  # qtbase_ru
    i18n.install("en")
    assert meta_tr("Warehouses") == "Warehouses"
    assert QLocale().language() == QLocale.Language.English


def test_resolve_and_saved_language(qapp, gui_isolation):
    assert i18n.saved_language() == ""
    i18n.save_language("ru")
    assert i18n.saved_language() == "ru" and i18n.resolve("ru") == "ru"
    i18n.save_language("xx")
    assert i18n.saved_language() == "" and i18n.resolve("xx") in i18n.LANGUAGES


def test_numbers_and_dates_follow_the_locale(qapp):
    assert decimal_text(Decimal("1234.5"), 2, RU) == "1\u00a0234,50"
    assert decimal_text(Decimal("1234.5"), 2, EN) == "1,234.50"
    assert decimal_text(Decimal("1234567.125"), None, RU) == "1\u00a0234\u00a0567,125"
    assert decimal_text(Decimal("12345678901234567890.01"), 2, EN) == (
        "12,345,678,901,234,567,890.01"  # exact: never through float
    )
    assert date_text(dt.date(2026, 3, 4), RU) == "04.03.2026"
    assert date_text(dt.date(2026, 3, 4), EN) == "3/4/2026"
    assert parse_decimal("1 234,5", RU) == "1234.5"
    assert parse_decimal("1\u00a0234,5", RU) == "1234.5"
    assert parse_decimal("1,234.5", EN) == "1234.5"
    assert parse_decimal("abc", RU) is None
    # group separators only between groups of three digits
    assert parse_decimal("1,2.3", EN) is None and parse_decimal("12 34", RU) is None
    assert parse_decimal("1,234,567.5", EN) == "1234567.5"
    assert parse_decimal("-1 234 567,5", RU) == "-1234567.5"
    assert parse_decimal("12.5", RU) == "12.5"  # a point typed in Russian is still a point


def shortfall(world) -> ShortageError:
    p = world.products[0]
    receipt(world, 1, (p, "5"))
    with pytest.raises(ShortageError) as e:
        shipment(world, 2, (p, "8"))
    return e.value


def test_error_templates_render_the_english_messages(world, qapp):
    exc = shortfall(world)
    assert exc.template is not None
    # the register's dimensions in declaration order, as the posting SQL writes them
    assert exc.template.render() == exc.message
    assert error_message(exc) == exc.message  # English: the server's own words
    bad = InvalidValue("Goods receipt GR-1", "Quantity", "x", "is not a number")
    assert bad.message == "Goods receipt GR-1: Quantity is not a number (got 'x')"


def test_a_shortfall_reads_in_russian(world, russian):
    text = error_message(shortfall(world))
    assert text.startswith("Недостаточно остатков товаров (количество) на 02.03.2026 09:00:00")
    assert "Номенклатура «Bolt M4»" in text and "Склад «" in text
    assert text.endswith("требуется 8, доступно 5 (не хватает 3)")


def test_an_invalid_value_reads_in_russian(world, russian):
    with pytest.raises(InvalidValue) as e:
        world.docs.save(
            "goods_receipt",
            {
                "organization": world.org,
                "warehouse": world.wh,
                "number": "GR-7",
                "lines": [{"product": world.products[0], "quantity": "1.5.5", "price": "1"}],
            },
        )
    assert error_message(e.value) == (
        "Поступление товаров GR-7, Товары, строка 1: поле «Количество» не является числом "
        "(введено '1.5.5')"
    )


def test_history_labels_read_in_russian(world, russian):
    from forms.texts import render
    from server.api.history import document_history
    from server.metadata import registry

    gr = receipt(world, 1, (world.products[0], "2"))
    entries = document_history(world.session, registry, "goods_receipt", gr["id"])
    labels = [render(c.text) for e in entries for c in e.changes if c.text is not None]
    assert "Товары, строка 1 (добавлена): Количество" in labels
    assert "Склад" in labels


def test_a_document_time_is_shown_as_written_on_a_daylight_saving_day():
    """02:30 on the night the clocks go forward does not exist in Berlin's local time; a
    document written at that wall-clock time still shows 02:30 (not 03:30). Qt reads the time
    zone once per process: a child process with TZ set."""
    code = (
        "import datetime as dt\n"
        "from PySide6.QtCore import QLocale\n"
        "from forms.formatting import datetime_text\n"
        "de = QLocale(QLocale.Language.German, QLocale.Country.Germany)\n"
        "print(datetime_text(dt.datetime(2026, 3, 29, 2, 30), de))\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "TZ": "Europe/Berlin", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "29.03.2026 02:30"
