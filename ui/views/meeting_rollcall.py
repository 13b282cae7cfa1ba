"""接龙 lists in the 签到 tab: the paste dialog, its undo, and the report that offers the names nobody
knows as 列席 guests or as new people in one step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from desk_app.domain import Attendance
from desk_app.services import meeting_attendance, org

from .meeting_common import ServiceFailed, call


class RollCallCommand(QUndoCommand):
    def __init__(self, tab, meeting_id, before_ids, result, text, default_status):
        super().__init__(QCoreApplication.translate("AttendanceTab", "Paste roll-call list"))
        self.tab, self.meeting_id, self.text_in, self.default_status = tab, meeting_id, text, default_status
        self.before_ids, self.result, self.done = set(before_ids), result, False

    def redo(self):
        if self.done:
            before = {a.id for a in meeting_attendance.list_attendance(self.meeting_id)}
            self.before_ids = before
            self.result = meeting_attendance.apply_roll_call(self.meeting_id, self.text_in, self.default_status)
            self.tab.reload()
        self.done = True

    def undo(self):
        added = [c[0] for c in self.result.changes if c[0] not in self.before_ids]
        meeting_attendance.set_statuses([(i, old, r) for i, old, r, _, _ in self.result.changes
                                         if i in self.before_ids])
        meeting_attendance.remove_attendees(added)
        self.tab.reload()


class RollCallDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paste roll-call list"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Paste the list here, one or more names per line, e.g.\n"
                                             "1. Zhang San\n2、Wang Wu (leave: business trip)"))
        self.status = QComboBox()
        for s in (Attendance.PRESENT, Attendance.LEAVE, Attendance.ABSENT, Attendance.OBSERVER):
            self.status.addItem(s, s.value)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Mark the names as:")))
        row.addWidget(self.status)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mark attendance"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Names written with a note such as (leave: reason), (absent) or (observer) "
                                        "get that status.")))
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(460, 420)


class RollCallReport(QDialog):
    """What a pasted list did; its unknown names, checked, can join as 列席 or as new people."""

    admitted = Signal()

    def __init__(self, meeting_id: int, result, parent=None):
        super().__init__(parent)
        self.setObjectName("roll_call_report")
        self.setWindowTitle(self.tr("Roll-call list"))
        self.meeting_id, self.result = meeting_id, result
        leave = sum(1 for c in result.changes if c[3] == Attendance.LEAVE)
        lines = [self.tr("Marked: %1 (on leave: %2)").replace("%1", str(len(result.changes)))
                 .replace("%2", str(leave))]
        if result.added:
            lines.append(self.tr("Not on the list, added: %1").replace("%1", "、".join(result.added)))
        if result.ambiguous:
            lines.append(self.tr("Several people share these names, mark them by hand: %1")
                         .replace("%1", "、".join(result.ambiguous)))
        if result.skipped:
            lines.append(self.tr("Lines without a name, left out: %1").replace("%1", "／".join(result.skipped)))
        self.summary = QLabel("\n".join(lines))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        self.unknown = QListWidget()
        self.unknown.setObjectName("unknown_names")
        for line in result.unknown_lines:
            text = line.name + f"（{line.status}{'：' + line.reason if line.reason else ''}）"
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, line)
            self.unknown.addItem(item)
        self.department = QComboBox()
        self.department.addItem(self.tr("(no department)"), None)
        for d in org.list_departments():
            self.department.addItem(d.name, d.id)
        self.as_observers = QPushButton(self.tr("Add as observers (列席)"))
        self.as_observers.setObjectName("admit_observers")
        self.as_people = QPushButton(self.tr("Add as new people"))
        self.as_people.setObjectName("admit_people")
        self.as_observers.clicked.connect(lambda *_: self.admit(as_new_people=False))
        self.as_people.clicked.connect(lambda *_: self.admit(as_new_people=True))
        if result.unknown_lines:
            layout.addWidget(QLabel(self.tr("Not found among the people (check the spelling; untick names "
                                            "to leave them out):")))
            layout.addWidget(self.unknown, 1)
            row = QHBoxLayout()
            row.addWidget(self.as_observers)
            row.addStretch(1)
            row.addWidget(QLabel(self.tr("Department of new people:")))
            row.addWidget(self.department)
            row.addWidget(self.as_people)
            layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(560, 420 if result.unknown_lines else 200)

    def text(self) -> str:
        """Everything the report says, as plain text (the unknown names included)."""
        names = [self.unknown.item(i).text() for i in range(self.unknown.count())]
        return "\n".join([self.summary.text(), *names])

    def checked_lines(self) -> list:
        return [self.unknown.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.unknown.count())
                if self.unknown.item(i).checkState() == Qt.CheckState.Checked]

    def admit(self, *, as_new_people: bool) -> None:
        lines = self.checked_lines()
        if not lines:
            return
        try:
            call(self, meeting_attendance.admit_unknown, self.meeting_id, lines, as_new_people=as_new_people,
                 department_id=self.department.currentData())
        except ServiceFailed:
            return
        self.admitted.emit()
        self.accept()
