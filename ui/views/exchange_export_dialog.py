"""导出…: the ledger view to Excel or CSV with options, or this office's data package for upward."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desk_app.errors import DeskAppError
from desk_app.exchange.out_path import output_path
from desk_app.services import context, settings
from desk_app.services.ledger_columns import COLUMNS, default_column_keys
from desk_app.services.ledger_query import LedgerFilter

from .exchange_common import run_exchange_task
from .file_saved import show_saved

FORMATS = ("xlsx", "csv", "package")


class ExportDialog(QDialog):
    def __init__(self, state, ledger_filter: LedgerFilter | None = None, column_keys: list[str] | None = None,
                 sort: str = "code", parent=None):
        super().__init__(parent)
        self.state = state
        self.ledger_filter = replace(ledger_filter or LedgerFilter(), campaign_id=state.campaign_id)
        self.sort = sort
        self.task = None
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(560)
        self.format = QComboBox()
        self.format.addItem(self.tr("Excel ledger (.xlsx)"), "xlsx")
        self.format.addItem(self.tr("CSV table (.csv)"), "csv")
        self.format.addItem(self.tr("Data package for the office above (.zip)"), "package")
        self.format.addItem(self.tr("Meeting minutes (Word .docx)"), "minutes")
        self.format.addItem(self.tr("Meeting sign-in sheet (Word .docx)"), "signin")
        self.meeting = QComboBox()
        if state.campaign_id:
            from desk_app.services import meetings  # noqa: PLC0415

            for m in sorted(meetings.list_meetings(state.campaign_id), key=lambda m: m.start_at, reverse=True):
                self.meeting.addItem(f"{m.start_at:%Y-%m-%d} {m.title}", m.id)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Default: campaign name + 问题清单"))
        self.per_layer = QCheckBox(self.tr("One sheet per layer"))
        self.summary = QCheckBox(self.tr("Add a statistics sheet"))
        self.summary.setChecked(True)
        self.template = QCheckBox(self.tr("Upward template rules (no line breaks in cells, 0 for blanks)"))
        self.columns = QListWidget()
        chosen = column_keys or default_column_keys()
        for column in COLUMNS:
            item = QListWidgetItem(column.label)
            item.setData(Qt.ItemDataRole.UserRole, column.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if column.key in chosen else Qt.CheckState.Unchecked)
            self.columns.addItem(item)
        self.unit = QLineEdit(settings.report_header().unit)
        self.period = QLineEdit(context.today().strftime("%Y-%m"))
        self.period.setInputMask("9999-99")
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.scope = QLabel()
        self.as_of = QComboBox()  # the live ledger, or a frozen month as it stood (services/month_view)
        self.as_of.setObjectName("export_as_of")
        self.as_of.addItem(self.tr("The ledger now"), "")
        if state.campaign_id:
            from desk_app.services import month_freeze  # noqa: PLC0415

            for month in reversed(month_freeze.frozen_months(state.campaign_id)):
                self.as_of.addItem(self.tr("As of frozen month %1").replace("%1", month), month)
        self._build(browse)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _build(self, browse) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Entries"), self.scope)
        form.addRow(self.tr("Data"), self.as_of)
        layout.addLayout(form)
        self.sheet_box = QGroupBox(self.tr("Table options"))
        sheet_form = QFormLayout(self.sheet_box)
        sheet_form.addRow(self.tr("Title"), self.title)
        sheet_form.addRow(self.per_layer)
        sheet_form.addRow(self.summary)
        sheet_form.addRow(self.template)
        sheet_form.addRow(self.tr("Columns"), self.columns)
        layout.addWidget(self.sheet_box)
        self.package_box = QGroupBox(self.tr("Data package"))
        package_form = QFormLayout(self.package_box)
        package_form.addRow(self.tr("Sending unit"), self.unit)
        package_form.addRow(self.tr("Period (YYYY-MM)"), self.period)
        package_form.addRow(QLabel(self.tr("The package holds all of this office's own entries of the current "
                                           "campaign with their progress, history and evidence files.")))
        layout.addWidget(self.package_box)
        self.meeting_box = QGroupBox(self.tr("Meeting"))
        QFormLayout(self.meeting_box).addRow(self.tr("Meeting"), self.meeting)
        layout.addWidget(self.meeting_box)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        file_form = QFormLayout()
        file_form.addRow(self.tr("Save as"), row)
        layout.addLayout(file_form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def kind(self) -> str:
        return self.format.currentData()

    def _format_changed(self, *_) -> None:
        package = self.kind == "package"
        word = self.kind in ("minutes", "signin")
        self.sheet_box.setVisible(not package and not word)
        self.package_box.setVisible(package)
        self.meeting_box.setVisible(word)
        self.scope.setVisible(not word)
        self.as_of.setEnabled(self.kind in ("xlsx", "csv"))
        for widget in (self.per_layer, self.summary):
            widget.setEnabled(self.kind == "xlsx")
        from desk_app.services.ledger_query import count_entries  # noqa: PLC0415

        self.scope.setText(self.tr("%1 entries in the current ledger view").replace(
            "%1", str(count_entries(self.ledger_filter))) if not package else self.tr("All own entries"))
        suffix = {"xlsx": ".xlsx", "csv": ".csv", "package": ".zip", "minutes": ".docx", "signin": ".docx"}[self.kind]
        folder = QSettings().value("exchange/export_folder", str(Path.home()))
        name = {"package": f"数据包-{self.period.text()}", "minutes": "会议纪要", "signin": "签到表"}.get(
            self.kind, f"台账-{context.today():%Y%m%d}")
        self.path.setText(str(Path(folder) / (name + suffix)))

    def _browse(self) -> None:
        word = self.tr("Word document (*.docx)")
        filters = {"xlsx": self.tr("Excel workbook (*.xlsx)"), "csv": self.tr("CSV file (*.csv)"),
                   "package": self.tr("Data package (*.zip)"), "minutes": word, "signin": word}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), self.path.text(), filters[self.kind])
        if path:
            self.path.setText(path)

    def column_keys(self) -> list[str]:
        return [self.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.columns.count())
                if self.columns.item(i).checkState() == Qt.CheckState.Checked]

    def work(self):
        """The export as a function of progress, for the background task (and for tests)."""
        path = Path(self.path.text().strip())
        if self.kind in ("minutes", "signin"):
            from desk_app.exchange.docx_export import export_meeting_docx  # noqa: PLC0415

            meeting_id, document = self.meeting.currentData(), self.kind
            return lambda progress: export_meeting_docx(meeting_id, document, path)
        if self.kind == "package":
            from desk_app.exchange.package import write_package  # noqa: PLC0415

            unit, period = self.unit.text().strip(), self.period.text().strip()
            return lambda progress: write_package(path, unit=unit, period=period, progress=progress)
        from desk_app.exchange.ledger_export import LedgerExportOptions  # noqa: PLC0415

        options = LedgerExportOptions(filter=self.ledger_filter, column_keys=self.column_keys(), sort=self.sort,
                                      title=self.title.text().strip(), one_sheet_per_layer=self.per_layer.isChecked(),
                                      summary_sheet=self.summary.isChecked(), template_mode=self.template.isChecked())
        if self.kind == "xlsx":
            from desk_app.exchange.xlsx_export import export_xlsx as export  # noqa: PLC0415
        else:
            from desk_app.exchange.csv_export import export_csv as export  # noqa: PLC0415
        month = self.as_of.currentData() if self.kind in ("xlsx", "csv") else ""
        if month:
            from desk_app.services.month_view import run_as_of  # noqa: PLC0415

            campaign_id = self.state.campaign_id
            return lambda progress: run_as_of(campaign_id, month, lambda: export(options, path, progress=progress),
                                              progress)
        return lambda progress: export(options, path, progress=progress)

    def set_as_of_month(self, month: str) -> None:
        """Preselect a frozen month (the 封账 dialog's 导出Excel)."""
        self.as_of.setCurrentIndex(max(self.as_of.findData(month), 0))

    def validate(self) -> str:
        if not self.path.text().strip():
            return self.tr("Choose where to save the file.")
        if self.kind in ("minutes", "signin") and self.meeting.currentData() is None:
            return self.tr("There is no meeting to export yet.")
        if self.kind in ("xlsx", "csv") and not self.column_keys():
            return self.tr("Choose at least one column.")
        if self.kind == "package" and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", self.period.text()):
            return self.tr("The period must look like 2026-11.")
        return ""

    def start(self) -> None:
        problem = self.validate()
        if problem:
            QMessageBox.warning(self, self.windowTitle(), problem)
            return
        try:
            self.path.setText(str(output_path(self.path.text().strip(), self.kind)))
        except DeskAppError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        QSettings().setValue("exchange/export_folder", str(Path(self.path.text()).parent))
        self.task = run_exchange_task(self, self.tr("Exporting…"), self.work(), self._done)

    def _done(self, _result) -> None:
        self.accept()
        show_saved(self.parentWidget(), self.windowTitle(), self.path.text().strip())
