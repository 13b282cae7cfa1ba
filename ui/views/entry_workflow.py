"""销号 workflow dialogs: 申请销号, 审核 (通过 / 退回重办), 重新打开 (延期: ledger_extend_dialog).

Each dialog calls one workflow service on OK; the service validates and logs, and its Chinese
message is shown at the field it concerns, the dialog staying open so nothing typed is lost.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError, ValidationError
from desk_app.services import attachments, context, ledger, ledger_columns, org, workflow

from .entry_fields import DateField, FieldBox, FormErrors, PickCombo, TextBox
from .ledger_empty import EmptyPlaceholder


class _WorkflowDialog(QDialog):
    def __init__(self, entry_id: int, parent=None):
        super().__init__(parent)
        self.entry_id = entry_id
        self.entry = ledger.get_entry(entry_id)
        self.form = QFormLayout()
        self.boxes: dict[str, FieldBox] = {}
        self.errors = FormErrors(self.boxes)
        summary = QLabel(f"<b>{self.entry.code}</b>　{self.entry.status}　"
                         + self.tr("Deadline: %1").replace("%1", ledger_columns.deadline_text(self.entry) or "—"))
        description = QLabel(self.entry.description[:200])
        description.setWordWrap(True)
        description.setStyleSheet("color: #455a64;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(description)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        # Said before 确定, not discovered after it: these steps are records of the 销号 process.
        self.cannot_undo = QLabel(self.tr("This step cannot be undone: after Confirm, Undo will not reach it "
                                          "and the undo history of the ledger page is cleared."))
        self.cannot_undo.setObjectName("cannot_undo_note")
        self.cannot_undo.setWordWrap(True)
        self.cannot_undo.setStyleSheet("color: #b26a00;")
        layout.addWidget(self.cannot_undo)
        layout.addWidget(self.buttons)
        self.resize(560, 400)

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        box = FieldBox(widget)
        self.boxes[name] = box
        self.form.addRow(label, box)
        return widget

    def set_ok_text(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(text)

    def _accept(self) -> None:
        def perform():
            self.outcome = self.perform()

        if self.errors.attempt(perform, self.field_alias()):
            self.accept()

    def field_alias(self) -> dict[str, str]:
        return {}

    def perform(self):
        raise NotImplementedError


class ApplyCloseDialog(_WorkflowDialog):
    """申请销号: what was done, when, and the evidence files."""

    def __init__(self, entry_id: int, parent=None, *, completed_on=None):
        super().__init__(entry_id, parent)
        self.setWindowTitle(self.tr("Apply to close %1").replace("%1", self.entry.code))
        self.summary = self.add_field("completion_summary", self.tr("Completion:"), TextBox(4))
        self.summary.set_value(self.entry.completion_summary)
        self.completed = self.add_field("completed_date", self.tr("Completed on:"), DateField(clearable=False))
        self.completed.set_value(completed_on or context.today())  # the 督办 tab passes the 办结 day entered
        self.files = QListWidget()
        self.files.setMaximumHeight(90)
        EmptyPlaceholder(self.files, self.tr("No evidence files yet"))
        existing = attachments.list_attachments(entry_id)
        for a in existing:
            self.files.addItem(self.tr("(attached) %1").replace("%1", a.file_name))
        self.new_files: list[str] = []
        add = QPushButton(self.tr("Add evidence files…"))
        add.clicked.connect(self.choose_files)
        holder = QWidget()
        row = QVBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.files)
        row.addWidget(add)
        self.add_field("evidence", self.tr("Evidence:"), holder)
        self.set_ok_text(self.tr("Apply to close"))
        self.summary.setFocus()  # what the clerk types first

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override: focus lands in 完成情况, not on a button
        super().showEvent(event)
        self.summary.setFocus()

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose evidence files"))
        self.add_files(files)

    def add_files(self, files: list[str]) -> None:
        for name in files:
            self.new_files.append(name)
            self.files.addItem(Path(name).name)

    def perform(self):
        for name in self.new_files:
            attachments.add_attachment(self.entry_id, Path(name))
        self.new_files = []
        try:
            return workflow.apply_close(self.entry_id, self.summary.value(), completed_on=self.completed.value())
        except DeskAppError as exc:
            if "附件" in exc.message:
                raise ValidationError(exc.message, "evidence") from exc
            raise


class ReviewDialog(_WorkflowDialog):
    """审核: pass (已销号, with reviewer and date) or return (推进中, with reason and new deadline)."""

    def __init__(self, entry_id: int, parent=None):
        super().__init__(entry_id, parent)
        self.setWindowTitle(self.tr("Review close of %1").replace("%1", self.entry.code))
        done = QLabel(self.entry.completion_summary or "—")
        done.setWordWrap(True)
        self.form.addRow(self.tr("Completion:"), done)
        self.form.addRow(self.tr("Evidence:"), QLabel("、".join(
            a.file_name for a in attachments.list_attachments(entry_id)) or "—"))
        self.approve = QRadioButton(self.tr("Pass: close the entry"))
        self.send_back = QRadioButton(self.tr("Return: back to in progress"))
        self.approve.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.approve)
        group.addButton(self.send_back)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.approve)
        row.addWidget(self.send_back)
        row.addStretch(1)
        self.form.addRow(self.tr("Decision:"), choice)
        self.reviewer = self.add_field("reviewer_id", self.tr("Reviewer:"), PickCombo())
        self.reviewer.set_items([(p.name, p.id) for p in org.list_people()])
        last = workflow.last_reviewer_id()
        if last is not None:  # reviews are mostly signed by the same person: the last one used
            self.reviewer.set_value(last)
        self.on = self.add_field("date", self.tr("Date:"), DateField(clearable=False))
        self.on.set_value(context.today())
        self.reason = self.add_field("reason", self.tr("Reason / comment:"), TextBox(3))
        self.deadline = self.add_field("deadline", self.tr("New deadline:"), DateField())
        self.deadline.set_value(context.today() + timedelta(days=30))
        self.approve.toggled.connect(self._mode)
        self._mode()
        self.set_ok_text(self.tr("Confirm"))

    def _mode(self, *_) -> None:
        self.boxes["deadline"].setEnabled(not self.approve.isChecked())  # reviewer and date count for both

    def perform(self):
        try:
            reviewer = self.reviewer.value()
        except ValueError:
            reviewer = None
        if reviewer is None:
            raise ValidationError(self.tr("Choose the reviewer"), "reviewer_id")
        if self.approve.isChecked():
            return workflow.approve_close(self.entry_id, reviewer, on=self.on.value(), comment=self.reason.value())
        return workflow.return_entry(self.entry_id, self.reason.value(), self.deadline.value(), reviewer_id=reviewer,
                                     on=self.on.value())


class ReopenDialog(_WorkflowDialog):
    """The problem came back: reopen a closed entry with a reason (and a new deadline)."""

    def __init__(self, entry_id: int, parent=None):
        super().__init__(entry_id, parent)
        self.setWindowTitle(self.tr("Reopen %1").replace("%1", self.entry.code))
        self.reason = self.add_field("reason", self.tr("Why:"), TextBox(3))
        self.deadline = self.add_field("deadline", self.tr("New deadline:"), DateField())
        self.set_ok_text(self.tr("Reopen"))

    def perform(self):
        return workflow.reopen(self.entry_id, self.reason.value(), self.deadline.value())
