"""Start the GUI: fonts, translations, the database, the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desk_app import APP_NAME, __version__, paths
from desk_app.errors import DeskAppError

from . import pyside_feature_scan, startup_gc
from .fonts import install_fonts
from .i18n import install_translators

# Before the window's modules are imported: PySide6 would tokenize each one's source (pyside_feature_scan).
pyside_feature_scan.install()

_TITLE = QT_TRANSLATE_NOOP("App", "Desk ledger")


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    icon = QIcon()
    for png in sorted(paths.resource("icons").glob("desk_app-*.png")):
        icon.addFile(str(png))
    app.setWindowIcon(icon)
    app.setDesktopFileName("desk_app")  # Linux menus and Wayland match build/linux/install.sh's entry
    install_fonts(app)
    install_translators(app)
    app.setApplicationDisplayName(QCoreApplication.translate("App", _TITLE))
    return app


def open_data():
    """Open the database or explain, in Chinese, why not. Returns False when the app must stop."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - its enums built only when there is something to say

    from desk_app.services import session  # noqa: PLC0415

    try:
        session.open_data()
    except DeskAppError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the data"), exc.message)
        return False
    return True


def run(open_file: str | None = None) -> int:
    app = create_application()
    from desk_app.logs import setup_logging  # noqa: PLC0415

    from . import crash  # noqa: PLC0415

    crash.install(setup_logging())
    exit_after_show = bool(os.environ.get("DESK_APP_EXIT_AFTER_SHOW"))  # build/smoke_test.py, bench/startup.py
    window = open_window(checks=not exit_after_show)
    if isinstance(window, int):
        return window
    if exit_after_show:
        window.exit_hook = _ExitAfterShow(window, app)
    if open_file:  # a data package opened from the file manager (Windows: "Open with"), after the check started
        window.first_page_ready.connect(lambda: window.exchange_menu.open_package_import(open_file))
    return app.exec()


def open_window(*, checks: bool = True):
    """Lock and open the data, then show the main window: its frame paints at once, the page it opens on
    follows (first_page_ready). Returns the window, or the exit status when the program must stop.

    checks: the sweep of killed runs' leftovers, the quick check (restore offer on damage) and the daily
    backup, on a worker once the first page is there. bench/ledger.py opens the window through here too."""
    startup_gc.pause()  # until the first page has painted (startup_gc says why)
    try:
        window = _open_window()
    except BaseException:
        startup_gc.resume()
        raise
    if isinstance(window, int):
        startup_gc.resume()
        return window
    window.first_page_ready.connect(lambda: startup_gc.resume_after_paint(window.stack.currentWidget()))
    if checks:
        window.first_page_ready.connect(lambda: _check_after_window(window))
    return window


def _check_after_window(window) -> None:
    from .views import safety_startup  # noqa: PLC0415

    safety_startup.check_after_window(window)


def _open_window():
    from desk_app.services import session  # noqa: PLC0415

    from .views import safety_startup  # noqa: PLC0415

    outcome = safety_startup.open_data_safely(checks=False)  # lock and open; the check waits for the window
    if outcome != safety_startup.OK:
        return 0 if outcome == safety_startup.EXIT else 2
    from .main_window import MainWindow  # noqa: PLC0415

    window = MainWindow()
    window.show()
    if not session.read_only():  # only the writing instance answers "bring your window forward"
        window.raise_watcher = safety_startup.RaiseWatcher(window)
    return window


class _ExitAfterShow(QObject):
    """Says "main window shown" once the window has painted, "first page ready" once the page it opens on
    is built and painted, then quits (the smoke test and the start-up benchmarks read both lines)."""

    def __init__(self, window, app):
        super().__init__(window)
        self.window, self.app, self.shown, self.ready = window, app, False, False
        window.installEventFilter(self)
        window.first_page_ready.connect(self._page_ready)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and not self.shown:
            self.shown = True
            QTimer.singleShot(0, self, self._painted)
        return False

    def _painted(self) -> None:
        print("main window shown", flush=True)
        self._maybe_quit()

    def _page_ready(self) -> None:
        self.window.repaint()
        self.ready = True
        print("first page ready", flush=True)
        self._maybe_quit()

    def _maybe_quit(self) -> None:
        if self.shown and self.ready:
            _smoke_preview()
            QTimer.singleShot(0, self.app.quit)


def _smoke_preview() -> None:
    """build/smoke_test.py: the preview's PDF renderer (pypdfium2's native library) works in the bundle."""
    pdf = os.environ.get("DESK_APP_SMOKE_PREVIEW")
    if pdf:
        from .views.print_pdf import PdfPages  # noqa: PLC0415

        pages = PdfPages(pdf)
        image = pages.render_width(0, 600)
        pages.close()
        print(f"preview page rendered {image.width()}x{image.height()}", flush=True)
