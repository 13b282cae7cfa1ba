"""The main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app import __version__
from desk_app.services import campaigns

from .screen_fit import fit_to_screen, keep_on_screen
from .state import AppState

# (key, module, class, title as the page's own tr() has it). A page is a QWidget taking (state, parent); it
# may define refresh() (called when shown) and show_filter(LedgerFilter) (the ledger page, for 首页's shortcuts).
PAGES = [
    ("home", "ui.views.home_page", "HomePage", "Home"),
    ("taskforces", "ui.views.taskforce_page", "TaskForcePage", "Task forces"),
    ("meetings", "ui.views.meeting_page", "MeetingPage", "Meetings"),
    ("ledger", "ui.views.ledger_page", "LedgerPage", "Ledger"),
    ("stats", "ui.views.stats_page", "StatsPage", "Statistics"),
    ("bulletins", "ui.views.bulletin_page", "BulletinPage", "Bulletins"),
    ("rankings", "ui.views.ranking_page", "RankingPage", "Rankings"),
    ("registers", "ui.views.registers_page", "RegistersPage", "Rules and targets"),
    ("settings", "ui.views.settings_page", "SettingsPage", "Settings"),
]


class _Pages(dict):
    """The pages by key, each built the first time it is shown or asked for: the window opens on the
    clerk's last page without importing and building the five others first."""

    def __init__(self, window):
        super().__init__()
        self._window = window

    def __missing__(self, key):
        if self._window._first_pending is not None:  # asked before the first page was opened: open it now
            self._window._open_first_page()
            if dict.__contains__(self, key):
                return dict.__getitem__(self, key)
        return self._window._build_page(key)


