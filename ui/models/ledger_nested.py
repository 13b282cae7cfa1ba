"""The ledger table model's measure rows: a task's measures shown under it (ui/models/measure_rows keeps which
are open and reads them); a mixin of LedgerTableModel, which provides _row, nested and the cell looks."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from . import measure_rows
from .ledger_cell_look import wrapped_tooltip

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LIGHT_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3
MEASURE_ROLE = Qt.ItemDataRole.UserRole + 4  # a measure row's MeasureRecord (None on an entry's own row)
LEFT_ALIGNED = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class NestedMeasureRows:
    def measure_count(self, row: int) -> int:
        """Live measures of the task on this row (0 on a measure row or a task without them)."""
        entry_row, measure = self.nested.locate(row)
        item = self._row(entry_row)
        return item.measures if item is not None and measure is None else 0

    def is_expanded(self, row: int) -> bool:
        entry_row, measure = self.nested.locate(row)
        return measure is None and self.nested.is_open(entry_row)

    def parent_row(self, row: int) -> int:
        """The view row of the task a row belongs to (itself for a task's own row)."""
        return self.nested.view_row(self.nested.locate(row)[0])

    def set_expanded(self, row: int, expanded: bool) -> bool:
        """Show or hide a task's measures below it; False when there is nothing to do."""
        entry_row, measure = self.nested.locate(row)
        item = self._row(entry_row)
        if item is None or measure is not None or not item.measures or expanded == self.nested.is_open(entry_row):
            return False
        parent = self.nested.view_row(entry_row)
        if expanded:
            found = measure_rows.load(item.record.id)
            if not found:
                return False
            self.beginInsertRows(QModelIndex(), parent + 1, parent + len(found))
            self.nested.open(entry_row, found)
            self.endInsertRows()
        else:
            count = len(self.nested.records(entry_row))
            self.beginRemoveRows(QModelIndex(), parent + 1, parent + count)
            self.nested.close(entry_row)
            self.endRemoveRows()
        self.dataChanged.emit(self.index(parent, 0), self.index(parent, self.columnCount() - 1), [])
        return True

    def _reread_measures(self) -> bool:
        """After an edit: the expanded tasks' measures read again (True when the rows had to be reset)."""
        rows = self.nested.expanded_rows()
        fresh = {r: measure_rows.load(item.record.id) if (item := self._row(r)) is not None else [] for r in rows}
        if all(len(fresh[r]) == len(self.nested.records(r)) for r in rows):
            for r in rows:
                self.nested.open(r, fresh[r])
            return False
        self.beginResetModel()
        for r in rows:
            self.nested.close(r)
            if fresh[r]:
                self.nested.open(r, fresh[r])
        self.endResetModel()
        self.summary_changed.emit(self.summary)
        return True

    def _measure_data(self, item, entry_row: int, number: int, column: int, role):
        records = self.nested.records(entry_row)
        m = records[number] if number < len(records) else None
        if m is None:
            return None
        if role == ENTRY_ID_ROLE:
            return item.record.id
        if role == RECORD_ROLE:
            return item.record
        if role == MEASURE_ROLE:
            return m
        lit = m.light(self._due_soon_days, self._today)
        if role == LIGHT_ROLE:
            return lit
        if role == Qt.ItemDataRole.BackgroundRole:
            return measure_rows.MEASURE_BACKGROUND
        if column == 0:
            return self._icons[lit] if role == Qt.ItemDataRole.DecorationRole else None
        key = self._columns[column - 1].key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = measure_rows.measure_text(key, m, number + 1)
            if role == Qt.ItemDataRole.ToolTipRole:
                return wrapped_tooltip(text) if len(text) > 12 else None
            return text
        if role == Qt.ItemDataRole.ForegroundRole:
            if lit == "red" and key in ("deadline", "status"):
                return self._overdue_brush
            return self._done_brush if lit == "grey" else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT_ALIGNED
        return None

