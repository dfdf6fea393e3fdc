"""The launcher and its infobase list, driven as a user would (pytest-qt, offscreen).

The list file and the default embedded folder point into ``tmp_path``; no embedded server is
started and no dialog runs ``exec()`` for real.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox

import app.main as main_mod
from app import infobases, launcher
from app.infobases import Entry, InfobaseListError
from app.launcher import Choice, CreateDialog, EntryDialog, LauncherDialog, LoginDialog

QUOTED = 'He said "hi" \\ back'
CYRILLIC = "ООО «Ромашка»"


@pytest.fixture(autouse=True)
def cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The list file and the default folder in tmp_path; settings in a scratch folder."""
    path = tmp_path / "config" / "infobases.toml"
    monkeypatch.setattr(infobases, "config_path", lambda: path)
    monkeypatch.setattr(infobases, "default_folder", lambda: tmp_path / "data" / "default")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", _no_question)
    yield path


def _no_question(*_a, **_k):
    raise AssertionError("an unexpected question was asked")


def server(name: str = "Office", user: str = "alice") -> Entry:
    return Entry(name, "server", infobases.server_url("db.example.com", 5433, "acme"), user)


def local(name: str, folder: str = "/srv/kontora/x", demo: bool = False) -> Entry:
    return Entry(name, "embedded", folder, "", demo)


def make_launcher(qtbot, entries: list[Entry] | None = None) -> LauncherDialog:
    if entries is not None:
        infobases.save(entries)
    dlg = LauncherDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


# -- the list file ----------------------------------------------------------------------------
def test_toml_round_trip_keeps_quotes_backslashes_and_cyrillic(cfg):
    entries = [
        local(QUOTED, 'C:\\Users\\me\\"odd" folder', demo=True),
        local(CYRILLIC, "/home/пользователь/базы/ромашка"),
        server("Server\u00a0Ω", user="Мария"),
    ]
    infobases.save(entries)
    assert infobases.load() == entries
    data = tomllib.loads(cfg.read_text(encoding="utf-8"))
    assert [t["kind"] for t in data["infobase"]] == ["embedded", "embedded", "server"]
    assert data["infobase"][2]["url"] == "postgresql://db.example.com:5433/acme"
    assert "demo" not in data["infobase"][1]
    assert not cfg.with_name("infobases.toml.tmp").exists()


def test_toml_strings_escape_control_characters():
    for text in ["a\tb\nc\rd", "\x00\x01\x1f\x7f", '"""', "\\u0041", "'single'", "#not comment"]:
        assert tomllib.loads(f"v = {infobases.toml_string(text)}")["v"] == text


def test_passwords_are_never_written(cfg):
    e = Entry("S", "server", "postgresql://bob:secret@host:5432/db", "bob")
    new = infobases.add([], e)
    infobases.save(new)
    assert "secret" not in cfg.read_text(encoding="utf-8")
    assert infobases.load()[0].location == "postgresql://host:5432/db"
    # a hand-edited file with a password in it is cleaned on load
    cfg.write_text(
        '[[infobase]]\nname = "S"\nkind = "server"\nurl = "postgresql://u:pw@h/db"\n',
        encoding="utf-8",
    )
    assert infobases.load()[0].location == "postgresql://h/db"


def test_load_skips_unknown_entries_and_refuses_broken_files(cfg):
    assert infobases.load() == []  # no file yet
    cfg.parent.mkdir(parents=True)
    cfg.write_text(
        '[[infobase]]\nname = "ok"\nkind = "embedded"\nfolder = "/x"\n'
        '[[infobase]]\nname = "no kind"\nfolder = "/y"\n'
        '[[infobase]]\nname = "OK"\nkind = "embedded"\nfolder = "/dup"\n'
        '[[infobase]]\nname = ""\nkind = "server"\nurl = "postgresql://h/d"\n',
        encoding="utf-8",
    )
    assert infobases.load() == [local("ok", "/x")]
    cfg.write_text("[[infobase]\nname = ", encoding="utf-8")
    with pytest.raises(InfobaseListError, match="cannot be read"):
        infobases.load()


