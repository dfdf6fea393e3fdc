"""The client in Russian (``kontora --lang ru``), and the language setting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app import i18n
from app.launcher import LauncherDialog
from app.main import parse_args
from app.settings_dialog import SettingsDialog, open_settings
from forms.list_model import ListModel
from server.api.lists import document_query
from server.metadata import registry
from tests.gui_support import WAIT, make_window, march_report

pytestmark = pytest.mark.usefixtures("gui_isolation")


@pytest.fixture
def russian(qapp) -> Iterator[None]:
    """What ``kontora --lang ru`` does at start; English (no translators) afterwards."""
    before = QLocale()
    i18n.install(parse_args(["--lang", "ru"]).lang)
    yield
    i18n.uninstall()
    QLocale.setDefault(before)


def test_lang_option_accepts_only_known_languages(capsys):
    assert parse_args(["--lang", "en"]).lang == "en" and parse_args([]).lang is None
    with pytest.raises(SystemExit):
        parse_args(["--lang", "de"])


def test_launcher_speaks_russian(qtbot, russian, tmp_path):
    dlg = LauncherDialog([], path=tmp_path / "infobases.toml")
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Информационные базы"
    assert dlg.open_button.text() == "&Открыть" and dlg.add_button.text() == "&Добавить…"


def test_list_headers_and_marks_are_russian(qtbot, db, russian):
    model = ListModel(db.engine, document_query(registry.documents["goods_receipt"]))
    horizontal = Qt.Orientation.Horizontal
    headers = [model.headerData(i, horizontal) for i in range(model.columnCount())]
    assert headers[:4] == ["Номер", "Дата", "Проведён", "Организация"]
    assert "Склад" in headers and "Поставщик" in headers


def test_settings_dialog_saves_the_language_for_the_next_start(qtbot, db):
    w = make_window(qtbot, db.engine)
    menus = [a.text() for a in w.menuBar().actions()]
    assert "&Tools" in menus
    dlg = open_settings(w)
    qtbot.addWidget(dlg)
    assert isinstance(dlg, SettingsDialog) and dlg.chosen() == ""
    dlg.language.setCurrentIndex(dlg.language.findData("ru"))
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert QSettings().value(i18n.SETTING) == "ru" and i18n.saved_language() == "ru"
    assert "takes effect" in w.statusBar().currentMessage()


def test_main_window_in_russian_shows_russian_sections(qtbot, db, russian):
    w = make_window(qtbot, db.engine)
    assert "Склад" in w.section_titles() and "Продажи" in w.section_titles()


def test_goods_receipt_form_has_a_russian_post_button(qtbot, db, russian):
    w = make_window(qtbot, db.engine)
    form = w.open_document("goods_receipt")
    qtbot.waitUntil(lambda: form.isVisible(), timeout=WAIT)
    assert form.post_action.text() == "Провести"
    assert form.post_close_action.text() == "Провести и закрыть"


def test_main_window_in_russian_shows_russian_navigation(qtbot, db, russian):
    w = make_window(qtbot, db.engine)
    w.select_section("inventory")
    groups = [w.navigation.topLevelItem(i).text(0) for i in range(w.navigation.topLevelItemCount())]
    assert groups == ["Документы", "Справочники", "Отчёты"]
    assert w.nav_titles() == [
        "Поступление товаров",
        "Ввод начальных остатков товаров",
        "Списание товаров",
        "Перемещение товаров",
        "Инвентаризация",
        "Склады",
        "Статьи расходов",
        "Товары на складах: остатки и обороты",
        "Расходы: обороты",
        "Резервы: остатки и обороты",
        "Свободный остаток: остатки и обороты",
    ]
    assert "Администрирование" in w.section_titles() and "Отчёты" in w.section_titles()
    assert [a.text() for a in w.menuBar().actions()][:2] == ["&Файл", "&Вид"]
    assert w.tabs.tabText(0) == "Начальная страница"
    form = w.open("document", "goods_receipt")
    assert w.tabs.tabText(w.tabs.indexOf(form)) == "Поступление товаров"
    assert form.commands.post_action.text() == "&Провести"
    assert form.filters.hide_marked.text() == "Скрыть &помеченные"


def test_russian_document_form_title_and_tabs(qtbot, db, russian):
    w = make_window(qtbot, db.engine)
    form = w.open_document("goods_receipt")
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert form.title().startswith("Поступление товаров (создание)")
    tabs = [form.tabs.tabText(i) for i in range(form.tabs.count())]
    assert tabs == ["Основное", "Движения документа", "Связанные документы", "История изменений"]
    assert form.mark_action.text() == "Пометить на удаление"
    assert form.totals.text().startswith("Строк: 0")


def test_reference_filters_show_their_whole_placeholder(qtbot, db, russian):
    """The minimum width leaves room for the placeholder beside the picker's search icon."""
    w = make_window(qtbot, db.engine)
    form = w.open("document", "goods_receipt")
    assert form.filters.refs
    for edit in form.filters.refs.values():
        text = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        icon = edit.style().pixelMetric(edit.style().PixelMetric.PM_SmallIconSize, None, edit)
        assert edit.minimumWidth() >= text + icon
        assert edit.placeholderText() in ("Организация", "Склад", "Партнёр", "Поставщик")


def test_a_report_in_russian(qtbot, world, russian):
    from tests.helpers import receipt

    receipt(world, 2, (world.flour, "1234.5"))
    w = make_window(qtbot, world.db.engine)
    w.select_section("reports")
    assert w.nav_titles() == [
        "Товары на складах: остатки и обороты",
        "Расходы: обороты",
        "Резервы: остатки и обороты",
        "Свободный остаток: остатки и обороты",
        "Продажи: обороты",
        "Заказы клиентов: остатки и обороты",
        "Заказы к отгрузке",
        "Товары к поступлению: остатки и обороты",
        "Закупки: обороты",
        "Зарплата: обороты",
        "Расчёты с сотрудниками: остатки и обороты",
        "Расчёты с поставщиками: остатки и обороты",
        "Расчёты с клиентами: остатки и обороты",
        "Долги клиентов по срокам",
        "Долги поставщикам по срокам",
    ]
    form = march_report(qtbot, w, "stock", ["product"])
    m = form.model
    assert [m.heading(c) for c in range(m.columnCount())] == [
        "Номенклатура",
        "Количество\nНачальный остаток",
        "Количество\nПриход",
        "Количество\nРасход",
        "Количество\nКонечный остаток",
        "Себестоимость\nНачальный остаток",
        "Себестоимость\nПриход",
        "Себестоимость\nРасход",
        "Себестоимость\nКонечный остаток",
    ]
    assert [m.text(1, c) for c in range(5)] == ["Итого", "", "1\u00a0234,5", "", "1\u00a0234,5"]
    assert form.panel.describe() == ["Период: 01.03.2026 – 31.03.2026"]
