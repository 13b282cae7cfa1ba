"""签到 tab: the attendance list, marked fast from the keyboard, from rosters and from 接龙 lists."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import Attendance
from desk_app.services import meeting_attendance

from ..models.meeting_models import AttendanceModel
from .meeting_common import PersonCombo, ServiceFailed, call
from .meeting_rollcall import RollCallCommand, RollCallDialog, RollCallReport  # noqa: F401 - RollCallDialog: tests' name

KEY_STATUS = {Qt.Key.Key_1: Attendance.PRESENT, Qt.Key.Key_2: Attendance.LEAVE, Qt.Key.Key_3: Attendance.ABSENT,
              Qt.Key.Key_4: Attendance.OBSERVER, Qt.Key.Key_0: ""}


class AttendanceTable(QTableView):
    """Keys 1-4 mark the selected rows (0 clears); the arrows move as usual."""

    mark_requested = Signal(str)

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        if event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier) \
                and event.key() in KEY_STATUS and self.state() != QAbstractItemView.State.EditingState:
            self.mark_requested.emit(KEY_STATUS[event.key()])
            return
        super().keyPressEvent(event)


class MarkCommand(QUndoCommand):
    """Set statuses; undo puts the earlier ones back. changes: [(id, old, old_reason, new, new_reason)]."""

    def __init__(self, tab, changes, text):
        super().__init__(text)
        self.tab = tab
        self.changes = list(changes)
        self.done = False

    def redo(self):
        if self.done:  # the first redo is the service call that already happened
            meeting_attendance.set_statuses([(i, new, r) for i, _, _, new, r in self.changes])
            self.tab.reload()
        self.done = True

    def undo(self):
        meeting_attendance.set_statuses([(i, old, r) for i, old, r, _, _ in self.changes])
        self.tab.reload()


class AddAttendeeDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add attendee"))
        self.person = PersonCombo()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Person (type a name; a name not in the people list is added as a guest):")))
        layout.addWidget(self.person)
        layout.addWidget(buttons)


class AttendanceTab(QWidget):
    changed = Signal()

    def __init__(self, undo_stack, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign-in"))
        self.undo_stack = undo_stack
        self.meeting_id: int | None = None
        self.model = AttendanceModel(self)
        self.model.on_reason_edited = self._reason_edited
        self.table = AttendanceTable()
        self.table.setObjectName("attendance_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.mark_requested.connect(self.mark_selected)

        self.build_button = QPushButton(self.tr("Build from rosters"))
        menu = QMenu(self.build_button)
        menu.addAction(self.tr("Leads, co-leads and liaisons"), lambda: self.build(whole=False))
        menu.addAction(self.tr("Whole rosters"), lambda: self.build(whole=True))
        self.build_button.setMenu(menu)
        add = QPushButton(self.tr("Add…"))
        add.clicked.connect(lambda *_: self.add_attendee())
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda *_: self.remove_selected())
        paste = QPushButton(self.tr("Paste roll-call list…"))
        paste.setObjectName("paste_roll_call")
        paste.setShortcut(QKeySequence("Ctrl+Shift+V"))
        paste.clicked.connect(lambda *_: self.paste_roll_call())  # clicked's `checked` is not text
        tools = QHBoxLayout()
        for w in (self.build_button, add, remove, paste):
            tools.addWidget(w)
        tools.addStretch(1)
        marks = QHBoxLayout()
        for key, status, label in (("1", Attendance.PRESENT, None), ("2", Attendance.LEAVE, None),
                                   ("3", Attendance.ABSENT, None), ("4", Attendance.OBSERVER, None),
                                   ("0", "", self.tr("Clear"))):
            b = QPushButton(f"{label or status} ({key})")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, s=status: self.mark_selected(s))
            marks.addWidget(b)
        self.totals = QLabel()
        self.totals.setObjectName("attendance_totals")
        font = self.totals.font()
        font.setBold(True)
        self.totals.setFont(font)
        self.totals.setWordWrap(True)  # on its own line: beside the buttons it widened the window
        hint = QLabel(self.tr("Keys: 1 present, 2 on leave, 3 absent, 4 observer, 0 clear; arrows move; "
                              "double-click the reason to edit it; Ctrl+Z undoes."))
        hint.setStyleSheet("color: #607d8b;")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        marks.addStretch(1)
        layout.addLayout(marks)
        layout.addWidget(self.totals)
        layout.addWidget(hint)

    # -- data ---------------------------------------------------------------------------------
    def set_meeting(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.reload()

    def reload(self) -> None:
        selected = self._selected_ids()
        current = self.table.currentIndex()
        rows = meeting_attendance.list_attendance(self.meeting_id) if self.meeting_id else []
        self.model.set_rows(rows)
        t = meeting_attendance.totals_of(rows)
        self.totals.setText(self.tr("Expected %1 · Present %2 · On leave %3 · Absent %4 · Observers %5 · "
                                    "Not marked %6").replace("%1", str(t.expected)).replace("%2", str(t.present))
                            .replace("%3", str(t.leave)).replace("%4", str(t.absent))
                            .replace("%5", str(t.observer)).replace("%6", str(t.unmarked)))
        sel = self.table.selectionModel()
        for att_id in selected:
            row = self.model.row_of(att_id)
            if row >= 0:
                sel.select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                           | QItemSelectionModel.SelectionFlag.Rows)
        if current.isValid() and current.row() < self.model.rowCount():
            sel.setCurrentIndex(self.model.index(current.row(), current.column()),
                                QItemSelectionModel.SelectionFlag.NoUpdate)
        self.changed.emit()

    def _selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}) if self.table.selectionModel() else []
        return [self.model.rows[r].id for r in rows if r < len(self.model.rows)]

    # -- marking ------------------------------------------------------------------------------
    def mark_selected(self, status: str) -> None:
        ids = self._selected_ids()
        if not ids and self.table.currentIndex().isValid():
            ids = [self.model.rows[self.table.currentIndex().row()].id]
        if not ids:
            return
        by_id = {a.id: a for a in self.model.rows}
        changes = [(i, by_id[i].status, by_id[i].reason, status,
                    by_id[i].reason if status == Attendance.LEAVE else "") for i in ids]
        self._apply(changes, self.tr("Mark %1").replace("%1", status or self.tr("not marked")))
        last = self.model.row_of(ids[-1])
        if len(ids) == 1 and status == Attendance.LEAVE:
            self.table.edit(self.model.index(last, AttendanceModel.REASON_COLUMN))  # ask for the reason
        elif len(ids) == 1 and last + 1 < self.model.rowCount():
            self.table.selectRow(last + 1)  # on to the next person

    def _reason_edited(self, att_id: int, reason: str) -> None:
        a = next(a for a in self.model.rows if a.id == att_id)
        if reason == a.reason:
            return
        status = a.status or (Attendance.LEAVE if reason else "")
        if status not in (Attendance.LEAVE, Attendance.OBSERVER):
            status = Attendance.LEAVE  # a reason means the person was excused
        self._apply([(a.id, a.status, a.reason, status, reason)], self.tr("Edit reason"))

    def _apply(self, changes, text) -> None:
        try:
            call(self, meeting_attendance.set_statuses, [(i, new, r) for i, _, _, new, r in changes])
        except ServiceFailed:
            return
        self.undo_stack.push(MarkCommand(self, changes, text))
        self.reload()

    # -- building the list --------------------------------------------------------------------
    def build(self, whole: bool) -> None:
        if not self.meeting_id:
            return
        try:
            added = call(self, meeting_attendance.build_from_rosters, self.meeting_id,
                         roles=None if whole else meeting_attendance.DEFAULT_ROLES)
        except ServiceFailed:
            return
        self.undo_stack.clear()  # list changes are not undoable step by step; start afresh
        self.reload()
        QMessageBox.information(self, self.tr("Sign-in list"),
                                self.tr("%1 people added from the rosters.").replace("%1", str(added)))

    def add_attendee(self) -> None:
        if not self.meeting_id:
            return
        dialog = AddAttendeeDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pid = dialog.person.person_id()
        name = dialog.person.currentText().split("（")[0].strip()
        try:
            if pid is not None:
                call(self, meeting_attendance.add_attendee, self.meeting_id, person_id=pid)
            else:
                call(self, meeting_attendance.add_attendee, self.meeting_id, name=name,
                     status=Attendance.OBSERVER)
        except ServiceFailed:
            return
        self.undo_stack.clear()
        self.reload()

    def remove_selected(self) -> None:
        ids = self._selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, self.tr("Remove"), self.tr("Remove %1 people from the sign-in list?")
                                      .replace("%1", str(len(ids))))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            call(self, meeting_attendance.remove_attendees, ids)
        except ServiceFailed:
            return
        self.undo_stack.clear()
        self.reload()

    def paste_roll_call(self, text: str | None = None, default_status: str = Attendance.PRESENT):
        """Mark from a 接龙 list; with text given (tests, drag and drop) no dialog is shown."""
        if not self.meeting_id:
            return None
        if text is None:
            dialog = RollCallDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            text, default_status = dialog.text.toPlainText(), dialog.status.currentData()
        before = [a.id for a in self.model.rows]
        try:
            result = call(self, meeting_attendance.apply_roll_call, self.meeting_id, text, default_status)
        except ServiceFailed:
            return None
        self.undo_stack.push(RollCallCommand(self, self.meeting_id, before, result, text, default_status))
        self.reload()
        self.last_roll_call = result
        self.report_roll_call(result)
        return result

    def report_roll_call(self, result) -> None:
        """What the list did, and its unknown names offered as 列席 or as new people in one step."""
        box = RollCallReport(self.meeting_id, result, self)
        box.admitted.connect(self._admitted)
        box.open()
        self.roll_call_box = box

    def _admitted(self) -> None:
        self.undo_stack.clear()  # new people cannot be taken back by the list's undo
        self.reload()
