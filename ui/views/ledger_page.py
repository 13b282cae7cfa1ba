"""整改台账: the page a clerk lives in. Table over SQL, filters, search, side panel, preview, undo."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QSettings, QSize, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.services import ledger_columns, org, settings, undo_history
from desk_app.services.ledger_query import LedgerFilter
from ui.models.ledger_table_model import ENTRY_ID_ROLE, LedgerTableModel, table_default_keys

from . import measure_rows_view
from .ledger_actions import LedgerActions
from .ledger_empty import EmptyPlaceholder
from .ledger_filter_bar import LedgerFilterBar
from .ledger_preview import LedgerPreview
from .ledger_side_panel import LedgerSidePanel
from .print_actions import add_ledger_print_actions

SETTINGS_COLUMNS = "ledger/columns"
SETTINGS_WIDTHS = "ledger/column_widths"
SETTINGS_SPLITTER = "ledger/splitter"
PIXELS_PER_WIDTH_UNIT = 13  # ledger_columns widths are relative (made for paper); the table's own are below
# Columns whose every value must show in full (a clipped 主要业务经办人员 or date reads wrong): as wide as a sample.
FULL_WIDTH_SAMPLES = {"code": "ZG-2026-00000", "layer": "主要业务经办人员", "status": "推进中（逾期）",
                      "deadline": "2026年12月31日", "found_date": "2026年12月31日",
                      "completed_date": "2026年12月31日", "closed_date": "2026年12月31日", "kind": "问题整改"}
# Narrower than on paper so that 整改时限 and 状态 show at 1280 wide; long texts have tooltips and the preview.
TABLE_WIDTHS = {"description": 188, "owner": 64, "category": 96, "leader": 64, "responsible": 64,
                "department": 110, "target": 200, "measures": 260}


class ScopeLabel(QLabel):
    """The list's name, shortened with … when the toolbar beside it needs the room."""

    def __init__(self):
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(60)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self):  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 8, super().sizeHint().height())

    def resizeEvent(self, event):  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


