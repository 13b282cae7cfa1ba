"""The last line of defence: an unexpected error is logged and shown in a dialog that says where the log is.

Every service write is one transaction, so an error never leaves data half-saved; the dialog says so
and lets the clerk carry on, open the log folder, or quit.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from desk_app.errors import DeskAppError

log = logging.getLogger("desk_app.crash")


class CrashHandler(QObject):
    """Installed as sys.excepthook; errors from other threads are passed to the GUI thread by signal."""

    reported = Signal(object, str)

    def __init__(self, log_path: Path | None, parent=None):
        super().__init__(parent)
        self.log_path = log_path
        self.showing = False
        self.last_box: QMessageBox | None = None
        self.reported.connect(self._show)

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if isinstance(exc, DeskAppError):
            log.warning("unhandled %s: %s", exc_type.__name__, exc.message)
        else:
            log.critical("unexpected error\n%s", details)
        self.reported.emit(exc, details)

    def handle_thread(self, args) -> None:
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def message_for(self, exc) -> str:
        if isinstance(exc, DeskAppError):
            return exc.message
        where = str(self.log_path) if self.log_path else self.tr("(the log file could not be written)")
        return (self.tr("An unexpected error occurred. Data already saved is not affected: every change is "
                    "saved completely or not at all.") + "\n\n"
                + self.tr("The details are in the log file:") + f"\n{where}\n\n"
                + self.tr("Please give this file to your administrator."))

    def _show(self, exc, details: str) -> None:
        if self.showing or QApplication.instance() is None:
            return  # one dialog at a time; the log has every error
        self.showing = True
        try:
            box = QMessageBox(QMessageBox.Icon.Warning if isinstance(exc, DeskAppError) else QMessageBox.Icon.Critical,
                              self.tr("Error"), self.message_for(exc))
            self.last_box = box
            if not isinstance(exc, DeskAppError):
                box.setDetailedText(details)
            carry_on = box.addButton(self.tr("Continue"), QMessageBox.ButtonRole.AcceptRole)
            open_logs = None
            if self.log_path and not isinstance(exc, DeskAppError):
                open_logs = box.addButton(self.tr("Open log folder"), QMessageBox.ButtonRole.ActionRole)
            quit_app = None
            if not isinstance(exc, DeskAppError):
                quit_app = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(carry_on)
            box.exec()
            clicked = box.clickedButton()
            if open_logs is not None and clicked is open_logs:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))
            elif quit_app is not None and clicked is quit_app:
                QApplication.instance().quit()
        finally:
            self.showing = False
            self.last_box = None


_handler: CrashHandler | None = None


def install(log_path: Path | None) -> CrashHandler:
    global _handler
    _handler = CrashHandler(log_path, QApplication.instance())
    sys.excepthook = _handler.handle
    threading.excepthook = _handler.handle_thread
    return _handler