def test_names_are_unique_non_empty_and_short():
    entries = infobases.add([], local("Main"))
    with pytest.raises(InfobaseListError, match="already"):
        infobases.add(entries, local(" main "))
    with pytest.raises(InfobaseListError, match="Enter a name"):
        infobases.add(entries, local("   "))
    with pytest.raises(InfobaseListError, match="too long"):
        infobases.add(entries, local("x" * 101))
    with pytest.raises(InfobaseListError, match="line breaks"):
        infobases.add(entries, local("a\nb"))
    assert infobases.add(entries, local("y" * 100))[-1].name == "y" * 100
    # renaming an entry to itself (other case) is fine; to another one's name is not
    entries = infobases.add(entries, server("Office"))
    assert infobases.edit(entries, "Main", local("MAIN"))[0].name == "MAIN"
    with pytest.raises(InfobaseListError, match="already"):
        infobases.edit(entries, "Main", local("office"))
    assert infobases.remove(entries, "Main") == [entries[1]]
    with pytest.raises(InfobaseListError, match="no infobase"):
        infobases.remove(entries, "Nope")


def test_server_urls():
    url = infobases.server_url(" ::1 ", 5432, "my db/ä")
    assert url == "postgresql://[::1]:5432/my%20db%2F%C3%A4"
    assert infobases.split_url(url) == ("::1", 5432, "my db/ä")
    assert infobases.split_url("postgresql://h/d") == ("h", 5432, "d")
    assert server().describe() == "acme on db.example.com:5433"
    assert infobases.default_entry().demo and infobases.default_entry(demo=False).kind == "embedded"


