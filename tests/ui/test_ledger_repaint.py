"""What a filter change costs the ledger's table: cells answered in one call each, and nothing around the table
resized (a resize lays out and repaints the whole page)."""

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem

from ui.models import ledger_table_model


@pytest.fixture
def page(opens_on_ledger, main_window, qtbot):
    main_window.resize(1280, 800)
    page = main_window.show_page("ledger")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


@pytest.mark.skipif(not ledger_table_model._MULTI_DATA, reason="this PySide6 does not bind the role span")
def test_a_painted_cell_asks_the_model_once_and_shows_what_data_says(page, monkeypatch):
    model = page.model
    asked = []
    real = ledger_table_model.LedgerTableModel.data
    monkeypatch.setattr(ledger_table_model.LedgerTableModel, "data",
                        lambda self, index, role=Qt.ItemDataRole.DisplayRole: asked.append(role) or real(self, index, role))
    page.table.viewport().repaint()
    assert not [r for r in asked if r == Qt.ItemDataRole.DisplayRole]  # the delegates' roles came by multiData
    monkeypatch.undo()
    delegate = QStyledItemDelegate()
    red = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), ledger_table_model.LIGHT_ROLE) == "red")
    status = 1 + model.column_keys().index("status")
    for row, column in ((0, 1), (0, status), (red, status), (red, 0)):
        index = model.index(row, column)
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, index)  # Qt asks the model by multiData
        assert option.text == (model.data(index, Qt.ItemDataRole.DisplayRole) or "")
        brush = model.data(index, Qt.ItemDataRole.ForegroundRole)
        if brush is not None:
            assert option.palette.color(option.palette.ColorRole.Text) == brush.color()
        icon = model.data(index, Qt.ItemDataRole.DecorationRole)
        assert option.icon.isNull() == (icon is None)


class _Resizes(QObject):
    def __init__(self):
        super().__init__()
        self.seen = []

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            parent = obj.parent()
            self.seen.append(f"{parent.objectName() if parent is not None else ''}/{obj.objectName()}")
        return False


def test_a_filter_change_resizes_nothing_around_the_table(page):
    bar = page.filter_bar
    spy = _Resizes()
    QApplication.instance().installEventFilter(spy)
    try:
        for picker in (bar.layer, bar.status, bar.kind):
            for _label, value in picker.items()[:5]:
                picker.set_values([value])
                QApplication.processEvents()
            picker.set_values([])
            QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(spy)
    # The pickers and the chips move within the bar; the table, its header and frozen columns, the preview,
    # the side panel, the bar itself and the status line keep their size.
    views = ("ledger_table", "ledger_frozen", "ledger_preview", "ledger_side_panel")
    around = (*views, "ledger_status", "ledger_filter_bar")
    resized = {name for name in spy.seen if name.split("/")[1] in around or name.split("/")[0] in views}
    assert not resized, " ".join(sorted(resized))


def test_a_picker_with_a_long_value_shows_it_cut_short_and_never_widens_the_window(page):
    width = page.window().width()
    layer = page.filter_bar.layer
    layer.set_values(["主要业务经办人员"])
    QApplication.processEvents()
    assert "…" in layer.text() and layer.toolTip() == "主要业务经办人员"
    assert layer.minimumSizeHint().width() < layer.sizeHint().width()
    assert page.window().width() == width


def test_a_search_over_a_long_list_shows_its_count_first_and_its_figures_once_typing_pauses(page, qtbot, monkeypatch):
    from desk_app.services import ledger_summary

    bar = page.filter_bar
    bar.search.setText("整改")
    bar._emit_now()
    assert not page.model.summary.partial  # a short list: every figure at once
    monkeypatch.setattr(ledger_summary, "FIGURES_LATER_FROM", 1)  # as long as 100,000 entries
    bar.search.setText("台账")
    bar._emit_now()
    full = ledger_summary.summarize(page.model.ledger_filter)
    assert page.model.summary.partial and page.model.rowCount() == full.total > 0
    assert f"共 {full.total:,} 条" in page.status_label.text() and "逾期" not in page.status_label.text()
    qtbot.waitUntil(lambda: not page.model.summary.partial)
    assert page.model.summary == full
    assert f"逾期 {full.overdue:,} 条" in page.status_label.text()


def _painted(view, option, text):
    """The cell as the view's style draws it with this text."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyle

    opt = QStyleOptionViewItem(option)
    opt.text, opt.rect = text, QRect(0, 0, option.rect.width(), option.rect.height())
    image = QImage(opt.rect.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    view.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, view)
    painter.end()
    return image


def test_a_long_text_is_painted_from_what_its_column_can_show_and_looks_the_same(page):
    """Qt shapes a cell's whole text on each paint to cut it short with …: the delegates get no more than the
    column's width can show, and the cell looks exactly as with the whole text; data() keeps the whole text."""
    model, table = page.model, page.table
    column = 1 + model.column_keys().index("description")
    table.setColumnWidth(column, 12)  # the demo's texts are short: a narrow column shows less of them
    row = max(range(min(model.rowCount(), 60)), key=lambda r: len(model.data(model.index(r, column))))
    index = model.index(row, column)
    whole = model.data(index)
    option = QStyleOptionViewItem()
    option.initFrom(table.viewport())
    option.rect = table.visualRect(index)
    option.widget = table
    option.textElideMode = table.textElideMode()
    QStyledItemDelegate().initStyleOption(option, index)  # as a painting delegate asks: by multiData
    limit = len(option.text) // 2
    assert len(option.text) < len(whole) and option.text == whole[:limit] + whole[-limit:]
    for mode in (Qt.TextElideMode.ElideRight, Qt.TextElideMode.ElideMiddle, Qt.TextElideMode.ElideLeft):
        option.textElideMode = mode
        assert _painted(table, option, option.text) == _painted(table, option, whole), mode
    one_line = model._paint_limits[column]
    page.actions.wrap_action.setChecked(True)  # three lines of it show
    assert model._paint_limits[column] - 2 >= 3 * (one_line - 2)
    page.actions.wrap_action.setChecked(False)
    table.setColumnWidth(column, table.columnWidth(column) * 3)  # wider: more of the text is painted
    assert model._paint_limits[column] > one_line


