"""The ledger as a Qt table model over SQL: filter, sort and count in the database, rows in pages.

rowCount is the real count of the filter (from ledger_summary: a tally and an index range, not a scan),
so the scroll bar covers every entry; rows are loaded a page at a time when the view asks for them and
only a few pages are kept (a windowed cache). A page that follows a loaded one continues from that
page's last sort key (keyset), so scrolling down never makes SQLite count past every row above; only a
jump into the middle of the list uses an offset.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from PySide6 import QtCore
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor

from desk_app.services import context, ledger_cache, ledger_columns, ledger_query, measures, settings
from desk_app.services.ledger_query import LedgerFilter

from . import measure_rows
from .ledger_cell_look import LIGHT_COLORS, light_icon, solid_brush, wrapped_tooltip
from .ledger_nested import (  # noqa: F401 - the roles are re-exported
    ENTRY_ID_ROLE,
    LEFT_ALIGNED,
    LIGHT_ROLE,
    MEASURE_ROLE,
    RECORD_ROLE,
    NestedMeasureRows,
)
from .ledger_table_columns import table_default_keys
from .measure_rows import NestedRows

PAGE_SIZE = 64  # a screenful or two: the first paint of a new filter reads no more than it shows
# Sorting by a long text reads every row of the list; search is how a clerk finds text.
UNSORTABLE = {"description"}
MAX_PAGES = 40  # ~2,500 rows kept in memory
FIGURES_DELAY_MS = 150  # a search's other figures: once typing pauses (the search box waits 120 ms)
LIGHT_KEY = "light"

DEFAULT_SORT = "kind"  # 问题整改 first, then 重点任务, 议定事项, 督办事项; by 问题编号 within each


OVERDUE_TEXT = QColor("#b71c1c")
DONE_TEXT = QColor("#757575")


# The roles as plain numbers: comparing with an enum member looks it up on its class every time.
_DISPLAY, _DECORATION, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.DecorationRole), int(
    Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE, _FOREGROUND = int(Qt.ItemDataRole.AccessibleTextRole), int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_LEFT = LEFT_ALIGNED
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole, ENTRY_ID_ROLE, RECORD_ROLE,
                    LIGHT_ROLE, MEASURE_ROLE})

# Roles a delegate asks of every cell that _entry_data never answers on an entry's own row.
_NEVER_ON_ENTRIES = frozenset({int(Qt.ItemDataRole.FontRole), int(Qt.ItemDataRole.CheckStateRole),
                               int(Qt.ItemDataRole.BackgroundRole)})

# QAbstractItemModel.multiData can be written in Python where PySide6 binds the role span (6.8 on).
_MULTI_DATA = all(hasattr(getattr(QtCore, "QModelRoleDataSpan", None), name) for name in ("size", "__getitem__"))


class _Row:
    """One loaded entry with what the view asks of it again and again."""

    __slots__ = ("record", "light", "texts", "measures")

    def __init__(self, record, light: str, measure_count: int = 0):
        self.record = record
        self.light = light
        self.texts: list[str] | None = None  # the columns' display texts, made on first paint
        self.measures = measure_count  # its live measures (expandable when > 0)


def _display(text: str) -> str:
    return text.replace("\n", " ") if len(text) < 300 else text[:300].replace("\n", " ") + "…"


class LedgerTableModel(NestedMeasureRows, QAbstractTableModel):
    """Columns: the deadline light, then the shared ledger columns the user chose."""

    summary_changed = Signal(object)  # LedgerSummary of the current filter

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filter = LedgerFilter()
        self._sort_key = DEFAULT_SORT
        self._descending = False
        self._then: list[tuple[str, bool]] = []  # further sort levels after the first (Shift+click a header)
        self._columns = ledger_columns.columns_for(table_default_keys())
        self._count = 0
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._last_keys: dict[int, tuple] = {}  # page number -> its last row's sort key (keyset paging)
        self._due_soon_days = 7
        self._icons = {name: light_icon(name) for name in LIGHT_COLORS}
        self._overdue_brush, self._done_brush = solid_brush(OVERDUE_TEXT), solid_brush(DONE_TEXT)
        self._recent_page = -1
        self._today = context.today()
        self.summary = None
        self._editing: dict[int, str] = {}  # entry id -> who else is editing it (ui/change_poller)
        self.nested = NestedRows()  # expanded tasks and their measure rows (ui/models/measure_rows)
        self._paint_limits: dict[int, int] = {}  # column -> characters its width can show (set by the view)
        self._figures_timer = QTimer(self)
        self._figures_timer.setSingleShot(True)
        self._figures_timer.setInterval(FIGURES_DELAY_MS)
        self._figures_timer.timeout.connect(self._read_figures)

    # -- configuration ----------------------------------------------------------------------
    @property
    def ledger_filter(self) -> LedgerFilter:
        return replace(self._filter)

    @property
    def filter_in_effect(self) -> LedgerFilter:  # the filter itself, read only: the header reads it for each section
        return self._filter

    def column_keys(self) -> list[str]:
        return [c.key for c in self._columns]

    def set_columns(self, keys: list[str]) -> None:
        self.beginResetModel()
        self._columns = ledger_columns.columns_for(keys) or ledger_columns.columns_for(table_default_keys())
        for page in self._pages.values():
            for item in page:
                item.texts = None
        self.endResetModel()

    def set_paint_limits(self, limits: dict[int, int]) -> None:
        """The most characters each column can show at its width: what multiData gives a painting delegate."""
        self._paint_limits = dict(limits)

    def _cut(self, text, column: int):
        """A cell's text as a delegate needs it: its start and its end, as far as the column can show either (the
        middle never shows, whichever way the view elides); the whole text where it is not longer than that."""
        limit = self._paint_limits.get(column)
        if limit is None or not isinstance(text, str) or len(text) <= 2 * limit:
            return text
        return text[:limit] + text[-limit:]

    def set_filter(self, f: LedgerFilter) -> None:
        self._filter = replace(f)
        self.reload()

    def sort_state(self) -> tuple[str, bool]:
        return self._sort_key, self._descending

    def sort_levels(self) -> list[tuple[str, bool]]:
        """Every sort level, the first one first: [(sort key, descending), …]."""
        return [(self._sort_key, self._descending), *self._then]

    def set_sort_levels(self, levels: list[tuple[str, bool]]) -> None:
        levels = [(k, d) for k, d in levels if k in ledger_query.SORT_KEYS and k not in UNSORTABLE] or [
            (DEFAULT_SORT, False)]
        self.beginResetModel()
        (self._sort_key, self._descending), self._then = levels[0], list(levels[1:])
        self._forget_pages()
        self.endResetModel()

    def _sort_arg(self):
        return self.sort_levels() if self._then else self._sort_key

    def sortable_key(self, column_key: str) -> bool:
        column = ledger_columns.COLUMNS_BY_KEY.get(column_key)
        return column is not None and column.sort_key is not None and column.sort_key not in UNSORTABLE

    def reload(self) -> None:
        """Re-run the count and drop cached rows (after a filter change or an edit). A search over a long list
        shows its count now and its other figures once typing pauses (summary.partial until then)."""
        self.beginResetModel()
        self._forget_pages()
        self.nested.clear()
        # Read again only after a write (ledger_cache): a query and a JSON parse on every filter change otherwise.
        self._due_soon_days = ledger_cache.cached(("due_soon_days",), lambda: settings.preferences().due_soon_days)
        self.summary = ledger_query.first_summary(self._filter)
        self._count = self.summary.total
        self.endResetModel()
        if self.summary.partial:
            self._figures_timer.start()
        else:
            self._figures_timer.stop()
        self.summary_changed.emit(self.summary)

    def _read_figures(self) -> None:
        """The figures a search's first summary left out (逾期, 完成率, 待审核销号), exact when shown."""
        if self.summary is None or not self.summary.partial:
            return
        summary = ledger_query.summarize(self._filter)
        if summary.total != self._count:  # written meanwhile: the rows too are read again
            self.reload()
            return
        self.summary = summary
        self.summary_changed.emit(self.summary)

    def refresh_rows(self) -> None:
        """After an edit that keeps the row set: re-read rows and figures, keep the view's place."""
        self.summary = ledger_query.summarize(self._filter)
        if self.summary.total != self._count:
            self.reload()
            return
        self._forget_pages()
        if self.nested.expanded_rows() and self._reread_measures():
            return
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1), [])
        self.summary_changed.emit(self.summary)

    def set_editing(self, editing: dict) -> None:
        """{(entity, id): [Holder]}: rows others are editing say so in their tooltip."""
        self._editing = {key[1]: "、".join(dict.fromkeys(h.name for h in holders))
                         for key, holders in editing.items() if key[0] == "ledger_entry"}

    def _editing_tip(self, rec, tip):
        who = self._editing.get(rec.id)
        if not who:
            return tip
        line = self.tr("%1 is editing this entry").replace("%1", who)
        if tip and tip.startswith("<"):  # a rich-text tooltip (long cell text)
            return f"<b>{line}</b><br>{tip}"
        return line + ("\n" + tip if tip else "")

    # -- Qt model interface -----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self._count + self.nested.total()

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self._columns) + 1

    def column_key(self, column: int) -> str:
        return LIGHT_KEY if column == 0 else self._columns[column - 1].key

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Light") if section == 0 else self._columns[section - 1].label
        if role == Qt.ItemDataRole.ToolTipRole and section == 0:
            return self.tr("Red: overdue; yellow: due soon; green: on track; grey: done")
        return None

    # flags: QAbstractTableModel's own (enabled, selectable; asked for every cell painted, so answered in C++).

    def _forget_pages(self) -> None:
        self._pages.clear()
        self._last_keys.clear()
        self._today = context.today()

    def _load_page(self, page_no: int) -> list[_Row]:
        before = self._last_keys.get(page_no - 1)
        common = dict(limit=PAGE_SIZE, expected=self._count)
        sort = self._sort_arg()
        if before is not None and None not in before:
            found = ledger_query.page(self._filter, sort, self._descending, after=before, **common)
        else:
            found = ledger_query.page(self._filter, sort, self._descending, offset=page_no * PAGE_SIZE, **common)
        if found.last_key is not None:
            self._last_keys[page_no] = found.last_key
        records = ledger_query.load_records(found.ids)
        nested = measures.lights([r.id for r in records], self._due_soon_days, self._today)  # count, worst light
        return [_Row(rec, nested[rec.id][1] if rec.id in nested else self.light_of(rec), nested.get(rec.id, (0,))[0])
                for rec in records]

    def _row(self, row: int) -> _Row | None:
        if not 0 <= row < self._count:
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._load_page(page_no)
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                dropped, _ = self._pages.popitem(last=False)
                self._last_keys.pop(dropped, None)
        elif page_no != self._recent_page:
            self._pages.move_to_end(page_no)
        self._recent_page = page_no
        offset = row - page_no * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def record(self, row: int):
        found = self._row(self.nested.locate(row)[0])
        return found.record if found else None

    def records_for_rows(self, rows: list[int]) -> list:
        """The records of many rows (a copy, a selection), page by page through the same cache."""
        return [self.record(row) for row in rows]

    def entry_id(self, row: int) -> int | None:
        rec = self.record(row)
        return rec.id if rec else None

    def row_of(self, entry_id: int) -> int | None:
        """The row of an entry among the pages loaded (None if it is not loaded)."""
        for page_no, page in self._pages.items():
            for offset, item in enumerate(page):
                if item.record.id == entry_id:
                    return self.nested.view_row(page_no * PAGE_SIZE + offset)
        return None

    def position_of(self, entry_id: int) -> int | None:
        """The row of any entry of the filter (loaded or not), None when the filter leaves it out."""
        loaded = self.row_of(entry_id)
        if loaded is not None:
            return loaded
        return ledger_query.position(self._filter, entry_id, self._sort_arg(), self._descending)

    def light_of(self, rec) -> str:
        return ledger_query.light(rec.status, rec.deadline_type, rec.deadline, self._due_soon_days, self._today).value

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # A view asks every visible cell for ten roles on each paint: answer the ones we never use first,
        # and keep each row's texts once computed.
        if role not in _ROLES or not index.isValid():
            return None
        entry_row, measure = self.nested.locate(index.row())
        item = self._row(entry_row)
        if item is None:
            return None
        if measure is not None:
            return self._measure_data(item, entry_row, measure, index.column(), role)
        return self._entry_data(item, entry_row, index.column(), role)

    if _MULTI_DATA:
        def multiData(self, index, roles):  # noqa: N802 - Qt override
            """Every role a painted cell asks for in one call (Qt's delegates ask seven at once): one crossing
            from C++ into Python per cell instead of one per role, which halves the time a repaint takes."""
            if not index.isValid():
                return
            entry_row, measure = self.nested.locate(index.row())
            item = self._row(entry_row)
            column = index.column()
            entry = item is not None and measure is None
            for i in range(roles.size()):
                cell = roles[i]
                role = cell.role()
                value = None
                if entry and role == _ALIGNMENT and column:  # the same for every entry's cell: answered here
                    value = _LEFT
                elif entry and role in _NEVER_ON_ENTRIES:  # font, check box, background: none on an entry's row
                    pass
                elif item is not None and role in _ROLES:
                    value = (self._entry_data(item, entry_row, column, role) if measure is None
                             else self._measure_data(item, entry_row, measure, column, role))
                    if role == _DISPLAY:  # a delegate paints (or measures) it: what the column's width can show
                        value = self._cut(value, column)
                if value is None:
                    cell.clearData()
                else:
                    cell.setData(value)

    def display_text(self, row: int, column: int):
        """The DisplayRole as a delegate paints it (cut to what the column's width shows), called from Python
        without a QModelIndex: the delegate asks it of every cell it paints while a search marks its hits."""
        entry_row, measure = self.nested.locate(row)
        item = self._row(entry_row)
        if item is None:
            return None
        if measure is not None:
            return self._cut(self._measure_data(item, entry_row, measure, column, _DISPLAY), column)
        return self._cut(self._entry_data(item, entry_row, column, _DISPLAY), column)

    def plain_cell(self, row: int, column: int):
        """(text, foreground brush or None) of an entry's text cell as a delegate paints it (cut to what the column
        shows), asked from Python; None for the light, a measure's row or no row (a delegate leaves them to Qt)."""
        if not column:
            return None
        entry_row, measure = self.nested.locate(row)
        item = self._row(entry_row) if measure is None else None
        if item is None:
            return None
        return (self._cut(self._entry_data(item, entry_row, column, _DISPLAY), column),
                self._entry_data(item, entry_row, column, _FOREGROUND))

    def _entry_data(self, item: _Row, entry_row: int, column: int, role):
        rec = item.record
        if role == _DISPLAY and column:  # the role every painted cell asks for, first
            if item.texts is None:
                item.texts = [_display(col.value(rec)) for col in self._columns]
            if item.measures and column == 1:  # the first column carries ▸/▾ of a task with measures
                return (measure_rows.EXPANDED if self.nested.is_open(entry_row) else measure_rows.COLLAPSED) + \
                    item.texts[0]
            return item.texts[column - 1]
        if role == ENTRY_ID_ROLE:
            return rec.id
        if role == RECORD_ROLE:
            return rec
        if role == LIGHT_ROLE:
            return item.light
        if column == 0:
            if role == _DECORATION:
                return self._icons[item.light]
            if role in (_TOOLTIP, _ACCESSIBLE):
                if item.measures:  # a task's light is its worst measure's
                    return self._editing_tip(rec, self.tr("Worst light of its %1 measures")
                                             .replace("%1", str(item.measures)))
                return self._editing_tip(rec, self._light_tip(rec))
            return None
        if role == _TOOLTIP:
            text = self._columns[column - 1].value(rec)
            return self._editing_tip(rec, wrapped_tooltip(text) if len(text) > 12 else None)
        if role == _FOREGROUND:
            if item.light == "red" and self._columns[column - 1].key in ("deadline", "status"):
                return self._overdue_brush
            if item.light == "grey":
                return self._done_brush
            return None
        if role == _ALIGNMENT:
            return _LEFT
        return None

    def _light_tip(self, rec) -> str:
        light = self.light_of(rec)
        if light == "red":
            days = (context.today() - rec.deadline).days
            return self.tr("Overdue by %1 days").replace("%1", str(days))
        return {"yellow": self.tr("Due within %1 days").replace("%1", str(self._due_soon_days)),
                "green": self.tr("On track"), "grey": self.tr("Done")}[light]

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        key = "deadline" if column == 0 else (self._columns[column - 1].sort_key if 0 < column <= len(
            self._columns) else None)
        if key is None or key in UNSORTABLE:
            return
        self.beginResetModel()  # a new order invalidates every row position
        self.nested.clear()
        self._sort_key = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._then = []
        self._forget_pages()
        self.endResetModel()

    def sortable(self, column: int) -> bool:
        if column == 0:
            return True
        if not 0 < column <= len(self._columns):
            return False
        key = self._columns[column - 1].sort_key
        return key is not None and key not in UNSORTABLE
