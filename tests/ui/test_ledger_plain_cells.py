"""The ledger's plain cells drawn from kept text layouts look exactly as Qt's own delegate draws them."""

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication

from ui.models import ledger_table_model
from ui.views import ledger_cells, ledger_plain_cells


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    main_window.resize(1280, 800)
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    ledger_cells.warm_up()
    QApplication.processEvents()
    return page


def _images(page):
    table, frozen = page.table, page.table.frozen
    table.viewport().repaint()
    frozen.viewport().repaint()
    return table.viewport().grab().toImage(), frozen.viewport().grab().toImage()


def _by_qt(page, monkeypatch):
    """The same views drawn by Qt's own delegate (as before the layouts can be kept)."""
    monkeypatch.setattr(ledger_cells, "_warm", False)
    frozen = page.table.frozen
    frozen.setItemDelegate(frozen.plain_delegate)
    images = _images(page)
    monkeypatch.undo()
    frozen._pick_delegate()
    return images


def test_plain_cells_look_exactly_as_qt_draws_them(page, monkeypatch):
    model, table = page.model, page.table
    keys = model.column_keys()
    lights = [model.data(model.index(r, 0), ledger_table_model.LIGHT_ROLE) for r in range(min(model.rowCount(), 14))]
    assert {"red", "grey"} <= set(lights) or "red" in lights  # coloured texts among the rows shown
    table.setColumnWidth(1 + keys.index("description"), 70)  # long texts cut short with …
    table.setColumnWidth(1 + keys.index("status"), 40)
    table.selectionModel().select(model.index(1, 1), QItemSelectionModel.SelectionFlag.Select
                                  | QItemSelectionModel.SelectionFlag.Rows)  # a selected row: Qt draws it
    laid_out = []
    real = ledger_plain_cells.PlainCells._lay_out
    monkeypatch.setattr(ledger_plain_cells.PlainCells, "_lay_out",
                        lambda self, *a: laid_out.append(a[0]) or real(self, *a))
    table.delegate.plain.clear()
    fast = _images(page)
    assert table.frozen.itemDelegate() is table.delegate
    assert len(laid_out) > 20 and any(t.startswith(model.record(0).description[:4]) for t in laid_out)
    again = len(laid_out)
    assert _images(page) == fast and len(laid_out) == again  # drawn again from the kept layouts
    monkeypatch.undo()
    qt = _by_qt(page, monkeypatch)
    assert fast[0] == qt[0], "the table's cells differ from Qt's drawing"
    assert fast[1] == qt[1], "the frozen columns' cells differ from Qt's drawing"


def test_a_cell_whose_text_has_lines_or_another_style_is_left_to_qt(page):
    from PySide6.QtWidgets import QStyleFactory

    plain = page.table.delegate.plain
    assert plain._lay_out("第一行\u2028第二行", None, None) is None  # Qt elides such a text line by line
    style = QStyleFactory.create("Windows")
    page.table.setStyle(style)
    page.table.frozen.setStyle(style)
    plain.clear()
    page.table.viewport().repaint()
    page.table.frozen.viewport().repaint()
    assert not plain._kept  # only Fusion's way of drawing is copied



def test_an_empty_cell_is_left_blank_as_qt_leaves_it(page, monkeypatch):
    model = page.model
    shown = range(min(model.rowCount(), 14))
    empty = {(r, c) for r in shown for c in range(1, model.columnCount()) if model.plain_cell(r, c)[0] == ""}
    assert empty  # e.g. entries without 责任人 or 问题类别
    answers = {}
    real = ledger_plain_cells.PlainCells.paint

    def paint(self, painter, option, index, m):
        answers[index.row(), index.column()] = answer = real(self, painter, option, index, m)
        return answer

    monkeypatch.setattr(ledger_plain_cells.PlainCells, "paint", paint)
    fast = _images(page)
    assert all(answers[cell] is True for cell in empty if cell in answers) and empty & answers.keys()
    monkeypatch.undo()
    assert fast == _by_qt(page, monkeypatch)