class MainWindow(QMainWindow):
    # The page the window opens on is built once the window has painted (its import and first query
    # would otherwise delay the first sight of the program); this says it is there.
    first_page_ready = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._first_pending: int | None = None
        self._first_scheduled = False
        self.state = AppState(self)
        from .change_poller import ChangePoller  # noqa: PLC0415 - other clerks' changes on a shared database

        self.poller = ChangePoller(self)
        self.state.data_changed.connect(self.poller.note_own_change)  # first: before any page re-reads
        self.poller.changed.connect(self._others_changed)
        self.poller.editing_changed.connect(self.state.editing_changed)
        self.pages: dict[str, object] = _Pages(self)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(132)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 11pt; border: none; background: #eceff1; }"
            "QListWidget#navigation::item { padding: 10px 14px; }"
            "QListWidget#navigation::item:selected { background: #1565c0; color: white; }")
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        for index, (key, _module, cls, title) in enumerate(PAGES):
            self.stack.addWidget(QWidget())  # until the page is first shown
            item = QListWidgetItem(QCoreApplication.translate(cls, title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            self.addAction(action)
        self.nav.currentRowChanged.connect(self._on_nav)
        from .views.exchange_menu import ExchangeMenu  # noqa: PLC0415 - 文件 menu: export / import

        self.exchange_menu = ExchangeMenu(self)
        from .views.shortcuts_help import ShortcutsHelp  # noqa: PLC0415 - 帮助 › 键盘快捷键 (F1)

        self.shortcuts_help = ShortcutsHelp(self)
        from .views.edit_menu import EditMenu  # noqa: PLC0415 - 编辑: its title now, its items when first opened

        self.edit_menu = EditMenu(self)
        from .views.undo_guard import UndoGuard  # noqa: PLC0415

        self.undo_guard = UndoGuard(self)  # after a restore or import, no page's Ctrl+Z steps around it
        self.campaign_label = QLabel()
        self.role_label = QLabel()
        self.role_label.setObjectName("role_label")
        self.statusBar().addPermanentWidget(self.role_label)
        self.statusBar().addPermanentWidget(self.campaign_label)
        self.state.campaign_changed.connect(self._update_title)
        self.state.data_changed.connect(self._update_role)
        self._update_title()
        fit_to_screen(self, 1280, 800)  # the first start; later the size the clerk left it at
        self._restore_geometry()
        row = self._last_page_row()
        self.nav.blockSignals(True)  # the list may already sit on row 0: refresh the first page exactly once
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)
        self._first_pending = row
        self.stack.setCurrentIndex(row)
        loading = QLabel(self.tr("Opening %1…").replace("%1", self.nav.item(row).text()), self.stack.widget(row))
        loading.setObjectName("page_loading")
        loading.setStyleSheet("color: #78909c; font-size: 12pt;")
        QVBoxLayout(self.stack.widget(row)).addWidget(loading, 0, Qt.AlignmentFlag.AlignCenter)
        # In case no paint comes (a minimised start); with the window as context, so it dies with the window.
        QTimer.singleShot(1000, self, self._open_first_page_when_shown)
        from .search_indexer import SearchIndexer  # noqa: PLC0415

        self.search_indexer = SearchIndexer(self)  # start-up and after imports, restores: no keystroke waits
        self.state.data_changed.connect(self.search_indexer.start)
        QTimer.singleShot(0, self.search_indexer.start)

    def _others_changed(self, batch) -> None:
        """Other clerks changed something: every page re-reads (as after a change of our own)."""
        self.state.remote_changed.emit(batch)
        self.state.data_changed.emit()
        who = "、".join(a for a in batch.actors if a) or self.tr("Another clerk")
        self.statusBar().showMessage(self.tr("%1 changed data just now; the pages show it.").replace("%1", who), 6000)

    def _update_role(self) -> None:
        from desk_app.services import roles  # noqa: PLC0415

        me = roles.current()
        self.role_label.setVisible(me.roles_in_use)
        self.role_label.setText(self.tr("Role: %1").replace("%1", me.describe()))

    def showEvent(self, event):  # noqa: N802 - Qt override: a window never shown never polls
        super().showEvent(event)
        if self._first_pending is None:  # at start-up the first page comes first (_on_nav starts the poller)
            self._start_poller()

    def _start_poller(self) -> None:
        if not self.poller.started and self.isVisible():
            self.poller.start()

    def _update_title(self, *_):
        current = campaigns.current_campaign()
        name = current.name if current else self.tr("No campaign yet")
        self.setWindowTitle(name)  # Qt adds the program's name (the application display name) after it
        self._update_role()
        self.campaign_label.setText(self.tr("Campaign: %1  Version %2").replace("%1", name)
                                    .replace("%2", __version__))

    def _build_page(self, key: str):
        index = [k for k, *_ in PAGES].index(key)
        _, module, cls, _ = PAGES[index]
        page = getattr(importlib.import_module(module), cls)(self.state, self)
        dict.__setitem__(self.pages, key, page)
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        if key in ("home", "stats") and hasattr(page, "ledger_requested"):  # their figures open the ledger
            page.ledger_requested.connect(self.open_ledger)
        if key == "ledger":  # rows others are editing say so in their tooltip
            self.state.editing_changed.connect(page.model.set_editing)
            page.model.set_editing(self.poller.editing)
        return page

    def paintEvent(self, event):  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._first_pending is not None and not self._first_scheduled:
            self._first_scheduled = True  # the frame is on screen: now the page (after this paint is flushed)
            QTimer.singleShot(0, self, self._open_first_page_when_shown)

    def _open_first_page_when_shown(self) -> None:
        if not self.isVisible():  # painted by grab(), or closed since: the page opens when the window is shown
            self._first_scheduled = False
            return
        self._open_first_page()

    def _open_first_page(self) -> None:
        if self._first_pending is not None:
            self._on_nav(self._first_pending)

    def _on_nav(self, row: int) -> None:
        first = self._first_pending is not None  # the start's page, or one the clerk chose before it opened
        self._first_pending = None
        try:
            page = self.pages[PAGES[row][0]]
            self.stack.setCurrentWidget(page)
            if hasattr(page, "refresh"):
                page.refresh()
        finally:  # even when the page failed (damaged data): the start-up check that offers a restore follows
            if first:
                self.first_page_ready.emit()
                self._start_poller()  # its first round (a connection, two queries) would hold up the first page

    def show_page(self, key: str):
        """Switch pages (Ctrl+1 … Ctrl+6, links from other pages); the keyboard focus goes into the page, so its
        own shortcuts and arrow keys work at once."""
        keys = [k for k, *_ in PAGES]
        self.nav.setCurrentRow(keys.index(key))
        page = self.pages[key]
        if hasattr(page, "focus_default"):
            page.focus_default()
        return page

    def open_ledger(self, ledger_filter) -> None:
        page = self.show_page("ledger")
        if hasattr(page, "show_filter"):
            page.show_filter(ledger_filter)

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            if not self.isMaximized():
                keep_on_screen(self)

    def _last_page_row(self) -> int:
        """Open where the clerk left off (most live in the ledger); 首页 the first time."""
        keys = [k for k, *_ in PAGES]
        last = QSettings().value("main_window/page")
        return keys.index(last) if last in keys else 0

    def closeEvent(self, event):  # noqa: N802 - Qt override
        if not all(page.confirm_close() for page in list(self.pages.values()) if hasattr(page, "confirm_close")):
            event.ignore()  # unsaved settings the clerk chose to keep editing
            return
        self.poller.stop()  # lets go of the editing leases, ends the thread before the data closes
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        QSettings().setValue("main_window/page", PAGES[max(0, self.nav.currentRow())][0])
        super().closeEvent(event)
