"""设置 › 回收站: deleted 台账事项, 专班, 会议 and 附件; restore them, or delete them for good."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import recycle_bin

from .history_placeholder import TableOrPlaceholder


class RecycleSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Recycle bin"))
        self.items: list[recycle_bin.DeletedItem] = []
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for key, label in ((k, self._kind_label(k)) for k in recycle_bin.KIND_LABELS):
            self.kind.addItem(label, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search code, name or file name"))
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Item"), self.tr("Details"),
                                              self.tr("Deleted at"), self.tr("Deleted by")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table_area = TableOrPlaceholder(self.table, self.tr("No records"))
        self.restore_button = QPushButton(self.tr("Restore selected"))
        self.purge_button = QPushButton(self.tr("Delete selected for good…"))
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Kind:")))
        top.addWidget(self.kind)
        top.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table_area, 1)
        layout.addLayout(buttons)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda *_: self.restore_selected())
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.purge_selected)
        state.data_changed.connect(self.refresh)
        self.refresh()

    def _kind_label(self, kind: str) -> str:
        return {"ledger_entry": self.tr("Ledger entries"), "task_force": self.tr("Task forces"),
                "meeting": self.tr("Meetings"), "attachment": self.tr("Attachments")}[kind]

    def refresh(self, *_) -> None:
        self.items = recycle_bin.list_items(self.kind.currentData(), self.search.text())
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            values = (self._kind_label(item.kind), item.title, item.detail,
                      item.deleted_at.strftime("%Y-%m-%d %H:%M"), item.deleted_by)
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(3)
        self.summary.setText(self.tr("%1 items in the recycle bin").replace("%1", str(len(self.items))))
        filtered = bool(self.kind.currentData() or self.search.text().strip())
        self.table_area.set_text(self.tr("No matching records") if filtered else self.tr("No records"))
        self.table_area.update_state()
        self._update_buttons()

    def selected(self) -> list[recycle_bin.DeletedItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.items[r] for r in rows]

    def _update_buttons(self) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        self.restore_button.setEnabled(has)
        self.purge_button.setEnabled(has)

    def restore_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        try:
            count = recycle_bin.restore_items(chosen)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot restore"), exc.message)
            return
        self.state.data_changed.emit()
        self.summary.setText(self.tr("Restored %1 items").replace("%1", str(count)))

    def purge_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete for good"),
            self.tr("Delete %1 items for good? They cannot be restored from the recycle bin afterwards "
                    "(only from a backup).").replace("%1", str(len(chosen))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            recycle_bin.purge_items(chosen)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot delete"), exc.message)
            return
        self.state.data_changed.emit()

