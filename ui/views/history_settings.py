"""设置 › 修改记录: the ChangeLog with filters (kind, person, dates, one entry), loaded page by page."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import context, history

from .date_field import DateField
from .history_placeholder import TableOrPlaceholder

PAGE = 200


class HistoryModel(QAbstractTableModel):
    """Rows arrive PAGE at a time as the view scrolls (canFetchMore / fetchMore)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[history.HistoryRow] = []
        self.filter = history.HistoryFilter()
        self.total = 0
        self.headers = [self.tr("Time"), self.tr("Who"), self.tr("Kind"), self.tr("Item"), self.tr("Action"),
                        self.tr("Field"), self.tr("Before"), self.tr("After")]

    def set_filter(self, flt: history.HistoryFilter) -> None:
        self.beginResetModel()
        self.filter = flt
        self.total = history.count(flt)
        self.rows = history.page(flt, 0, PAGE)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()):  # noqa: N802 - Qt API
        more = history.page(self.filter, len(self.rows), PAGE)
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()
        else:
            self.total = len(self.rows)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            subject = row.subject or self.tr("record %1").replace("%1", str(row.entity_id))
            values = (row.at.strftime("%Y-%m-%d %H:%M:%S"), row.actor_label or row.actor, row.entity_label,
                      subject, row.action_label, row.field_label, row.old, row.new)
            text = values[index.column()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() >= 6:
                text = text.replace("\n", " ")
                return text if len(text) <= 80 else text[:80] + "…"
            return text
        return None


class HistorySettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Change history"))
        self.entity = QComboBox()
        self.actor = QComboBox()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Entry code, e.g. ZG-2026-0001"))
        self.code.setClearButtonEnabled(True)
        self.use_since = QCheckBox(self.tr("From"))
        self.since = DateField(clearable=False)
        self.since.set_value(context.today() - timedelta(days=30))
        self.use_until = QCheckBox(self.tr("To"))
        self.until = DateField(clearable=False)
        for edit, box in ((self.since, self.use_since), (self.until, self.use_until)):
            edit.dateChanged.connect(lambda box=box: box.setChecked(True))  # a typed date means "use it"
        self.search = QPushButton(self.tr("Search"))
        self.search.setDefault(True)
        self.clear = QPushButton(self.tr("Clear filters"))
        self.summary = QLabel()

        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((150, 200, 80, 150, 120, 130, 220)):
            self.table.setColumnWidth(column, width)
        self.table_area = TableOrPlaceholder(self.table, self.tr("No records"))

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Kind:")))
        filters.addWidget(self.entity)
        filters.addWidget(QLabel(self.tr("Person:")))
        filters.addWidget(self.actor)
        filters.addWidget(self.code, 1)
        filters.addWidget(self.use_since)
        filters.addWidget(self.since)
        filters.addWidget(self.use_until)
        filters.addWidget(self.until)
        filters.addWidget(self.search)
        filters.addWidget(self.clear)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table_area, 1)
        layout.addWidget(self.summary)

        self.search.clicked.connect(self.apply_filter)
        self.code.returnPressed.connect(self.apply_filter)
        self.clear.clicked.connect(self.clear_filters)
        self.entity.activated.connect(self.apply_filter)
        self.actor.activated.connect(self.apply_filter)
        self.use_since.toggled.connect(self.apply_filter)
        self.use_until.toggled.connect(self.apply_filter)
        self.since.dateChanged.connect(lambda *_: self.use_since.isChecked() and self.apply_filter())
        self.until.dateChanged.connect(lambda *_: self.use_until.isChecked() and self.apply_filter())
        self._fill_choices()
        self.apply_filter()

    def _fill_choices(self) -> None:
        for combo, items in ((self.entity, history.entities()), (self.actor, history.actor_choices())):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("All"), None)
            for key, label in items:
                combo.addItem(label, key)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> history.HistoryFilter:
        entity, entity_id = self.entity.currentData(), None
        code = self.code.text().strip()
        if code:
            entity, entity_id = "ledger_entry", history.find_entry_id(code)
            if entity_id is None:
                entity_id = -1  # no such entry: show nothing rather than everything
        return history.HistoryFilter(
            entity=entity, entity_id=entity_id, actor=self.actor.currentData(),
            since=self.since.value() if self.use_since.isChecked() else None,
            until=self.until.value() if self.use_until.isChecked() else None)

    def apply_filter(self, *_) -> None:
        try:
            flt = self.current_filter()
        except DeskAppError as exc:  # a date that is no date: say so where the count goes
            self.summary.setText(exc.message)
            return
        self.model.set_filter(flt)
        filtered = flt != history.HistoryFilter()
        self.table_area.set_text(self.tr("No matching records") if filtered else self.tr("No records"))
        self.summary.setText(self.tr("%1 changes").replace("%1", str(self.model.total)))

    def clear_filters(self) -> None:
        self.entity.setCurrentIndex(0)
        self.actor.setCurrentIndex(0)
        self.code.clear()
        self.use_since.setChecked(False)
        self.use_until.setChecked(False)
        self.apply_filter()

    def show_entry(self, code: str) -> None:
        """Per-entry history: what happened to one 台账事项."""
        self.code.setText(code)
        self.apply_filter()

    def refresh(self) -> None:
        self._fill_choices()
        self.apply_filter()
