"""Expanding a task's measures in the ledger table by keyboard and mouse.

Keyboard, as in a tree: → or + shows the current task's measures (→ again goes to the first of them),
← or − hides them (on a measure row ← goes back to its task). Mouse: a click on ▸/▾ in the first column
toggles; a double-click on a measure row opens that measure (the task's own row opens the task)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog

from ui.models.ledger_table_model import MEASURE_ROLE

ARROW_ROOM = 22  # px from the cell's left edge that count as the ▸/▾


class NestedRowsController(QObject):
    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.table = page.table
        self.model = page.model
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)

    # -- actions ----------------------------------------------------------------------------------
    def _current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _go_to(self, row: int) -> None:
        column = max(1, self.table.currentIndex().column())
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)

    def expand(self, row: int) -> bool:
        if self.model.measure_count(row) and not self.model.is_expanded(row):
            self.model.set_expanded(row, True)
            self._go_to(row)
            return True
        return False

    def collapse(self, row: int) -> bool:
        parent = self.model.parent_row(row)
        if self.model.is_expanded(parent):
            self.model.set_expanded(parent, False)
            self._go_to(parent)
            return True
        return False

    def toggle(self, row: int) -> bool:
        return self.collapse(row) if self.model.is_expanded(row) else self.expand(row)

    def open_measure(self, row: int) -> None:
        m = self.model.index(row, 0).data(MEASURE_ROLE)
        if m is None:
            return
        from .measure_dialog import MeasureDialog  # noqa: PLC0415 - loaded when first opened, not on first paint
        from .measure_undo import command_for  # noqa: PLC0415

        dialog = MeasureDialog(m.entry_id, m, self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            for kind, change in dialog.changes:
                self.page.undo_stack.push(command_for(kind, change, self.page.after_change, self.page))
            self.page.after_change()

    # -- events -----------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if watched is self.table and kind == QEvent.Type.KeyPress:
            return self._key(event)
        if watched is self.table.viewport() and kind in (QEvent.Type.MouseButtonPress,
                                                          QEvent.Type.MouseButtonDblClick):
            return self._mouse(event, kind == QEvent.Type.MouseButtonDblClick)
        return False

    def _key(self, event) -> bool:
        row = self._current_row()
        if row < 0 or event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Plus):
            if self.expand(row):
                return True
            if key == Qt.Key.Key_Right and self.model.is_expanded(row):
                self._go_to(row + 1)  # already open: into its first measure
                return True
            return key == Qt.Key.Key_Plus
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Minus):
            parent = self.model.parent_row(row)
            if parent != row and key == Qt.Key.Key_Left:
                self._go_to(parent)  # from a measure back to its task
                return True
            return self.collapse(row) or key == Qt.Key.Key_Minus
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.parent_row(row) != row:
            self.open_measure(row)
            return True
        return False

    def _mouse(self, event, double: bool) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        index = self.table.indexAt(event.position().toPoint())
        if not index.isValid():
            return False
        row = index.row()
        if double and self.model.parent_row(row) != row:
            self.open_measure(row)
            return True
        on_arrow = (index.column() == 1 and self.model.measure_count(row)
                    and event.position().x() - self.table.visualRect(index).left() <= ARROW_ROOM)
        if on_arrow:
            self.toggle(row)
            return True
        return False


def attach(page) -> NestedRowsController:
    page.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return NestedRowsController(page)
