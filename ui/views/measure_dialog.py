"""One 措施 (measure) of a task: its text, 责任单位, 责任人, 时限, status, completion date and this month's
progress. Saving goes through services/measures; the caller pushes the returned changes for undo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
)

from desk_app.errors import DeskAppError, ValidationError, ValidationErrors
from desk_app.services import context, ledger_pickers, measures, org
from desk_app.services.measures import MeasureInput

from ..screen_fit import fit_to_screen
from .entry_fields import AmbiguousPick, DateField, DeadlineField, FieldBox, PickCombo, TextBox


class MeasureDialog(QDialog):
    """Add (measure None) or edit a measure of entry `entry_id`. After exec() == Accepted: self.changes,
    a list of ("measures" | "measure_progress", change) to push for undo."""

    def __init__(self, entry_id: int, measure=None, parent=None, *, month: str | None = None,
                 position: int | None = None):
        super().__init__(parent)
        self.entry_id, self.measure, self.position = entry_id, measure, position
        self.month = month or context.today().strftime("%Y-%m")
        self.changes: list[tuple[str, object]] = []
        self.setWindowTitle(self.tr("Edit measure") if measure else self.tr("New measure"))
        self.content = TextBox(3)
        self.content.setPlaceholderText(self.tr("What is to be done (required)"))
        self.department = PickCombo()
        self.department.set_items([(d.name, d.id) for d in org.list_departments()])
        self.responsible = PickCombo()
        self.responsible.set_people(ledger_pickers.people_choices())
        self.deadline = DeadlineField()
        self.status = QComboBox()
        for s in measures.MEASURE_STATUSES:
            self.status.addItem(s, s)
        self.completed = DateField()
        self.progress = TextBox(2)
        self.progress.setPlaceholderText(self.tr("This month's progress of the measure"))
        self.note = TextBox(2)
        self.boxes = {name: FieldBox(w) for name, w in (
            ("content", self.content), ("department_id", self.department), ("responsible_id", self.responsible),
            ("deadline", self.deadline), ("status", self.status), ("completed_date", self.completed),
            ("progress", self.progress), ("note", self.note))}
        labels = {"content": self.tr("Measure"), "department_id": self.tr("Department"),
                  "responsible_id": self.tr("Responsible"), "deadline": self.tr("Deadline"),
                  "status": self.tr("Status"), "completed_date": self.tr("Completed on"),
                  "progress": self.tr("Progress %1").replace("%1", self.month), "note": self.tr("Note")}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for name, box in self.boxes.items():
            form.addRow(labels[name] + "：", box)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._load()
        fit_to_screen(self, 620, 560)

    def _load(self) -> None:
        m = self.measure
        if m is None:
            self._status_changed()
            return
        self.content.set_value(m.content)
        self.department.set_value(m.department_id)
        self.responsible.set_value(m.responsible_id)
        self.deadline.set_value(m.deadline_type, m.deadline)
        self.status.setCurrentIndex(max(0, self.status.findData(m.status)))
        self.completed.set_value(m.completed_date)
        self.note.set_value(m.note)
        self.progress.set_value(measures.month_progress_texts([m.id], self.month).get(m.id, ""))
        self._status_changed()

    def _status_changed(self, *_) -> None:
        done = self.status.currentData() in measures.DONE_MEASURE_STATUSES
        self.completed.setEnabled(done)
        if done and self.completed.value() is None:
            self.completed.set_value(context.today())

    def collect(self) -> MeasureInput:
        errors, values = {}, {}
        for name in ("department_id", "responsible_id"):
            try:
                values[name] = self.boxes[name].editor.value()
            except AmbiguousPick as exc:
                errors[name], values[name] = exc.message, None
            except ValueError as exc:
                errors[name] = self.tr("\"%1\" is not in the list; pick one from the list").replace("%1", str(exc))
                values[name] = None
        try:
            deadline_type, deadline = self.deadline.value()
        except ValidationError as exc:
            errors["deadline"], deadline_type, deadline = exc.message, self.deadline.kind.currentData(), None
        try:
            completed = self.completed.value() if self.completed.isEnabled() else None
        except ValidationError as exc:
            errors["completed_date"], completed = exc.message, None
        if len(self.progress.value().strip()) > 2000:
            errors["progress"] = self.tr("Progress is longer than 2000 characters; please shorten it")
        if errors:
            raise ValidationErrors([ValidationError(m, f) for f, m in errors.items()])
        base = self.measure.as_input() if self.measure else MeasureInput("")
        return replace(base, content=self.content.value(), department_id=values["department_id"],
                       responsible_id=values["responsible_id"], deadline_type=deadline_type, deadline=deadline,
                       status=self.status.currentData(), completed_date=completed, note=self.note.value())

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, box in self.boxes.items():
            box.show_error(errors.get(name, ""))
        general = [m for f, m in errors.items() if f not in self.boxes]
        self.error.setText("；".join(general))
        self.error.setVisible(bool(general))

    def save(self) -> None:
        try:
            data = self.collect()
            if self.measure is None:
                change = measures.add_measure(self.entry_id, data, self.position)
                measure_id = measures.measures_of(self.entry_id)[
                    len(change.after) - 1 if self.position is None else self.position].id
            else:
                change = measures.update_measure(self.measure.id, data)
                measure_id = self.measure.id
            if change.before != change.after:
                self.changes.append(("measures", change))
            progress = measures.set_month_progress(measure_id, self.month, self.progress.value())
            if progress.before != progress.after:
                self.changes.append(("measure_progress", progress))
        except ValidationErrors as exc:
            self.show_errors({e.field.replace("deadline_type", "deadline"): e.message.split("：", 1)[-1]
                              for e in exc.errors})
            return
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            return
        self.accept()
