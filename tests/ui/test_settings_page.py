"""设置: what the clerk typed and has not saved survives a visit to another page, is marked on its tab and
is asked about before the window closes; 保存 says it saved."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from desk_app.services import backup_rotation, settings


def _page(qtbot):
    from ui.app import create_application
    from ui.state import AppState
    from ui.views.settings_page import SettingsPage

    create_application()  # the zh_CN catalogues
    page = SettingsPage(AppState())
    qtbot.addWidget(page)
    return page


def _section(page, name):
    return next(s for s in page.sections if type(s).__name__ == name)


def test_unsaved_edits_survive_a_refresh_and_are_marked_until_saved(qtbot, db):
    page = _page(qtbot)
    general = _section(page, "GeneralSettings")
    general.clerk_name.setText("易春燕")
    general.clerk_name.textEdited.emit("易春燕")
    supervision = _section(page, "SupervisionSettings")
    rows = supervision.holidays.rowCount()
    supervision._add_row(supervision.holidays, ["2027-02-18", "春节补休"])
    backup = _section(page, "BackupSettings")
    backup.keep_daily.setValue(backup_rotation.policy().daily + 3)

    page.refresh()  # what the window does when the clerk comes back to 设置 from another page

    assert general.clerk_name.text() == "易春燕"
    assert supervision.holidays.rowCount() == rows + 1
    assert backup.keep_daily.value() == backup_rotation.policy().daily + 3
    marked = {page.tabs.tabText(i) for i in range(page.tabs.count()) if page.tabs.tabText(i).endswith(" *")}
    assert marked == {"常规 *", "督办 *", "备份与恢复 *"}

    general.save()
    assert settings.preferences().clerk_name == "易春燕"
    assert page.tabs.tabText(0) == "常规" and general.saved_note.text().startswith("已保存")
    general.clerk_name.setText("易")
    general.clerk_name.textEdited.emit("易")
    assert general.saved_note.text() == "" and page.tabs.tabText(0) == "常规 *"


def test_a_section_without_edits_is_reloaded(qtbot, db):
    page = _page(qtbot)
    general = _section(page, "GeneralSettings")
    settings.save_report_header(settings.ReportHeader(unit="市财政局活动办", filled_by="", reviewed_by="", phone=""))
    page.refresh()
    assert general.unit.text() == "市财政局活动办" and page.unsaved_sections() == []


def test_closing_asks_about_unsaved_settings(qtbot, db, monkeypatch):
    page = _page(qtbot)
    general = _section(page, "GeneralSettings")
    general.phone.setText("0791-8888")
    asked = []

    def answer(button):
        def question(*args, **_):
            asked.append(args[2])
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert page.confirm_close() is False and "常规" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Save))
    assert page.confirm_close() is True
    assert settings.report_header().phone == "0791-8888"
    assert page.confirm_close() is True and len(asked) == 2  # nothing left to ask about


def test_a_failed_save_keeps_the_window_open_on_that_section(qtbot, db, monkeypatch):
    page = _page(qtbot)
    supervision = _section(page, "SupervisionSettings")
    supervision._add_row(supervision.holidays, ["2027-13-40", ""])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    assert page.confirm_close() is False
    assert warned and "2027-13-40" in warned[0] and page.tabs.currentWidget() is supervision


def test_the_window_stays_open_when_the_clerk_cancels(main_window, monkeypatch):
    page = main_window.show_page("settings")
    page.sections[0].phone.setText("0791-8888")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert main_window.close() is False and main_window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert main_window.close() is True


def test_ctrl_s_saves_the_section_on_screen(qtbot, db):
    from PySide6.QtCore import Qt

    page = _page(qtbot)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts reach the active window only
    general = _section(page, "GeneralSettings")
    page.tabs.setCurrentWidget(general)
    general.filled_by.setFocus()
    general.filled_by.setText("易春燕")
    qtbot.keyClick(general.filled_by, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert settings.report_header().filled_by == "易春燕" and general.saved_note.text().startswith("已保存")
