"""导入科室填报表…: every returned 本月进展填报表 of a month in one batch — what each department reported,
the rows that will not be taken and why, the departments that have not reported (with a 催报通知),
then one import through the services (backup first, all or nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from desk_app.reports.options import PrintOptions
from desk_app.services.ledger_query import LedgerFilter

from .exchange_common import run_exchange_task
from .print_actions import show_preview

CONFLICT_COLOR = QColor("#ffebee")
ACTION_COLOR = QColor("#e8f5e9")


class FillInImportDialog(QDialog):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.inputs: list[Path] = []
        self.preview = None
        self.task = None
        self.setWindowTitle(self.tr("Import returned fill-in workbooks"))
        self.resize(980, 640)
        self.summary = QLabel(self.tr("Choose the returned workbooks, or the folder that holds them."))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.departments = self._table([self.tr("Department"), self.tr("File"), self.tr("Rows"), self.tr("Reported"),
                                        self.tr("Progress"), self.tr("Apply to close"), self.tr("Extension")], stretch=1)
        self.departments.setObjectName("fillin_departments_table")
        self.rows = self._table([self.tr("Department"), self.tr("Row"), self.tr("Code"), self.tr("Will write"),
                                 self.tr("Not taken / why")], stretch=4)
        self.rows.setObjectName("fillin_rows")
        self.problems = QListWidget()
        self.problems.setObjectName("fillin_problems")
        self.problems.setWordWrap(True)
        self.missing = QListWidget()
        self.missing.setObjectName("fillin_missing")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.departments, self.tr("Departments"))
        self.tabs.addTab(self.rows, self.tr("Rows"))
        self.tabs.addTab(self.problems, self.tr("Needs attention"))
        self.tabs.addTab(self.missing, self.tr("Not reported"))
        self.take_file = QCheckBox(self.tr("For conflicts, take the workbook's progress (default: keep what is here)"))
        self.take_file.toggled.connect(lambda _=False: self.inputs and self.check(self.inputs))
        self.notice_button = QPushButton(self.tr("Print reminder notice…"))
        self.notice_button.setObjectName("fillin_notice")
        self.notice_button.setEnabled(False)
        self.notice_button.clicked.connect(self.print_notice)
        more = QPushButton(self.tr("Choose files…"))
        more.clicked.connect(self.choose_files)
        folder = QPushButton(self.tr("Choose folder…"))
        folder.clicked.connect(self.choose_folder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(more)
        bottom.addWidget(folder)
        bottom.addWidget(self.notice_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.take_file)
        layout.addLayout(bottom)

    def _table(self, headers: list[str], stretch: int) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return table

    # --- choosing and checking ------------------------------------------------------------------
    def choose_files(self) -> bool:
        folder = QSettings().value("exchange/fillin_folder", str(Path.home()))
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose the returned fill-in workbooks"), folder,
                                                self.tr("Excel workbooks (*.xlsx)"))
        if not files:
            return False
        QSettings().setValue("exchange/fillin_folder", str(Path(files[0]).parent))
        self.check([Path(f) for f in files])
        return True

    def choose_folder(self) -> bool:
        start = QSettings().value("exchange/fillin_folder", str(Path.home()))
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder of returned workbooks"), start)
        if not folder:
            return False
        QSettings().setValue("exchange/fillin_folder", folder)
        self.check([Path(folder)])
        return True

    def check(self, inputs: list[Path]):
        from desk_app.exchange.fillin_import import preview_fillin  # noqa: PLC0415

        self.inputs = list(inputs)
        campaign_id, prefer = self.state.campaign_id, self.take_file.isChecked()
        self.import_button.setEnabled(False)
        self.task = run_exchange_task(
            self, self.tr("Checking the workbooks…"),
            lambda progress: preview_fillin(inputs, campaign_id=campaign_id, prefer_file=prefer, progress=progress),
            self.show_preview)
        return self.task

    def show_preview(self, preview) -> None:
        self.preview = preview
        lines = preview.summary_text().split("\n")
        head = "\n".join(lines[:2] if preview.frozen_note else lines[:1])  # the 封账 note, then the totals
        self.summary.setText(head + ("\n" + "\n".join(f"{p.name}: {why}" for p, why in preview.refused)
                                         if preview.refused else ""))
        self.departments.setRowCount(len(preview.departments))
        for r, d in enumerate(preview.departments):
            values = [d.department, d.workbook.path.name, str(len(d.rows) + len(d.workbook.missing)), str(d.reported),
                      str(d.count("本月进展")), str(d.count("申请销号")), str(d.count("延期"))]
            self._row(self.departments, r, values, CONFLICT_COLOR if d.reported == 0 else None)
        plans = preview.plans
        self.rows.setRowCount(len(plans))
        for r, p in enumerate(plans):
            color = CONFLICT_COLOR if p.problems else ACTION_COLOR if p.actions else None
            self._row(self.rows, r, [p.department, str(p.row.excel_row), p.code, "、".join(p.actions),
                                     "；".join(p.problems)], color)
        self.problems.clear()
        self.problems.addItems(preview.problems() or [self.tr("Nothing: every row can be taken as written.")])
        self.missing.clear()
        self.missing.addItems([self.tr("%1 — %2 open entries").replace("%1", name).replace("%2", str(n))
                               for _, name, n in preview.not_reported]
                              or [self.tr("Every department has reported.")])
        self.tabs.setTabText(2, self.tr("Needs attention (%1)").replace("%1", str(len(preview.problems()))))
        self.tabs.setTabText(3, self.tr("Not reported (%1)").replace("%1", str(len(preview.not_reported))))
        self.import_button.setEnabled(bool(preview.departments))
        self.notice_button.setEnabled(bool(preview.not_reported))

    def _row(self, table: QTableWidget, row: int, values: list[str], color: QColor | None) -> None:
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if color is not None:
                item.setBackground(QBrush(color))
            table.setItem(row, c, item)

    # --- acting ---------------------------------------------------------------------------------
    def print_notice(self):
        """The 催报通知 for the departments this batch leaves 未报 (counting the batch as returned)."""
        if self.preview is None or not self.preview.not_reported:
            return None
        ids = [d for d, _, _ in self.preview.not_reported]
        options = PrintOptions(filter=LedgerFilter(campaign_id=self.preview.campaign_id, department_ids=ids),
                               month=self.preview.month)
        return show_preview(self, "fill-in-reminder", options)

    def start_import(self):
        from desk_app.exchange.fillin_import import apply_fillin  # noqa: PLC0415

        if self.preview is None or not self.preview.departments:
            return None
        preview = self.preview
        if preview.problems():
            answer = QMessageBox.question(
                self, self.windowTitle(),
                self.tr("%1 rows or files will not be taken (see “Needs attention”). Import the rest?")
                .replace("%1", str(len(preview.problems()))))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        self.import_button.setEnabled(False)
        self.task = run_exchange_task(self, self.tr("Importing…"),
                                      lambda progress: apply_fillin(preview, progress=progress), self._done)
        return self.task

    def _done(self, result) -> None:
        self.state.data_changed.emit()
        QMessageBox.information(self, self.windowTitle(), result.summary_text())
        self.accept()
