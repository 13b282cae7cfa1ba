"""Table models of the 专班 page: the task-force list and a roster."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from .record_table import RecordTableModel


class TaskForceListModel(RecordTableModel):
    COLUMNS = ("name", "members", "open", "overdue", "plan", "report")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report_due: set[int] = set()  # 专班 ids missing their due monthly report

    def headers(self):
        return (self.tr("Task force"), self.tr("Members"), self.tr("Open"), self.tr("Overdue"),
                self.tr("Action plan"), self.tr("Last report"))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        tf = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "name": tf.name,
                "members": str(tf.people_count),
                "open": str(tf.open_entries),
                "overdue": str(tf.overdue_entries) if tf.overdue_entries else "",
                "plan": self.tr("v%1").replace("%1", str(tf.plan_version)) if tf.plan_version else self.tr("none"),
                "report": tf.last_report_month or self.tr("none"),
            }[col]
        flagged = ((col == "overdue" and tf.overdue_entries) or (col == "plan" and not tf.plan_version)
                   or (col == "report" and tf.id in self.report_due) or (col == "members" and tf.left_members))
        if role == Qt.ItemDataRole.ForegroundRole and flagged:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("members", "open", "overdue"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            leads = "、".join(m.name for m in tf.leads)
            return f"{tf.name}\n{leads}\n{tf.goal}"
        if role == Qt.ItemDataRole.UserRole:
            return tf.id
        return None


class MemberModel(RecordTableModel):
    COLUMNS = ("role", "name", "unit", "title", "phone")

    def headers(self):
        return (self.tr("Role"), self.tr("Name"), self.tr("Unit"), self.tr("Title"), self.tr("Phone"))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            name = m.name if m.active else self.tr("%1 (left)").replace("%1", m.name)
            return (m.role, name, m.department_name, m.title, m.phone)[index.column()]
        if not m.active and role == Qt.ItemDataRole.ForegroundRole:  # kept until the clerk removes them
            return QBrush(QColor("#9e9e9e"))
        if not m.active and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%1 has left the bureau: no longer printed on the roster or the sign-in sheet. "
                           "Remove them, or give their role to someone else.").replace("%1", m.name)
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        return None
