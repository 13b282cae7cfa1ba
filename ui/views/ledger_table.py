"""The ledger's table view as a spreadsheet clerk expects it: columns chosen, ordered, sized and remembered;
a header that sorts (Shift+click for further levels) and filters (▾); 编号 and 问题 frozen at the left while
the rest scrolls sideways (序号 is the row header); an optional wrap-text row mode; search hits
highlighted (ledger_cells)."""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QStyledItemDelegate, QTableView

from desk_app.services import ledger_columns
from ui.models.ledger_table_columns import table_default_keys

from . import ledger_cells
from .ledger_cells import HighlightDelegate
from .ledger_header import LedgerHeader
from .ledger_plain_cells import NARROW_CHARACTERS

SETTINGS_COLUMNS = "ledger/columns"
SETTINGS_WIDTHS = "ledger/column_widths"
SETTINGS_FROZEN = "ledger/frozen"
SETTINGS_WRAP = "ledger/wrap"
PIXELS_PER_WIDTH_UNIT = 13  # ledger_columns widths are relative (made for paper); the table's own are below
# Columns whose every value must show in full (a clipped 主要业务经办人员 or date reads wrong): as wide as a sample.
FULL_WIDTH_SAMPLES = {"code": "ZG-2026-00000", "layer": "主要业务经办人员", "status": "推进中（逾期）",
                      "deadline": "2026年12月31日", "found_date": "2026年12月31日",
                      "completed_date": "2026年12月31日", "closed_date": "2026年12月31日", "kind": "问题整改"}
# Narrower than on paper so that 整改时限 and 状态 show at 1280 wide; long texts have tooltips and the preview.
TABLE_WIDTHS = {"description": 188, "owner": 64, "category": 96, "leader": 64, "responsible": 64,
                "department": 110, "target": 200, "measures": 260, "latest_progress": 220}
EDGE_WIDTH, EDGE_COLOR = 2, QColor("#90a4ae")  # the line between the frozen columns and the rest
FROZEN_KEYS = ("code", "description")  # 编号 and 问题 stay in view (with the light and 序号)
WRAP_LINES = 3


def frozen_first(keys: list[str]) -> list[str]:
    """The columns with the frozen ones (编号, 问题) moved to the front, where they stay in view."""
    return [k for k in FROZEN_KEYS if k in keys] + [k for k in keys if k not in FROZEN_KEYS]


def _bool_setting(name: str, default: bool) -> bool:
    value = QSettings().value(name)
    return default if value is None else str(value).lower() in ("true", "1")


