"""Dialogs of the 评价排名 page: a new ranked activity, a new round, the scorer's Excel previewed before it
is imported, and a 提醒约谈 recorded (when, who, outcome)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from desk_app.errors import DeskAppError
from desk_app.services import context, rankings, rankings_rules
from desk_app.services.rankings_periods import previous_quarter, quarter_of

from .entry_fields import DateField, TextBox


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class _Dialog(QDialog):
    """accept() runs save(); a DeskAppError is shown and the dialog stays open with what was typed."""

    def accept(self):
        try:
            self.result_record = self.save()
        except DeskAppError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        super().accept()

    def save(self):
        raise NotImplementedError


class KindDialog(_Dialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New ranked activity"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 财政大讲堂"))
        self.subject = QLineEdit("科室（单位）")
        self.scorer = QLineEdit()
        self.bottom = QSpinBox()
        self.bottom.setRange(1, 20)
        self.bottom.setValue(3)
        self.consecutive = QSpinBox()
        self.consecutive.setRange(1, 12)
        self.consecutive.setValue(2)
        self.higher = QCheckBox(self.tr("A higher score is better"))
        self.higher.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("What is ranked"), self.subject)
        form.addRow(self.tr("Scored by"), self.scorer)
        form.addRow(self.tr("Last places that count"), self.bottom)
        form.addRow(self.tr("Rounds running for a reminder talk"), self.consecutive)
        form.addRow("", self.higher)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def save(self):
        return rankings.create_kind(self.name.text(), subject_label=self.subject.text(), scorer=self.scorer.text(),
                                    higher_is_better=self.higher.isChecked(), bottom_count=self.bottom.value(),
                                    consecutive=self.consecutive.value())


def suggested_period(kind_id: int) -> str:
    """The quarter after the kind's latest round, else the last finished quarter."""
    existing = {r.period for r in rankings.list_rounds(kind_id)}
    today = context.today()
    q = previous_quarter(quarter_of(f"{today.year:04d}-{today.month:02d}"))
    while q in existing:
        year, n = q.split("-Q")
        q = f"{year}-Q{int(n) + 1}" if n != "4" else f"{int(year) + 1}-Q1"
    return q


class RoundDialog(_Dialog):
    def __init__(self, kind: rankings.KindRecord, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(self.tr("New round of %1").replace("%1", kind.name))
        self.period = QLineEdit(suggested_period(kind.id))
        self.period.setToolTip(self.tr("A quarter as 2026-Q1, or a month as 2026-03"))
        self.scorer = QLineEdit(kind.scorer)
        self.scored_on = DateField()
        self.published_on = DateField()
        form = QFormLayout()
        form.addRow(self.tr("Round (quarter)"), self.period)
        form.addRow(self.tr("Scored by"), self.scorer)
        form.addRow(self.tr("Scored on"), self.scored_on)
        form.addRow(self.tr("Published on"), self.published_on)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def save(self):
        return rankings.create_round(self.kind.id, self.period.text(), scorer=self.scorer.text(),
                                     scored_on=self.scored_on.value(), published_on=self.published_on.value())


class ImportPreviewDialog(QDialog):
    """What the scorer's file holds, before anything is written."""

    def __init__(self, preview, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import scores"))
        self.resize(560, 480)
        text = QPlainTextEdit(preview.summary_text())
        text.setObjectName("scores_preview")
        text.setReadOnly(True)
        note = QLabel(self.tr("A backup is made before the scores are written.")
                      + (" " + self.tr("The scores already in this round are replaced.") if preview.existing else ""))
        note.setWordWrap(True)
        box = _buttons(self)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        layout = QVBoxLayout(self)
        layout.addWidget(text, 1)
        layout.addWidget(note)
        layout.addWidget(box)


class InterviewDialog(_Dialog):
    def __init__(self, row: rankings_rules.InterviewRow, parent=None):
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("Reminder talk: %1").replace("%1", row.subject))
        reason = QLabel(f"{row.kind_name} {row.round_label}：{row.reason}")
        reason.setWordWrap(True)
        self.planned = DateField()
        self.planned.set_value(row.planned_on)
        self.held = DateField()
        self.held.set_value(row.held_on)
        self.interviewer = QLineEdit(row.interviewer)
        self.interviewer.setPlaceholderText(self.tr("e.g. the bureau leader in charge"))
        self.attendees = QLineEdit(row.attendees)
        self.outcome = TextBox(4)
        self.outcome.set_value(row.outcome)
        form = QFormLayout()
        form.addRow(self.tr("Why"), reason)
        form.addRow(self.tr("Planned on"), self.planned)
        form.addRow(self.tr("Held on"), self.held)
        form.addRow(self.tr("Talk held by"), self.interviewer)
        form.addRow(self.tr("Talked to"), self.attendees)
        form.addRow(self.tr("Outcome"), self.outcome)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def save(self):
        return rankings_rules.record_interview(self.row.round_id, self.row.subject, planned_on=self.planned.value(),
                                               held_on=self.held.value(), interviewer=self.interviewer.text(),
                                               attendees=self.attendees.text(), outcome=self.outcome.value())
