"""月度调度: a clerk fills 本月进展 row after row with the keyboard only."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from desk_app.domain import OPEN_STATUSES
from desk_app.services import context, ledger_bulk, ledger_query
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def dialog(qtbot, demo):
    from ui.app import create_application
    from ui.views.dispatch_dialog import DispatchDialog

    create_application()
    changes = []
    stack = QUndoStack()
    d = DispatchDialog(LedgerFilter(campaign_id=demo.campaign_id), stack, lambda: changes.append(1))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.stack = stack
    return d


def _editing(dialog, row):
    table = dialog.table
    focus = QApplication.focusWidget()
    return (table.state() == QAbstractItemView.State.EditingState and table.currentIndex().row() == row
            and isinstance(focus, QLineEdit) and focus.isVisible())


def _type_and_enter(qtbot, dialog, text, row):
    qtbot.waitUntil(lambda: _editing(dialog, row), timeout=2000)
    editor = QApplication.focusWidget()
    editor.setText(text)  # QTest cannot type Chinese; the input method hands over text like this
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _editing(dialog, row + 1), timeout=2000)  # saved, and on to the next row


def test_lists_only_open_entries_of_the_filter(dialog, demo):
    expected = ledger_query.count_entries(LedgerFilter(campaign_id=demo.campaign_id,
                                                       statuses=[s.value for s in OPEN_STATUSES]))
    assert dialog.model.rowCount() == expected > 0


def test_enter_saves_and_moves_to_the_next_row(dialog, qtbot):
    month = context.today().strftime("%Y-%m")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    for n in range(5):
        _type_and_enter(qtbot, dialog, f"第{n}条本月已推进", n)
    ids = [dialog.model.entry_id(r) for r in range(5)]
    texts = ledger_bulk.month_progress_texts(ids, month)
    assert [texts[i] for i in ids] == [f"第{n}条本月已推进" for n in range(5)]
    assert dialog.table.currentIndex().row() == 5
    assert "已填" in dialog.count_label.text()


def test_escape_cancels_and_undo_restores_the_previous_text(dialog, qtbot):
    month = context.today().strftime("%Y-%m")
    first = dialog.model.entry_id(0)
    before = ledger_bulk.month_progress_text(first, month)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    _type_and_enter(qtbot, dialog, "新的进展", 0)
    assert ledger_bulk.month_progress_text(first, month) == "新的进展"
    editor = QApplication.focusWidget()
    editor.setText("不要保存")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert ledger_bulk.month_progress_text(dialog.model.entry_id(1), month) != "不要保存"
    dialog.stack.undo()
    assert ledger_bulk.month_progress_text(first, month) == before


@pytest.mark.slow
def test_three_hundred_rows_by_keyboard(qtbot, db):
    from desk_app.demo import build_demo
    from ui.app import create_application
    from ui.views.dispatch_dialog import DispatchDialog

    result = build_demo(seed=2, entries=2400, today=context.today())  # about one in six is still open
    create_application()
    d = DispatchDialog(LedgerFilter(campaign_id=result.campaign_id), QUndoStack(), lambda: None)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert d.model.rowCount() >= 300
    qtbot.keyClick(d.table, Qt.Key.Key_Return)
    for n in range(300):
        _type_and_enter(qtbot, d, f"进展{n}", n)
    month = context.today().strftime("%Y-%m")
    ids = [d.model.entry_id(r) for r in range(300)]
    assert ledger_bulk.month_progress_texts(ids, month) == {i: f"进展{n}" for n, i in enumerate(ids)}


def _filled_in_database(dialog) -> int:
    month = dialog.model.month
    ids = [dialog.model.entry_id(r) for r in range(dialog.model.rowCount())]
    return sum(len(ledger_bulk.month_progress_texts(ids[i:i + 500], month)) for i in range(0, len(ids), 500))


def test_the_filled_count_follows_saves_clears_undo_and_the_month(dialog, qtbot):
    total = dialog.model.rowCount()
    start = _filled_in_database(dialog)
    assert dialog.count_label.text() == f"已填 {start} / {total} 条"
    unfilled = next(r for r in range(total) if not dialog.model.data(dialog.model.index(r, 5)))
    dialog.table.edit_row(unfilled)
    _type_and_enter(qtbot, dialog, "本月已推进", unfilled)
    assert dialog.count_label.text() == f"已填 {start + 1} / {total} 条" == f"已填 {_filled_in_database(dialog)} / {total} 条"
    dialog.table.edit_row(unfilled)  # emptied again: no longer filled
    _type_and_enter(qtbot, dialog, "", unfilled)
    assert dialog.count_label.text() == f"已填 {start} / {total} 条"
    dialog.stack.undo()  # the text comes back
    assert dialog.count_label.text() == f"已填 {start + 1} / {total} 条" == f"已填 {_filled_in_database(dialog)} / {total} 条"
    dialog.month.setCurrentIndex(1)
    assert dialog.count_label.text() == f"已填 {_filled_in_database(dialog)} / {total} 条"


def test_a_first_progress_starts_a_not_started_entry_and_its_light_follows(dialog, qtbot):
    from desk_app.services import ledger
    from ui.models.ledger_table_model import LIGHT_ROLE

    model = dialog.model
    row = next(r for r in range(model.rowCount())
               if model.data(model.index(r, 5)) == "" and ledger.get_entry(model.entry_id(r)).status == "未启动")
    dialog.table.edit_row(row)
    _type_and_enter(qtbot, dialog, "已启动整改", row)
    record = ledger.get_entry(model.entry_id(row))
    assert record.status == "推进中" and model.code(row) == record.code
    assert model.data(model.index(row, 0), LIGHT_ROLE) == ledger_query.light(
        record.status, record.deadline_type, record.deadline).value
    assert model.data(model.index(row, 5)) == "已启动整改"


def _in_view(table, col) -> bool:
    left = table.columnViewportPosition(col)
    return left >= 0 and left + table.columnWidth(col) <= table.viewport().width()


@pytest.mark.parametrize("width", [1350, 1000])
def test_number_and_problem_stay_in_view_beside_the_progress_typed(dialog, qtbot, width):
    """On a 1366-wide screen and narrower: 问题编号 and 问题表现 beside 本月进展 being typed, none squeezed away."""
    from ui.models.ledger_dispatch_model import PROGRESS_COLUMN

    dialog.resize(width, 600)  # the offscreen screen is small: resize the table to the width under test
    dialog.table.resize(width - 24, 500)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _editing(dialog, 0), timeout=2000)
    table = dialog.table
    assert all(_in_view(table, col) for col in (1, 2, PROGRESS_COLUMN, 6))
    assert table.horizontalScrollBar().value() == 0
    assert table.columnWidth(PROGRESS_COLUMN) >= 220 and table.columnWidth(2) >= 160
    number = dialog.model.index(0, 1).data()
    assert table.fontMetrics().horizontalAdvance(number) < table.columnWidth(1)  # the number whole


def test_the_dialog_opens_at_the_width_it_was_left(qtbot, demo):
    from ui.app import create_application
    from ui.views.dispatch_dialog import PREFERRED_WIDTH, DispatchDialog

    create_application()

    def opened():
        d = DispatchDialog(LedgerFilter(campaign_id=demo.campaign_id), QUndoStack(), lambda: None)
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        return d

    first = opened()
    screen = first.screen().availableGeometry().width()
    assert first.width() == min(PREFERRED_WIDTH, screen - 16)  # as wide as the screen allows at first
    first.resize(first.width() - 90, 500)
    first.accept()
    again = opened()
    assert (again.width(), again.height()) == (first.width(), 500)
