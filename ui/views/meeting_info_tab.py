"""基本信息 of a meeting: type, 第N次, title, time, place, host, recorder, contact, 纪要期号."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import MeetingType
from desk_app.services import context
from desk_app.services.meetings import MeetingInput

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
        self.title.setPlaceholderText(self.tr("Leave empty for the usual title, e.g. 'Task force meeting No. N'"))
        self.start_at = QDateTimeEdit()
        self.start_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start_at.setCalendarPopup(True)
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
        form.addRow(self.tr("Time:"), self.start_at)
        form.addRow(self.tr("Place:"), self.place)
        form.addRow(self.tr("Host:"), self.host)
        form.addRow(self.tr("Recorder:"), self.recorder)
        form.addRow(self.tr("Contact:"), self.contact)
        form.addRow(self.tr("Minutes issue no.:"), self.issue_no)

    def set_defaults(self, meeting_type: str = MeetingType.TASK_FORCE) -> None:
        self.meeting_type.setCurrentIndex(max(0, self.meeting_type.findData(meeting_type)))
        self.number.setText(self.tr("assigned when saved"))
        day = context.today()
        self.start_at.setDateTime(QDateTime(day, QTime(15, 0)))
        self.issue_no.setValue(0)

    def load(self, m) -> None:
        self.meeting_type.setCurrentIndex(max(0, self.meeting_type.findData(m.meeting_type)))
        self.number.setText(self.tr("%1, No. %2").replace("%1", str(m.year)).replace("%2", str(m.number)))
        self.title.setText(m.title)
        self.start_at.setDateTime(QDateTime(m.start_at.date(), QTime(m.start_at.hour, m.start_at.minute)))
        self.place.setText(m.place)
        self.host.set_person(m.host_id)
        self.recorder.set_person(m.recorder_id)
        self.contact.setText(m.contact)
        self.issue_no.setValue(m.issue_no or 0)

    def value(self) -> MeetingInput:
        dt = self.start_at.dateTime()
        d, t = dt.date(), dt.time()
        return MeetingInput(self.meeting_type.currentData(), datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()),
                            self.title.text(), self.place.text(), self.host.person_id(), self.recorder.person_id(),
                            self.contact.text(), self.issue_no.value() or None)


class NewMeetingDialog(QDialog):
    def __init__(self, meeting_type: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New meeting"))
        self.form = MeetingForm()
        self.form.set_defaults(meeting_type)
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


class MeetingInfoTab(QWidget):
    save_requested = Signal(object)  # MeetingInput

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Basics"))
        self.form = MeetingForm()
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.form.value()))
        self.revert_button = QPushButton(self.tr("Undo changes"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(row)
        layout.addStretch(1)
