"""Table models of the meetings page: the meeting list and the attendance (签到) list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desk_app.domain import Attendance

from .record_table import RecordTableModel

STATUS_COLORS = {
    Attendance.PRESENT: "#2e7d32", Attendance.LEAVE: "#b26a00", Attendance.ABSENT: "#c62828",
    Attendance.OBSERVER: "#1565c0",
}


class MeetingListModel(RecordTableModel):
    COLUMNS = ("type", "number", "date", "title", "attendance", "decisions")

    def headers(self):
        return (self.tr("Type"), self.tr("No."), self.tr("Date"), self.tr("Meeting name"), self.tr("Present"),
                self.tr("Decisions"))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "type": m.meeting_type,
                "number": self.tr("No. %1").replace("%1", str(m.number)),
                "date": m.start_at.strftime("%Y-%m-%d"),
                "title": m.title,
                "attendance": f"{m.present}/{m.expected}" if m.expected else "—",
                "decisions": str(m.decision_count) if m.decision_count else "",
            }[col]
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{m.title}\n{m.start_at:%Y-%m-%d %H:%M} {m.place}"
        return None


class AttendanceModel(RecordTableModel):
    """序号 / 姓名 / 单位 / 职务 / 签到 / 原因; the reason column is edited in place."""

    COLUMNS = ("no", "name", "unit", "title", "status", "reason")
    REASON_COLUMN = 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self.on_reason_edited = None  # callable(attendance_id, new_reason), set by the page

    def headers(self):
        return (self.tr("No."), self.tr("Name"), self.tr("Unit"), self.tr("Title"), self.tr("Attendance"),
                self.tr("Reason / note"))

    def flags(self, index):
        base = super().flags(index)
        if index.column() == self.REASON_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return {"no": str(index.row() + 1), "name": a.name, "unit": a.unit, "title": a.title,
                    "status": a.status or (self.tr("not marked") if role == Qt.ItemDataRole.DisplayRole else ""),
                    "reason": a.reason}[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == "status":
            return QBrush(QColor(STATUS_COLORS.get(a.status, "#90a4ae")))
        if role == Qt.ItemDataRole.UserRole:
            return a.id
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() != self.REASON_COLUMN:
            return False
        if self.on_reason_edited is not None:
            self.on_reason_edited(self.rows[index.row()].id, str(value or "").strip())
        return True
