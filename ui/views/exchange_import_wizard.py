"""导入Excel台账…: pick a file and sheet → check or change what each column imports as → per-row
report → accept. A folder without a campaign is offered one; the mapping is remembered per header."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import EntryKind, Layer
from desk_app.errors import DeskAppError
from desk_app.exchange.xlsx_import import ImportOptions
from desk_app.exchange.xlsx_read import list_sheets
from desk_app.services import context

from .exchange_common import run_exchange_task
from .exchange_import_report import MappingTable, ReportTable


class NewCampaignDialog(QDialog):
    """The data folder has no campaign yet: the imported entries need one."""

    def __init__(self, year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New campaign"))
        self.name = QLineEdit(self.tr("%1 rectification ledger").replace("%1", str(year)))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("There is no campaign in this data folder yet. The imported entries belong to "
                                   "one: create it now.")))
        form.addRow(self.tr("Campaign name"), self.name)
        form.addRow(self.tr("Year"), self.year)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class XlsxImportWizard(QDialog):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.content = None
        self.new_campaign: tuple[str, int] | None = None  # asked for when the folder has none; made with the rows
        self.plan = None
        self.task = None
        self.setWindowTitle(self.tr("Import Excel ledger"))
        self.resize(1000, 660)
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
        intro = QLabel(self.tr("Import an existing ledger kept in Excel or WPS (.xlsx): title lines, two-row "
                               "headers, merged cells and the words offices write for status and deadline are "
                               "understood. Nothing is written until you accept the report at the end; a backup "
                               "is made first."))
        intro.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(intro)
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
            text = self.tr("%1 (about %2 rows)").replace("%1", info.name).replace("%2", str(info.declared_rows))
            self.sheet.addItem(text + (self.tr(", hidden") if info.hidden else ""), info.name)
        first_visible = next((i for i, info in enumerate(sheets) if not info.hidden), 0)
        self.sheet.setCurrentIndex(first_visible)
        self._update_buttons()

    # Step 2: mapping
    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.mapping_table = MappingTable()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("From the sheet"), None)
        for kind in EntryKind:
            self.kind.addItem(kind.value, kind.value)
        self.layer = QComboBox()
        self.layer.addItem(self.tr("From 所属人员, else 局领导班子"), "")
        for layer in Layer:
            self.layer.addItem(layer.value, layer.value)
        self.create_missing = QCheckBox(self.tr("Create departments, people and task forces that are not here yet"))
        self.mapping_info = QLabel()
        self.mapping_info.setWordWrap(True)
        restore = QPushButton(self.tr("Automatic mapping"))
        restore.setToolTip(self.tr("Go back to the mapping read from the header words"))
        restore.clicked.connect(lambda: self.mapping_table.set_mapping(self._automatic()))
        form = QFormLayout()
        form.addRow(self.tr("Entry type (if the sheet has no type column)"), self.kind)
        form.addRow(self.tr("Layer (if the sheet has no layer column)"), self.layer)
        form.addRow(self.create_missing)
        top = QHBoxLayout()
        top.addWidget(self.mapping_info, 1)
        top.addWidget(restore)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.mapping_table, 1)
        layout.addLayout(form)
        return page

    def _automatic(self) -> dict[int, str]:
        from desk_app.exchange.xlsx_header import auto_mapping  # noqa: PLC0415
        from desk_app.exchange.xlsx_vocab import vocabulary  # noqa: PLC0415

        return auto_mapping(self.content.block, vocabulary())[0]

    def show_content(self, content) -> None:
        self.content = content
        block = content.block
        header = (self.tr("header in rows %1–%2 (two rows, shown as group/column)").replace("%1", str(block.row))
                  .replace("%2", str(block.row + 1)) if block.depth == 2
                  else self.tr("header in row %1").replace("%1", str(block.row)))
        lines = [self.tr("Sheet “%1”: %2; 共 %3 行数据, %4 rows skipped. Check what each column imports as; "
                         "columns without a field are kept in 备注.")
                 .replace("%1", content.name).replace("%2", header).replace("%3", str(len(content.rows)))
                 .replace("%4", str(len(content.skipped)))]
        lines += content.raw.notes
        if content.remembered:
            lines.append(self.tr("This header was imported before: the mapping you chose then is used."))
        self.mapping_info.setText("\n".join(lines))
        self.mapping_table.show_columns(content, content.mapping)

    def mapping(self) -> dict[int, str]:
        return self.mapping_table.mapping()

    # Step 3: report
    def _report_page(self) -> QWidget:
        page = QWidget()
        self.report_summary = QLabel()
        self.report_summary.setWordWrap(True)
        self.report_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_table = ReportTable()
        self.report_kind = QComboBox()
        self.report_kind.addItem(self.tr("Everything"), "")
        for kind, label in self.report_table.kind_labels().items():
            self.report_kind.addItem(label, kind)
        self.report_kind.currentIndexChanged.connect(lambda: self.report_table.filter(self.report_kind.currentData()))
        self.skip_invalid = QCheckBox(self.tr("Skip the rows with problems and import the others"))
        self.skip_invalid.toggled.connect(self._update_buttons)
        show = QHBoxLayout()
        show.addWidget(QLabel(self.tr("Show")))
        show.addWidget(self.report_kind)
        show.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.report_summary)
        layout.addLayout(show)
        layout.addWidget(self.report_table, 1)
        layout.addWidget(self.skip_invalid)
        return page

    def show_plan(self, plan) -> None:
        self.plan = plan
        bad = len(plan.rows) - len(plan.valid_rows)
        new, updated, unchanged = plan.counts()
        finished = sum(1 for r in plan.valid_rows if r.lands_finished)
        lines = [self.tr("共读取 %1 行数据: 新增 %2 条 / 更新 %3 条 / 无变化 %4 条, %5 with problems; %6 rows skipped "
                         "(not entries).")
                 .replace("%1", str(len(plan.rows))).replace("%2", str(new)).replace("%3", str(updated))
                 .replace("%4", str(unchanged)).replace("%5", str(bad)).replace("%6", str(len(plan.skipped)))]
        if finished:
            lines.append(self.tr("%1 rows the sheet calls finished land as 已销号, with the import as their 销号 "
                                 "record (no reviewer is named).").replace("%1", str(finished)))
        if updated:
            lines.append(self.tr("Rows whose 问题编号 is already in the ledger update that entry; "
                                 "they never become a second copy."))
        if not plan.has_changes and not bad:
            lines.append(self.tr("The sheet matches the ledger: there is nothing to import."))
        lines += plan.notes
        for kind, label in (("department", self.tr("Departments not here yet")),
                            ("person", self.tr("People not here yet")),
                            ("task_force", self.tr("Task forces not here yet"))):
            if plan.missing.get(kind):
                lines.append(f"{label}：{'、'.join(sorted(plan.missing[kind]))}")
        self.report_summary.setText("\n".join(lines))
        self.report_table.show_plan(plan, self.report_kind.currentData() or "")
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
        from desk_app.exchange.xlsx_import import read_sheet  # noqa: PLC0415

        path, sheet, header = self.path.text(), self.sheet.currentData(), self.header_row.value() or None

        def done(content):
            self.show_content(content)
            self.steps.setCurrentIndex(1)
            self._update_buttons()

        self.task = run_exchange_task(self, self.tr("Reading the sheet…"),
                                      lambda progress: read_sheet(path, sheet, header_row=header, progress=progress),
                                      done)

    def ensure_campaign(self) -> bool:
        """With no campaign in the folder, ask for the one to create (its year guessed from the sheet's title).
        It is made together with the rows, so a refused or cancelled import leaves no empty campaign."""
        if self.state.campaign_id is not None or self.new_campaign is not None:
            return True
        dialog = NewCampaignDialog(self.content.block.title_year or context.today().year, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.new_campaign = (dialog.name.text().strip(), dialog.year.value())
        return True

    def options(self) -> ImportOptions:
        return ImportOptions(sheet=self.content.name, mapping=self.mapping(), default_kind=self.kind.currentData(),
                             default_layer=self.layer.currentData(), create_missing=self.create_missing.isChecked(),
                             campaign_id=self.state.campaign_id, header_row=self.header_row.value() or None)

    def check_rows(self) -> None:
        from desk_app.exchange.xlsx_import import plan_import  # noqa: PLC0415

        if not self.ensure_campaign():
            return
        from desk_app.exchange.xlsx_apply import plan_into_new_campaign  # noqa: PLC0415

        path, content, options, new_campaign = self.path.text(), self.content, self.options(), self.new_campaign

        def plan(progress):
            if new_campaign is None:
                return plan_import(path, options, content=content, progress=progress)
            return plan_into_new_campaign(path, options, new_campaign, content=content, progress=progress)

        self.task = run_exchange_task(self, self.tr("Checking every row…"), plan, self.show_plan)

    def accept_import(self) -> None:
        from desk_app.exchange.xlsx_apply import apply_import  # noqa: PLC0415

        plan, skip, new_campaign = self.plan, self.skip_invalid.isChecked(), self.new_campaign
        self.task = run_exchange_task(self, self.tr("Importing…"),
                                      lambda progress: apply_import(plan, skip_invalid=skip, progress=progress,
                                                                    new_campaign=new_campaign),
                                      self._imported)

    def _imported(self, result) -> None:
        QMessageBox.information(self, self.windowTitle(), result.text())
        if self.new_campaign is not None:
            self.state.reload_campaign()
        self.state.data_changed.emit()
        self.accept()

    def keyPressEvent(self, event):  # noqa: N802 - Qt override: Enter goes forward like a wizard
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.next.isEnabled():
            self.go_next()
            return
        super().keyPressEvent(event)
