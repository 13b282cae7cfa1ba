"""导入Excel台账…: pick a file and sheet → fix the column mapping → per-row report → accept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import EntryKind, Layer
from desk_app.errors import DeskAppError
from desk_app.exchange.xlsx_import import ImportOptions
from desk_app.exchange.xlsx_read import FIELD_LABELS, auto_mapping, list_sheets

from .exchange_common import run_exchange_task

SAMPLE_ROWS = 3


class XlsxImportWizard(QDialog):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.content = None
        self.plan = None
        self.task = None
        self.setWindowTitle(self.tr("Import Excel ledger"))
        self.resize(960, 640)
        self.steps = QStackedWidget()
        self.steps.addWidget(self._file_page())
        self.steps.addWidget(self._mapping_page())
        self.steps.addWidget(self._report_page())
        self.back = QPushButton(self.tr("< Back"))
        self.next = QPushButton(self.tr("Next >"))
        self.next.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"))
        self.back.clicked.connect(self.go_back)
        self.next.clicked.connect(self.go_next)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back, self.next, cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # Step 1: file and sheet
    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self.choose_file)
        self.sheet = QComboBox()
        self.header_row = QSpinBox()
        self.header_row.setRange(0, 200)
        self.header_row.setSpecialValueText(self.tr("Find automatically"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(page)
        form.addRow(QLabel(self.tr("Import an existing ledger kept in Excel or WPS (.xlsx). Nothing is written "
                                   "until you accept the report at the end; a backup is made first.")))
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Sheet"), self.sheet)
        form.addRow(self.tr("Header row"), self.header_row)
        return page

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose an Excel ledger"), "",
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        try:
            sheets = list_sheets(path)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        self.path.setText(path)
        self.sheet.clear()
        for info in sheets:
            self.sheet.addItem(self.tr("%1 (about %2 rows)").replace("%1", info.name)
                               .replace("%2", str(info.declared_rows)), info.name)
        self._update_buttons()

    # Step 2: mapping
    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Column in the sheet"), self.tr("Sample values"),
                                                      self.tr("Imports as")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.verticalHeader().setVisible(False)
        self.kind = QComboBox()
        for kind in EntryKind:
            self.kind.addItem(kind.value, kind.value)
        self.layer = QComboBox()
        self.layer.addItem(self.tr("(none)"), "")
        for layer in Layer:
            self.layer.addItem(layer.value, layer.value)
        self.create_missing = QCheckBox(self.tr("Create departments, people and task forces that are not here yet"))
        self.mapping_info = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("Entry type (if the sheet has no type column)"), self.kind)
        form.addRow(self.tr("Layer (if the sheet has no layer column)"), self.layer)
        form.addRow(self.create_missing)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mapping_info)
        layout.addWidget(self.mapping_table, 1)
        layout.addLayout(form)
        return page

    def show_content(self, content) -> None:
        self.content = content
        self.mapping_info.setText(self.tr("Sheet “%1”: header in row %2, %3 data rows. Check which field each "
                                          "column imports as.").replace("%1", content.name)
                                  .replace("%2", str(content.header_row)).replace("%3", str(len(content.rows))))
        mapping = auto_mapping(content.headers)
        self.mapping_table.setRowCount(len(content.headers))
        for index, header in enumerate(content.headers):
            self.mapping_table.setItem(index, 0, QTableWidgetItem(header or self.tr("(no header)")))
            samples = [str(values[index]) for _, values, _ in content.rows[:SAMPLE_ROWS]
                       if index < len(values) and values[index] is not None]
            self.mapping_table.setItem(index, 1, QTableWidgetItem(" | ".join(s[:40] for s in samples)))
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), "")
            for key, label in FIELD_LABELS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(mapping.get(index, "")), 0))
            self.mapping_table.setCellWidget(index, 2, combo)
        for column in (0, 2):
            self.mapping_table.resizeColumnToContents(column)

    def mapping(self) -> dict[int, str]:
        result = {}
        for index in range(self.mapping_table.rowCount()):
            key = self.mapping_table.cellWidget(index, 2).currentData()
            if key:
                result[index] = key
        return result

    # Step 3: report
    def _report_page(self) -> QWidget:
        page = QWidget()
        self.report_summary = QLabel()
        self.report_summary.setWordWrap(True)
        self.report_table = QTableWidget(0, 3)
        self.report_table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Problem")])
        self.report_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.report_table.verticalHeader().setVisible(False)
        self.report_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.skip_invalid = QCheckBox(self.tr("Skip the rows with problems and import the others"))
        self.skip_invalid.toggled.connect(self._update_buttons)
        layout = QVBoxLayout(page)
        layout.addWidget(self.report_summary)
        layout.addWidget(self.report_table, 1)
        layout.addWidget(self.skip_invalid)
        return page

    def show_plan(self, plan) -> None:
        self.plan = plan
        bad = len(plan.rows) - len(plan.valid_rows)
        new, updated, unchanged = plan.counts()
        lines = [self.tr("%1 rows read: %2 new / %3 updated / %4 unchanged, %5 with problems.")
                 .replace("%1", str(len(plan.rows))).replace("%2", str(new)).replace("%3", str(updated))
                 .replace("%4", str(unchanged)).replace("%5", str(bad))]
        if updated:
            lines.append(self.tr("Rows whose 问题编号 is already in the ledger update that entry; "
                                 "they never become a second copy."))
        if not plan.has_changes and not bad:
            lines.append(self.tr("The sheet matches the ledger: there is nothing to import."))
        for kind, label in (("department", self.tr("Departments not here yet")),
                            ("person", self.tr("People not here yet")),
                            ("task_force", self.tr("Task forces not here yet"))):
            if plan.missing.get(kind):
                lines.append(f"{label}：{'、'.join(sorted(plan.missing[kind]))}")
        self.report_summary.setText("\n".join(lines))
        issues = ([(p.row, p.column, p.message, "#b71c1c") for r in plan.rows for p in r.problems]
                  + [(p.row, p.column, p.message, "#8a6d00") for r in plan.rows for p in r.warnings]
                  + [(r.row, r.existing.code, self.tr("Updates: %1").replace("%1", "、".join(r.changes)), "#1a4f8b")
                     for r in plan.rows if r.ok and r.is_update])
        issues.sort(key=lambda item: item[0])
        self.report_table.setRowCount(len(issues))
        for r, (row, column, message, color) in enumerate(issues):
            for c, text in enumerate((str(row), column, message)):
                item = QTableWidgetItem(text)
                item.setForeground(QColor(color))
                self.report_table.setItem(r, c, item)
        self.skip_invalid.setVisible(bad > 0)
        self.skip_invalid.setChecked(False)
        self.steps.setCurrentIndex(2)
        self._update_buttons()

    # Navigation
    def _update_buttons(self, *_) -> None:
        step = self.steps.currentIndex()
        self.back.setEnabled(step > 0)
        if step < 2:
            self.next.setText(self.tr("Next >"))
            self.next.setEnabled(step != 0 or bool(self.path.text()))
        else:
            self.next.setText(self.tr("Import"))
            bad = self.plan is not None and len(self.plan.valid_rows) < len(self.plan.rows)
            self.next.setEnabled(self.plan is not None and self.plan.has_changes
                                 and (not bad or self.skip_invalid.isChecked()))

    def go_back(self) -> None:
        self.steps.setCurrentIndex(max(self.steps.currentIndex() - 1, 0))
        self._update_buttons()

    def go_next(self) -> None:
        step = self.steps.currentIndex()
        if step == 0:
            self.read_sheet()
        elif step == 1:
            self.check_rows()
        else:
            self.accept_import()

    def read_sheet(self) -> None:
        from desk_app.exchange.xlsx_read import read_sheet  # noqa: PLC0415

        path, sheet, header = self.path.text(), self.sheet.currentData(), self.header_row.value() or None

        def done(content):
            self.show_content(content)
            self.steps.setCurrentIndex(1)
            self._update_buttons()

        self.task = run_exchange_task(self, self.tr("Reading the sheet…"),
                                      lambda progress: read_sheet(path, sheet, header_row=header, progress=progress),
                                      done)

    def options(self) -> ImportOptions:
        return ImportOptions(sheet=self.content.name, mapping=self.mapping(), default_kind=self.kind.currentData(),
                             default_layer=self.layer.currentData(), create_missing=self.create_missing.isChecked(),
                             campaign_id=self.state.campaign_id)

    def check_rows(self) -> None:
        from desk_app.exchange.xlsx_import import plan_import  # noqa: PLC0415

        path, content, options = self.path.text(), self.content, self.options()
        self.task = run_exchange_task(self, self.tr("Checking every row…"),
                                      lambda progress: plan_import(path, options, content=content), self.show_plan)

    def accept_import(self) -> None:
        from desk_app.exchange.xlsx_apply import apply_import  # noqa: PLC0415

        plan, skip = self.plan, self.skip_invalid.isChecked()
        self.task = run_exchange_task(self, self.tr("Importing…"),
                                      lambda progress: apply_import(plan, skip_invalid=skip, progress=progress),
                                      self._imported)

    def _imported(self, result) -> None:
        QMessageBox.information(self, self.windowTitle(), result.text())
        self.state.data_changed.emit()
        self.accept()

    def keyPressEvent(self, event):  # noqa: N802 - Qt override: Enter goes forward like a wizard
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.next.isEnabled():
            self.go_next()
            return
        super().keyPressEvent(event)
