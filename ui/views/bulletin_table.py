"""A 通报's table (reports.bulletin_notice.TableBlock) in a QTableWidget: the same columns and values the
paper shows, numbers sorting as numbers, gains in green and losses in red."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desk_app.reports.bulletin_notice import COUNT_CHANGE, PLACE_CHANGE, POINTS, TEXT, TableBlock, cell_text

GOOD = QColor("#2e7d32")
BAD = QColor("#c62828")


class ValueItem(QTableWidgetItem):
    """Shows the printed text, sorts by the value behind it (None and text last)."""

    def __init__(self, text: str, value):
        super().__init__(text)
        self.value = value

    def __lt__(self, other):  # noqa: D105 - Qt sort hook
        mine, theirs = self.value, getattr(other, "value", None)
        if isinstance(mine, int | float) and isinstance(theirs, int | float):
            return mine < theirs
        if isinstance(mine, int | float) != isinstance(theirs, int | float):
            return isinstance(mine, int | float)
        return self.text() < other.text()


def make_table(object_name: str = "") -> QTableWidget:
    table = QTableWidget(0, 0)
    if object_name:
        table.setObjectName(object_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    return table


def _color(kind: str, value) -> QColor | None:
    if not isinstance(value, int | float) or value == 0:
        return None
    if kind in (POINTS, PLACE_CHANGE):
        return GOOD if value > 0 else BAD
    if kind == COUNT_CHANGE:  # more overdue is worse
        return BAD if value > 0 else GOOD
    return None


def fill(table: QTableWidget, block: TableBlock | None) -> None:
    """Show `block` (None: an empty table); the wide column stretches."""
    table.setSortingEnabled(False)
    table.clear()
    if block is None:
        table.setRowCount(0)
        table.setColumnCount(0)
        return
    table.setColumnCount(len(block.columns))
    table.setHorizontalHeaderLabels([c.label.replace("\n", "") for c in block.columns])
    table.setRowCount(len(block.rows))
    for r, row in enumerate(block.rows):
        for c, (column, value) in enumerate(zip(block.columns, row, strict=True)):
            item = ValueItem(cell_text(column.kind, value), value)
            if column.kind != TEXT or not column.wide:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            color = _color(column.kind, value)
            if color is not None:
                item.setForeground(QBrush(color))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for c, column in enumerate(block.columns):
        if column.wide:
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the 通报's own order
    table.setSortingEnabled(True)
