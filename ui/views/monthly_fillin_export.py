"""导出科室填报表…: one 本月进展填报表 per department for departments that do not run desk_app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desk_app.services import context, fillin_rounds, month_freeze_warnings

from .exchange_common import run_exchange_task


class FillInExportDialog(QDialog):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.task = None
        self.result = None
        self.setWindowTitle(self.tr("Export department fill-in workbooks"))
        self.setMinimumWidth(560)
        today = context.today()
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setObjectName("fillin_month")
        self.month.setDisplayFormat("yyyy-MM")
        self.folder = QLineEdit(QSettings().value("exchange/fillin_folder", str(Path.home() / "填报表")))
        self.folder.setObjectName("fillin_folder")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.departments = QListWidget()
        self.departments.setObjectName("fillin_departments")
        self.without = QLabel()
        self.without.setWordWrap(True)
        if state.campaign_id:
            departments, without = fillin_rounds.departments_with_open_entries(state.campaign_id)
            for d in departments:
                item = QListWidgetItem(self.tr("%1 (%2 open entries)").replace("%1", d.name)
                                       .replace("%2", str(len(d.entry_ids))))
                item.setData(Qt.ItemDataRole.UserRole, d.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.departments.addItem(item)
            if without:
                self.without.setText(self.tr("%1 open entries have no department and go into no workbook: "
                                             "give them one in the ledger.").replace("%1", str(without)))
        explain = QLabel(self.tr(
            "Each department gets one Excel workbook with only its open entries. The ledger's columns are "
            "locked; the department fills in this month's progress, and may apply for closing or for an extension "
            "from lists. Send the files out, collect them back, then use File › Import returned fill-in workbooks."))
        explain.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Month"), self.month)
        form.addRow(self.tr("Save into folder"), row)
        form.addRow(self.tr("Departments"), self.departments)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.without)
        self.frozen_note = QLabel()
        self.frozen_note.setObjectName("fillin_frozen_note")
        self.frozen_note.setWordWrap(True)
        self.frozen_note.setStyleSheet("color: #B00020;")
        layout.addWidget(self.frozen_note)
        layout.addWidget(buttons)
        self.month.dateChanged.connect(self._month_changed)
        self._month_changed()

    def _month_changed(self) -> None:
        """A month already frozen: what comes back is 补报, outside its 通报 (said before exporting)."""
        note = ""
        if self.state.campaign_id:
            note = month_freeze_warnings.frozen_month_note(self.state.campaign_id,
                                                           self.month.date().toString("yyyy-MM"))
        self.frozen_note.setText(note)
        self.frozen_note.setVisible(bool(note))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save into folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def chosen_ids(self) -> list[int]:
        return [self.departments.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.departments.count())
                if self.departments.item(i).checkState() == Qt.CheckState.Checked]

    def start(self):
        from desk_app.exchange.fillin_export import export_fillin  # noqa: PLC0415

        if not self.folder.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose a folder to save the workbooks in."))
            return None
        ids = self.chosen_ids()
        if not ids:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose at least one department."))
            return None
        folder = Path(self.folder.text().strip())
        QSettings().setValue("exchange/fillin_folder", str(folder))
        campaign_id, month = self.state.campaign_id, self.month.date().toString("yyyy-MM")
        self.task = run_exchange_task(
            self, self.tr("Writing the fill-in workbooks…"),
            lambda progress: export_fillin(campaign_id, month, folder, department_ids=ids, progress=progress),
            self._done)
        return self.task

    def _done(self, result) -> None:
        self.result = result
        box = QMessageBox(QMessageBox.Icon.Information, self.windowTitle(), result.summary_text(),
                          QMessageBox.StandardButton.Ok, self)
        open_button = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        folder = result.workbooks[0].path.parent if result.workbooks else None

        def clicked(button) -> None:
            if button is open_button and folder is not None:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

        box.buttonClicked.connect(clicked)
        box.finished.connect(lambda *_: self.accept())
        self.result_box = box
        box.open()
