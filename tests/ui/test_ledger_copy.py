"""Ctrl+C on selected rows copies them with headers: tab-separated text and an HTML table (issue 18, item 8)."""

import pytest
from ledger_helpers import at_clerk_size, focus_table, select_rows
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desk_app.services import ledger
from ui.views.ledger_copy import as_tsv, tsv_field


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    at_clerk_size(main_window)
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 5)
    yield page
    # Qt's offscreen platform crashes at exit when its clipboard still holds data (not xcb, not Windows).
    QGuiApplication.clipboard().clear()


def test_ctrl_c_copies_the_selected_rows_with_headers_as_tsv_and_html(page, qtbot):
    select_rows(page, [0, 2, 3])
    ids = page.selected_ids()
    focus_table(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    lines = mime.text().rstrip("\r\n").split("\r\n")
    headers = lines[0].split("\t")
    assert headers[0] == "序号" and "问题编号" in headers and "整改时限" in headers
    assert len(lines) == 4  # header + three rows, not one cell
    codes = [ledger.get_entry(i).code for i in ids]
    code_column = headers.index("问题编号")
    assert [line.split("\t")[code_column] for line in lines[1:]] == codes
    assert [line.split("\t")[0] for line in lines[1:]] == ["1", "3", "4"]
    html = mime.html()
    assert html.count("<tr>") == 4 and "<th>问题编号</th>" in html and codes[1] in html
    description = ledger.get_entry(ids[0]).description
    assert description in mime.text()  # in full, not the table's abbreviation


def test_cells_with_tabs_quotes_and_line_breaks_paste_as_one_cell():
    assert tsv_field("一\t二") == '"一\t二"'
    assert tsv_field('他说"好"') == '"他说""好"""'
    assert as_tsv(["a", "b"], [["1\n2", "x"]]) == 'a\tb\r\n"1\n2"\tx\r\n'
