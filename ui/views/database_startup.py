"""The shared database cannot be reached at start-up (server off, address mistyped, password changed): instead
of a dead end, the clerk may try again, open 设置 › 数据库 right there (correct the address, or knowingly go
back to this PC's data file), or quit."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout

from desk_app.services import database_choice

from .choice_box import choose

RETRY, SETTINGS, QUIT = "retry", "settings", "quit"


class DatabaseStartup(QObject):
    def ask(self, message: str) -> str:
        """RETRY, SETTINGS or QUIT after a failed connection to the saved shared database."""
        return choose(QMessageBox.Icon.Critical, self.tr("Cannot reach the shared database"),
                      message + "\n\n" + self.tr(
                          "The shared database is chosen in Settings › Database. Try again once the "
                          "server is up, or change the address there."),
                      [(self.tr("Try again"), RETRY), (self.tr("Database settings…"), SETTINGS), (self.tr("Quit"), QUIT)])

    def edit(self) -> bool:
        """设置 › 数据库 in a dialog; True when the saved choice was changed (the start tries it at once)."""
        from .database_settings import DatabaseSettings  # noqa: PLC0415

        before = database_choice.current().saved_url
        dialog = QDialog()
        dialog.setWindowTitle(self.tr("Database settings"))
        section = DatabaseSettings(None, dialog, at_start=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(section)
        layout.addWidget(buttons)
        dialog.resize(760, 420)
        self.dialog = dialog  # for tests
        dialog.exec()
        return database_choice.current().saved_url != before


def from_saved_choice() -> bool:
    """The shared database comes from 设置 › 数据库 (not --database or the environment, which it cannot change)."""
    return database_choice.current().set_by.startswith("设置")
