"""基本信息 of a meeting: type, 第N次, title, time, place, host, recorder, contact, 纪要期号."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import MeetingType
from desk_app.services import context, meetings
from desk_app.services.meetings import MeetingInput

from .date_field import DateField
from .meeting_common import PersonCombo


class MeetingForm(QWidget):
    """The fields of MeetingInput; used by the 基本信息 tab and by the new-meeting dialog."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.meeting_type = QComboBox()
        for t in MeetingType:
            self.meeting_type.addItem(t.value, t.value)
        self.number = QLabel()
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Leave empty for the last meeting's title with this meeting's number"))
        self.day = DateField(clearable=False, field="start_at")
        self.day.setAccessibleName(self.tr("Meeting date"))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(self.tr("Meeting time"))
        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.day, 1)
        when.addWidget(self.time)
        self.place = QLineEdit()
        self.host = PersonCombo()
        self.recorder = PersonCombo()
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(self.tr("Name and phone, printed on the notice"))
        self.issue_no = QSpinBox()
        self.issue_no.setRange(0, 999)
        self.issue_no.setSpecialValueText(self.tr("none"))
        self.issue_no.setMaximumWidth(120)
        form = QFormLayout(self)
        form.addRow(self.tr("Type:"), self.meeting_type)
        form.addRow(self.tr("Number:"), self.number)
        form.addRow(self.tr("Title:"), self.title)
        form.addRow(self.tr("Time:"), when)
        form.addRow(self.tr("Place:"), self.place)
        form.addRow(self.tr("Host:"), self.host)
        form.addRow(self.tr("Recorder:"), self.recorder)
        form.addRow(self.tr("Contact:"), self.contact)
        form.addRow(self.tr("Minutes issue no.:"), self.issue_no)

    def set_defaults(self, meeting_type: str = MeetingType.TASK_FORCE, previous: MeetingInput | None = None) -> None:
        """A new meeting: today, and from the last meeting of its type (`previous`) the time of day, place,
        host, recorder and contact, which stay the same month after month."""
        self.meeting_type.setCurrentIndex(max(0, self.meeting_type.findData(meeting_type)))
        self.number.setText(self.tr("assigned when saved"))
        day = context.today()
        self.day.set_value(day)
        start = previous.start_at if previous and previous.start_at else None
        self.time.setTime(QTime(start.hour, start.minute) if start else QTime(15, 0))
        self.place.setText(previous.place if previous else "")
        self.host.set_person(previous.host_id if previous else None)
        self.recorder.set_person(previous.recorder_id if previous else None)
        self.contact.setText(previous.contact if previous else "")
        self.issue_no.setValue(0)

    def load(self, m) -> None:
        self.meeting_type.setCurrentIndex(max(0, self.meeting_type.findData(m.meeting_type)))
        self.number.setText(self.tr("%1, No. %2").replace("%1", str(m.year)).replace("%2", str(m.number)))
        self.title.setText(m.title)
        self.day.set_value(m.start_at.date())
        self.time.setTime(QTime(m.start_at.hour, m.start_at.minute))
        self.place.setText(m.place)
        self.host.set_person(m.host_id)
        self.recorder.set_person(m.recorder_id)
        self.contact.setText(m.contact)
        self.issue_no.setValue(m.issue_no or 0)

    def error(self) -> str:
        """What keeps the form from being saved ('' when nothing): a date that is no date."""
        return self.day.error()

    def value(self) -> MeetingInput:
        t = self.time.time()
        start_at = datetime.combine(self.day.value(), time(t.hour(), t.minute()))
        return MeetingInput(self.meeting_type.currentData(), start_at,
                            self.title.text(), self.place.text(), self.host.person_id(), self.recorder.person_id(),
                            self.contact.text(), self.issue_no.value() or None)


class NewMeetingDialog(QDialog):
    def __init__(self, meeting_type: str, parent=None, campaign_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New meeting"))
        self.campaign_id = campaign_id
        self.form = MeetingForm()
        self._fill(meeting_type)
        self.form.meeting_type.currentIndexChanged.connect(lambda *_: self._fill(self.form.meeting_type.currentData()))
        self.form.issue_no.setToolTip(self.tr("Left at 'none', a task force meeting takes its number"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(480, 360)

    def _fill(self, meeting_type: str) -> None:
        previous = meetings.previous_input(self.campaign_id, meeting_type) if self.campaign_id else None
        self.form.meeting_type.blockSignals(True)
        self.form.set_defaults(meeting_type, previous)
        self.form.meeting_type.blockSignals(False)

    def accept(self) -> None:
        if self.form.error():
            QMessageBox.warning(self, self.tr("Cannot save"), self.form.error())
            self.form.day.setFocus()
            return
        super().accept()


class MeetingInfoTab(QWidget):
    save_requested = Signal(object)  # MeetingInput

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Basics"))
        self.form = MeetingForm()
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.request_save)
        self.revert_button = QPushButton(self.tr("Undo changes"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(row)
        layout.addStretch(1)

    def request_save(self) -> None:
        """Ask the page to save the form, or say why it cannot be (a date that is no date)."""
        if self.form.error():
            QMessageBox.warning(self, self.tr("Cannot save"), self.form.error())
            self.form.day.setFocus()
            return
        self.save_requested.emit(self.form.value())
