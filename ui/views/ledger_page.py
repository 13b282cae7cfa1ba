"""整改台账: the page a clerk lives in. Table over SQL, filters, search, side panel, preview, undo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QSettings, QSize, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.services import org, settings, undo_history
from desk_app.services.ledger_query import LedgerFilter
from ui.first_paint import after_first_paint
from ui.models.ledger_table_model import ENTRY_ID_ROLE, LedgerTableModel

from . import ledger_cells, ledger_undo, measure_rows_view
from . import ledger_filter_chips as chips_module
from .ledger_actions import LedgerActions
from .ledger_empty import EmptyPlaceholder
from .ledger_filter_bar import LedgerFilterBar
from .ledger_preview import LedgerPreview
from .ledger_side_panel import LedgerSidePanel
from .ledger_table import LedgerTable
from .print_actions import add_ledger_print_actions

SETTINGS_SPLITTER = "ledger/splitter"
# What marks search hits loads this long after the table's first paint, before a first search.
WARM_UP_MS = 400


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
        self._undo_generation, self._undo_mark = undo_history.generation(), undo_history.elsewhere_mark()
        self.undo_note = QLabel()
        self.undo_note.setObjectName("ledger_undo_note")
        self.undo_note.setStyleSheet("color: #6d4c41;")
        self.undo_stack.indexChanged.connect(self._undo_index_changed)
        self.model = LedgerTableModel(self)
        self.table = LedgerTable(self, self.model)
        self.placeholder = EmptyPlaceholder(self.table)
        self.table.doubleClicked.connect(lambda *_: self.actions.edit())
        self.filter_bar = LedgerFilterBar(self)
        self.filter_bar.changed.connect(self.apply_filter)
        self.side = LedgerSidePanel(self)
        self.side.scope_chosen.connect(self._scope_chosen)
        self.side.view_chosen.connect(self.open_view)
        self.preview = LedgerPreview(self)
        self.status_label = QLabel()
        self.status_label.setObjectName("ledger_status")
        self.notice = QLabel()
        self.notice.setObjectName("ledger_notice")
        self.notice.setStyleSheet("color: #b26a00;")
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.linkActivated.connect(self._notice_link)
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
        self.table.restore_columns()
        self._scope_name = self.tr("All entries")
        self._scope_filter = LedgerFilter()
        # The bar shows the empty filter without reading the rows: refresh() reads them once the page is shown
        # (the main window always refreshes the page it shows), so the first rows are queried once, not twice.
        self.filter_bar.changed.disconnect(self.apply_filter)
        self.filter_bar.set_filter(LedgerFilter())
        self.filter_bar.changed.connect(self.apply_filter)
        after_first_paint(self.table.viewport(), WARM_UP_MS, ledger_cells.warm_up, context=self)

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
        bottom.addWidget(self.notice)
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
        # The people read once for the pickers (everyone, 停用 too) and the side panel (the active ones).
        people = org.list_people(include_inactive=True)
        self.filter_bar.load_choices(campaign_id, people)
        self.filter_bar.me_id = self._me_id()
        self.side.load(campaign_id, [p for p in people if p.active])
        self._campaign_loaded = campaign_id
        self.apply_filter()

    def focus_default(self) -> None:
        """Where the keys go when the page is opened by keyboard (Ctrl+4): the list."""
        self.table.setFocus()

    def show_filter(self, f: LedgerFilter) -> None:
        """Open the ledger with a filter (首页's cards, the people list, other pages)."""
        if self._campaign_loaded != self.state.campaign_id:
            self.refresh()
        self._scope_name, self._scope_filter = self.tr("Filtered list"), replace(f, campaign_id=None)
        if f.owner_ids and len(f.owner_ids) == 1:
            self.side.select_person(f.owner_ids[0])
        self.filter_bar.set_filter(replace(f, campaign_id=None))

    def current_filter(self) -> LedgerFilter:
        """The filter in effect (campaign included): what print and export should use."""
        return replace(self.model.ledger_filter)

    def visible_column_keys(self) -> list[str]:
        """The ledger_columns keys shown, in the order the user sees them (light column excluded)."""
        return self.table.visible_column_keys()

    def set_columns(self, keys: list[str], remember: bool = True) -> None:
        self.table.set_columns(keys, remember)

    def sort_state(self) -> tuple[str, bool]:
        return self.model.sort_state()

    # -- filtering ---------------------------------------------------------------------------
    def apply_filter(self) -> None:
        f = self.filter_bar.filter()
        f.campaign_id = self.state.campaign_id
        self.table.delegate.set_search(f.text)
        self.model.set_filter(f)
        self.table.header.viewport().update()  # the ▾ of filtered columns turns blue
        self.table.frozen.horizontalHeader().viewport().update()
        self._update_placeholder()
        if self.model.rowCount():  # the first row becomes current: the preview shows it (once, not blank first),
            # and the actions follow it (_selection_changed), not disabled for no row a moment before
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 1), QItemSelectionModel.SelectionFlag.NoUpdate)
        else:
            self.actions.update_enabled()
            self.preview.show_entry(None)

    def _update_placeholder(self) -> None:
        """An empty list says which conditions emptied it."""
        conditions = [c.text for c in self.filter_bar.chip_list()]
        self.placeholder.label.setText(
            self.tr("No entry matches: %1. Remove a condition above (×) or clear the filters.")
            .replace("%1", "，".join(conditions)) if conditions else self.tr("No records"))

    def _scope_chosen(self, scope: LedgerFilter, name: str) -> None:
        self._scope_name, self._scope_filter = name, replace(scope, campaign_id=None)
        if chips_module.is_empty(scope):  # 全部事项 means every entry: no condition left behind from before
            self.filter_bar.set_filter(LedgerFilter())
        else:
            self.filter_bar.set_base(scope)

    def open_view(self, view) -> None:
        self._scope_name, self._scope_filter = view.name, replace(view.filter, campaign_id=None)
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
        if s.partial:  # a search over a long list: its other figures follow once typing pauses
            text = self.tr("Total %1, counting the other figures…").replace("%1", f"{s.total:,}")
        else:
            text = (self.tr("Total %1, overdue %2, completion rate %3%")
                    .replace("%1", f"{s.total:,}").replace("%2", f"{s.overdue:,}")
                    .replace("%3", f"{s.completion_rate * 100:.1f}"))
        if s.pending_close:
            text += "　" + self.tr("awaiting close review %1").replace("%1", str(s.pending_close))
        selected = len(self.table.selectionModel().selectedRows()) if self.table.selectionModel() else 0
        if selected > 1:
            text += "　" + self.tr("%1 selected").replace("%1", str(selected))
        self.status_label.setText(text)
        self.scope_label.set_full_text(self.heading())

    def heading(self) -> str:
        """The list's name as the conditions in effect make it: never 全部事项 while a filter applies."""
        f = replace(self.model.ledger_filter, campaign_id=None)
        if chips_module.is_empty(f):
            return self.tr("All entries")
        if f == replace(self._scope_filter, campaign_id=None, deleted=f.deleted) and not f.deleted:
            return self._scope_name
        shown = [c.text for c in self.filter_bar.chip_list(f)]
        scope = [c.text for c in self.filter_bar.chip_list(self._scope_filter)]
        if scope and all(t in shown for t in scope):
            extra = [t for t in shown if t not in scope]
            return self._scope_name + ("　·　" + "，".join(extra) if extra else "")
        return self.tr("Filtered: %1").replace("%1", "，".join(shown))

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

    def select_entry(self, entry_id: int) -> bool:
        """Select an entry's row and scroll to it, wherever it sorts; False when the filter leaves it out."""
        row = self.model.position_of(entry_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 1), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def show_new_entry(self, entry_id: int, code: str) -> None:
        """After 新建: the new entry selected and in view; if the filter hides it, say so and offer to show it."""
        if self.select_entry(entry_id):
            self.notice.clear()
            self.table.setFocus()
            return
        self.preview.show_entry(entry_id)
        self.notice.setText(self.tr("%1 is saved but the current filter does not list it. "
                                    "<a href='show'>Clear the filters and show it</a>").replace("%1", code))
        self._hidden_new = entry_id

    def _notice_link(self, _link: str) -> None:
        entry_id = getattr(self, "_hidden_new", None)
        self.notice.clear()
        self._scope_name, self._scope_filter = self.tr("All entries"), LedgerFilter()
        self.filter_bar.set_filter(LedgerFilter())
        if entry_id is not None:
            self.select_entry(entry_id)

    # -- after an edit -----------------------------------------------------------------------
    def forget_undo_if_needed(self) -> None:
        """After a change that cannot be undone (a 销号 step, an import, a restore …) older commands would
        step around it: clear the stack and say why."""
        generation, mark = undo_history.generation(), undo_history.elsewhere_mark()
        overtaken = ledger_undo.overtaken(self.undo_stack, self._undo_mark)  # 回收站 restored one
        self._undo_mark = mark
        if generation == self._undo_generation and not overtaken:
            return
        self._undo_generation = generation
        if self.undo_stack.count():
            self.undo_stack.clear()
            self.undo_note.setStyleSheet("color: #6d4c41;")
            self.undo_note.setText(self.tr("Undo history cleared: %1 cannot be undone.")
                                   .replace("%1", overtaken or undo_history.last_reason()))

    def undo_action_text(self) -> str:
        """What Ctrl+Z would do, as the clerk reads it: 撤销“延期 ZG-2026-0012”."""
        return self.actions.undo_action.text()

    def _undo_index_changed(self, _index: int) -> None:
        """The status line names what Ctrl+Z would undo; the note about a cleared history stays until then."""
        if not self.undo_stack.count():
            return
        self.undo_note.setStyleSheet("color: #607d8b;")
        self.undo_note.setText(self.tr("Ctrl+Z: undo “%1”").replace("%1", self.undo_stack.undoText())
                               if self.undo_stack.canUndo() else "")

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