class LedgerPage(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Ledger"))
        self.undo_stack = QUndoStack(self)
        self._undo_generation = undo_history.generation()
        self.undo_note = QLabel()
        self.undo_note.setObjectName("ledger_undo_note")
        self.undo_note.setStyleSheet("color: #6d4c41;")
        self.undo_stack.indexChanged.connect(self._undo_index_changed)
        self._setting_widths = False
        self.model = LedgerTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("ledger_table")
        self.table.setModel(self.model)
        self.placeholder = EmptyPlaceholder(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # set with the columns
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.verticalHeader().setMinimumWidth(44)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sectionMoved.connect(self._column_moved)
        header.sectionResized.connect(self._column_resized)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self._sort_indicator = (-1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda *_: self.actions.edit())
        self.filter_bar = LedgerFilterBar(self)
        self.filter_bar.changed.connect(self.apply_filter)
        self.side = LedgerSidePanel(self)
        self.side.scope_chosen.connect(self._scope_chosen)
        self.side.view_chosen.connect(self.open_view)
        self.preview = LedgerPreview(self)
        self.status_label = QLabel()
        self.status_label.setObjectName("ledger_status")
        self.scope_label = ScopeLabel()
        self.scope_label.setObjectName("ledger_scope")
        font = self.scope_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.scope_label.setFont(font)
        self.model.summary_changed.connect(lambda *_: self._update_status())
        self.actions = LedgerActions(self)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.actions.context_menu)
        self.nested_rows = measure_rows_view.attach(self)  # a task's measures expand under it (issue 15)
        self._build_layout()
        self.print_button, self.export_pdf_button = add_ledger_print_actions(None, self)  # placed first below
        self.actions.put_first([self.print_button, self.export_pdf_button])
        self._campaign_loaded = None
        self._writing = False
        self.state.data_changed.connect(self._data_changed_elsewhere)
        self.state.campaign_changed.connect(lambda *_: self.refresh())
        self._restore_columns()
        self._scope_name = self.tr("All entries")
        self.filter_bar.set_filter(LedgerFilter())

    def _build_layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.scope_label, 1)  # gives way: the toolbar keeps its full width
        head.addWidget(self.actions.toolbar)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(head)
        right_layout.addWidget(self.filter_bar)
        self.table_split = QSplitter(Qt.Orientation.Vertical)
        self.table_split.addWidget(self.table)
        self.table_split.addWidget(self.preview)
        self.table_split.setStretchFactor(0, 4)
        self.table_split.setStretchFactor(1, 1)
        self.table_split.setSizes([560, 170])
        right_layout.addWidget(self.table_split, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.undo_note)
        right_layout.addLayout(bottom)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.side)
        self.split.addWidget(right)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([210, 1000])
        saved = QSettings().value(SETTINGS_SPLITTER)
        if saved is not None:
            self.split.restoreState(saved)
        self.split.splitterMoved.connect(lambda *_: QSettings().setValue(SETTINGS_SPLITTER, self.split.saveState()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.split)

    # -- the API other pages use -------------------------------------------------------------
    def refresh(self) -> None:
        """Called when the page is shown: pickers and counts may have changed elsewhere."""
        self.forget_undo_if_needed()
        campaign_id = self.state.campaign_id
        self.filter_bar.load_choices(campaign_id)
        self.filter_bar.me_id = self._me_id()
        self.side.load(campaign_id)
        self._campaign_loaded = campaign_id
        self.apply_filter()

    def show_filter(self, f: LedgerFilter) -> None:
        """Open the ledger with a filter (首页's cards, the people list, other pages)."""
        if self._campaign_loaded != self.state.campaign_id:
            self.refresh()
        self._scope_name = self.tr("Filtered list")
        if f.owner_ids and len(f.owner_ids) == 1:
            self.side.select_person(f.owner_ids[0])
        self.filter_bar.set_filter(replace(f, campaign_id=None))

    def current_filter(self) -> LedgerFilter:
        """The filter in effect (campaign included): what print and export should use."""
        return replace(self.model.ledger_filter)

    def visible_column_keys(self) -> list[str]:
        """The ledger_columns keys shown, in the order the user sees them (light column excluded)."""
        header = self.table.horizontalHeader()
        keys = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if logical > 0 and not header.isSectionHidden(logical):
                keys.append(self.model.column_key(logical))
        return keys

    def sort_state(self) -> tuple[str, bool]:
        return self.model.sort_state()

    # -- filtering ---------------------------------------------------------------------------
    def apply_filter(self) -> None:
        f = self.filter_bar.filter()
        f.campaign_id = self.state.campaign_id
        self.model.set_filter(f)
        self.actions.update_enabled()
        if self.model.rowCount():  # the first row becomes current: the preview shows it (once, not blank first)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 1), QItemSelectionModel.SelectionFlag.NoUpdate)
        else:
            self.preview.show_entry(None)

    def _scope_chosen(self, scope: LedgerFilter, name: str) -> None:
        self._scope_name = name
        self.filter_bar.set_base(scope)

    def open_view(self, view) -> None:
        self._scope_name = view.name
        self.filter_bar.set_filter(replace(view.filter, campaign_id=None))
        if view.dispatch:
            self.actions.dispatch()

    def _me_id(self) -> int | None:
        clerk = settings.preferences().clerk_name
        people = org.find_people_by_name(clerk) if clerk else []
        return people[0].id if people else None

    def _update_status(self) -> None:
        s = self.model.summary
        if s is None:
            return
        text = (self.tr("Total %1, overdue %2, completion rate %3%")
                .replace("%1", f"{s.total:,}").replace("%2", f"{s.overdue:,}")
                .replace("%3", f"{s.completion_rate * 100:.1f}"))
        if s.pending_close:
            text += "　" + self.tr("awaiting close review %1").replace("%1", str(s.pending_close))
        selected = len(self.table.selectionModel().selectedRows()) if self.table.selectionModel() else 0
        if selected > 1:
            text += "　" + self.tr("%1 selected").replace("%1", str(selected))
        self.status_label.setText(text)
        deleted = self.model.ledger_filter.deleted
        self.scope_label.set_full_text(self.tr("Recycle bin") if deleted else self._scope_name)

    # -- selection ---------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [i for i in (self.model.entry_id(r) for r in rows) if i is not None]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(self.model.index(index.row(), 0), ENTRY_ID_ROLE) if index.isValid() else None

    def _selection_changed(self, *_) -> None:
        self.preview.show_entry(self.current_id())
        self.actions.update_enabled()
        self._update_status()

    def select_entry(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 1))

    # -- after an edit -----------------------------------------------------------------------
    def forget_undo_if_needed(self) -> None:
        """After a change that cannot be undone (a 销号 step, an import, a restore …) older commands would
        step around it: clear the stack and say why."""
        generation = undo_history.generation()
        if generation == self._undo_generation:
            return
        self._undo_generation = generation
        if self.undo_stack.count():
            self.undo_stack.clear()
            self.undo_note.setText(self.tr("Undo history cleared: %1 cannot be undone.")
                                   .replace("%1", undo_history.last_reason()))

    def _undo_index_changed(self, _index: int) -> None:
        if self.undo_stack.count():  # a new step: the note about the cleared history is old news
            self.undo_note.clear()

    def after_change(self) -> None:
        """Re-read the rows and figures; tell the other pages (without reloading this one twice)."""
        self.forget_undo_if_needed()
        current = self.current_id()
        self.model.refresh_rows()
        if current is not None:
            self.select_entry(current)
        self.preview.show_entry(self.current_id())
        self.actions.update_enabled()
        self._writing = True
        try:
            self.state.data_changed.emit()
        finally:
            self._writing = False

    def _data_changed_elsewhere(self) -> None:
        if not self._writing:
            self.forget_undo_if_needed()
        if not self._writing and self.isVisible():
            self.model.refresh_rows()

    def _sort_indicator_changed(self, column: int, order) -> None:
        """Columns that cannot be sorted in the database keep the previous sort and its arrow."""
        header = self.table.horizontalHeader()
        if not self.model.sortable(column):
            header.blockSignals(True)
            header.setSortIndicator(*self._sort_indicator)
            header.blockSignals(False)
            return
        self._sort_indicator = (column, order)

    # -- columns -----------------------------------------------------------------------------
    def _restore_columns(self) -> None:
        stored = QSettings().value(SETTINGS_COLUMNS)
        keys = json.loads(stored) if isinstance(stored, str) and stored else None
        if keys == ledger_columns.default_column_keys():  # saved by earlier versions on every start, not chosen
            keys = None
        self.set_columns(keys or table_default_keys(), remember=bool(keys))

    def _default_width(self, key: str) -> int:
        column = ledger_columns.COLUMNS_BY_KEY[key]
        header = self.table.horizontalHeader().fontMetrics().horizontalAdvance(column.label) + (
            30 if column.sort_key else 16)  # room for the sort arrow
        if key in FULL_WIDTH_SAMPLES:
            return max(header, self.table.fontMetrics().horizontalAdvance(FULL_WIDTH_SAMPLES[key]) + 16)
        return max(header, TABLE_WIDTHS.get(key, int(column.width * PIXELS_PER_WIDTH_UNIT)))

    def _show_sort_indicator(self) -> None:
        """The arrow on the column the rows are sorted by (none if that column is not shown)."""
        key, descending = self.model.sort_state()
        keys = self.model.column_keys()
        sort_keys = [ledger_columns.COLUMNS_BY_KEY[k].sort_key for k in keys]
        column = sort_keys.index(key) + 1 if key in sort_keys else -1
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the rows are already in this order
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        self._sort_indicator = (column, order)

    def set_columns(self, keys: list[str], remember: bool = True) -> None:
        self.model.set_columns(keys)
        header = self.table.horizontalHeader()
        for logical in range(header.count()):
            if header.visualIndex(logical) != logical:
                header.moveSection(header.visualIndex(logical), logical)
        widths = self._stored_widths()
        self._setting_widths = True  # only widths the user drags are remembered, not our defaults
        self.table.setColumnWidth(0, 34)
        for i, key in enumerate(self.model.column_keys(), start=1):
            self.table.setColumnWidth(i, int(widths.get(key, self._default_width(key))))
        self._setting_widths = False
        self._show_sort_indicator()
        if remember:
            QSettings().setValue(SETTINGS_COLUMNS, json.dumps(self.model.column_keys()))

    def _stored_widths(self) -> dict:
        stored = QSettings().value(SETTINGS_WIDTHS)
        try:
            return json.loads(stored) if isinstance(stored, str) else {}
        except ValueError:
            return {}

    def _column_moved(self, *_) -> None:
        keys = self.visible_column_keys()
        self.table.horizontalHeader().blockSignals(True)
        self.set_columns(keys)
        self.table.horizontalHeader().blockSignals(False)

    def _column_resized(self, logical: int, _old: int, new: int) -> None:
        if self._setting_widths or logical == 0 or logical > len(self.model.column_keys()):
            return
        widths = self._stored_widths()
        widths[self.model.column_key(logical)] = new
        QSettings().setValue(SETTINGS_WIDTHS, json.dumps(widths))
