"""The editor's tabs: dated progress updates, evidence files and the entry's history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import attachments, changelog, context, ledger, ledger_bulk, workflow

from .entry_fields import DateField, TextBox
from .ledger_empty import EmptyPlaceholder


def new_table(headers: list[str], widths: list[int]) -> QTableWidget:
    """A read-only list; `widths` are the columns' sizes while it is empty (then sized to the contents)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    table.placeholder = EmptyPlaceholder(table)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    # Rows sized to their text get a little air, like the ledger's own rows.
    table.verticalHeader().setMinimumSectionSize(table.fontMetrics().height() + 12)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


def table_item(text) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    item.setToolTip(item.text() if len(item.text()) > 20 else "")
    return item


class ProgressTab(QWidget):
    """Dated progress updates; a new one is added at the bottom (Ctrl+Enter)."""

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.entry_id = None
        self.table = new_table([self.tr("Date"), self.tr("Month"), self.tr("Progress"), self.tr("By")],
                            [100, 80, 400, 100])
        self.table.horizontalHeader().setStretchLastSection(False)  # 进展 takes the room, not 填报人
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.date = DateField(clearable=False)
        self.text = TextBox(3)
        self.text.setMaximumHeight(self.text.minimumHeight())  # the list above gets the room
        self.text.setPlaceholderText(self.tr("What was done (Ctrl+Enter adds it)"))
        self.add_button = QPushButton(self.tr("Add progress"))
        self.add_button.clicked.connect(self.add)
        self.add_button.setShortcut("Ctrl+Return")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Date:")))
        row.addWidget(self.date)
        row.addWidget(self.text, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def load(self, entry_id: int) -> None:
        self.entry_id = entry_id
        self.date.set_value(context.today())
        rows = workflow.progress_of(entry_id)
        self.table.setRowCount(len(rows))
        for i, p in enumerate(rows):
            for j, value in enumerate((p.date.isoformat(), p.month, p.text, p.author)):
                self.table.setItem(i, j, table_item(value))
        self.table.resizeRowsToContents()

    def add(self) -> None:
        if self.entry_id is None:
            return
        try:
            added = ledger_bulk.add_progress(self.entry_id, self.text.value(), self.date.value())
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot add progress"), exc.message)
            return
        self.text.clear()
        if self.editor.undo_push is not None:
            self.editor.undo_push("progress", added)
        if hasattr(self.editor, "rebase_after_own_write"):
            self.editor.rebase_after_own_write()  # its save must not take this for someone else's change
        self.load(self.entry_id)
        self.editor.history_tab.load(self.entry_id)


class AttachmentsTab(QWidget):
    """Evidence files: copied into the data folder, opened with the system's program, removed."""

    def __init__(self, editor):
        super().__init__(editor)
        self.entry_id = None
        self.table = new_table([self.tr("File"), self.tr("Size"), self.tr("Added by"), self.tr("Added at")],
                            [400, 90, 100, 140])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda *_: self.open_selected())
        self.add_button = QPushButton(self.tr("Add files…"))
        self.open_button = QPushButton(self.tr("Open"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.records = []

    def load(self, entry_id: int) -> None:
        self.entry_id = entry_id
        self.records = attachments.list_attachments(entry_id)
        self.table.setRowCount(len(self.records))
        for i, a in enumerate(self.records):
            size = f"{a.size / 1024:.0f} KB" if a.size < 1024 * 1024 else f"{a.size / 1024 / 1024:.1f} MB"
            for j, value in enumerate((a.file_name, size, a.added_by, a.added_at.strftime("%Y-%m-%d %H:%M"))):
                self.table.setItem(i, j, table_item(value))
        if self.records:  # an empty list keeps readable headers
            self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose evidence files"))
        self.add_files(files)

    def add_files(self, files: list[str]) -> None:
        for name in files:
            try:
                attachments.add_attachment(self.entry_id, Path(name))
            except DeskAppError as exc:
                QMessageBox.warning(self, self.tr("Cannot add the file"), exc.message)
        self.load(self.entry_id)

    def _selected(self):
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def open_selected(self) -> None:
        record = self._selected()
        if record is None:
            return
        try:
            # A fresh copy under a safe form of its name, in a folder of its own (never the store itself,
            # whose files have no extension; never a name from a package taken as a path).
            target = attachments.open_copy(record.id)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot open the file"), exc.message)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def remove_selected(self) -> None:
        record = self._selected()
        if record is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove attachment"),
                                      self.tr("Remove \"%1\" from this entry?").replace("%1", record.file_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            attachments.remove_attachment(record.id)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot remove the file"), exc.message)
        self.load(self.entry_id)


class HistoryTab(QWidget):
    """Every logged change of this entry, newest first."""

    def __init__(self, editor):
        super().__init__(editor)
        self.table = new_table([self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Field"),
                             self.tr("Before"), self.tr("After")], [130, 80, 70, 110, 300, 300])
        self.table.setVerticalScrollMode(QTableWidget.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def load(self, entry_id: int) -> None:
        rows = changelog.history("ledger_entry", entry_id, limit=500)
        actions = {"create": self.tr("created"), "update": self.tr("changed"), "delete": self.tr("deleted"),
                   "restore": self.tr("restored")}
        self.table.setRowCount(len(rows))
        for i, c in enumerate(rows):
            label = ledger.FIELD_LABELS.get(c.field, ledger.FIELD_LABELS.get(f"{c.field}_id", c.field))
            for j, value in enumerate((c.at.strftime("%Y-%m-%d %H:%M"), c.actor, actions.get(c.action, c.action),
                                       label, c.old, c.new)):
                self.table.setItem(i, j, table_item(value))
        if not rows:  # an empty list keeps readable headers
            return
        self.table.resizeColumnsToContents()
        for col in (4, 5):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 320))
        self.table.resizeRowsToContents()
