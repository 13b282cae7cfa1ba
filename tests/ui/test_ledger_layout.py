"""The ledger page as a clerk sees it: Chinese on every button, what fits at 1280×800, the default
order and columns, and empty lists that say so."""

import re

import pytest
from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication

LATIN = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def page(main_window, qtbot):
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def _texts_of_modal_dialog_opened_by(action) -> list[str]:
    """Trigger the real action; read the buttons of the dialog it opens, then cancel it."""
    seen = []

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, read_and_close)
            return
        seen.extend(b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible())
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    action.trigger()
    return seen


def test_columns_and_bulk_dialogs_have_no_english_buttons(page):
    page.table.selectionModel().setCurrentIndex(page.model.index(0, 1),
                                                QItemSelectionModel.SelectionFlag.SelectCurrent)
    for action in (page.actions.columns_action, page.actions.bulk_actions["status"],
                   page.actions.bulk_actions["department_id"]):
        texts = _texts_of_modal_dialog_opened_by(action)
        assert "确定" in "".join(texts) and "取消" in "".join(texts), texts
        assert not [t for t in texts if LATIN.search(t.replace("Ctrl", ""))], texts
