"""Add or edit one person; the service's Chinese message is shown beside the field it concerns."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desk_app.domain import PersonLevel
from desk_app.errors import ValidationError
from desk_app.services import org


class PersonDialog(QDialog):
    def __init__(self, person: org.PersonRecord | None = None, parent=None):
        super().__init__(parent)
        self.person = person
        self.setWindowTitle(self.tr("Edit person") if person else self.tr("New person"))
        self.name = QLineEdit()
        self.department = QComboBox()
        self.department.addItem(self.tr("(none)"), None)
        for d in org.list_departments():
            self.department.addItem(d.name, d.id)
        self.title = QLineEdit()
        self.level = QComboBox()
        self.level.addItem("", "")
        for level in PersonLevel:
            self.level.addItem(level.value, level.value)
        self.phone = QLineEdit()
        self.active = QCheckBox(self.tr("Still working here"))
        self.active.setChecked(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Full name:"), self.name)
        form.addRow(self.tr("Department:"), self.department)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Level:"), self.level)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow("", self.active)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.fields = {"name": self.name, "level": self.level, "phone": self.phone,
                       "department_id": self.department}
        if person:
            self.name.setText(person.name)
            self.department.setCurrentIndex(max(0, self.department.findData(person.department_id)))
            self.title.setText(person.title)
            self.level.setCurrentIndex(max(0, self.level.findData(person.level)))
            self.phone.setText(person.phone)
            self.active.setChecked(person.active)
        self.result_person: org.PersonRecord | None = None

    def accept(self) -> None:
        values = dict(name=self.name.text(), department_id=self.department.currentData(),
                      title=self.title.text().strip(), level=self.level.currentData() or "",
                      phone=self.phone.text().strip())
        for widget in self.fields.values():
            widget.setStyleSheet("")
        try:
            if self.person:
                self.result_person = org.update_person(self.person.id, **values, active=self.active.isChecked())
            else:
                self.result_person = org.create_person(**values)
                if not self.active.isChecked():
                    self.result_person = org.update_person(self.result_person.id, active=False)
        except ValidationError as exc:
            self.error.setText(exc.message)
            widget = self.fields.get(exc.field)
            if widget is not None:
                widget.setStyleSheet("border: 1px solid #c62828;")
                widget.setFocus()
            return
        super().accept()
