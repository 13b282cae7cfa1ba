"""One undo history on the ledger page, in the order things were done, each step named as the clerk knows it
(the issue's case: right after 延期, Ctrl+Z undid an earlier 本月进展 on another entry)."""

from datetime import date

import pytest
from ledger_helpers import at_clerk_size, extend_by_dialog, focus_table, press_ok, select_rows, when_dialog_opens
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desk_app.domain import Status
from desk_app.services import context, ledger, ledger_bulk
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    at_clerk_size(main_window)
    page = main_window.show_page("ledger")
    page.show_filter(LedgerFilter(statuses=[Status.IN_PROGRESS]))
    qtbot.waitUntil(lambda: page.model.rowCount() > 5)
    return page


def _progress_in_dispatch(qtbot, page, text):
    """Ctrl+D, Enter on the first row, the text, Enter; then close the dialog. Returns the entry's id."""
    typed = {}

    def answer(dialog):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
        typed["id"] = dialog.model.entry_id(0)
        QApplication.focusWidget().setText(text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.model.filled() >= 1)
        dialog.accept()

    when_dialog_opens(answer)
    focus_table(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    return typed["id"]


def test_ctrl_z_right_after_an_extension_undoes_the_extension_not_earlier_progress(page, qtbot):
    month = context.today().strftime("%Y-%m")
    progressed = _progress_in_dispatch(qtbot, page, "本月已完成现场核查")
    assert ledger_bulk.month_progress_text(progressed, month) == "本月已完成现场核查"
    row = next(r for r in range(1, 20) if page.model.record(r).id != progressed and page.model.record(r).deadline)
    select_rows(page, [row])
    extended = page.current_id()
    before = ledger.get_entry(extended)
    when_dialog_opens(extend_by_dialog("汛期施工受阻", date(2027, 6, 30)))
    page.actions.extend_action.trigger()
    assert ledger.get_entry(extended).deadline == date(2027, 6, 30)
    assert ledger.get_entry(extended).extension_count == before.extension_count + 1
    assert page.undo_action_text() == f"撤销“延期 {before.code}”"
    assert before.code in page.undo_note.text()

    focus_table(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    after = ledger.get_entry(extended)
    assert (after.deadline, after.extension_count) == (before.deadline, before.extension_count)
    assert ledger_bulk.month_progress_text(progressed, month) == "本月已完成现场核查"  # untouched
    progressed_code = ledger.get_entry(progressed).code
    assert page.undo_action_text() == f"撤销“本月进展 {progressed_code}”"

    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ledger_bulk.month_progress_text(progressed, month) == ""
    steps = page.actions.readable_undo.steps()
    assert steps == [(f"延期 {before.code}", False), (f"本月进展 {progressed_code}", False)]


def test_bulk_extension_asks_a_reason_and_ctrl_z_puts_every_deadline_back(page, qtbot):
    rows = [r for r in range(0, 12) if page.model.record(r).deadline][:3]
    select_rows(page, rows)
    ids = page.selected_ids()
    before = {i: ledger.get_entry(i).deadline for i in ids}
    refused = []

    def answer(dialog):
        dialog.deadline.set_value(date(2028, 1, 31))
        press_ok(dialog)  # no reason yet: refused at the field, the dialog stays open
        refused.append(dialog.boxes["reason"].error.text() if dialog.isVisible() else "closed")
        dialog.reason.insertPlainText("上级要求统一延至年底")
        press_ok(dialog)

    when_dialog_opens(answer)
    page.actions.bulk_extend_action.trigger()
    assert refused and "理由" in refused[0]
    assert all(ledger.get_entry(i).deadline == date(2028, 1, 31) for i in ids)
    assert page.undo_action_text() == f"撤销“延期 {len(ids)} 条”"
    focus_table(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {i: ledger.get_entry(i).deadline for i in ids} == before
    qtbot.keyClick(page.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert all(ledger.get_entry(i).extension_count >= 1 for i in ids)


def test_the_history_menu_lists_steps_newest_first_and_undoes_back_to_one(page, qtbot, monkeypatch):
    from ui.views import ledger_actions

    class Fake:
        def __init__(self, *a, **k):
            self.answers = [True, False]
            self.box = None

        def exec(self):
            return self.answers.pop(0)

        def value(self):
            return Status.NOT_STARTED.value

        def windowTitle(self):  # noqa: N802
            return "批量修改状态"

    monkeypatch.setattr(ledger_actions, "BulkValueDialog", Fake)
    select_rows(page, [0])
    first = page.current_id()
    page.actions.bulk("status")
    select_rows(page, [1])
    page.actions.bulk("status")
    menu = page.actions.readable_undo.menu
    page.actions.readable_undo.fill_menu()
    texts = [a.text() for a in menu.actions()]
    assert len(texts) == 2 and all(t.startswith("撤销到") for t in texts)
    menu.actions()[1].trigger()  # back to before the first step
    assert ledger.get_entry(first).status == Status.IN_PROGRESS
    page.actions.readable_undo.fill_menu()
    assert all("已撤销" in a.text() for a in menu.actions())
