"""The entry editor asks 放弃修改？ before 取消 / Esc / closing throws typed work away, and puts the focus where
the clerk starts typing."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desk_app.domain import Status
from desk_app.services import ledger, ledger_query, workflow
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def app(qtbot, demo):
    from ui.app import create_application

    return create_application()


def _entry(demo, status=Status.IN_PROGRESS):
    return ledger_query.fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, statuses=[status]), limit=1)[0]


def _editor(qtbot, demo, entry_id):
    from ui.views.entry_editor import EntryEditor

    editor = EntryEditor(demo.campaign_id, entry_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _answer_question(choice: str, seen: list, tries: int = 40):
    """When the question is up, note its title and text and press the button labelled `choice`; after
    `tries` looks (every 25 ms) without a question, note None."""

    def press(left=tries):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if left:
                QTimer.singleShot(25, lambda: press(left - 1))
            else:
                seen.append(None)
            return
        seen.append((box.windowTitle(), box.text()))
        wanted = [b for b in box.buttons() if b.text() == choice]
        (wanted[0] if wanted else box.escapeButton()).click()  # a missing label fails the test, not hangs it

    QTimer.singleShot(0, press)


def test_an_untouched_or_typed_back_form_closes_on_esc_without_asking(app, qtbot, demo):
    editor = _editor(qtbot, demo, _entry(demo).id)
    original = editor.description.value()
    editor.description.set_value(original + "，补充")
    editor.description.set_value(original)  # typed and taken back: the form is as loaded
    seen = []
    _answer_question("放弃", seen)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.result() == QDialog.DialogCode.Rejected and not editor.isVisible()
    qtbot.waitUntil(lambda: seen == [None], timeout=3000)  # no question was asked


def test_esc_on_a_changed_form_asks_and_keep_editing_keeps_the_text(app, qtbot, demo):
    entry = _entry(demo)
    editor = _editor(qtbot, demo, entry.id)
    editor.description.set_value("新写的问题表现")
    editor.responsible.setEditText("半个名")  # a half-typed name counts as a change too
    seen = []
    _answer_question("继续编辑", seen)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert seen[0][0] == "放弃修改？"
    assert "问题表现" in seen[0][1] and "责任人" in seen[0][1]
    assert editor.isVisible() and editor.description.value() == "新写的问题表现"

    _answer_question("放弃", seen)
    editor.reject()  # what 取消 and the close button call
    assert not editor.isVisible() and editor.result() == QDialog.DialogCode.Rejected
    assert ledger.get_entry(entry.id).description == entry.description


def test_cancel_button_and_window_close_ask_too_and_save_from_the_question_saves(app, qtbot, demo):
    from PySide6.QtWidgets import QDialogButtonBox

    entry = _entry(demo)
    editor = _editor(qtbot, demo, entry.id)
    editor.note.set_value("关闭前写的备注")
    seen = []
    _answer_question("继续编辑", seen)
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    assert seen[-1][0] == "放弃修改？" and editor.isVisible()

    _answer_question("保存", seen)
    editor.close()  # the title bar's ×
    assert seen[-1][0] == "放弃修改？"
    assert editor.result() == QDialog.DialogCode.Accepted and not editor.isVisible()
    assert ledger.get_entry(entry.id).note == "关闭前写的备注"


def test_progress_typed_and_not_added_is_not_thrown_away_silently(app, qtbot, demo):
    entry = _entry(demo)
    before = len(workflow.progress_of(entry.id))
    editor = _editor(qtbot, demo, entry.id)
    editor.tabs.setCurrentWidget(editor.progress_tab)
    editor.progress_tab.text.setPlainText("已约谈相关责任人")
    seen = []
    _answer_question("保存", seen)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert "进展" in seen[0][1]
    assert not editor.isVisible()
    progress = workflow.progress_of(entry.id)
    assert len(progress) == before + 1 and progress[-1].text == "已约谈相关责任人"


def test_the_editor_opens_with_the_focus_in_its_first_field(app, qtbot, demo):
    from ui.views.entry_editor import EntryEditor

    editor = EntryEditor(demo.campaign_id, None)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitActive(editor)
    assert editor.focusWidget() is editor.kind
    assert editor.tabs.tabBar().hasFocus() is False


def test_ctrl_g_opens_the_progress_tab_with_the_focus_in_what_was_done(main_window, qtbot):
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    page.table.setFocus()
    page.table.selectRow(0)
    seen = {}

    def look_and_close():
        editor = QApplication.activeModalWidget()
        seen["tab"] = editor.tabs.currentWidget() is editor.progress_tab
        seen["focus"] = editor.focusWidget() is editor.progress_tab.text
        editor.reject()

    QTimer.singleShot(300, look_and_close)
    qtbot.keyClick(page.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert seen == {"tab": True, "focus": True}