# -- the launcher dialog ----------------------------------------------------------------------
def test_add_edit_remove_through_the_dialog(qtbot, cfg, monkeypatch, tmp_path):
    dlg = make_launcher(qtbot, [local("First")])
    assert dlg.names() == ["First"]
    assert "First" in dlg.list.item(0).text() and "/srv/kontora/x" in dlg.list.item(0).text()

    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    ed = dlg.editor
    assert isinstance(ed, EntryDialog) and ed.isVisible() and ed.embedded.isChecked()
    ed.name.insert(CYRILLIC)  # QTest.keyClicks aborts on non-Latin-1 text
    ed.server.setChecked(True)
    assert ed.server_box.isEnabled() and not ed.local_box.isEnabled()
    ed.host.setText("erp.local")
    ed.port.setValue(6543)
    ed.database.setText("romashka")
    qtbot.mouseClick(ed.buttons.button(ed.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not ed.isVisible()
    assert dlg.names() == ["First", CYRILLIC]
    assert dlg.current().name == CYRILLIC  # the new one is selected
    saved = infobases.load()
    assert saved[1] == Entry(CYRILLIC, "server", "postgresql://erp.local:6543/romashka")

    # edit: rename and move the first one to another folder
    dlg.list.setCurrentRow(0)
    qtbot.mouseClick(dlg.edit_button, Qt.MouseButton.LeftButton)
    ed = dlg.editor
    assert ed.name.text() == "First" and ed.folder.text() == "/srv/kontora/x"
    ed.name.setText(QUOTED)
    ed.folder.setText(str(tmp_path / "elsewhere"))
    ed.accept()
    assert [e.name for e in infobases.load()] == [QUOTED, CYRILLIC]
    assert infobases.load()[0].location == str(tmp_path / "elsewhere")

    # remove asks first; No keeps it, Yes removes only the entry
    asked: list[str] = []

    def answer(reply):
        def question(_parent, _title, text, *_a):
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(dlg.remove_button, Qt.MouseButton.LeftButton)
    assert dlg.names() == [QUOTED, CYRILLIC] and len(asked) == 1 and QUOTED in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(dlg.remove_button, Qt.MouseButton.LeftButton)
    assert dlg.names() == [CYRILLIC] and [e.name for e in infobases.load()] == [CYRILLIC]
    assert "is kept" in asked[-1]
    qtbot.mouseClick(dlg.remove_button, Qt.MouseButton.LeftButton)
    assert dlg.names() == [] and dlg.empty_hint.isVisibleTo(dlg)
    assert not dlg.open_button.isEnabled() and not dlg.remove_button.isEnabled()


def test_a_refused_name_is_shown_in_the_editor(qtbot):
    dlg = make_launcher(qtbot, [local("Main"), server("Office")])
    dlg.add_entry()
    ed = dlg.editor
    ed.name.setText("office")
    ed.accept()
    assert ed.isVisible() and "already" in ed.error.text() and ed.error.isVisibleTo(ed)
    ed.name.setText("Branch")
    ed.accept()  # no folder typed: a folder named after it, next to the default one
    assert not ed.isVisible()
    assert dlg.entries[-1].location == str(infobases.default_folder().parent / "branch")


def test_enter_and_double_click_open_an_embedded_infobase(qtbot):
    dlg = make_launcher(qtbot, [local("A", "/a"), local("B", "/b")])
    opened: list[Choice] = []
    dlg.accepted.connect(lambda: opened.append(dlg.chosen))
    dlg.list.setCurrentRow(1)
    dlg.list.setFocus()
    qtbot.keyClick(dlg.list, Qt.Key.Key_Return)
    assert [c.entry.name for c in opened] == ["B"] and opened[0].password is None
    assert QSettings().value(launcher.LAST_KEY) == "B"

    again = make_launcher(qtbot)
    assert again.current().name == "B"  # the last opened one is preselected
    rect = again.list.visualItemRect(again.list.item(0))
    viewport = again.list.viewport()  # a real double click: press, release, double press
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert again.isVisible() and again.current().name == "A"  # one click only selects
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert again.result() == QDialog.DialogCode.Accepted and again.chosen.entry.name == "A"


def test_a_server_infobase_asks_for_user_and_password(qtbot, cfg):
    dlg = make_launcher(qtbot, [local("A"), server("Office", user="alice")])
    dlg.list.setCurrentRow(1)
    qtbot.mouseClick(dlg.open_button, Qt.MouseButton.LeftButton)
    login = dlg.login
    assert isinstance(login, LoginDialog) and login.isVisible() and dlg.chosen is None
    assert login.user.text() == "alice"  # the last user is prefilled
    assert login.password.echoMode() == QLineEdit.EchoMode.Password
    assert login.focusWidget() in (login.password, None)
    login.user.clear()
    ok = login.buttons.button(login.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # a user name is needed
    login.user.insert("мария")
    qtbot.keyClicks(login.password, "s3cret\"'")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert not login.isVisible() and dlg.result() == QDialog.DialogCode.Accepted
    assert dlg.chosen.user == "мария" and dlg.chosen.password == "s3cret\"'"
    assert infobases.load()[1].last_user == "мария"  # remembered for next time
    assert "s3cret" not in cfg.read_text(encoding="utf-8")


def test_cancelled_login_keeps_the_launcher_open(qtbot):
    dlg = make_launcher(qtbot, [server("Office")])
    dlg.open_selected()
    dlg.login.reject()
    assert dlg.isVisible() and dlg.chosen is None


def test_buttons_have_names_and_mnemonics(qtbot):
    dlg = make_launcher(qtbot, [local("A"), server("B")])
    assert launcher.text_less_buttons(dlg) == []
    for b in (dlg.open_button, dlg.add_button, dlg.edit_button, dlg.remove_button):
        assert "&" in b.text()
    assert dlg.open_button.isDefault()
    dlg.add_entry()
    assert launcher.text_less_buttons(dlg.editor) == []
    assert dlg.editor.folder.browse.accessibleName()


# -- first start and the start-up decision ----------------------------------------------------
def test_first_start_offers_an_infobase_with_demo_data(qtbot):
    first = CreateDialog()
    qtbot.addWidget(first)
    first.show()
    assert first.demo.isChecked() and not first.empty.isChecked()
    assert first.folder.text() == str(infobases.default_folder())
    assert first.create.isDefault()
    qtbot.keyClick(first.focusWidget() or first, Qt.Key.Key_Return)  # Enter accepts
    assert first.result() == QDialog.DialogCode.Accepted
    assert first.entry() == infobases.default_entry(demo=True)


def _exec_with(qtbot, drive):
    """A replacement for ``QDialog.exec``: show the dialog, let ``drive`` act, return result."""

    def run(self) -> int:
        qtbot.addWidget(self)
        self.show()
        drive(self)
        return self.result()

    return run


def test_choose_on_first_start_creates_and_opens_the_default(qtbot, monkeypatch, cfg):
    monkeypatch.setattr(
        CreateDialog, "exec", _exec_with(qtbot, lambda d: qtbot.keyClick(d, Qt.Key.Key_Return))
    )
    choice = launcher.choose()
    assert choice == Choice(infobases.default_entry(demo=True))
    assert infobases.load() == [infobases.default_entry(demo=True)]
    launcher.opened(choice.entry)  # after the first successful open: no more demo loading
    assert infobases.load() == [infobases.default_entry(demo=False)]


def test_choose_empty_then_other_options_shows_the_list(qtbot, monkeypatch):
    def empty_then_other(d: CreateDialog) -> None:
        d.empty.setChecked(True)
        d.list_button.click()

    monkeypatch.setattr(CreateDialog, "exec", _exec_with(qtbot, empty_then_other))
    shown: list[LauncherDialog] = []
    monkeypatch.setattr(LauncherDialog, "exec", _exec_with(qtbot, shown.append))
    assert launcher.choose() is None
    assert len(shown) == 1 and shown[0].names() == [] and infobases.load() == []


def test_choose_one_embedded_opens_it_more_show_the_list(qtbot, monkeypatch):
    def fail(_self):
        raise AssertionError("no dialog expected")

    monkeypatch.setattr(LauncherDialog, "exec", fail)
    monkeypatch.setattr(CreateDialog, "exec", fail)
    infobases.save([local("Only")])
    assert launcher.choose() == Choice(local("Only"))

    def pick_second(d: LauncherDialog) -> None:
        d.list.setCurrentRow(1)
        d.open_button.click()

    monkeypatch.setattr(LauncherDialog, "exec", _exec_with(qtbot, pick_second))
    infobases.save([local("Only"), local("Two", "/two")])
    assert launcher.choose().entry.name == "Two"
    infobases.save([server("Office")])  # a single server one still asks who logs in

    def log_in(d: LauncherDialog) -> None:
        d.open_button.click()
        d.login.password.setText("pw")
        d.login.accept()

    monkeypatch.setattr(LauncherDialog, "exec", _exec_with(qtbot, log_in))
    assert launcher.choose() == Choice(server("Office"), "alice", "pw")


def test_broken_list_is_set_aside_not_lost(qtbot, cfg, monkeypatch):
    cfg.parent.mkdir(parents=True)
    cfg.write_text("not = [toml", encoding="utf-8")
    monkeypatch.setattr(CreateDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(LauncherDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
    assert launcher.choose() is None
    assert cfg.with_name("infobases.toml.broken").read_text(encoding="utf-8") == "not = [toml"


def test_main_turns_the_choice_into_what_to_open(monkeypatch):
    args = main_mod.parse_args([])
    monkeypatch.setattr(launcher, "choose", lambda *a, **k: Choice(server(), "bob", "pw"))
    t = main_mod.choose_target(args)
    assert (t.spec, t.user, t.password, t.demo) == (server().location, "bob", "pw", False)
    assert t.title == "Office"
    monkeypatch.setattr(launcher, "choose", lambda *a, **k: Choice(local("L", demo=True)))
    assert main_mod.choose_target(args).demo
    assert not main_mod.choose_target(main_mod.parse_args(["--no-demo"])).demo


def _run_main(monkeypatch, argv: list[str]) -> list[main_mod.Target]:
    """``main(argv)`` up to the start of the opening; nothing is opened."""
    started: list[main_mod.Target] = []

    def start(self, target):
        started.append(target)
        QTimer.singleShot(0, lambda: self.app.exit(0))

    monkeypatch.setattr(main_mod.Client, "start", start)
    assert main_mod.main(argv) == 0
    return started


def test_main_screenshot_without_infobase_skips_the_launcher(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(launcher, "choose", _no_question)
    (t,) = _run_main(monkeypatch, ["--screenshot", str(tmp_path / "x.png")])
    assert (t.spec, t.demo, t.entry) == (None, True, None)
    (t,) = _run_main(monkeypatch, ["--infobase", str(tmp_path / "ib"), "--no-demo"])
    assert (t.spec, t.demo) == (str(tmp_path / "ib"), False)


def test_main_without_infobase_asks_the_launcher(qtbot, monkeypatch):
    monkeypatch.setattr(launcher, "choose", lambda *a, **k: None)
    assert main_mod.main([]) == 1  # closed: nothing opened
    monkeypatch.setattr(launcher, "choose", lambda *a, **k: Choice(local("L", "/l")))
    (t,) = _run_main(monkeypatch, [])
    assert t.spec == "/l" and t.entry == local("L", "/l")
