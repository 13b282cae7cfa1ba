"""设置 › 常规: who is working, the yellow-light window, the report day, and the print header block."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app import paths
from desk_app.errors import DeskAppError
from desk_app.services import context, progress_plan, settings

from .settings_form import FormWatch


class GeneralSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("General"))
        self.clerk_name = QLineEdit()
        self.clerk_name.setPlaceholderText(self.tr("Shown in the change history"))
        self.due_soon_days = QSpinBox()
        self.due_soon_days.setRange(1, 60)
        self.due_soon_days.setSuffix(self.tr(" days"))
        self.report_day = QSpinBox()
        self.report_day.setRange(1, 28)
        for spin in (self.due_soon_days, self.report_day):
            spin.setMaximumWidth(120)
        work = QGroupBox(self.tr("Work"))
        form = QFormLayout(work)
        form.addRow(self.tr("Clerk name:"), self.clerk_name)
        form.addRow(self.tr("Yellow light when due within:"), self.due_soon_days)
        form.addRow(self.tr("Monthly report day:"), self.report_day)
        self.lag_tolerance = QSpinBox()  # 月度序时进度: 滞后 when reported below plan by more than this
        self.lag_tolerance.setRange(0, 50)
        self.lag_tolerance.setSuffix(self.tr(" points"))
        self.lag_tolerance.setMaximumWidth(120)
        form.addRow(self.tr("Behind schedule when below plan by more than:"), self.lag_tolerance)

        self.unit = QLineEdit()
        self.filled_by = QLineEdit()
        self.reviewed_by = QLineEdit()
        self.phone = QLineEdit()
        header = QGroupBox(self.tr("Header block of printed and exported ledgers"))
        form2 = QFormLayout(header)
        form2.addRow(self.tr("Reporting unit:"), self.unit)
        form2.addRow(self.tr("Filled in by:"), self.filled_by)
        form2.addRow(self.tr("Reviewed by:"), self.reviewed_by)
        form2.addRow(self.tr("Contact phone:"), self.phone)

        self.data_label = QLabel()
        self.data_label.setWordWrap(True)
        self.saved_note = QLabel()
        self.saved_note.setObjectName("saved_note")
        self.watch = FormWatch([self.clerk_name, self.due_soon_days, self.report_day, self.lag_tolerance,
                                self.unit, self.filled_by, self.reviewed_by, self.phone], self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Reset)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Reset).setText(self.tr("Undo changes"))
        buttons.accepted.connect(self.save)
        buttons.button(QDialogButtonBox.StandardButton.Reset).clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(work)
        layout.addWidget(header)
        layout.addWidget(self.data_label)
        layout.addWidget(self.saved_note)
        layout.addWidget(buttons)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        prefs = settings.preferences()
        self.clerk_name.setText(prefs.clerk_name)
        self.due_soon_days.setValue(prefs.due_soon_days)
        self.report_day.setValue(prefs.report_day)
        self.lag_tolerance.setValue(round(progress_plan.tolerance()))
        head = settings.report_header()
        self.unit.setText(head.unit)
        self.filled_by.setText(head.filled_by)
        self.reviewed_by.setText(head.reviewed_by)
        self.phone.setText(head.phone)
        self.data_label.setText(self.tr("Data folder: %1").replace("%1", str(paths.data_dir())))
        self.watch.mark_saved()

    def save(self) -> None:
        try:
            settings.save_preferences(settings.Preferences(
                due_soon_days=self.due_soon_days.value(), report_day=self.report_day.value(),
                clerk_name=self.clerk_name.text().strip()))
            settings.save_report_header(settings.ReportHeader(
                unit=self.unit.text().strip(), filled_by=self.filled_by.text().strip(),
                reviewed_by=self.reviewed_by.text().strip(), phone=self.phone.text().strip()))
            progress_plan.set_tolerance(self.lag_tolerance.value())
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            return
        context.set_actor(self.clerk_name.text().strip() or None)
        self.watch.saved(self.saved_note)
        self.state.data_changed.emit()