def _style_table(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
    header = view.horizontalHeader()
    header.setSectionsClickable(True)  # a header set by setHorizontalHeader is not clickable by default
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class FrozenColumns(QTableView):
    """A second view over the same model and selection, showing only the frozen columns, laid over the
    table's left edge; it scrolls up and down with the table, never sideways."""

    def __init__(self, table: LedgerTable):
        super().__init__(table)
        self.table = table
        self.setObjectName("ledger_frozen")
        self.setHorizontalHeader(LedgerHeader(self))
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        _style_table(self)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Its right edge as a line of its own: a style sheet here would draw every cell of both views through
        # Qt's style-sheet style (the table repaints the part it lies over), which halves painting speed.
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportMargins(0, 0, EDGE_WIDTH, 0)
        self.edge = QFrame(self)
        self.edge.setObjectName("ledger_frozen_edge")
        self.edge.setAutoFillBackground(True)
        palette = self.edge.palette()
        palette.setColor(QPalette.ColorRole.Window, EDGE_COLOR)
        self.edge.setPalette(palette)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.viewport().stackUnder(self)
        # Qt's own delegate draws these cells until the table's can draw them from kept layouts (ledger_cells.warm_up,
        # after the first paint) or a search marks hits: before that, no call into Python for each cell painted.
        self.plain_delegate = QStyledItemDelegate(self)
        self.setItemDelegate(self.plain_delegate)
        table.delegate.on_search = lambda _searching: (table.pick_delegate(), self._pick_delegate())
        table.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.horizontalHeader().sectionResized.connect(lambda *_: self.sync())
        table.verticalHeader().sectionResized.connect(lambda row, _o, new: self.setRowHeight(row, new))
        self.doubleClicked.connect(table.doubleClicked)
        self.customContextMenuRequested.connect(
            lambda pos: table.customContextMenuRequested.emit(table.viewport().mapFromGlobal(self.mapToGlobal(pos))))
        self.horizontalHeader().sectionClicked.connect(table.header_clicked)

    def _pick_delegate(self) -> None:
        wanted = self.table.delegate if self.table.delegate.terms or ledger_cells.is_warm() else self.plain_delegate
        if self.itemDelegate() is not wanted:
            self.setItemDelegate(wanted)

    def paintEvent(self, event):  # noqa: N802 - Qt override: the delegate changes once the layouts can be kept
        if self.itemDelegate() is self.plain_delegate:
            self._pick_delegate()
        super().paintEvent(event)

    def frozen_columns(self) -> list[int]:
        keys = self.table.model().column_keys()
        return [0, *(1 + keys.index(k) for k in FROZEN_KEYS if k in keys)]

    def sync(self) -> None:
        """Columns, widths, row height and place: after the table's columns or sizes change."""
        model = self.table.model()
        frozen = set(self.frozen_columns())
        # Only what changed: the table calls this on every layout pass (each filter change), and each change
        # here lays this view out again.
        for column in range(model.columnCount()):
            if self.isColumnHidden(column) != (column not in frozen):
                self.setColumnHidden(column, column not in frozen)
            if column in frozen and self.columnWidth(column) != self.table.columnWidth(column):
                self.setColumnWidth(column, self.table.columnWidth(column))
        if self.verticalHeader().defaultSectionSize() != self.table.verticalHeader().defaultSectionSize():
            self.verticalHeader().setDefaultSectionSize(self.table.verticalHeader().defaultSectionSize())
        if self.wordWrap() != self.table.wordWrap():
            self.setWordWrap(self.table.wordWrap())
        header_height = self.table.horizontalHeader().height()
        if (self.horizontalHeader().minimumHeight(), self.horizontalHeader().maximumHeight()) != (header_height,) * 2:
            self.horizontalHeader().setFixedHeight(header_height)
        width = sum(self.table.columnWidth(c) for c in frozen)
        frame = self.table.frameWidth()
        place = QRect(self.table.verticalHeader().width() + frame, frame, width,
                      self.table.viewport().height() + self.table.horizontalHeader().height())
        if self.geometry() != place:
            self.setGeometry(place)
        self.edge.setGeometry(width - EDGE_WIDTH, 0, EDGE_WIDTH, self.height())
        self.verticalScrollBar().setValue(self.table.verticalScrollBar().value())


class RowNumbers(QHeaderView):
    """The row numbers (序号). Qt works its width out from the labels of the first and the last hundred rows, and
    does so again after every model reset, i.e. every filter change: some 800 calls of the model's headerData and
    4 ms each time. The labels are the row numbers, so the answer depends only on how many digits the last one
    has (and on the font and style): it is kept per digit count."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as QTableView sets up its own row header
        self.setHighlightSections(True)
        self._hints: dict[int, QSize] = {}

    def sizeHint(self):  # noqa: N802 - Qt override
        digits = len(str(self.count()))
        hint = self._hints.get(digits)
        if hint is None:
            hint = self._hints[digits] = super().sizeHint()
        return hint

    def changeEvent(self, event):  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hints.clear()
        super().changeEvent(event)


class LedgerTable(QTableView):
    """The table; `page` gets the column filter and sort requests."""

    def __init__(self, page, model):
        super().__init__(page)
        self.page = page
        self.setObjectName("ledger_table")
        self.header = LedgerHeader(self)
        self.setHorizontalHeader(self.header)
        self.setVerticalHeader(RowNumbers(self))
        self.setModel(model)
        _style_table(self)
        self.delegate = HighlightDelegate(self)
        self.delegate.model = model
        # Like the frozen columns: Qt's own delegate draws the first page (no call into Python for each cell painted
        # before the layout types are loaded), the marking one from kept layouts once warm or while a search is on.
        self.plain_delegate = QStyledItemDelegate(self)
        self.setItemDelegate(self.plain_delegate)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Always there, as in Excel: a bar that came with long lists and went with short ones resized the
        # view on such filter changes, which lays out and repaints the table, its header and frozen columns.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # set with the columns
        self.setSortingEnabled(True)
        self.line_height = self.fontMetrics().height()
        self.verticalHeader().setDefaultSectionSize(self.line_height + 12)
        self.verticalHeader().setMinimumWidth(44)
        self._row_digits = 0  # the most digits a row number has had (_hold_row_header_width)
        model.modelReset.connect(self._hold_row_header_width)
        self.header.setSectionsMovable(True)
        self.header.sectionMoved.connect(self._column_moved)
        self.header.sectionResized.connect(self._column_resized)
        self.header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self._sort_indicator = (-1, Qt.SortOrder.AscendingOrder)
        self._setting_widths = False
        self.frozen = FrozenColumns(self)
        for header in (self.header, self.frozen.horizontalHeader()):
            header.filterable = self._filterable
            header.is_filtered = self._is_filtered
            header.filter_clicked.connect(self._filter_clicked)
            header.sort_level_added.connect(self._sort_level_added)
        self.freeze_on = _bool_setting(SETTINGS_FROZEN, True)
        self.set_wrap(_bool_setting(SETTINGS_WRAP, False), remember=False)

    def pick_delegate(self) -> None:
        wanted = self.delegate if self.delegate.terms or ledger_cells.is_warm() else self.plain_delegate
        if self.itemDelegate() is not wanted:
            self.setItemDelegate(wanted)

    def paintEvent(self, event):  # noqa: N802 - Qt override: the delegate changes once the layouts can be kept
        if self.itemDelegate() is self.plain_delegate:
            self.pick_delegate()
        super().paintEvent(event)

    # -- frozen columns and wrapping ------------------------------------------------------------
    def resizeEvent(self, event):  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.frozen.sync()

    def updateGeometries(self):  # noqa: N802 - Qt override: the row header's width changes with the row count
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self.frozen.sync()

    def _hold_row_header_width(self) -> None:
        """The row numbers' column keeps the widest it has been: as wide as 100,000 needs it stays when a filter
        lists 48,177 or 8 entries, so a filter change does not resize the table, move the frozen columns and lay
        out and repaint everything around them."""
        digits = len(str(self.model().rowCount()))
        if digits <= self._row_digits:  # asking the header for its width reads a thousand row numbers
            return
        self._row_digits = digits
        header = self.verticalHeader()
        width = header.sizeHint().width()
        if width > header.minimumWidth():
            header.setMinimumWidth(width)

    def set_freeze(self, on: bool) -> None:
        self.freeze_on = on
        QSettings().setValue(SETTINGS_FROZEN, on)
        self.set_columns(self.model().column_keys())

    def set_wrap(self, on: bool, remember: bool = True) -> None:
        """Wrap-text rows: each row three lines high, long texts wrapped (a fixed height keeps 100,000 rows fast)."""
        self.setWordWrap(on)
        self._update_paint_limits()
        self.verticalHeader().setDefaultSectionSize(self.line_height * (WRAP_LINES if on else 1) + 12)
        if remember:
            QSettings().setValue(SETTINGS_WRAP, on)
        self.frozen.sync()

    # -- header: filters and sorting -----------------------------------------------------------
    def _key(self, logical: int) -> str:
        return self.model().column_key(logical)

    def _filterable(self, logical: int) -> bool:
        from .ledger_column_filter import filterable  # noqa: PLC0415 - a cycle through the page

        return logical > 0 and filterable(self._key(logical))

    def _is_filtered(self, logical: int) -> bool:
        from .ledger_column_filter import is_filtered  # noqa: PLC0415

        return logical > 0 and is_filtered(self._key(logical), self.model().filter_in_effect)  # the filter shown

    def _filter_clicked(self, logical: int, pos) -> None:
        from .ledger_column_filter import open_column_filter  # noqa: PLC0415

        self.column_popup = open_column_filter(self.page, self._key(logical), pos)

    def _sort_level_added(self, logical: int) -> None:
        key = self._key(logical)
        levels = self.model().sort_levels()
        known = dict(levels)
        sort_key = ledger_columns.COLUMNS_BY_KEY[key].sort_key if logical else "deadline"
        if sort_key is None or not self.model().sortable(logical):
            return
        if sort_key in known:  # Shift+click again: that level changes direction
            levels = [(k, (not d) if k == sort_key else d) for k, d in levels]
        else:
            levels.append((sort_key, False))
        self.model().set_sort_levels(levels)
        self.show_sort_indicator()

    def header_clicked(self, logical: int) -> None:
        """A click on the frozen part's header sorts like one on the table's."""
        order = Qt.SortOrder.AscendingOrder
        if self.header.sortIndicatorSection() == logical and self.header.sortIndicatorOrder() == order:
            order = Qt.SortOrder.DescendingOrder
        self.sortByColumn(logical, order)

    def sort_by(self, key: str, descending: bool, add: bool = False) -> None:
        sort_key = ledger_columns.COLUMNS_BY_KEY[key].sort_key
        if sort_key is None:
            return
        levels = self.model().sort_levels()
        if add:
            levels = [lv for lv in levels if lv[0] != sort_key] + [(sort_key, descending)]
        else:
            levels = [(sort_key, descending)]
        self.model().set_sort_levels(levels)
        self.show_sort_indicator()

    def _sort_indicator_changed(self, column: int, order) -> None:
        """Columns that cannot be sorted in the database keep the previous sort and its arrow."""
        if not self.model().sortable(column):
            self.header.blockSignals(True)
            self.header.setSortIndicator(*self._sort_indicator)
            self.header.blockSignals(False)
            return
        self._sort_indicator = (column, order)
        self._paint_levels()

    def show_sort_indicator(self) -> None:
        """The arrow on the first level's column (none if not shown), and the level numbers."""
        key, descending = self.model().sort_state()
        sort_keys = [ledger_columns.COLUMNS_BY_KEY[k].sort_key for k in self.model().column_keys()]
        column = sort_keys.index(key) + 1 if key in sort_keys else -1
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.header.blockSignals(True)  # the rows are already in this order
        self.header.setSortIndicator(column, order)
        self.header.blockSignals(False)
        self._sort_indicator = (column, order)
        self._paint_levels()

    def _paint_levels(self) -> None:
        sort_keys = [ledger_columns.COLUMNS_BY_KEY[k].sort_key for k in self.model().column_keys()]
        levels = {}
        for n, (key, desc) in enumerate(self.model().sort_levels(), start=1):
            if key in sort_keys:
                levels[sort_keys.index(key) + 1] = (n, desc)
        for header in (self.header, self.frozen.horizontalHeader()):
            header.sort_levels = levels
            header.viewport().update()

    # -- columns -------------------------------------------------------------------------------
    def visible_column_keys(self) -> list[str]:
        """The ledger_columns keys shown, in the order the user sees them (light column excluded)."""
        keys = []
        for visual in range(self.header.count()):
            logical = self.header.logicalIndex(visual)
            if logical > 0 and not self.header.isSectionHidden(logical):
                keys.append(self.model().column_key(logical))
        return keys

    def restore_columns(self) -> None:
        stored = QSettings().value(SETTINGS_COLUMNS)
        keys = json.loads(stored) if isinstance(stored, str) and stored else None
        if keys == ledger_columns.default_column_keys():  # saved by earlier versions on every start, not chosen
            keys = None
        self.set_columns(keys or table_default_keys(), remember=bool(keys))

    def default_width(self, key: str) -> int:
        column = ledger_columns.COLUMNS_BY_KEY[key]
        header = self.header.fontMetrics().horizontalAdvance(column.label) + (
            30 if column.sort_key else 16) + 14  # room for the sort arrow and the ▾
        if key in FULL_WIDTH_SAMPLES:
            return max(header, self.fontMetrics().horizontalAdvance(FULL_WIDTH_SAMPLES[key]) + 16)
        return max(header, TABLE_WIDTHS.get(key, int(column.width * PIXELS_PER_WIDTH_UNIT)))

    def set_columns(self, keys: list[str], remember: bool = True) -> None:
        if remember:
            QSettings().setValue(SETTINGS_COLUMNS, json.dumps(keys))
        if self.freeze_on:  # the frozen ones first, so the rest scrolls beside them
            keys = frozen_first(keys)
        self.model().set_columns(keys)
        for logical in range(self.header.count()):
            if self.header.visualIndex(logical) != logical:
                self.header.moveSection(self.header.visualIndex(logical), logical)
        widths = self._stored_widths()
        self._setting_widths = True  # only widths the user drags are remembered, not our defaults
        self.setColumnWidth(0, 34)
        for i, key in enumerate(self.model().column_keys(), start=1):
            self.setColumnWidth(i, int(widths.get(key, self.default_width(key))))
        self._setting_widths = False
        self.frozen.setVisible(self.freeze_on)
        self.frozen.sync()
        self.show_sort_indicator()
        self._update_paint_limits()

    def _update_paint_limits(self) -> None:
        """How many characters of a cell's text can show at its column's width (in as many lines as a row has):
        Qt lays out and shapes a cell's whole text on every paint only to cut it short with …, so the model hands
        the painting no more than that (the same … where the cell's width ends; data() keeps the whole text)."""
        metrics = self.fontMetrics()
        narrowest = max(1, min(metrics.horizontalAdvance(c) for c in NARROW_CHARACTERS))
        lines = WRAP_LINES if self.wordWrap() else 1
        self.model().set_paint_limits({c: self.columnWidth(c) * lines // narrowest + 2
                                       for c in range(self.model().columnCount())})

    def changeEvent(self, event):  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and hasattr(self, "frozen"):
            self._update_paint_limits()

    def _stored_widths(self) -> dict:
        stored = QSettings().value(SETTINGS_WIDTHS)
        try:
            return json.loads(stored) if isinstance(stored, str) else {}
        except ValueError:
            return {}

    def _column_moved(self, *_) -> None:
        keys = self.visible_column_keys()
        self.header.blockSignals(True)
        self.set_columns(keys)
        self.header.blockSignals(False)

    def _column_resized(self, logical: int, _old: int, new: int) -> None:
        self._update_paint_limits()
        if self._setting_widths or logical == 0 or logical > len(self.model().column_keys()):
            return
        widths = self._stored_widths()
        widths[self.model().column_key(logical)] = new
        QSettings().setValue(SETTINGS_WIDTHS, json.dumps(widths))
