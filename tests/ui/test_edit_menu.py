"""编辑 menu: 撤销/重做 naming the page's step, 复制, 查找 (the ledger's search), 全选."""

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desk_app.services import ledger


@pytest.fixture
def window(opens_on_ledger, main_window, qtbot):
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 2)
    return main_window


def _titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.menu() is not None]


def test_the_menu_sits_between_file_and_help_and_is_filled_on_first_show(window):
    assert _titles(window) == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    assert window.edit_menu.menu.actions() == []  # nothing built before the clerk opens it


def test_undo_and_redo_name_the_ledgers_step_and_take_it(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = window.pages["ledger"]
    page.table.selectRow(0)
    [entry_id] = page.selected_ids()
    page.actions.delete()
    menu = window.edit_menu
    menu.fill()
    assert menu.undo_action.isEnabled() and "删除 1 条" in menu.undo_action.text()
    assert menu.undo_action.text().endswith("\tCtrl+Z") and not menu.redo_action.isEnabled()
    menu.undo_action.trigger()
    assert ledger.get_entry(entry_id).deleted_at is None
    menu.fill()
    assert "删除 1 条" in menu.redo_action.text() and not menu.undo_action.isEnabled()


def test_find_goes_to_the_ledgers_search_and_select_all_and_copy_act_on_the_focus(window, qtbot):
    window.show_page("home")
    menu = window.edit_menu
    menu.fill()
    menu.find_action.trigger()
    page = window.pages["ledger"]
    assert window.stack.currentWidget() is page
    search = page.filter_bar.search
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search)
    search.setText("财政")
    menu.fill()
    menu.select_all_action.trigger()
    assert search.selectedText() == "财政"
    menu.copy_action.trigger()
    assert QApplication.clipboard().text() == "财政"
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    menu.fill()
    menu.copy_action.trigger()  # the table's own Ctrl+C: the rows with their headers
    assert "问题编号" in QApplication.clipboard().text()
