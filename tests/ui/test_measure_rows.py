"""A task's measures nested under it in the ledger: expand and collapse by keyboard and mouse, the
model stays consistent, a double-click opens the measure, the editor's tabs and the 配合 picker."""

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from desk_app.services import assists, measures, progress_plan
from desk_app.services.ledger_query import LedgerFilter
from ui.models.ledger_table_model import ENTRY_ID_ROLE, LIGHT_ROLE, MEASURE_ROLE


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    main_window.resize(1366, 768)
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.show_filter(LedgerFilter(kinds=["重点任务"]))
    qtbot.waitUntil(lambda: page.model.rowCount() == 20)
    return page


def _parent(page):
    m = page.model
    return next(r for r in range(m.rowCount()) if m.measure_count(r) >= 2)


def _focus(page, qtbot, row):
    page.table.setCurrentIndex(page.model.index(row, 1))
    page.table.setFocus()


def test_keyboard_expands_enters_and_collapses_a_tasks_measures(page, qtbot, qtmodeltester):
    m = page.model
    row = _parent(page)
    entry_id = m.entry_id(row)
    count = m.measure_count(row)
    assert m.index(row, 1).data().startswith("▸ ")
    _focus(page, qtbot, row)
    qtbot.keyClick(page.table, Qt.Key.Key_Right)
    assert m.rowCount() == 20 + count and m.is_expanded(row)
    assert m.index(row, 1).data().startswith("▾ ")
    first = m.index(row + 1, 0).data(MEASURE_ROLE)
    assert first.content == measures.measures_of(entry_id)[0].content
    assert m.index(row + 1, 0).data(ENTRY_ID_ROLE) == entry_id  # actions on a measure row act on its task
    assert m.entry_id(row + count + 1) != entry_id  # the next task follows its measures
    qtmodeltester.check(m, force_py=True)
    qtbot.keyClick(page.table, Qt.Key.Key_Right)  # already open: into the first measure
    assert page.table.currentIndex().row() == row + 1
    qtbot.keyClick(page.table, Qt.Key.Key_Left)  # from a measure back to its task
    assert page.table.currentIndex().row() == row
    qtbot.keyClick(page.table, Qt.Key.Key_Left)
    assert m.rowCount() == 20 and not m.is_expanded(row)
    qtbot.keyClick(page.table, Qt.Key.Key_Plus)
    assert m.is_expanded(row)
    qtbot.keyClick(page.table, Qt.Key.Key_Minus)
    assert not m.is_expanded(row)


def test_mouse_toggles_on_the_arrow_and_a_double_click_opens_the_measure(page, qtbot, monkeypatch):
    m = page.model
    row = _parent(page)
    rect = page.table.visualRect(m.index(row, 1))
    arrow = QPoint(rect.left() + 6, rect.center().y())
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=arrow)
    assert m.is_expanded(row)
    opened = []
    monkeypatch.setattr("ui.views.measure_dialog.MeasureDialog.exec",
                        lambda self: opened.append(self.measure) or QDialog.DialogCode.Rejected)
    measure_rect = page.table.visualRect(m.index(row + 1, 3))
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=measure_rect.center())
    assert opened and opened[0].id == m.index(row + 1, 0).data(MEASURE_ROLE).id
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=arrow)
    assert not m.is_expanded(row)
    # A click elsewhere on the task's row selects it, no toggling.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(30, 0))
    assert not m.is_expanded(row)


def test_the_light_of_a_task_is_its_worst_measures_and_an_edit_keeps_it_open(page, qtbot):
    m = page.model
    row = _parent(page)
    entry_id = m.entry_id(row)
    _focus(page, qtbot, row)
    qtbot.keyClick(page.table, Qt.Key.Key_Right)
    first = measures.measures_of(entry_id)[0]
    change = measures.update_measure(first.id, replace(first.as_input(), status=measures.IN_PROGRESS,
                                                       completed_date=None, deadline=date(2026, 1, 31)))
    page.after_change()
    row = m.row_of(entry_id)
    assert m.is_expanded(row) and m.index(row, 0).data(LIGHT_ROLE) == "red"
    assert m.index(row + 1, 0).data(LIGHT_ROLE) == "red"
    measures.revert(change)
    page.after_change()


