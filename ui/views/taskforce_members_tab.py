"""成员 tab of a 专班: the roster by role, with add / change role / remove (undoable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import Role
from desk_app.services import taskforces

from ..models.taskforce_models import MemberModel
from .meeting_common import PersonCombo, ServiceFailed, call


class AddMemberCommand(QUndoCommand):
    def __init__(self, tab, tf_id, person_id, role, member_id):
        super().__init__(QCoreApplication.translate("MembersTab", "Add member"))
        self.tab, self.tf_id, self.person_id, self.role, self.member_id = tab, tf_id, person_id, role, member_id
        self.done = False

    def redo(self):
        if self.done:
            self.member_id = taskforces.add_member(self.tf_id, self.person_id, self.role).id
            self.tab.changed.emit()
        self.done = True

    def undo(self):
        taskforces.remove_member(self.member_id)
        self.tab.changed.emit()


class RemoveMemberCommand(QUndoCommand):
    def __init__(self, tab, record):
        super().__init__(QCoreApplication.translate("MembersTab", "Remove member"))
        self.tab, self.record, self.done = tab, record, False

    def redo(self):
        if self.done:
            taskforces.remove_member(self.record.id)
            self.tab.changed.emit()
        self.done = True

    def undo(self):
        new = taskforces.add_member(self.record.task_force_id, self.record.person_id, self.record.role)
        self.record = new
        self.tab.changed.emit()


class AddMemberDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add member"))
        self.person = PersonCombo(allow_empty=False)
        self.role = QComboBox()
        for r in Role:
            self.role.addItem(r.value, r.value)
        self.role.setCurrentIndex(self.role.findData(Role.SECONDED))
        form = QFormLayout()
        form.addRow(self.tr("Person:"), self.person)
        form.addRow(self.tr("Role:"), self.role)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(420, 140)


class MembersTab(QWidget):
    changed = Signal()

    def __init__(self, undo_stack, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Members"))
        self.undo_stack = undo_stack
        self.task_force = None
        self.model = MemberModel(self)
        self.table = QTableView()
        self.table.setObjectName("member_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _: self.change_role())
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        row = QHBoxLayout()
        for text, slot, name in ((self.tr("Add member…"), self.add_member, "add_member"),
                                 (self.tr("Change role…"), self.change_role, ""),
                                 (self.tr("Remove"), self.remove_selected, "")):
            b = QPushButton(text)
            if name:
                b.setObjectName(name)
            b.clicked.connect(lambda *_, s=slot: s())  # clicked's `checked` is not a person id
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def set_task_force(self, tf) -> None:
        self.task_force = tf
        self.model.set_rows(tf.members if tf else [])

    def _selected(self):
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def add_member(self, person_id: int | None = None, role: str | None = None):
        """Add someone to the roster; with person_id and role given no dialog is shown."""
        if not self.task_force:
            return None
        if person_id is None:
            dialog = AddMemberDialog(self)
            while True:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return None
                try:
                    record = self._add(dialog.person.person_id(), dialog.role.currentData())
                    break
                except ServiceFailed:
                    continue
        else:
            try:
                record = self._add(person_id, role or Role.SECONDED)
            except ServiceFailed:
                return None
        return record

    def _add(self, person_id, role):
        if person_id is None:
            QMessageBox.warning(self, self.tr("Add member"), self.tr(
                "Choose a person from the list. Add new people under Settings › People first."))
            raise ServiceFailed("no person")
        record = call(self, taskforces.add_member, self.task_force.id, person_id, role)
        self.undo_stack.push(AddMemberCommand(self, self.task_force.id, person_id, role, record.id))
        self.changed.emit()
        return record

    def change_role(self) -> None:
        m = self._selected()
        if m is None:
            return
        roles = [r.value for r in Role]
        role, ok = QInputDialog.getItem(self, self.tr("Change role"), self.tr("Role of %1:").replace("%1", m.name),
                                        roles, roles.index(m.role) if m.role in roles else 0, False)
        if not ok or role == m.role:
            return
        try:
            call(self, taskforces.change_member_role, m.id, role)
        except ServiceFailed:
            return
        self.undo_stack.clear()
        self.changed.emit()

    def remove_selected(self) -> None:
        m = self._selected()
        if m is None:
            return
        try:
            record = call(self, taskforces.remove_member, m.id)
        except ServiceFailed:
            return
        self.undo_stack.push(RemoveMemberCommand(self, record))
        self.changed.emit()
