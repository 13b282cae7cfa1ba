"""导入数据包…: check a sub-unit's package, preview new / changed / unchanged / conflicting entries,
then take it in (backup first, all or nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desk_app.exchange.package_import import CHANGED, CONFLICT, NEW, UNCHANGED

from .exchange_common import run_exchange_task

STATE_COLOURS = {NEW: "#e8f5e9", CHANGED: "#fff8e1", CONFLICT: "#ffebee", UNCHANGED: "#ffffff"}


class PackageImportDialog(QDialog):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.preview = None
        self.task = None
        self.setWindowTitle(self.tr("Import data package"))
        self.resize(900, 600)
        self.summary = QLabel(self.tr("Choose a package to check."))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_state = QComboBox()
        self.show_state.addItem(self.tr("All entries"), "")
        for value, label in ((NEW, self.tr("New")), (CHANGED, self.tr("Changed")),
                             (CONFLICT, self.tr("Conflicting")), (UNCHANGED, self.tr("Unchanged"))):
            self.show_state.addItem(label, value)
        self.show_state.currentIndexChanged.connect(self._fill)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Description"), self.tr("Result"),
                                              self.tr("What differs / why")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.path = ""
        self.into_current = QCheckBox(self.tr("Import into the current campaign (default: the campaign of the "
                                              "same name and year, created if missing)"))
        self.into_current.toggled.connect(lambda _=False: self.path and self.check(self.path))
        self.take_conflicts = QCheckBox(self.tr("For conflicts, take the package's version "
                                                "(default: keep what is here)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show")))
        row.addWidget(self.show_state)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.into_current)
        layout.addWidget(self.take_conflicts)
        layout.addWidget(self.buttons)

    def choose_and_check(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a data package"), "",
                                              self.tr("Data package (*.zip)"))
        if not path:
            return False
        self.check(path)
        return True

    def check(self, path: str) -> None:
        from desk_app.exchange.package_again import received_unchanged  # noqa: PLC0415
        from desk_app.exchange.package_import import preview_package  # noqa: PLC0415

        self.path = path
        self.preview = None
        self.import_button.setEnabled(False)
        campaign_id = self.state.campaign_id if self.into_current.isChecked() else None
        self.summary.setText(self.tr("Checking %1 …").replace("%1", path))

        def preview(progress):
            # The same file again while nothing here changed since: its receipt answers, as on the command line.
            return received_unchanged(path, campaign_id) or preview_package(path, progress, campaign_id=campaign_id)

        self.task = run_exchange_task(self, self.tr("Checking the package…"), preview, self.show_preview,
                                      self._check_failed)

    def _check_failed(self, message: str) -> None:
        self.summary.setText(message)

    def show_preview(self, preview) -> None:
        self.preview = preview
        nothing = "" if preview.has_changes else "\n" + self.tr("Nothing to import: the data here stays as it is.")
        self.summary.setText(preview.summary_text() + nothing)
        self.import_button.setEnabled(preview.has_changes)
        self.take_conflicts.setVisible(any(d.takeable for d in preview.entries))
        self._fill()

    def _fill(self, *_) -> None:
        if self.preview is None:
            return
        wanted = self.show_state.currentData()
        rows = [d for d in self.preview.entries if not wanted or d.state == wanted]
        self.table.setRowCount(len(rows))
        for r, diff in enumerate(rows):
            detail = diff.reason or "、".join(diff.changed)
            for c, text in enumerate((diff.code, diff.description, diff.state, detail)):
                item = QTableWidgetItem(text)
                item.setBackground(QColor(STATE_COLOURS[diff.state]))
                self.table.setItem(r, c, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)

    def start_import(self) -> None:
        if self.preview is None:
            return
        from desk_app.exchange.package_apply import apply_package  # noqa: PLC0415

        preview, take = self.preview, self.take_conflicts.isChecked()
        self.task = run_exchange_task(self, self.tr("Importing…"),
                                      lambda progress: apply_package(preview, take_conflicts=take, progress=progress),
                                      self._imported)

    def _imported(self, result) -> None:
        QMessageBox.information(self, self.windowTitle(), result.text())
        self.state.data_changed.emit()
        self.accept()