def test_editor_shows_measures_and_schedule_and_the_assist_picker(page, qtbot, monkeypatch):
    from ui.views.entry_editor import EntryEditor

    row = _parent(page)
    entry_id = page.model.entry_id(row)
    pushed = []
    editor = EntryEditor(page.state.campaign_id, entry_id, page, undo_push=lambda k, c: pushed.append(k))
    qtbot.addWidget(editor)
    assert editor.measures_tab.table.rowCount() == len(measures.measures_of(entry_id))
    november = editor.schedule_tab.months().index("2026-11")
    editor.schedule_tab.table.item(november, 1).setText("95")
    assert pushed == ["plan"] and any(p.month.endswith("-11") and p.planned == 95
                                      for p in progress_plan.plan_of(entry_id))
    editor.co_departments.setText("办公室、各区财政局")
    assert editor.co_departments.hint.isVisibleTo(editor) and "各区财政局" in editor.co_departments.hint.text()
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    office = assists.department_names().find("办公室")
    assert office in assists.assist_ids(entry_id) or editor.record.department_name == "办公室"


def test_filter_bar_leads_or_assists_and_behind_schedule(page, qtbot):
    from desk_app.services import ledger_query

    bar = page.filter_bar
    task = page.model.record(0)
    helper = assists.assist_ids(task.id)[0]
    bar.department.set_values([helper])
    lead_only = page.model.rowCount()
    bar.department_role.setCurrentIndex(bar.department_role.findData(assists.LEAD_OR_ASSIST))
    f = page.current_filter()
    assert f.department_role == assists.LEAD_OR_ASSIST and f.department_ids == [helper]
    assert page.model.rowCount() == ledger_query.summarize(f).total > lead_only
    assert task.id in {page.model.entry_id(r) for r in range(page.model.rowCount())}
    bar.clear()
    progress_plan.set_plan(task.id, [progress_plan.PlanMonth("2026-10", 80, 10)])
    measures.set_measures(task.id, [])  # its status is its own again
    from desk_app.services import workflow

    if task.status in ("已销号", "长期坚持"):
        workflow.reopen(task.id, "复查发现问题")
    qtbot.mouseClick(bar.lagging, Qt.MouseButton.LeftButton)
    assert page.current_filter().lagging
    assert task.id in {page.model.entry_id(r) for r in range(page.model.rowCount())}


def test_dispatch_of_key_tasks_takes_the_months_actual_and_undoes_it(page, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.models.dispatch_schedule import SCHEDULE_COLUMN

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    from ui.views.dispatch_dialog import DispatchDialog

    dialog = DispatchDialog(page.current_filter(), page.undo_stack, lambda: None, page)
    qtbot.addWidget(dialog)
    assert not dialog.table.isColumnHidden(SCHEDULE_COLUMN)
    model = dialog.model
    entry_id = model.entry_id(0)
    index = model.index(0, SCHEDULE_COLUMN)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "35%")
    assert any(p.month == "2026-11" and p.actual == 35 for p in progress_plan.plan_of(entry_id))
    page.undo_stack.undo()
    assert not any(p.month == "2026-11" and p.actual == 35 for p in progress_plan.plan_of(entry_id))
    assert not model.setData(index, "一半")  # refused with a message, nothing stored
    assert warnings and "不是数字" in warnings[0]


def test_leads_or_assists_and_behind_schedule_show_as_chips_that_remove_them(page):
    bar = page.filter_bar
    helper = assists.assist_ids(page.model.record(0).id)[0]
    bar.department.set_values([helper])
    bar.department_role.setCurrentIndex(bar.department_role.findData(assists.LEAD_OR_ASSIST))
    bar.lagging.setChecked(True)
    keys = [chip.key for chip in bar.chip_list()]
    assert "lagging" in keys and "department_role" in keys
    bar.remove_condition("lagging")
    assert not page.current_filter().lagging and page.current_filter().department_role == assists.LEAD_OR_ASSIST
