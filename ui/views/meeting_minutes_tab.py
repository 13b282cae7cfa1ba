"""纪要与议定事项: the minutes text and the numbered decisions (each one a ledger entry)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import DeadlineType
from desk_app.services import context, meeting_decisions, meetings, org, taskforces
from desk_app.services.meeting_decisions import DecisionInput

from .date_field import DateField
from .meeting_common import PersonCombo, ServiceFailed, call
from .merge_view import save_text_merging


class DecisionDialog(QDialog):
    def __init__(self, campaign_id: int, decision=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Decision") if decision is None
                            else self.tr("Decision No. %1").replace("%1", str(decision.number)))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.department = QComboBox()
        self.department.addItem("", None)
        for d in org.list_departments():
            self.department.addItem(d.name, d.id)
        self.responsible = PersonCombo()
        self.leader = PersonCombo()
        self.deadline_type = QComboBox()
        for t in DeadlineType:
            self.deadline_type.addItem(t.value, t.value)
        self.deadline = DateField(field="deadline")
        self.deadline.set_value(context.today() + timedelta(days=30))
        self.deadline_type.currentIndexChanged.connect(
            lambda: self.deadline.setEnabled(self.deadline_type.currentData() == DeadlineType.DATE))
        self.task_force = QComboBox()
        self.task_force.addItem("", None)
        for tf in taskforces.list_task_forces(campaign_id):
            self.task_force.addItem(tf.name, tf.id)
        form = QFormLayout()
        form.addRow(self.tr("Decision:"), self.text)
        form.addRow(self.tr("Responsible unit:"), self.department)
        form.addRow(self.tr("Responsible person:"), self.responsible)
        form.addRow(self.tr("Leader in charge:"), self.leader)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline_type)
        deadline_row.addWidget(self.deadline, 1)
        form.addRow(self.tr("Deadline:"), deadline_row)
        form.addRow(self.tr("Task force:"), self.task_force)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if decision is not None:
            self.text.setPlainText(decision.text)
            self.department.setCurrentIndex(max(0, self.department.findData(decision.department_id)))
            self.responsible.set_person(decision.responsible_id)
            self.leader.set_person(decision.leader_id)
            self.deadline_type.setCurrentIndex(max(0, self.deadline_type.findData(decision.deadline_type)))
            if decision.deadline:
                self.deadline.set_value(decision.deadline)
            self.task_force.setCurrentIndex(max(0, self.task_force.findData(decision.task_force_id)))
        self.resize(520, 380)

    def accept(self) -> None:
        if self.deadline_type.currentData() == DeadlineType.DATE and self.deadline.error():
            QMessageBox.warning(self, self.tr("Cannot save"), self.deadline.error())
            self.deadline.setFocus()
            return
        super().accept()

    def value(self) -> DecisionInput:
        dtype = self.deadline_type.currentData()
        return DecisionInput(self.text.toPlainText(), self.department.currentData(), self.responsible.person_id(),
                             self.deadline.value() if dtype == DeadlineType.DATE else None, dtype,
                             self.leader.person_id(), self.task_force.currentData())


class MinutesTab(QWidget):
    changed = Signal()
    ledger_requested = Signal(int)  # meeting id: show its decisions in the ledger

    COLUMNS = 7

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Minutes and decisions"))
        self.meeting = None
        self.minutes = QPlainTextEdit()
        self.minutes.setObjectName("minutes_text")
        self.minutes.setPlaceholderText(self.tr("On …, comrade … chaired … The meeting heard … The meeting decided:"))
        save = QPushButton(self.tr("Save minutes"))
        save.clicked.connect(lambda *_: self.save_minutes())
        QShortcut(QKeySequence.StandardKey.Save, self.minutes, self.save_minutes,
                  context=Qt.ShortcutContext.WidgetShortcut)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(QLabel(self.tr("Minutes:")))
        tl.addWidget(self.minutes, 1)
        self.saved_label = QLabel()  # the confirmation: 纪要已保存（14:32）, gone at the next keystroke
        self.saved_label.setObjectName("minutes_saved")
        self.saved_label.setStyleSheet("color: #2e7d32;")
        self.minutes.document().modificationChanged.connect(
            lambda modified: self.saved_label.clear() if modified else None)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.saved_label)
        save_row.addWidget(save)
        tl.addLayout(save_row)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("decisions_table")
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Decision"), self.tr("Responsible unit"),
                                              self.tr("Responsible person"), self.tr("Deadline"), self.tr("Status"),
                                              self.tr("Ledger code")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self.edit_decision())
        buttons = QHBoxLayout()
        for text, slot, name in ((self.tr("Add decision"), self.add_decision, "add_decision"),
                                 (self.tr("Edit"), self.edit_decision, ""), (self.tr("Delete"), self.delete_decision, ""),
                                 (self.tr("Up"), lambda: self.move(-1), ""), (self.tr("Down"), lambda: self.move(1), ""),
                                 (self.tr("Show in ledger"), self._to_ledger, "")):
            b = QPushButton(text)
            if name:
                b.setObjectName(name)
            b.clicked.connect(lambda *_, s=slot: s())  # clicked's `checked` is not decision data
            buttons.addWidget(b)
        buttons.addStretch(1)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_decision,
                  context=Qt.ShortcutContext.WidgetShortcut)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(QLabel(self.tr("Decisions (each is followed up in the ledger):")))
        bl.addLayout(buttons)
        bl.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def set_meeting(self, meeting) -> None:
        same = bool(self.meeting and meeting and self.meeting.id == meeting.id)
        if not (same and self.has_unsaved_minutes()):  # typed minutes keep the version they were typed on
            self.minutes_base = (meeting.version, meeting.minutes) if meeting else (0, "")
        self.meeting = meeting
        self.minutes.setPlainText(meeting.minutes if meeting else "")
        self.minutes.document().setModified(False)
        self.table.setRowCount(0)
        for d in (meeting.decisions if meeting else ()):
            row = self.table.rowCount()
            self.table.insertRow(row)
            status = d.status + (self.tr(" (overdue)") if d.overdue else "")
            for col, text in enumerate((str(d.number), d.text, d.department_name, d.responsible_name,
                                        d.deadline_text, status, d.code)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d.entry_id)
                if col == 5 and d.overdue:
                    item.setForeground(QBrush(QColor("#c62828")))
                self.table.setItem(row, col, item)

    def has_unsaved_minutes(self) -> bool:
        return self.minutes.document().isModified()

    def save_minutes(self) -> bool:
        if not self.meeting:
            return False
        try:  # someone else saved other minutes meanwhile: the merge view, not an overwrite
            saved = call(self, save_text_merging, self, "minutes", meetings.set_minutes, self.meeting.id,
                         self.minutes.toPlainText(), *self.minutes_base)
        except ServiceFailed:
            return False
        if saved is None:
            return False
        self.minutes_base = (self.minutes_base[0], saved)
        if saved != self.minutes.toPlainText():
            self.minutes.setPlainText(saved)
        self.minutes.document().setModified(False)
        self.saved_label.setText(self.tr("Minutes saved (%1)").replace("%1", context.now().strftime("%H:%M")))
        return True

    def _selected(self):
        row = self.table.currentRow()
        if row < 0 or not self.meeting:
            return None
        entry_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        return next((d for d in self.meeting.decisions if d.entry_id == entry_id), None)

    def add_decision(self, data: DecisionInput | None = None):
        """Add a decision; with data given (tests, import) no dialog is shown."""
        if not self.meeting:
            return None
        if data is None:
            dialog = DecisionDialog(self.meeting.campaign_id, parent=self)
            while True:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return None
                try:
                    record = call(self, meeting_decisions.add_decision, self.meeting.id, dialog.value())
                    break
                except ServiceFailed:
                    continue  # keep what was typed; the message said what to fix
        else:
            try:
                record = call(self, meeting_decisions.add_decision, self.meeting.id, data)
            except ServiceFailed:
                return None
        self.changed.emit()
        return record

    def edit_decision(self) -> None:
        d = self._selected()
        if d is None:
            return
        dialog = DecisionDialog(self.meeting.campaign_id, d, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                call(self, meeting_decisions.update_decision, d.entry_id, dialog.value())
            except ServiceFailed:
                continue
            self.changed.emit()
            return

    def delete_decision(self) -> None:
        d = self._selected()
        if d is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete decision"),
                                      self.tr("Move decision No. %1 (%2) to the recycle bin? The ones after it are "
                                              "renumbered.").replace("%1", str(d.number)).replace("%2", d.code))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            call(self, meeting_decisions.delete_decision, d.entry_id)
        except ServiceFailed:
            return
        self.changed.emit()

    def move(self, offset: int) -> None:
        d = self._selected()
        if d is None:
            return
        try:
            call(self, meeting_decisions.move_decision, d.entry_id, offset)
        except ServiceFailed:
            return
        row = self.table.currentRow()
        self.changed.emit()
        self.table.selectRow(max(0, min(self.table.rowCount() - 1, row + offset)))

    def _to_ledger(self) -> None:
        if self.meeting:
            self.ledger_requested.emit(self.meeting.id)
