"""The ledger page as a clerk sees it: Chinese on every button, what fits at 1280×800, the default
order and columns, and empty lists that say so."""

import json
import re

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication

from desk_app.services import ledger_columns
from desk_app.services.ledger_query import LedgerFilter
from ui.models.ledger_table_columns import table_default_keys

LATIN = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
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


def _overflowing(toolbar) -> list[str]:
    """Actions that should show but sit in the toolbar's » menu (their button is hidden)."""
    return [a.text() or a.objectName() or type(toolbar.widgetForAction(a)).__name__
            for a in toolbar.actions()
            if a.isVisible() and not a.isSeparator() and not toolbar.widgetForAction(a).isVisible()]


def test_every_toolbar_button_shows_at_1280_by_800_print_first(main_window, page, qtbot):
    main_window.resize(1280, 800)
    qtbot.waitUntil(lambda: main_window.width() == 1280)
    toolbar = page.actions.toolbar
    qtbot.waitUntil(lambda: toolbar.width() > 0)
    QApplication.processEvents()
    assert not _overflowing(toolbar)
    for widget in (page.print_button, page.export_pdf_button, page.actions.workflow_button):
        assert widget.isVisible()
    first = [toolbar.widgetForAction(a) for a in toolbar.actions()[:2]]
    assert first == [page.print_button, page.export_pdf_button]
    # A long list name gives way to the buttons instead of pushing them into the » menu.
    page._scope_chosen(LedgerFilter(open_only=True), "财政投资评审中心（朱磊）负责的全部问题整改事项与督办事项" * 2)
    page._update_status()
    QApplication.processEvents()
    assert not _overflowing(toolbar)
    assert page.scope_label.toolTip() == page._scope_name


def test_workflow_steps_are_in_the_handle_menu_and_follow_the_current_entry(page):
    menu_actions = page.actions.workflow_menu.actions()
    assert {page.actions.extend_action, page.actions.apply_action, page.actions.review_action,
            page.actions.reopen_action} == set(menu_actions)
    done_row = next(r for r in range(page.model.rowCount()) if page.model.record(r).status == "已销号")
    page.table.selectionModel().setCurrentIndex(page.model.index(done_row, 1),
                                                QItemSelectionModel.SelectionFlag.SelectCurrent)
    assert page.actions.reopen_action.isEnabled() and not page.actions.apply_action.isEnabled()
    assert page.actions.workflow_button.isEnabled()


def test_dispatch_dialog_fits_1280_by_800_and_leaves_room_to_type(page, qtbot):
    from ui.models.ledger_dispatch_model import PROGRESS_COLUMN
    from ui.views.dispatch_dialog import DispatchDialog

    dialog = DispatchDialog(page.current_filter(), page.undo_stack, lambda: None, page)
    qtbot.addWidget(dialog)
    area = dialog.screen().availableGeometry()  # as wide as a 1366 screen allows, never wider than this one
    assert dialog.width() <= min(area.width(), 1366) - 16 and dialog.height() <= area.height() - 40
    dialog.resize(1240, 740)  # what a 1280×800 screen gives it
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    total = sum(table.columnWidth(c) for c in range(dialog.model.columnCount()))
    assert total <= table.viewport().width()  # no sideways scrolling
    assert table.columnWidth(PROGRESS_COLUMN) >= 240
    dialog.reject()


KIND_ORDER = ["问题整改", "重点任务", "议定事项", "督办事项"]


def test_default_order_puts_rectification_first_then_by_code(page):
    records = [page.model.record(r) for r in range(page.model.rowCount())]
    assert records[0].kind == "问题整改" and records[0].layer and records[0].category
    keys = [(KIND_ORDER.index(r.kind), r.code) for r in records]
    assert keys == sorted(keys)
    assert {r.kind for r in records} > {"问题整改"}  # the other kinds follow, they are not filtered out
    assert page.table.horizontalHeader().sortIndicatorSection() == -1  # 类型 is not shown by default


def test_sort_arrow_sits_on_the_type_column_when_it_is_shown(page):
    page.table.set_freeze(False)  # columns in any order (frozen ones would come first)
    page.set_columns(["kind", "code", "status"])
    assert page.table.horizontalHeader().sortIndicatorSection() == 1
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert page.sort_state() == ("code", False)
    page.set_columns(["code", "kind", "status"])
    assert page.table.horizontalHeader().sortIndicatorSection() == 1


def test_status_and_deadline_show_without_scrolling_at_1280_by_800(main_window, page, qtbot):
    main_window.resize(1280, 800)
    qtbot.waitUntil(lambda: main_window.width() == 1280)
    QApplication.processEvents()
    keys = page.model.column_keys()
    assert set(keys) == set(ledger_columns.default_column_keys())  # the same columns as print and Excel
    assert page.table.horizontalScrollBar().value() == 0
    for key in ("deadline", "status", "layer"):
        column = keys.index(key) + 1
        right = page.table.columnViewportPosition(column) + page.table.columnWidth(column)
        assert right <= page.table.viewport().width(), key
    # 主要业务经办人员 and an overdue status are not clipped.
    metrics = page.table.fontMetrics()
    assert page.table.columnWidth(keys.index("layer") + 1) > metrics.horizontalAdvance("主要业务经办人员")
    assert page.table.columnWidth(keys.index("status") + 1) > metrics.horizontalAdvance("推进中（逾期）")


