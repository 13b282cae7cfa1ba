"""设置 › 备份与恢复: the list of backups, back up now, restore, check the data, how many to keep."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app import paths
from desk_app.errors import DeskAppError
from desk_app.services import backup_restore, backup_rotation, backups, integrity, session

from .. import tasks
from .settings_form import FormWatch


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n, 1) / 1024:.0f} KB"


def _in_worker(work):
    """Run `work` on a pool thread and close that thread's own database connection afterwards."""
    def run(progress):
        try:
            return work(progress)
        finally:
            session.close_data()  # connections are per thread: this closes the worker's only
    return run


class BackupSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Backup and restore"))
        self.backups: list[backups.BackupInfo] = []
        self.task = None
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Reason"), self.tr("Size"),
                                              self.tr("Contents"), self.tr("Name")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.backup_now = QPushButton(self.tr("Back up now"))
        self.backup_to_file = QPushButton(self.tr("Back up to a file…"))
        self.backup_to_file.setToolTip(self.tr("One zip file, e.g. on a USB stick, to keep away from this PC"))
        self.restore_selected = QPushButton(self.tr("Restore selected…"))
        self.restore_file = QPushButton(self.tr("Restore from file…"))
        self.delete_selected = QPushButton(self.tr("Delete selected…"))
        self.open_folder = QPushButton(self.tr("Open backup folder"))
        self.check_data = QPushButton(self.tr("Check data"))
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.keep_daily, self.keep_weekly, self.keep_monthly = QSpinBox(), QSpinBox(), QSpinBox()
        for box, top in ((self.keep_daily, 366), (self.keep_weekly, 260), (self.keep_monthly, 240)):
            box.setRange(1, top)
            box.setMaximumWidth(120)
        self.save_policy_button = QPushButton(self.tr("Save"))
        keep = QGroupBox(self.tr("Automatic backups to keep (one is made every day, at start-up or past midnight; "
                                 "those made with Back up now stay until deleted)"))
        form = QFormLayout(keep)
        form.addRow(self.tr("Daily:"), self.keep_daily)
        form.addRow(self.tr("Weekly:"), self.keep_weekly)
        form.addRow(self.tr("Monthly:"), self.keep_monthly)
        self.save_policy_button.setMaximumWidth(120)
        form.addRow("", self.save_policy_button)

        buttons = QHBoxLayout()
        for button in (self.backup_now, self.backup_to_file, self.restore_selected, self.restore_file,
                       self.delete_selected, self.open_folder, self.check_data):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(keep)

        self.backup_now.clicked.connect(self.make_backup)
        self.backup_to_file.clicked.connect(self.make_backup_file)
        self.restore_selected.clicked.connect(self.restore_chosen)
        self.restore_file.clicked.connect(self.restore_from_file)
        self.delete_selected.clicked.connect(self.delete_chosen)
        self.open_folder.clicked.connect(self.show_folder)
        self.check_data.clicked.connect(self.run_check)
        self.save_policy_button.clicked.connect(self.save_policy)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda *_: self.restore_chosen())
        self.watch = FormWatch([self.keep_daily, self.keep_weekly, self.keep_monthly], self)
        self.refresh()

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.backups = backups.list_backups()
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            reason = info.reason_label
            if info.damaged:
                reason = self.tr("%1 (damaged)").replace("%1", reason)
            values = (info.created_at.strftime("%Y-%m-%d %H:%M"), reason, _size(info.size),
                      info.summary(), info.path.name)
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setToolTip(str(info.path) if column == 4 else text)
                if info.damaged:
                    cell.setForeground(QBrush(QColor("#b00020")))
                    cell.setToolTip(self.tr("This backup is a copy of damaged data; it cannot be used to restore."))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        if self.backups:
            self.table.selectRow(0)
        if not self.watch.changed():  # a backup made meanwhile leaves numbers typed but not saved alone
            keep = backup_rotation.policy()
            self.keep_daily.setValue(keep.daily)
            self.keep_weekly.setValue(keep.weekly)
            self.keep_monthly.setValue(keep.monthly)
            self.watch.mark_saved()
        read_only = session.read_only()
        for widget in (self.backup_now, self.save_policy_button, self.restore_file):
            widget.setEnabled(not read_only)
        if read_only:
            self.status.setText(session.read_only_reason())
        elif not self.status.text():
            self.status.setText(self.tr("Backups are kept in %1").replace("%1", str(paths.backups_dir())))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_selected.setEnabled(bool(self.chosen()) and not session.read_only())
        self.delete_selected.setEnabled(bool(self.chosen()) and not session.read_only())

    def chosen(self) -> backups.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    # -- actions -----------------------------------------------------------------------------
    def make_backup(self) -> None:
        task = tasks.Task(_in_worker(lambda progress: backups.create_backup("manual", progress=progress)),
                          self.tr("Backing up…"))
        task.finished_ok.connect(self._backup_done)
        self.task = tasks.run_with_progress(self, task)

    def make_backup_file(self) -> None:
        suggested = backups.zip_destination(Path.home(), datetime.now())
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Back up to a file"), str(suggested),
                                              self.tr("Backups (*.zip)"))
        if name:
            task = tasks.Task(_in_worker(lambda progress: backups.create_backup("manual", Path(name),
                                                                                progress=progress)),
                              self.tr("Backing up…"))
            task.finished_ok.connect(self._backup_done)
            self.task = tasks.run_with_progress(self, task)

    def _backup_done(self, path) -> None:
        self.status.setText(self.tr("Backup saved: %1").replace("%1", str(path)))
        self.refresh()
        info = backups.describe(path)
        if info is not None and info.damaged:
            self.status.setText(self.tr("Backup saved, but the data is damaged: %1").replace("%1", str(path)))
            QMessageBox.warning(
                self, self.tr("The data is damaged"),
                self.tr("The backup was made, but the current data is damaged, so this backup is a copy of "
                        "damaged data. It is marked \"damaged\" in the list and cannot be used to restore.")
                + "\n\n" + self.tr("Please stop entering data, click \"Check data\" for details, and restore "
                                    "the newest backup that is not marked damaged."))

    def show_folder(self) -> None:
        folder = paths.backups_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def save(self) -> None:  # the section's 保存 (SettingsPage saves unsaved sections through it)
        self.save_policy()

    def save_policy(self) -> None:
        try:
            backup_rotation.save_policy(backup_rotation.BackupPolicy(self.keep_daily.value(), self.keep_weekly.value(),
                                                     self.keep_monthly.value()))
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)
            return
        self.watch.mark_saved()
        self.status.setText(self.tr("Saved. Older backups beyond these numbers are removed after the next backup."))

    def run_check(self) -> None:
        task = tasks.Task(lambda progress: integrity.check(progress=progress), self.tr("Checking the data…"))
        task.finished_ok.connect(self._show_report)
        self.task = tasks.run_with_progress(self, task)

    def _show_report(self, report) -> None:
        box = QMessageBox(QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning,
                          self.tr("Data check"), report.text(technical=False), QMessageBox.StandardButton.Ok, self)
        if report.technical_text():
            box.setDetailedText(report.technical_text())
        box.exec()

    def delete_chosen(self) -> None:
        info = self.chosen()
        if info is None:
            return
        text = self.tr("Delete the backup of %1 (%2)? It cannot be used to restore afterwards.").replace(
            "%1", info.created_at.strftime("%Y-%m-%d %H:%M")).replace("%2", info.reason_label)
        good = [b for b in self.backups if not b.damaged]
        if good and good[0].path == info.path:
            text += "\n\n" + self.tr("This is the newest good backup.")
        answer = QMessageBox.question(self, self.tr("Delete backup"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            backup_rotation.delete_backup(info.path)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot delete"), exc.message)
            return
        self.status.setText(self.tr("Backup deleted: %1").replace("%1", info.created_at.strftime("%Y-%m-%d %H:%M")))
        self.refresh()

    def restore_chosen(self) -> None:
        info = self.chosen()
        if info is not None:
            self.restore(info.path)

    def restore_from_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), str(Path.home()),
                                              self.tr("Backups (*.zip *.sqlite3 manifest.json);;All files (*)"))
        if name:
            path = Path(name)
            self.restore(path.parent if path.name == backups.MANIFEST_NAME else path)

    def restore(self, path: Path, *, ask: bool = True) -> None:
        """Validate, show what the backup holds, ask, then restore in the background."""
        try:
            check = backup_restore.inspect_backup(path)
        except DeskAppError as exc:
            QMessageBox.warning(self, self.tr("Cannot restore"), exc.message)
            return
        check.cleanup()
        self._restoring = check.info  # what the status line names when it is done
        if not check.ok:
            QMessageBox.warning(self, self.tr("Cannot restore"), check.description())
            return
        if ask:
            answer = QMessageBox.question(
                self, self.tr("Restore backup"),
                self.tr("Replace the current data with this backup?") + "\n\n" + check.description() + "\n\n"
                + self.tr("The current data is backed up first, so this restore can itself be undone."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        session.close_data()  # this thread's connection must be gone before the file is swapped
        task = tasks.Task(_in_worker(lambda progress: backup_restore.restore_backup(path, progress=progress)),
                          self.tr("Restoring…"))
        task.finished_ok.connect(self._restored)
        task.failed.connect(lambda *_: self._reopen())
        task.cancelled.connect(self._reopen)
        self.task = tasks.run_with_progress(self, task)

    def _reopen(self) -> bool:
        try:
            session.open_data()
        except DeskAppError as exc:
            QMessageBox.critical(self, self.tr("Cannot open the data"), exc.message)
            return False
        self.state.reload_campaign()
        self.state.data_changed.emit()
        self.refresh()
        return True

    def _restored(self, result) -> None:
        if not self._reopen():
            return
        made = self._restoring.created_at.strftime("%Y-%m-%d %H:%M")
        text = (self.tr("Restored the backup of %1 (%2): %3.").replace("%1", made)
                .replace("%2", self._restoring.reason_label).replace("%3", self._restoring.summary()))
        if result.safety_backup is not None:
            text += " " + self.tr("The data as it was just before is kept as a backup too (\"%1\" at the top of the "
                                  "list), so this restore can be undone.").replace("%1", backups.REASON_LABELS["pre-restore"])
        self.status.setText(text)
