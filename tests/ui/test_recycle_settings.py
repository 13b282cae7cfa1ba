import pytest
from PySide6.QtWidgets import QMessageBox

from desk_app.db.models import LedgerEntry, TaskForce
from desk_app.services import ledger, recycle_bin, taskforces


@pytest.fixture
def page(qtbot, demo):
    from ui.app import create_application
    from ui.state import AppState
    from ui.views.recycle_settings import RecycleSettings

    create_application()
    widget = RecycleSettings(AppState())
    qtbot.addWidget(widget)
    return widget


def test_shows_every_kind_and_restores_the_selection(page):
    entry = LedgerEntry.select().first()
    ledger.delete_entries([entry.id])
    tf = TaskForce.select().first()
    taskforces.delete_task_force(tf.id)
    page.state.data_changed.emit()
    assert page.table.rowCount() == 2
    assert {page.table.item(r, 0).text() for r in range(2)} == {"台账事项", "专班"}
    page.kind.setCurrentIndex(page.kind.findData("task_force"))
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == tf.name
    page.table.selectRow(0)
    page.restore_selected()
    assert TaskForce.get_by_id(tf.id).deleted_at is None
    page.kind.setCurrentIndex(0)
    assert page.table.rowCount() == 1


def test_delete_for_good_asks_first(page, monkeypatch):
    entry = LedgerEntry.select().first()
    ledger.delete_entries([entry.id])
    page.refresh()
    page.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    page.purge_selected()
    assert recycle_bin.counts()["ledger_entry"] == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.purge_selected()
    assert LedgerEntry.get_or_none(LedgerEntry.id == entry.id) is None
    assert page.table.rowCount() == 0


def test_an_empty_recycle_bin_shows_a_placeholder_instead_of_bare_headers(page):
    assert page.table.rowCount() == 0
    assert page.table_area.is_empty() and page.table_area.placeholder.text() == "暂无记录"
    entry = LedgerEntry.select().first()
    ledger.delete_entries([entry.id])
    page.state.data_changed.emit()
    assert not page.table_area.is_empty()
    page.search.setText("没有这个编号")
    assert page.table_area.is_empty() and page.table_area.placeholder.text() == "没有符合条件的记录"
