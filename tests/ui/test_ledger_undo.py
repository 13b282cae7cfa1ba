"""Ctrl+Z on the ledger never steps around the 销号 workflow (the issue's case), and the stack is
cleared with a note after a change that cannot be undone."""

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from desk_app.domain import Status
from desk_app.services import attachments, ledger, undo_history, workflow
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    page = main_window.show_page("ledger")
    page.show_filter(LedgerFilter(statuses=[Status.IN_PROGRESS]))
    qtbot.waitUntil(lambda: page.model.rowCount() > 2)
    return page


def _bulk_status_on_first_two_rows(page, monkeypatch):
    from ui.views import ledger_actions

    class Fake:
        def __init__(self, *a, **k):
            self.done = False

        def exec(self):
            self.done = not self.done
            return self.done

        def value(self):
            return Status.NOT_STARTED.value

        def windowTitle(self):  # noqa: N802
            return "批量修改状态"

    sel = page.table.selectionModel()
    for row in (0, 1):
        sel.select(page.model.index(row, 1), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    ids = page.selected_ids()
    monkeypatch.setattr(ledger_actions, "BulkValueDialog", Fake)
    page.actions.bulk("status")
    assert [ledger.get_entry(i).status for i in ids] == [Status.NOT_STARTED] * 2 and page.undo_stack.canUndo()
    return ids


def _apply_close(entry_id, tmp_path):
    evidence = tmp_path / "佐证.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    attachments.add_attachment(entry_id, evidence)
    workflow.apply_close(entry_id, "已整改到位")


def test_apply_close_from_the_page_clears_the_undo_stack_with_a_note(page, monkeypatch, tmp_path, qtbot):
    ids = _bulk_status_on_first_two_rows(page, monkeypatch)
    _apply_close(ids[0], tmp_path)  # what the 申请销号 dialog does before the page's after_change()
    page.after_change()
    assert not page.undo_stack.canUndo()
    assert "申请销号" in page.undo_note.text()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    entry = ledger.get_entry(ids[0])
    assert entry.status == Status.PENDING_CLOSE and entry.completion_summary == "已整改到位"


def test_ctrl_z_checks_the_current_state_and_refuses_with_a_message(page, monkeypatch, tmp_path, qtbot):
    ids = _bulk_status_on_first_two_rows(page, monkeypatch)
    _apply_close(ids[0], tmp_path)
    page._undo_generation = undo_history.generation()  # as if the stack had not heard of it: the check must hold
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown and "不能撤销" in shown[0]
    assert ledger.get_entry(ids[0]).status == Status.PENDING_CLOSE
    assert ledger.get_entry(ids[1]).status == Status.NOT_STARTED
    assert not page.undo_stack.canUndo()  # the refused command is dropped, not retried


def test_an_import_elsewhere_clears_the_stack_when_the_data_changes(page, monkeypatch):
    _bulk_status_on_first_two_rows(page, monkeypatch)
    undo_history.irreversible("导入数据包")
    page.state.data_changed.emit()
    assert not page.undo_stack.canUndo() and "导入数据包" in page.undo_note.text()


def test_a_delete_restored_from_the_recycle_bin_is_no_longer_offered_for_undo(page, monkeypatch):
    """设置 › 回收站 › 还原 brings back what the ledger deleted: "撤销 删除 1 条" is not true any more."""
    from desk_app.services import recycle_bin

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a))
    page.table.selectRow(0)
    [entry_id] = page.selected_ids()
    page.actions.delete()
    assert page.undo_stack.canUndo() and "删除" in page.undo_stack.undoText()
    recycle_bin.restore("ledger_entry", [entry_id])  # what 回收站's 还原 calls, then data_changed
    page.state.data_changed.emit()
    assert not page.undo_stack.canUndo() and "回收站" in page.undo_note.text()
    assert ledger.get_entry(entry_id).deleted_at is None and warned == []


def test_a_step_on_other_entries_stays_when_the_bin_restores_one(page, monkeypatch):
    from desk_app.services import recycle_bin

    other = ledger.get_entry(page.model.entry_id(2))
    ledger.delete_entries([other.id])  # deleted earlier, not by a step on this stack
    _bulk_status_on_first_two_rows(page, monkeypatch)
    recycle_bin.restore("ledger_entry", [other.id])
    page.state.data_changed.emit()
    assert page.undo_stack.canUndo()
