"""The ledger page over the demo data: model, filters, search, bulk edits with undo, delete/restore."""


import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desk_app.domain import Status
from desk_app.services import ledger, ledger_query, org, workflow
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def _select_rows(page, rows):
    sel = page.table.selectionModel()
    sel.clearSelection()
    for row in rows:
        sel.select(page.model.index(row, 1), QItemSelectionModel.SelectionFlag.Select
                   | QItemSelectionModel.SelectionFlag.Rows)
    sel.setCurrentIndex(page.model.index(rows[0], 1), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_model_passes_qtmodeltester(page, qtmodeltester):
    qtmodeltester.check(page.model, force_py=True)


def test_page_shows_every_entry_with_lights_and_the_summary(page, demo):
    summary = ledger_query.summarize(LedgerFilter(campaign_id=demo.campaign_id))
    assert page.model.rowCount() == summary.total
    assert f"共 {summary.total:,} 条" in page.status_label.text()
    assert f"逾期 {summary.overdue:,} 条" in page.status_label.text()
    lights = {page.model.data(page.model.index(r, 0), Qt.ItemDataRole.UserRole + 2) for r in range(200)}
    assert {"red", "grey"} <= lights
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "问题编号"


def test_rows_are_fetched_in_pages_not_all_at_once(page):
    assert page.model.rowCount() > 400
    page.model.record(page.model.rowCount() - 1)
    assert len(page.model._pages) <= 3


def test_quick_toggle_filters_in_sql_and_updates_the_count(page, qtbot, demo):
    qtbot.mouseClick(page.filter_bar.overdue, Qt.MouseButton.LeftButton)
    expected = ledger_query.count_entries(LedgerFilter(campaign_id=demo.campaign_id, overdue_only=True))
    assert page.model.rowCount() == expected > 0
    assert all(page.model.data(page.model.index(r, 0), Qt.ItemDataRole.UserRole + 2) == "red"
               for r in range(page.model.rowCount()))
    assert page.current_filter().overdue_only
    page.filter_bar.clear()
    assert not page.current_filter().overdue_only


def test_picker_filter_and_sort_by_clicking_a_header(page, qtbot, demo):
    """A checkable list: untick all, tick two layers with Space, Enter; then sort by a header."""
    button = page.filter_bar.layer
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    popup = button.popup
    qtbot.waitUntil(popup.isVisible)
    box = popup.all_box  # everything ticked at first: untick all (a click on the box itself)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    texts = [popup.list.item(i).text().split("（")[0] for i in range(popup.list.count())]
    popup.list.setCurrentRow(texts.index("处级干部"))
    qtbot.keyClick(popup.list, Qt.Key.Key_Space)
    qtbot.keyClick(popup.list, Qt.Key.Key_Down)
    qtbot.keyClick(popup.list, Qt.Key.Key_Space)
    qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert not popup.isVisible()
    f = LedgerFilter(campaign_id=demo.campaign_id, layers=["处级干部", "科长(主任)"])
    assert page.current_filter().layers == f.layers
    assert page.model.rowCount() == ledger_query.count_entries(f)
    assert "层级：处级干部、科长(主任)" in page.filter_bar.chips.texts()
    deadline_col = 1 + page.model.column_keys().index("deadline")
    page.table.sortByColumn(deadline_col, Qt.SortOrder.DescendingOrder)
    first = page.model.record(0)
    assert first.id == ledger_query.entry_ids(f, "deadline", True, limit=1)[0]


def test_search_as_you_type_finds_two_character_words(page, qtbot, demo):
    for ch in "督办":  # QTest cannot type non-ASCII keys; an input method inserts text like this
        page.filter_bar.search.insert(ch)
    qtbot.waitUntil(lambda: page.current_filter().text == "督办", timeout=2000)
    expected = ledger_query.count_entries(LedgerFilter(campaign_id=demo.campaign_id, text="督办"))
    assert page.model.rowCount() == expected > 0
    first = page.model.record(0)
    assert "督办" in first.description + first.measures + first.target + first.responsible_name + \
        "".join(p.text for p in workflow.progress_of(first.id))


def test_home_card_opens_the_ledger_prefiltered(main_window, qtbot, demo):
    home = main_window.pages["home"]
    qtbot.mouseClick(home.cards["pending"], Qt.MouseButton.LeftButton)
    page = main_window.pages["ledger"]
    assert main_window.stack.currentWidget() is page
    assert page.current_filter().statuses == [Status.PENDING_CLOSE]
    assert page.model.rowCount() == ledger_query.count_entries(
        LedgerFilter(campaign_id=demo.campaign_id, statuses=[Status.PENDING_CLOSE]))


def test_side_panel_lists_people_short_of_six(page, demo):
    from desk_app.services import stats

    short = stats.people_short_of_problems(demo.campaign_id)
    assert page.side.short_item.childCount() == len(short)
    page.side._activated(page.side.short_item.child(0))
    assert page.current_filter().owner_ids == [short[0].person_id]
    assert page.model.rowCount() == short[0].count


def _fake_bulk_dialog(value):
    class Fake:
        def __init__(self, field, count, parent=None):
            self.box = type("Box", (), {"show_error": lambda self, m: None})()
            self._answers = [QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected]

        def exec(self):
            return self._answers.pop(0)

        def value(self):
            return value

        def windowTitle(self):  # noqa: N802
            return "批量修改"

    return Fake


def test_bulk_department_change_then_undo_and_redo(page, monkeypatch):
    from ui.views import ledger_actions

    dept = org.list_departments()[-1]
    _select_rows(page, [0, 1, 2])
    ids = page.selected_ids()
    before = {i: ledger.get_entry(i).department_id for i in ids}
    monkeypatch.setattr(ledger_actions, "BulkValueDialog", _fake_bulk_dialog(dept.id))
    page.actions.bulk("department_id")
    assert all(ledger.get_entry(i).department_id == dept.id for i in ids)
    assert page.undo_stack.canUndo()
    page.undo_stack.undo()
    assert {i: ledger.get_entry(i).department_id for i in ids} == before
    page.undo_stack.redo()
    assert all(ledger.get_entry(i).department_id == dept.id for i in ids)


def test_bulk_status_refuses_closed_entries_with_a_message(page, monkeypatch, demo):
    from ui.views import ledger_actions

    page.show_filter(LedgerFilter(statuses=[Status.CLOSED]))
    _select_rows(page, [0])
    entry_id = page.selected_ids()[0]
    shown = []
    fake = _fake_bulk_dialog(Status.IN_PROGRESS.value)
    original_init = fake.__init__

    def init(self, *a, **kw):
        original_init(self, *a, **kw)
        self.box = type("Box", (), {"show_error": lambda _s, m: shown.append(m)})()
    fake.__init__ = init
    monkeypatch.setattr(ledger_actions, "BulkValueDialog", fake)
    page.actions.bulk("status")
    assert shown and "已销号" in shown[0]
    assert ledger.get_entry(entry_id).status == Status.CLOSED
    assert not page.undo_stack.canUndo()


def test_delete_to_recycle_bin_then_undo_and_restore_from_the_bin(page, monkeypatch, demo):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    total = page.model.rowCount()
    _select_rows(page, [0, 1])
    ids = page.selected_ids()
    page.actions.delete()
    assert page.model.rowCount() == total - 2
    assert all(ledger.get_entry(i).deleted_at is not None for i in ids)
    page.undo_stack.undo()
    assert page.model.rowCount() == total
    page.undo_stack.redo()
    page.show_filter(LedgerFilter(deleted=True))
    assert page.model.rowCount() == 2
    assert page.actions.restore_action.isVisible()
    _select_rows(page, [0, 1])
    page.actions.restore()
    assert all(ledger.get_entry(i).deleted_at is None for i in ids)
    assert page.model.rowCount() == 0


def test_columns_chosen_by_the_user_are_remembered(main_window, qtbot):
    from ui.views.ledger_page import LedgerPage

    page = main_window.pages["ledger"]
    page.table.set_freeze(False)  # remembered too: the next page opens unfrozen, in the chosen order
    page.set_columns(["deadline", "code", "description", "status"])
    assert page.visible_column_keys() == ["deadline", "code", "description", "status"]
    again = LedgerPage(main_window.state)
    qtbot.addWidget(again)
    assert again.visible_column_keys() == ["deadline", "code", "description", "status"]


def test_saved_views_open_from_the_side_panel(page, demo):
    views = page.side.topLevelItem(1)
    names = [views.child(i).text(0) for i in range(views.childCount())]
    assert names[:2] == ["本月调度", "逾期清单"]
    page.side._activated(views.child(1))
    assert page.current_filter().overdue_only


def test_a_refresh_reads_the_people_once_for_the_pickers_and_the_side_panel(page, monkeypatch):
    """The pickers list everyone (停用 too, for old entries' names), the side panel the active: one read serves both."""
    gone = org.list_people()[0]
    org.update_person(gone.id, active=False)
    reads = []
    read = org.list_people
    monkeypatch.setattr(org, "list_people", lambda **options: reads.append(options) or read(**options))
    page.refresh()
    assert reads == [{"include_inactive": True}]
    assert gone.id in page.filter_bar.names["people"]
    by_person = next(page.side.topLevelItem(i) for i in range(page.side.topLevelItemCount())
                     if page.side.topLevelItem(i).text(0) == page.side.tr("By person"))
    listed = [by_person.child(d).child(p).text(0) for d in range(by_person.childCount())
              for p in range(by_person.child(d).childCount())]
    assert len(listed) == len(read()) and not any(name.startswith(gone.name + "（") for name in listed)
