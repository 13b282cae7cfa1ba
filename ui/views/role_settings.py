"""设置 › 角色: who may change what when several clerks share one database (desk_app.services.roles)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import concurrency, roles, roles_admin

from .meeting_common import PersonCombo


class RoleDialog(QDialog):
    """Give one person a role (and the PostgreSQL login that acts as them)."""

    def __init__(self, parent=None, assignment: roles_admin.RoleAssignment | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Role of a person"))
        self.person = PersonCombo(allow_empty=False)
        self.role = QComboBox()
        for role in roles.Role:
            self.role.addItem(role.value, role.value)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #555;")
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("Only on a PostgreSQL server: the login this person connects with"))
        form = QFormLayout()
        form.addRow(self.tr("Person:"), self.person)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow("", self.help)
        form.addRow(self.tr("Database login:"), self.login)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.role.currentIndexChanged.connect(self._explain)
        if assignment is not None:
            self.person.set_person(assignment.person_id)
            self.person.setEnabled(False)
            self.role.setCurrentIndex(max(0, self.role.findData(assignment.role)))
            self.login.setText(assignment.login)
        self._explain()
        self.resize(520, self.sizeHint().height())

    def _explain(self, *_) -> None:
        self.help.setText(roles.ROLE_HELP[roles.Role(self.role.currentData())])

    def values(self) -> tuple[int | None, str, str]:
        return self.person.person_id(), self.role.currentData(), self.login.text().strip()


class RoleSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Roles"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.me = QLabel()
        self.me.setObjectName("role_me")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Department"), self.tr("Role"),
                                              self.tr("Database login")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda *_: self.edit())
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Change…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.me)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        roles.forget_cached()
        me = roles.current()
        server = concurrency.engine() == "postgresql"
        self.intro.setText(self.tr(
            "When several clerks share one database, each person has a role: 活动办 changes everything; "
            "专班联络员 and 科室联络员 report progress on their own entries and keep their own rosters; 只读 "
            "(leaders) can read everything. As long as nobody has a role, everyone is 活动办. Once roles are "
            "in use, a clerk who is not listed can only read. %1")
            .replace("%1", self.tr("On the server a clerk is recognised by the database login.") if server else
                     self.tr("On this computer the clerk is recognised by the clerk name of 设置 › 常规, "
                             "which must match a name in the list of people.")))
        self.me.setText(self.tr("You are: %1").replace("%1", me.describe()) if me.roles_in_use
                        else self.tr("Roles are not in use: everyone is 活动办."))
        assignments = roles_admin.list_assignments()
        self.table.setRowCount(len(assignments))
        for i, a in enumerate(assignments):
            for j, text in enumerate((a.person_name, a.department_name, a.role, a.login)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a)
                item.setToolTip(roles.ROLE_HELP.get(roles.Role(a.role), "") if j == 2 else "")
                self.table.setItem(i, j, item)
        office = me.is_office
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setEnabled(office)
            button.setToolTip("" if office else self.tr("Only 活动办 changes roles"))

    def _selected(self) -> roles_admin.RoleAssignment | None:
        row = self.table.currentRow()
        return self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) if row >= 0 else None

    def _run(self, func, *args) -> bool:
        try:
            func(*args)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Roles"), exc.message)
            return False
        self.refresh()
        self.state.data_changed.emit()  # the window's role label, the pages' enabled actions
        return True

    def add(self, assignment=None) -> None:
        dialog = RoleDialog(self, assignment)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            person_id, role, login = dialog.values()
            if person_id is None:
                QMessageBox.warning(self, self.tr("Roles"), self.tr("Choose a person from the list"))
                continue
            if self._run(roles_admin.set_role, person_id, role, login):
                return

    def edit(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.add(selected)

    def remove(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        answer = QMessageBox.question(self, self.tr("Roles"), self.tr("Remove the role of %1?")
                                      .replace("%1", selected.person_name))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(roles_admin.remove_role, selected.person_id)
