"""One row of 制度清单 or 晋位升级目标: area, title, owner, status, dates and the document's place."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError, ValidationError
from desk_app.services import org, registers

from .entry_fields import DateField, PickCombo, TextBox


class RegisterItemDialog(QDialog):
    def __init__(self, campaign_id: int, register: str, item: registers.ItemRecord | None = None, parent=None):
        super().__init__(parent)
        self.campaign_id, self.item = campaign_id, item
        self.spec = registers.spec(register)
        self.setWindowTitle((self.tr("Edit %1") if item else self.tr("New row of %1")).replace("%1", self.spec.name))
        self.resize(560, 0)
        self.area = PickCombo(free_text=True)
        self.area.set_items([(a, a) for a in self.spec.areas])
        self.title_edit = QLineEdit()
        self.content = TextBox(3)
        self.action = PickCombo()
        self.action.set_items([(a, a) for a in self.spec.actions])
        self.department = PickCombo()
        self.department.set_items([(d.name, d.id) for d in org.list_departments()])
        self.owner = PickCombo()
        self.owner.set_items([(f"{p.name}（{p.department_name}）" if p.department_name else p.name, p.id)
                              for p in org.list_people()])
        self.status = PickCombo(allow_empty=False)
        self.status.set_items([(s, s) for s in self.spec.statuses])
        self.start_on, self.due_on, self.done_on = DateField(), DateField(), DateField()
        self.doc_number = QLineEdit()
        self.doc_link = QLineEdit()
        self.doc_link.setPlaceholderText(self.tr("A file on this computer or the shared drive, or a web address"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        link = QWidget()
        row = QHBoxLayout(link)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.doc_link, 1)
        row.addWidget(browse)
        self.note = TextBox(2)
        form = QFormLayout()
        form.addRow(self.spec.area_label, self.area)
        form.addRow(self.spec.title_label, self.title_edit)
        form.addRow(self.spec.content_label, self.content)
        form.addRow(self.spec.action_label, self.action)
        form.addRow(self.tr("Department"), self.department)
        form.addRow(self.tr("Responsible"), self.owner)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.spec.start_label, self.start_on)
        form.addRow(self.spec.due_label, self.due_on)
        form.addRow(self.spec.done_label, self.done_on)
        form.addRow(self.tr("Document number"), self.doc_number)
        form.addRow(self.tr("Document"), link)
        form.addRow(self.tr("Note"), self.note)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        if item is not None:
            self._load(item)
        self.result_record: registers.ItemRecord | None = None

    def _load(self, item: registers.ItemRecord) -> None:
        self.area.set_value(item.area)
        self.title_edit.setText(item.title)
        self.content.set_value(item.content)
        self.action.set_value(item.action or None)
        self.department.set_value(item.department_id)
        self.owner.set_value(item.owner_id)
        self.status.set_value(item.status)
        self.start_on.set_value(item.start_on)
        self.due_on.set_value(item.due_on)
        self.done_on.set_value(item.done_on)
        self.doc_number.setText(item.doc_number)
        self.doc_link.setText(item.doc_link)
        self.note.set_value(item.note)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the document"))
        if path:
            self.doc_link.setText(path)

    def values(self) -> dict:
        picked = {}
        for name, combo, label in (("action", self.action, self.spec.action_label),
                                   ("department_id", self.department, self.tr("Department")),
                                   ("owner_id", self.owner, self.tr("Responsible"))):
            try:
                picked[name] = combo.value()
            except ValueError as exc:
                raise ValidationError(self.tr("“%1” is not in the list of %2.").replace("%1", str(exc))
                                      .replace("%2", label), name) from None
        return {"area": self.area.value() or "", "title": self.title_edit.text(), "content": self.content.value(),
                "action": picked["action"] or "", "department_id": picked["department_id"],
                "owner_id": picked["owner_id"], "status": self.status.currentText(),
                "start_on": self.start_on.value(), "due_on": self.due_on.value(), "done_on": self.done_on.value(),
                "doc_number": self.doc_number.text(), "doc_link": self.doc_link.text(), "note": self.note.value()}

    def accept(self):
        try:
            values = self.values()
            if self.item is None:
                self.result_record = registers.create_item(self.campaign_id, self.spec.name, **values)
            else:
                self.result_record = registers.update_item(self.item.id, **values)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        super().accept()
