"""The 调度 list: open entries of a filter with last month's and this month's progress.

The ids come from SQL in one query (sorted); records and progress texts load a page at a time.
Only the 本月进展 column is editable; setData saves through the services at once.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desk_app.domain import OPEN_STATUSES
from desk_app.errors import DeskAppError
from desk_app.services import ledger_bulk, ledger_columns, ledger_query
from desk_app.services.entry_records import load_records
from desk_app.services.ledger_query import LedgerFilter

from . import dispatch_schedule
from .dispatch_schedule import SCHEDULE_COLUMN
from .ledger_table_model import LIGHT_ROLE, light_icon, wrapped_tooltip

PAGE = 100
PROGRESS_COLUMN = 5


def previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


class DispatchModel(QAbstractTableModel):
    saved = Signal(object)  # ledger_bulk.ProgressChange
    plan_saved = Signal(object)  # progress_plan.PlanChange (the 序时进度 column)
    failed = Signal(str)

    def __init__(self, f: LedgerFilter, month: str, parent=None):
        super().__init__(parent)
        self.month = month
        open_statuses = [s.value for s in OPEN_STATUSES]
        statuses = [s for s in (f.statuses or open_statuses) if s in open_statuses] or ["-"]
        self.filter = replace(f, statuses=statuses, deleted=False)
        self.ids = ledger_query.entry_ids(self.filter, "deadline")
        self._pages: dict[int, tuple[list, dict, dict, dict]] = {}
        self._schedule: dict = {}  # the page read last: entry id -> (PlanState, measures' share)
        self._icons = {name: light_icon(name) for name in ("red", "yellow", "green", "grey")}
        self.headers = [self.tr("Light"), self.tr("Number"), self.tr("Description"),
                        self.tr("Responsible"), self.tr("Deadline"), self.tr("Progress this month"),
                        self.tr("Last month"), dispatch_schedule.header()]

    def set_month(self, month: str) -> None:
        self.beginResetModel()
        self.month = month
        self._pages.clear()
        self.endResetModel()

    def filled(self) -> int:
        """How many of the entries already have this month's progress."""
        done = 0
        for start in range(0, len(self.ids), 900):
            done += len(ledger_bulk.month_progress_texts(self.ids[start:start + 900], self.month))
        return done

    def _page(self, row: int):
        number = row // PAGE
        if number not in self._pages:
            ids = self.ids[number * PAGE:(number + 1) * PAGE]
            records = load_records(ids)
            self._pages[number] = (records, ledger_bulk.month_progress_texts(ids, self.month),
                                   ledger_bulk.month_progress_texts(ids, previous_month(self.month)),
                                   dispatch_schedule.page_states(records, self.month))
        records, now, before, self._schedule = self._pages[number]
        rec = records[row - number * PAGE] if row - number * PAGE < len(records) else None
        return rec, now, before

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PROGRESS_COLUMN or (index.column() == SCHEDULE_COLUMN
                                                 and dispatch_schedule.editable(self._page(index.row())[0])):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def entry_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        rec, now, before = self._page(index.row())
        if rec is None:
            return None
        col = index.column()
        light = ledger_query.light(rec.status, rec.deadline_type, rec.deadline).value
        if role == LIGHT_ROLE:
            return light
        if col == 0 and role == Qt.ItemDataRole.DecorationRole:
            return self._icons[light]
        values = {1: rec.code, 2: rec.description,
                  3: " / ".join(v for v in (rec.department_name, rec.responsible_name) if v),
                  4: ledger_columns.deadline_text(rec), PROGRESS_COLUMN: now.get(rec.id, ""),
                  6: before.get(rec.id, ""), SCHEDULE_COLUMN: dispatch_schedule.text(self._schedule, rec.id)}
        if role == Qt.ItemDataRole.EditRole and col == SCHEDULE_COLUMN:
            return dispatch_schedule.actual(self._schedule, rec.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return values.get(col, "")
        if role == Qt.ItemDataRole.ForegroundRole and col == SCHEDULE_COLUMN:
            return dispatch_schedule.LAG_COLOR if dispatch_schedule.lagging(self._schedule, rec.id) else None
        if role == Qt.ItemDataRole.ToolTipRole and col in (2, 6):
            return wrapped_tooltip(values[col])
        if role == Qt.ItemDataRole.BackgroundRole and col == PROGRESS_COLUMN and not values[col]:
            return QColor("#fff8e1")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if role == Qt.ItemDataRole.EditRole and index.column() == SCHEDULE_COLUMN:
            return self._set_actual(index, value)
        if role != Qt.ItemDataRole.EditRole or index.column() != PROGRESS_COLUMN:
            return False
        entry_id = self.entry_id(index.row())
        if entry_id is None:
            return False
        text = str(value or "").strip()
        if text == (self.data(index) or ""):
            return False
        try:
            change = ledger_bulk.set_month_progress(entry_id, self.month, text)
        except DeskAppError as exc:
            self.failed.emit(exc.message)
            return False
        self.reload_row(index.row())
        self.saved.emit(change)
        return True

    def _set_actual(self, index, value) -> bool:
        """A number typed in 序时进度: the month's reported % of a 重点任务."""
        entry_id = self.entry_id(index.row())
        if entry_id is None or str(value or "").strip() == (self.data(index, Qt.ItemDataRole.EditRole) or ""):
            return False
        try:
            change = dispatch_schedule.save_actual(entry_id, self.month, value)
        except DeskAppError as exc:
            self.failed.emit(exc.message)
            return False
        self.reload_row(index.row())
        self.plan_saved.emit(change)
        return True

    def reload_row(self, row: int) -> None:
        self._pages.pop(row // PAGE, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1), [])

    def reload_all(self) -> None:
        self._pages.clear()
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, self.columnCount() - 1), [])
