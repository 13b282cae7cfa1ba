"""A read-only window whose data file another program replaced (a restore): read the new file, say so.

The change poller notices the swap (desk_app.services.data_identity); until this runs, the window's own
connection still reads the file from before the restore, and every page would show the old data as if
it were current.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from desk_app.errors import DeskAppError
from desk_app.services import session, undo_history

log = logging.getLogger(__name__)
SHOWN_MS = 30000


def reopen_replaced_data(window, poller) -> bool:
    """Reopen the data read-only, refresh every page and tell the clerk; True when the new data is shown."""
    log.info("the data file was replaced by another program; reopening it read-only")
    session.close_data()
    try:
        session.open_data(read_only=True, create=False, sweep=False)
    except DeskAppError as exc:
        QMessageBox.critical(window, QCoreApplication.translate("DataReopen", "Cannot read the data"),
                             QCoreApplication.translate("DataReopen", "Another window replaced the data (for example by restoring a backup), and "
                                 "this window cannot read the new data:") + "\n\n" + exc.message + "\n\n"
                             + QCoreApplication.translate("DataReopen", "Please close this window and open the program again."))
        return False
    undo_history.irreversible("另一个窗口替换了数据（恢复备份）")
    poller.note_data_opened()
    state = getattr(window, "state", None)
    if state is not None:
        state.reload_campaign()
        state.data_changed.emit()
    text = QCoreApplication.translate("DataReopen", "Another window replaced the data (for example by restoring a backup). This window now "
               "shows the new data.")
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(text, SHOWN_MS)
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("DataReopen", "The data was replaced"), text,
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("data_replaced_notice")
    box.open()  # not modal to the program: the clerk may be reading a page
    return True
