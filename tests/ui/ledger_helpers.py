"""Driving the ledger page as a clerk does at 1366×768: real widgets, QTest keys and clicks, modal dialogs
answered while they are open."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

SCREEN = (1366, 768)


def at_clerk_size(window) -> None:
    window.resize(*SCREEN)
    QApplication.processEvents()


def shown_ledger(window, qtbot):
    """The ledger page at the clerk's window size, its first rows read."""
    at_clerk_size(window)
    page = window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 5)
    return page


def select_rows(page, rows) -> None:
    """Click the first row, Ctrl+click the others (the row header, so the whole row is selected)."""
    table = page.table
    for n, row in enumerate(rows):
        table.scrollTo(page.model.index(row, 1))
        rect = table.visualRect(page.model.index(row, 1))
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    assert sorted(i.row() for i in table.selectionModel().selectedRows()) == sorted(rows)


def select_rows_quietly(page, rows) -> None:
    sel = page.table.selectionModel()
    sel.clearSelection()
    for row in rows:
        sel.select(page.model.index(row, 1), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    sel.setCurrentIndex(page.model.index(rows[0], 1), QItemSelectionModel.SelectionFlag.NoUpdate)


def when_dialog_opens(answer, timeout_ms: int = 5000) -> list:
    """Call answer(dialog) once a modal dialog is open (before exec() returns); returns a list that gets the
    dialog, so the test can look at it afterwards."""
    seen: list = []
    waited = [0]

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            waited[0] += 20
            if waited[0] < timeout_ms:
                QTimer.singleShot(20, poll)
            return
        seen.append(dialog)
        answer(dialog)

    QTimer.singleShot(20, poll)
    return seen


def press_ok(dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    button = box.button(QDialogButtonBox.StandardButton.Ok) or box.button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def extend_by_dialog(reason: str, deadline=None):
    """Answer the 延期 dialog: a reason typed (as the input method hands it over), a date, OK clicked."""

    def answer(dialog):
        if deadline is not None:
            dialog.deadline.set_value(deadline)
        dialog.reason.setFocus()
        dialog.reason.insertPlainText(reason)
        press_ok(dialog)

    return answer


def focus_table(qtbot, page) -> None:
    """The window active again after a dialog (the offscreen platform leaves a closed dialog active), the
    focus in the table: where a clerk's keys go."""
    window = page.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    page.table.setFocus()
