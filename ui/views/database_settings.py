"""设置 › 数据库: this PC's data file, or the office's shared PostgreSQL database (issue 16)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskAppError
from desk_app.services import database_choice
from ui import tasks

from .settings_form import FormWatch


class DatabaseSettings(QWidget):
    def __init__(self, state, parent=None, *, at_start: bool = False):
        super().__init__(parent)
        self.state = state
        self.at_start = at_start  # opened because the start could not reach the saved database: used at once
        self.setWindowTitle(self.tr("Database"))
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.local = QRadioButton(self.tr("This PC's data file (one clerk)"))
        self.shared = QRadioButton(self.tr("The office's shared PostgreSQL database"))
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.shared)
        self.url = QLineEdit()
        self.url.setObjectName("database_url")
        self.url.setPlaceholderText("postgresql://用户名@服务器:5432/数据库名")
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel()
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.url, 1)
        row.addWidget(self.test_button)
        choice = QGroupBox(self.tr("Where the data is kept"))
        box = QVBoxLayout(choice)
        box.addWidget(self.local)
        box.addWidget(self.shared)
        box.addLayout(row)
        box.addWidget(self.result)
        help_text = QLabel(self.tr(
            "Sharing one database: the administrator creates a user and a database on the office server and "
            "runs 'desk-app db init ADDRESS' once; 'desk-app db copy --from sqlite --to ADDRESS' moves this PC's "
            "data onto it (README, 'Sharing one database'). Keep the password in the pgpass file rather than "
            "in the address. The change takes effect when the program is started again."))
        help_text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Reset)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Reset).setText(self.tr("Undo changes"))
        buttons.accepted.connect(self.save)
        buttons.button(QDialogButtonBox.StandardButton.Reset).clicked.connect(self.refresh)
        self.local.toggled.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(choice)
        layout.addWidget(help_text)
        layout.addWidget(buttons)
        layout.addStretch(1)
        self.watch = FormWatch([self.local, self.shared, self.url], self)
        self.refresh()

    def _enable(self) -> None:
        self.url.setEnabled(self.shared.isChecked())
        self.test_button.setEnabled(self.shared.isChecked())

    def refresh(self) -> None:
        choice = database_choice.current()
        self.current.setText(self.tr("In use: %1 (set by: %2)").replace("%1", choice.in_use)
                             .replace("%2", choice.set_by))
        self.shared.setChecked(choice.saved_is_shared)
        self.local.setChecked(not choice.saved_is_shared)
        self.url.setText(choice.saved_url if choice.saved_is_shared else "")
        self.result.clear()
        self._enable()
        self.watch.mark_saved()

    def _chosen_url(self) -> str:
        return self.url.text().strip() if self.shared.isChecked() else "sqlite"

    def test_connection(self) -> None:
        url = self._chosen_url()
        if not url:  # an empty address would be taken for this PC's file and "pass"
            self.result.setText(self.tr("Enter the address of the shared database."))
            return
        self.result.setText(self.tr("Connecting…"))
        task = tasks.Task(lambda progress: database_choice.try_url(url), self.tr("Testing the connection"))
        task.finished_ok.connect(self.result.setText)
        task.failed.connect(self.result.setText)
        tasks.start(task)

    def save(self) -> None:
        url = self._chosen_url()
        if self.shared.isChecked() and not url:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Enter the address of the shared database."))
            return
        try:
            database_choice.save(url)
        except (DeskAppError, OSError) as exc:
            QMessageBox.warning(self, self.windowTitle(), getattr(exc, "message", str(exc)))
            return
        QMessageBox.information(self, self.windowTitle(), self.tr(
            "Saved. Close this window to open the chosen database.") if self.at_start else self.tr(
            "Saved. Start the program again to use the chosen database."))
        self.refresh()
