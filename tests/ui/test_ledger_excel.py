"""The ledger as good as Excel: a filter from each column header, multi-level sort, frozen 编号/问题 columns,
wrap-text rows, search hits highlighted, 最新进展 and 延期次数 columns. QTest mouse and keys at 1366×768."""

from datetime import date

import pytest
from ledger_helpers import at_clerk_size
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from desk_app.db.models import Department
from desk_app.domain import Status
from desk_app.services import ledger_extend, ledger_query, workflow
from desk_app.services.ledger_query import LedgerFilter
from ui.views.ledger_cells import HIT, hit_ranges


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    at_clerk_size(main_window)
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 5)
    return page


def _column(page, key):
    return 1 + page.model.column_keys().index(key)


def _click_header(qtbot, page, key, *, glyph=False, shift=False):
    header = page.table.header
    logical = _column(page, key)
    page.table.scrollTo(page.model.index(0, logical))
    if glyph:
        pos = header.glyph_rect(logical).center()
    else:
        pos = QPoint(header.sectionViewportPosition(logical) + 12, header.height() // 2)
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, modifier, pos)


def test_a_filter_from_the_status_header(page, qtbot, demo):
    _click_header(qtbot, page, "status", glyph=True)
    popup = page.table.column_popup
    qtbot.waitUntil(popup.isVisible)
    box = popup.all_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # untick all
    texts = [popup.list.item(i).text().split("（")[0] for i in range(popup.list.count())]
    popup.list.setCurrentRow(texts.index(Status.PENDING_CLOSE.value))
    qtbot.keyClick(popup.list, Qt.Key.Key_Space)
    qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    f = LedgerFilter(campaign_id=demo.campaign_id, statuses=[Status.PENDING_CLOSE.value])
    assert page.current_filter().statuses == f.statuses
    assert page.model.rowCount() == ledger_query.count_entries(f)
    assert "状态：申请销号" in page.filter_bar.chips.texts()
    assert page.table.header.is_filtered(_column(page, "status"))


def test_a_count_beside_each_value_in_the_header_filter(page, qtbot, demo):
    _click_header(qtbot, page, "layer", glyph=True)
    popup = page.table.column_popup
    counts = {popup.list.item(i).text().split("（")[0]: popup.list.item(i).text() for i in range(popup.list.count())}
    n = ledger_query.count_entries(LedgerFilter(campaign_id=demo.campaign_id, layers=["处级干部"]))
    assert counts["处级干部"] == f"处级干部（{n}）"
    popup.close()


def test_shift_click_adds_sort_levels_and_the_rows_follow_them(page, qtbot):
    _click_header(qtbot, page, "department")
    _click_header(qtbot, page, "deadline", shift=True)
    _click_header(qtbot, page, "deadline", shift=True)  # again: that level turns descending
    assert page.model.sort_levels() == [("department", False), ("deadline", True)]
    levels = page.table.header.sort_levels
    assert levels[_column(page, "department")] == (1, False) and levels[_column(page, "deadline")] == (2, True)
    order = {d.id: d.sort_order for d in Department.select()}
    rows = [page.model.record(r) for r in range(min(200, page.model.rowCount()))]
    for a, b in zip(rows, rows[1:], strict=False):
        da, db = order.get(a.department_id, -1), order.get(b.department_id, -1)
        assert da <= db
        if da == db and a.deadline and b.deadline:
            assert a.deadline >= b.deadline
    _click_header(qtbot, page, "code")  # a plain click: one level again
    assert page.model.sort_levels() == [("code", False)]


def test_number_and_description_stay_in_view_while_scrolling_sideways(page, qtbot):
    table, frozen = page.table, page.table.frozen
    assert page.visible_column_keys()[:2] == ["code", "description"] and frozen.isVisible()
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    assert table.horizontalScrollBar().value() > 0
    code = _column(page, "code")
    index = page.model.index(0, code)
    assert frozen.viewport().rect().contains(frozen.visualRect(index).center())
    assert frozen.geometry().left() == table.verticalHeader().width() + table.frameWidth()
    shown = [c for c in range(page.model.columnCount()) if not frozen.isColumnHidden(c)]
    assert shown == [0, code, _column(page, "description")]
    table.verticalScrollBar().setValue(40)
    assert frozen.verticalScrollBar().value() == 40  # scrolls down with the table
    # A click on the frozen part selects that row in the table.
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=frozen.visualRect(
        page.model.index(42, code)).center())
    assert page.table.currentIndex().row() == 42


def test_wrap_text_rows_are_three_lines_high_in_both_parts(page):
    one_line = page.table.rowHeight(0)
    page.actions.wrap_action.setChecked(True)
    assert page.table.wordWrap() and page.table.rowHeight(0) >= 2.5 * (one_line - 12)
    assert page.table.frozen.rowHeight(0) == page.table.rowHeight(0)
    page.actions.wrap_action.setChecked(False)
    assert page.table.rowHeight(0) == one_line


def test_search_hits_are_marked_in_the_cells(page, qtbot):
    code = page.model.record(0).code
    page.filter_bar.search.setText(code)
    page.filter_bar._emit_now()
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1)
    page.table.frozen.hide()  # look at the table's own cells
    image = page.table.viewport().grab().toImage()
    rect = page.table.visualRect(page.model.index(0, _column(page, "code")))
    hits = sum(1 for x in range(rect.left(), rect.right(), 2) for y in range(rect.top(), rect.bottom(), 2)
               if QColor(image.pixel(x, y)) == HIT)
    assert hits > 20
    assert hit_ranges("ZG-2026-0035 台账", ["2026", "台账"]) == [(3, 4), (13, 2)]


def test_latest_progress_and_extension_count_columns(page, demo):
    page.set_columns(["code", "description", "latest_progress", "extensions", "status"])
    row = next(r for r in range(page.model.rowCount()) if workflow.progress_of(page.model.record(r).id)
               and page.model.record(r).status == Status.IN_PROGRESS and page.model.record(r).deadline)
    rec = page.model.record(row)
    latest = workflow.progress_of(rec.id)[-1].text
    assert page.model.index(row, _column(page, "latest_progress")).data() == latest.replace("\n", " ")
    assert page.model.index(row, _column(page, "extensions")).data() == ""
    ledger_extend.extend([rec.id], date(2028, 3, 31), "等待上级批复")
    page.after_change()
    assert page.model.index(row, _column(page, "extensions")).data() == "1"
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert "最新进展" in headers and "延期次数" in headers
