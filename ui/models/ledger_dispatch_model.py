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
from .ledger_cell_look import light_icon, wrapped_tooltip
from .ledger_table_model import LIGHT_ROLE

PAGE = 100
PROGRESS_COLUMN = 5
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)
_DECORATION, _TOOLTIP, _BACKGROUND = (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                                      Qt.ItemDataRole.BackgroundRole)
_UNFILLED = QColor("#fff8e1")  # 本月进展 still to be typed
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable


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
        self._id_set = set(self.ids)
        self._filled: int | None = None  # counted once, then kept by each save (Enter must not recount)
        self._pages: dict[int, tuple[list, dict, dict, list, dict]] = {}
        self._schedule: dict = {}  # the page read last: entry id -> (PlanState, measures' share)
        self._icons = {name: light_icon(name) for name in ("red", "yellow", "green", "grey")}
        self.headers = [self.tr("Light"), self.tr("Number"), self.tr("Description"),
                        self.tr("Responsible"), self.tr("Deadline"), self.tr("Progress this month"),
                        self.tr("Last month"), dispatch_schedule.header()]

    def set_month(self, month: str) -> None:
        self.beginResetModel()
        self.month = month
        self._pages.clear()
        self._filled = None
        self.endResetModel()

    def filled(self) -> int:
        """How many of the entries already have this month's progress."""
        if self._filled is None:
            self._filled = len(ledger_bulk.entries_with_month_progress(self.month) & self._id_set)
        return self._filled

    def _page(self, row: int):
        number = row // PAGE
        if number not in self._pages:
            ids = self.ids[number * PAGE:(number + 1) * PAGE]
            records = load_records(ids)
            self._pages[number] = (records, ledger_bulk.month_progress_texts(ids, self.month),
                                   ledger_bulk.month_progress_texts(ids, previous_month(self.month)),
                                   [self._light(rec) for rec in records],
                                   dispatch_schedule.page_states(records, self.month))
        records, now, before, lights, self._schedule = self._pages[number]
        offset = row - number * PAGE
        if offset >= len(records):
            return None, now, before, "grey"
        return records[offset], now, before, lights[offset]

    @staticmethod
    def _light(rec) -> str:
        return ledger_query.light(rec.status, rec.deadline_type, rec.deadline).value

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
        if index.column() == PROGRESS_COLUMN or (index.column() == SCHEDULE_COLUMN
                                                 and dispatch_schedule.editable(self._page(index.row())[0])):
            return _EDITABLE
        return _READ_ONLY

    def entry_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Called some hundred times for each repaint (every Enter repaints the rows in view): only the
        # asked role's value is worked out.
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        rec, now, before, light = self._page(index.row())
        if rec is None:
            return None
        col = index.column()
        if role == LIGHT_ROLE:
            return light
        if role == Qt.ItemDataRole.EditRole and col == SCHEDULE_COLUMN:
            return dispatch_schedule.actual(self._schedule, rec.id)
        if role in _TEXT_ROLES:
            return self._text(rec, col, now, before, self._schedule)
        if role == _DECORATION:
            return self._icons[light] if col == 0 else None
        if role == Qt.ItemDataRole.ForegroundRole and col == SCHEDULE_COLUMN:
            return dispatch_schedule.LAG_COLOR if dispatch_schedule.lagging(self._schedule, rec.id) else None
        if role == _TOOLTIP and col in (2, 6):
            return wrapped_tooltip(self._text(rec, col, now, before, self._schedule))
        if role == _BACKGROUND and col == PROGRESS_COLUMN and not now.get(rec.id):
            return _UNFILLED
        return None

    @staticmethod
    def _text(rec, col: int, now: dict, before: dict, schedule: dict) -> str:
        if col == 1:
            return rec.code
        if col == 2:
            return rec.description
        if col == 3:
            return " / ".join(v for v in (rec.department_name, rec.responsible_name) if v)
        if col == 4:
            return ledger_columns.deadline_text(rec)
        if col == PROGRESS_COLUMN:
            return now.get(rec.id, "")
        if col == 6:
            return before.get(rec.id, "")
        if col == SCHEDULE_COLUMN:
            return dispatch_schedule.text(schedule, rec.id)
        return ""

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
        if self._filled is not None:
            self._filled += bool(change.new_text) - bool(change.old_text)
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

    def code(self, row: int) -> str:
        rec = self._page(row)[0] if 0 <= row < len(self.ids) else None
        return rec.code if rec else ""

    def reload_row(self, row: int) -> None:
        """Re-read one entry (its text, and its light: a first progress starts it) in its cached page."""
        number, entry_id = row // PAGE, self.entry_id(row)
        page = self._pages.get(number)
        if page is not None and entry_id is not None:
            records, now, _before, lights, schedule = page
            fresh = load_records([entry_id])
            if fresh and row - number * PAGE < len(records):
                records[row - number * PAGE] = fresh[0]
                lights[row - number * PAGE] = self._light(fresh[0])
                schedule.update(dispatch_schedule.page_states(fresh, self.month))
            now.pop(entry_id, None)
            now.update(ledger_bulk.month_progress_texts([entry_id], self.month))
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1), [])

    def reload_all(self) -> None:
        self._pages.clear()
        self._filled = None
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, self.columnCount() - 1), [])