def test_remembered_columns_still_win_and_old_automatic_defaults_do_not(main_window, qtbot):
    from ui.views.ledger_page import LedgerPage
    from ui.views.ledger_table import SETTINGS_COLUMNS, frozen_first

    QSettings().setValue(SETTINGS_COLUMNS, json.dumps(["status", "code", "measures"]))
    chosen = LedgerPage(main_window.state)
    qtbot.addWidget(chosen)
    assert chosen.visible_column_keys() == ["code", "status", "measures"]  # 编号 frozen at the left
    # Earlier versions stored the shared default order on every start: that was no choice.
    QSettings().setValue(SETTINGS_COLUMNS, json.dumps(ledger_columns.default_column_keys()))
    legacy = LedgerPage(main_window.state)
    qtbot.addWidget(legacy)
    assert legacy.visible_column_keys() == frozen_first(table_default_keys())
    assert table_default_keys() != ledger_columns.default_column_keys()


def test_columns_dialog_defaults_button_restores_the_table_order(page):
    from ui.views.ledger_dialogs import ColumnsDialog

    dialog = ColumnsDialog(["measures"], page)
    dialog._defaults()
    assert dialog.keys() == table_default_keys()
    dialog.reject()


def test_an_empty_ledger_says_so_in_the_middle(page, qtbot):
    placeholder = page.placeholder
    assert not placeholder.is_shown()
    page.filter_bar.search.setText("没有这样的事项字样")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=3000)
    assert placeholder.is_shown() and placeholder.label.text().startswith("没有符合条件的事项：搜索“没有这样的事项字样”")
    assert placeholder.label.geometry() == page.table.viewport().rect()
    page.filter_bar.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=3000)
    assert not placeholder.is_shown()


def test_editor_lists_without_rows_show_a_placeholder_and_readable_headers(page, qtbot, demo):
    from desk_app.db.models import ChangeLog
    from ui.views.entry_editor import EntryEditor

    # Every entry made here has its "created" row; one that came without history (an older package) has none.
    quiet = page.model.record(0)
    ChangeLog.delete().where(ChangeLog.entity == "ledger_entry", ChangeLog.entity_id == quiet.id).execute()
    editor = EntryEditor(demo.campaign_id, quiet.id, page)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.history_tab)
    qtbot.waitExposed(editor)
    table = editor.history_tab.table
    assert table.rowCount() == 0 and table.placeholder.is_shown()
    assert table.placeholder.label.text() == "暂无记录" and table.placeholder.label.isVisible()
    metrics = table.horizontalHeader().fontMetrics()
    for column in range(table.columnCount()):
        label = table.horizontalHeaderItem(column).text()
        assert table.columnWidth(column) > metrics.horizontalAdvance(label) + 8, label
    assert editor.attachments_tab.table.placeholder.is_shown() == (editor.attachments_tab.table.rowCount() == 0)
    editor.progress_tab.text.setPlainText("已约谈责任人。")
    editor.progress_tab.add_button.click()
    assert editor.progress_tab.table.rowCount() > 0
    assert not editor.progress_tab.table.placeholder.is_shown()
    editor.reject()


def test_dispatch_with_no_open_entries_says_so(page, qtbot, demo):
    from desk_app.services.ledger_query import LedgerFilter
    from ui.views.dispatch_dialog import DispatchDialog

    nothing = LedgerFilter(campaign_id=demo.campaign_id, text="没有这样的事项字样")
    dialog = DispatchDialog(nothing, page.undo_stack, lambda: None, page)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and dialog.placeholder.is_shown()
    dialog.reject()


def test_closing_an_editor_with_rows_raises_nothing(page, qtbot, demo):
    from shiboken6 import delete

    from desk_app.services import workflow
    from ui.views.entry_editor import EntryEditor

    busy = next(page.model.record(r) for r in range(page.model.rowCount())
                if workflow.progress_of(page.model.record(r).id))
    editor = EntryEditor(demo.campaign_id, busy.id, page)
    assert editor.progress_tab.table.rowCount() > 0
    with qtbot.captureExceptions() as exceptions:
        delete(editor)  # the tables' models empty themselves while the views go
        QApplication.processEvents()
    assert not exceptions


def test_progress_text_gets_the_room_and_long_side_panel_names_have_tooltips(page, qtbot, demo):
    from ui.views.entry_editor import EntryEditor

    editor = EntryEditor(demo.campaign_id, page.model.record(0).id, page)
    qtbot.addWidget(editor)
    editor.resize(1080, 740)
    editor.show()
    editor.tabs.setCurrentWidget(editor.progress_tab)
    qtbot.waitExposed(editor)
    table = editor.progress_tab.table
    assert table.columnWidth(2) > 3 * table.columnWidth(3)  # 进展, not 填报人
    assert editor.progress_tab.text.height() < table.height()
    editor.reject()
    items = [page.side.topLevelItem(i) for i in range(page.side.topLevelItemCount())]
    children = [item.child(j) for item in items for j in range(item.childCount())]
    assert children and all(c.toolTip(0) == c.text(0) for c in children)
