"""延期 of one entry or of the selected entries: the new deadline, the reason (required), and what was extended
before — the count and each earlier extension — so the clerk sees the history while deciding."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
)

from desk_app.domain import EventKind
from desk_app.services import context, ledger_columns, ledger_extend, workflow
from desk_app.services.entry_records import load_records

from .entry_fields import DateField, FieldBox, FormErrors, TextBox
from .ledger_empty import EmptyPlaceholder

DEFAULT_DAYS = 30
SHOWN_CODES = 6


class ExtendDialog(QDialog):
    """After exec() == Accepted: self.extension (a ledger_extend.Extension, for the undo stack)."""

    def __init__(self, entry_ids: list[int] | int, parent=None):
        super().__init__(parent)
        ids = [entry_ids] if isinstance(entry_ids, int) else list(entry_ids)
        self.entries = load_records(ids)
        self.extension = None
        single = len(self.entries) == 1
        first = self.entries[0]
        self.setWindowTitle(self.tr("Extend the deadline of %1").replace("%1", first.code) if single
                            else self.tr("Extend the deadline of %1 entries").replace("%1", str(len(self.entries))))
        form = QFormLayout()
        self.boxes: dict[str, FieldBox] = {}
        if single:
            head = QLabel(f"<b>{first.code}</b>　{first.status}　" + self.tr("Deadline: %1").replace(
                "%1", ledger_columns.deadline_text(first) or "—"))
            description = QLabel(first.description[:200])
            description.setWordWrap(True)
            description.setStyleSheet("color: #455a64;")
            form.addRow(head)
            form.addRow(description)
        else:
            codes = "、".join(e.code for e in self.entries[:SHOWN_CODES])
            if len(self.entries) > SHOWN_CODES:
                codes += self.tr(" and %1 more").replace("%1", str(len(self.entries) - SHOWN_CODES))
            listing = QLabel(codes)
            listing.setWordWrap(True)
            form.addRow(self.tr("Entries:"), listing)
        extended = sum(e.extension_count for e in self.entries)
        count = QLabel(self.tr("Extended %1 times so far").replace("%1", str(first.extension_count)) if single
                       else self.tr("%1 of them extended before").replace(
                           "%1", str(sum(1 for e in self.entries if e.extension_count))))
        count.setObjectName("extension_count")
        if extended:
            count.setStyleSheet("color: #b26a00; font-weight: bold;")
        form.addRow(self.tr("Extensions:"), count)
        if single:
            self.history = QListWidget()
            self.history.setObjectName("extension_history")
            self.history.setMaximumHeight(90)
            EmptyPlaceholder(self.history, self.tr("Never extended"))
            for ev in workflow.events_of(first.id):
                if ev.kind == EventKind.EXTEND:
                    self.history.addItem(f"{ev.at:%Y-%m-%d}　{_day(ev.old_deadline)} → {_day(ev.new_deadline)}　"
                                         f"{ev.text}　{ev.actor}")
            form.addRow(self.tr("Earlier extensions:"), self.history)
        self.deadline = DateField(clearable=False)
        latest = max((e.deadline for e in self.entries if e.deadline), default=None)
        self.deadline.set_value(max(latest or context.today(), context.today()) + timedelta(days=DEFAULT_DAYS))
        self.reason = TextBox(3)
        self.reason.setPlaceholderText(self.tr("Why the deadline moves (shown in the history and counted)"))
        for name, label, widget in (("deadline", self.tr("New deadline:"), self.deadline),
                                    ("reason", self.tr("Reason (required):"), self.reason)):
            self.boxes[name] = FieldBox(widget)
            form.addRow(label, self.boxes[name])
        self.errors = FormErrors(self.boxes, "extend_error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Extend"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.resize(560, 420 if single else 340)
        self.reason.setFocus()

    def _accept(self) -> None:
        def perform():
            self.extension = ledger_extend.extend([e.id for e in self.entries], self.deadline.value(),
                                                  self.reason.value())

        if self.errors.attempt(perform):
            self.accept()


def _day(value) -> str:
    return value.isoformat() if value else "—"