def test_the_frozen_columns_mark_search_hits_and_are_drawn_by_qt_until_layouts_can_be_kept(page, qtbot):
    from ui.views import ledger_cells
    from ui.views.ledger_cells import HIT

    frozen = page.table.frozen
    # Qt's own until the table's delegate can draw from kept layouts (ledger_plain_cells): no call into Python per cell
    assert (frozen.itemDelegate() is page.table.delegate) == ledger_cells.is_warm()
    code = page.model.record(0).code
    page.filter_bar.search.setText(code)
    page.filter_bar._emit_now()
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1)
    assert frozen.itemDelegate() is page.table.delegate
    image = frozen.viewport().grab().toImage()
    rect = frozen.visualRect(page.model.index(0, 1 + page.model.column_keys().index("code")))
    assert any(QColor(image.pixel(x, y)) == HIT for x in range(rect.left(), rect.right(), 2)
               for y in range(rect.top(), rect.bottom(), 2))
    page.filter_bar.search.clear()
    page.filter_bar._emit_now()
    assert (frozen.itemDelegate() is page.table.delegate) == ledger_cells.is_warm()
    ledger_cells.warm_up()
    frozen.viewport().repaint()
    assert frozen.itemDelegate() is page.table.delegate


def test_a_filter_change_leaves_the_actions_of_the_first_row_as_they_were(page):
    """The first row becomes current after a filter change: the actions follow it, without being disabled for
    no row in between (each toggle lays out and repaints the toolbar)."""
    toggles = []
    page.actions.edit_action.enabledChanged.connect(toggles.append)
    assert page.actions.edit_action.isEnabled()
    for _label, value in page.filter_bar.status.items()[:3]:
        page.filter_bar.status.set_values([value])
        QApplication.processEvents()
        assert page.model.rowCount() and page.current_id() == page.model.entry_id(0)
    assert toggles == [] and page.actions.edit_action.isEnabled()
    page.filter_bar.search.setText("没有这样的内容zzz")
    page.filter_bar._emit_now()
    assert page.model.rowCount() == 0 and not page.actions.edit_action.isEnabled()  # no row: nothing to edit


def test_the_table_is_drawn_by_qt_until_layouts_can_be_kept_or_a_search_marks_its_hits(page, qtbot):
    """No call into Python for each cell of the first page: the marking delegate draws once its layout types are
    loaded (after the first paint) or while a search is on, and then marks the hits as in the frozen columns."""
    from ui.views import ledger_cells
    from ui.views.ledger_cells import HIT

    table, model = page.table, page.model
    if not ledger_cells.is_warm():
        assert table.itemDelegate() is table.plain_delegate
        assert table.itemDelegate().metaObject().className() == "QStyledItemDelegate"
    name = next(n for n in (model.record(r).owner_name for r in range(min(50, model.rowCount()))) if n)
    page.filter_bar.search.setText(name)
    page.filter_bar._emit_now()
    qtbot.waitUntil(lambda: model.rowCount() >= 1)
    assert table.itemDelegate() is table.delegate
    keys = model.column_keys()
    cells = [(row, 1 + keys.index(key)) for row in range(min(8, model.rowCount()))
             for key, field in (("owner", "owner_name"), ("leader", "leader_name"), ("responsible", "responsible_name"))
             if name in (getattr(model.record(row), field) or "")]
    assert cells
    table.scrollTo(model.index(*cells[0]))
    image = table.viewport().grab().toImage()
    shown = [cell for cell in cells if table.viewport().rect().contains(table.visualRect(model.index(*cell)))]
    assert shown
    for cell in shown:
        rect = table.visualRect(model.index(*cell))
        assert any(QColor(image.pixel(x, y)) == HIT for x in range(rect.left(), rect.right(), 2)
                   for y in range(rect.top(), rect.bottom(), 2)), cell
    page.filter_bar.search.clear()
    page.filter_bar._emit_now()
    assert (table.itemDelegate() is table.delegate) == ledger_cells.is_warm()
    ledger_cells.warm_up()
    table.viewport().repaint()
    assert table.itemDelegate() is table.delegate


def test_the_header_reads_the_filter_once_a_section_without_copying_it(page, monkeypatch):
    page.filter_bar.layer.set_values([page.filter_bar.layer.items()[0][1]])  # 层级 is a column of the table
    QApplication.processEvents()
    header = page.table.header
    asked, copies = [], []
    real_is_filtered = header.is_filtered
    monkeypatch.setattr(header, "is_filtered", lambda logical: asked.append(logical) or real_is_filtered(logical))
    real_replace = ledger_table_model.replace
    monkeypatch.setattr(ledger_table_model, "replace", lambda *a, **k: copies.append(a) or real_replace(*a, **k))
    header.viewport().repaint()
    assert asked and len(asked) == len(set(asked))  # once per section painted
    assert not copies
    assert any(real_is_filtered(logical) for logical in asked)  # the filtered column's funnel among them
