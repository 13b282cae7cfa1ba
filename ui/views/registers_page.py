"""制度与目标: the 制度清单 (rules revised, by area) and the 晋位升级目标 (one or two per section) — filter,
add, edit, delete with undo (Ctrl+Z), open the document, print and export to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.reports.options import PrintOptions
from desk_app.services import registers
from desk_app.services.ledger_query import LedgerFilter
from desk_app.services.registers import RULES, TARGETS

from .print_actions import add_print_actions, safe_file_name
from .registers_dialog import RegisterItemDialog

LATE = QColor("#c62828")
PRINT_KIND = {RULES: "rules", TARGETS: "targets"}


class RegisterTab(QWidget):
    def __init__(self, state, register: str, parent=None):
        super().__init__(parent)
        self.state, self.register = state, register
        self.spec = registers.spec(register)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search title, content, area, document number…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda *_: self.refresh())
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), "")
        for s in self.spec.statuses:
            self.status.addItem(s, s)
        self.status.currentIndexChanged.connect(lambda *_: self.refresh())
        add = QPushButton(self.tr("New…"))
        add.setObjectName(f"{PRINT_KIND[register]}_new")
        add.clicked.connect(self.add)
        edit = QPushButton(self.tr("Edit…"))
        edit.clicked.connect(self.edit)
        delete = QPushButton(self.tr("Delete"))
        delete.clicked.connect(self.delete)
        self.undo_button = QPushButton(self.tr("Undo delete"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_delete)
        open_doc = QPushButton(self.tr("Open document"))
        open_doc.clicked.connect(self.open_document)
        export = QPushButton(self.tr("Export Excel…"))
        export.clicked.connect(lambda: self.export())
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.status)
        for button in (add, edit, delete, self.undo_button, open_doc):
            bar.addWidget(button)
        bar.addStretch(1)
        add_print_actions(bar, self, self.print_options, [PRINT_KIND[register]])
        bar.addWidget(export)
        self.summary = QLabel()
        self.summary.setObjectName(f"{PRINT_KIND[register]}_summary")
        self.summary.setWordWrap(True)
        self.columns = self._columns()
        self.table = QTableWidget(0, len(self.columns))
        self.table.setObjectName(f"{PRINT_KIND[register]}_table")
        self.table.setHorizontalHeaderLabels([label for label, _ in self.columns])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.cellDoubleClicked.connect(lambda *_: self.edit())
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.activated.connect(self.undo_delete)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        remove.activated.connect(self.delete)
        self.items: list[registers.ItemRecord] = []
        self.deleted: list[int] = []

    def _columns(self):
        s = self.spec
        tail = [(self.tr("Responsible"), lambda i: i.owner_name), (self.tr("Status"), lambda i: i.status),
                (s.due_label, lambda i: str(i.due_on or "")), (s.done_label, lambda i: str(i.done_on or "")),
                (self.tr("Document number"), lambda i: i.doc_number)]
        if self.register == RULES:
            return [(s.area_label, lambda i: i.area), (s.title_label, lambda i: i.title),
                    (s.action_label, lambda i: i.action), (self.tr("Department"), lambda i: i.department_name), *tail]
        return [(self.tr("Department"), lambda i: i.department_name), (s.title_label, lambda i: i.title),
                (s.area_label, lambda i: i.area), (s.content_label, lambda i: i.content), *tail]

    def current(self) -> registers.ItemRecord | None:
        n = self.table.currentRow()
        return self.items[n] if 0 <= n < len(self.items) else None

    def refresh(self, select: int | None = None) -> None:
        campaign_id = self.state.campaign_id
        if campaign_id is None:
            self.items = []
        else:
            self.items = registers.list_items(campaign_id, self.register, status=self.status.currentData() or "",
                                              text=self.search.text())
        keep = select if select is not None else (self.current().id if self.current() else None)
        self.table.setRowCount(len(self.items))
        for n, item in enumerate(self.items):
            for c, (_label, get) in enumerate(self.columns):
                cell = QTableWidgetItem(get(item) or "")
                if item.overdue and c in (len(self.columns) - 3, len(self.columns) - 4):
                    cell.setForeground(QBrush(LATE))
                self.table.setItem(n, c, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        row = next((n for n, i in enumerate(self.items) if i.id == keep), -1)
        if row >= 0:
            self.table.selectRow(row)
        self._summary(campaign_id)

    def _summary(self, campaign_id: int | None) -> None:
        if campaign_id is None:
            self.summary.setText("")
            return
        s = registers.summary(campaign_id, self.register)
        counts = "，".join(f"{k} {v}" for k, v in s.by_status.items() if v)
        text = self.tr("%1 rows (%2); %3 past their date.").replace("%1", str(s.total)).replace("%2", counts or "—") \
            .replace("%3", str(s.overdue))
        if self.register == RULES:
            text = self.tr("%1 areas. ").replace("%1", str(len([a for a in s.by_area if a != "（未填）"]))) + text
        if s.sections_without:
            text += " " + self.tr("No target yet: %1.").replace("%1", "、".join(s.sections_without))
        if s.sections_over:
            text += " " + self.tr("More than two targets: %1.").replace("%1", "、".join(s.sections_over))
        self.summary.setText(text)

    def add(self) -> None:
        if self.state.campaign_id is None:
            return
        dialog = RegisterItemDialog(self.state.campaign_id, self.register, parent=self)
        if dialog.exec():
            self.state.data_changed.emit()
            self.refresh(select=dialog.result_record.id)

    def edit(self) -> None:
        item = self.current()
        if item is None:
            return
        dialog = RegisterItemDialog(self.state.campaign_id, self.register, item, self)
        if dialog.exec():
            self.state.data_changed.emit()
            self.refresh(select=item.id)

    def delete(self) -> None:
        item = self.current()
        if item is None:
            return
        registers.delete_item(item.id)
        self.deleted.append(item.id)
        self.undo_button.setEnabled(True)
        self.state.data_changed.emit()
        self.refresh()

    def undo_delete(self) -> None:
        if not self.deleted:
            return
        item_id = self.deleted.pop()
        try:
            registers.restore_item(item_id)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Undo delete"), exc.message)
        self.undo_button.setEnabled(bool(self.deleted))
        self.state.data_changed.emit()
        self.refresh(select=item_id)

    def open_document(self) -> None:
        item = self.current()
        if item is None:
            return
        link = item.doc_link.strip()
        if not link:
            QMessageBox.information(self, self.tr("Open document"), self.tr("No document is linked to this row."))
            return
        url = QUrl(link) if "://" in link else QUrl.fromLocalFile(link)
        if url.isLocalFile() and not Path(url.toLocalFile()).exists():
            QMessageBox.warning(self, self.tr("Open document"),
                                self.tr("The file %1 is not there (moved, or on a drive not connected). "
                                        "Edit the row to link it again.").replace("%1", link))
            return
        QDesktopServices.openUrl(url)

    def print_options(self) -> PrintOptions | None:
        if self.state.campaign_id is None:
            return None
        return PrintOptions(filter=LedgerFilter(campaign_id=self.state.campaign_id))

    def export(self, target: Path | None = None) -> Path | None:
        from desk_app.exchange.register_xlsx import export_register  # noqa: PLC0415

        if self.state.campaign_id is None:
            return None
        if target is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export Excel"),
                                                    str(Path(folder) / f"{safe_file_name(self.register)}.xlsx"),
                                                    "Excel (*.xlsx)")
            if not chosen:
                return None
            target = Path(chosen)
        try:
            return export_register(self.state.campaign_id, self.register, target)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Export Excel"), exc.message)
            return None


class RegistersPage(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Rules and targets"))
        heading = QLabel(self.tr("Rules and targets"))
        font = heading.font()
        font.setPointSizeF(14)
        font.setBold(True)
        heading.setFont(font)
        self.rules = RegisterTab(state, RULES, self)
        self.targets = RegisterTab(state, TARGETS, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.rules, self.tr("Rules register"))
        self.tabs.addTab(self.targets, self.tr("Promotion targets"))
        self.tabs.currentChanged.connect(lambda *_: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        state.campaign_changed.connect(lambda *_: self.refresh() if self.isVisible() else None)

    def refresh(self) -> None:
        self.tabs.currentWidget().refresh()

