"""Start-up safety: one writer per data folder, a quick check with restore from the newest good
backup, the daily backup (also for a window left open past midnight), and bringing this window forward
when a second instance asks."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desk_app import paths
from desk_app.errors import DatabaseCorruptError, DeskAppError
from desk_app.services import context, instance_lock, session

log = logging.getLogger(__name__)

OK, EXIT, FAILED = "ok", "exit", "failed"
RAISE, READ_ONLY, QUIT = "raise", "read_only", "quit"


class StartupDialogs(QObject):
    """The questions asked before the main window exists (a class, so tr() has a context).

    QMessageBox is imported where a question is asked: PySide6 builds a class's enums on its first import,
    and a start that asks nothing needs none of them."""

    def ask_when_locked(self, owner) -> str:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see the class's docstring

        from .choice_box import choose  # noqa: PLC0415 - imports QMessageBox

        return choose(QMessageBox.Icon.Information, self.tr("Data already open"),
                      instance_lock.locked_message(owner) + "\n\n"
                      + self.tr("Switch to the window that is already open, or open a read-only copy "
                                "here to look things up?"),
                      [(self.tr("Switch to the open window"), RAISE), (self.tr("Open read-only"), READ_ONLY),
                       (self.tr("Quit"), QUIT)])

    def tell_read_only(self, reason: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see the class's docstring

        QMessageBox.warning(None, self.tr("Read-only"), reason)

    def offer_restore(self, explanation: str, details: str = "") -> bool:
        """The data is damaged: offer the newest good backup. True when the data was restored.

        `explanation` is plain Chinese; SQLite's own findings (`details`) stay behind 详细信息.
        """
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see the class's docstring

        from desk_app.services import backup_restore  # noqa: PLC0415 - only when damage was found

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            good = backup_restore.newest_good_backup()
        finally:
            QApplication.restoreOverrideCursor()
        if good is None:
            box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Data damaged"), explanation + "\n\n"
                              + self.tr("No good backup was found in the backup folder. Please contact "
                                        "your administrator; the damaged file has not been changed."),
                              QMessageBox.StandardButton.Ok)
            if details:
                box.setDetailedText(details)
            box.exec()
            return False
        question = (self.tr("The data file is damaged: part of it cannot be read (this usually follows a power "
                            "cut, a forced shutdown, a disk fault or a faulty copy). Please do not keep working "
                            "on it.") + "\n\n"
                    + self.tr("Newest good backup: %1 (%2)").replace("%1", good.created_at.strftime("%Y-%m-%d %H:%M"))
                    .replace("%2", good.reason_label) + "\n" + good.summary() + "\n\n"
                    + self.tr("Restore it now? The damaged data is kept aside in the backup folder, nothing is "
                              "thrown away. Changes made after that backup will have to be entered again."))
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Data damaged"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if details:
            box.setDetailedText(details)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            session.close_data()
            result = backup_restore.restore_backup(good.path)
        except DeskAppError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.critical(None, self.tr("Cannot restore"), exc.message)
            return False
        QApplication.restoreOverrideCursor()
        kept = result.safety_backup.name if result.safety_backup else ""
        QMessageBox.information(None, self.tr("Restored"),
                                self.tr("The data was restored from the backup of %1. The damaged data is kept in "
                                        "%2.").replace("%1", good.created_at.strftime("%Y-%m-%d %H:%M"))
                                .replace("%2", kept))
        return True

    def server_unreachable(self, message: str) -> str:
        from . import database_startup  # noqa: PLC0415 - only when the shared database is unreachable

        return database_startup.DatabaseStartup().ask(message)

    def edit_database(self) -> bool:
        from . import database_startup  # noqa: PLC0415 - only when the shared database is unreachable

        return database_startup.DatabaseStartup().edit()

    def cannot_open(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see the class's docstring

        QMessageBox.critical(None, self.tr("Cannot open the data"), message)

    def backup_failed(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - see the class's docstring

        QMessageBox.warning(None, self.tr("Daily backup failed"),
                            message + "\n\n" + self.tr("The program keeps working; please free some disk space."))


def open_data_safely(dialogs: StartupDialogs | None = None, *, checks: bool = True) -> str:
    """Lock, check, open and back up the data folder. OK, EXIT (nothing wrong, just leave) or FAILED.

    checks=False leaves the quick check and the daily backup to check_after_window(): at 100,000 entries
    they take seconds (the check reads the whole file, the backup copies it), and the window should not wait;
    the sweep of killed runs' leftovers goes with them.
    """
    dialogs = dialogs or StartupDialogs()
    folder = paths.data_dir()
    problem = session.data_folder_problem()  # e.g. --data-dir names a file: one clear message
    if problem:
        dialogs.cannot_open(problem)
        return FAILED
    read_only = False
    shared = session.shared_database()  # a PostgreSQL server: no data file to lock or check here
    lock = instance_lock.acquire(folder) if not shared else None
    if lock is not None and not lock.acquired:
        if lock.error:
            dialogs.tell_read_only(lock.error)
        else:
            choice = dialogs.ask_when_locked(lock.owner)
            if choice == RAISE:
                instance_lock.request_raise(folder)
                return EXIT
            if choice == QUIT:
                return EXIT
        read_only = True
    elif lock is not None and lock.stale_cleared is not None:
        log.info("the previous session did not end normally (process %s)", lock.stale_cleared.pid)
    if checks and not shared and paths.database_path().exists():
        from desk_app.services import integrity  # noqa: PLC0415 - the window's start-up checks after it shows

        report = integrity.startup_check()
        if report.damaged and not read_only:
            log.error("start-up check found damage:\n%s", report.text())
            dialogs.offer_restore(report.explanation(), report.text())
    try:
        session.open_data(read_only=read_only, sweep=checks)  # without the checks, the sweep waits for them too
    except DatabaseCorruptError as exc:
        if read_only or not dialogs.offer_restore(exc.message):
            dialogs.cannot_open(exc.message)
            return FAILED
        try:
            session.open_data()
        except DeskAppError as again:
            dialogs.cannot_open(again.message)
            return FAILED
    except DeskAppError as exc:
        from . import database_startup  # noqa: PLC0415 - only when opening failed

        if shared and database_startup.from_saved_choice():  # not a dead end: retry, or change the choice
            while (choice := dialogs.server_unreachable(exc.message)) != database_startup.QUIT:
                if choice == database_startup.RETRY or dialogs.edit_database():
                    return open_data_safely(dialogs, checks=checks)
            return EXIT
        dialogs.cannot_open(exc.message)
        return FAILED
    if checks and not session.read_only():
        from desk_app.services import backup_daily  # noqa: PLC0415

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            backup_daily.daily_backup_if_due()
        except DeskAppError as exc:
            QApplication.restoreOverrideCursor()
            log.warning("daily backup failed: %s", exc.message)
            dialogs.backup_failed(exc.message)
        else:
            QApplication.restoreOverrideCursor()
    return OK


def _check_and_back_up(progress):
    """The worker's part of check_after_window: the sweep of killed runs' leftovers, the quick check, then (on
    sound data) the daily backup."""
    from desk_app.services import backup_daily, integrity  # noqa: PLC0415

    session.sweep_leftovers_if_writer()
    report = integrity.startup_check()
    backup_error = ""
    if not report.damaged and not session.read_only():
        try:
            backup_daily.daily_backup_if_due()
        except DeskAppError as exc:
            backup_error = exc.message
    return report, backup_error


def check_after_window(window, dialogs: StartupDialogs | None = None):
    """The start-up check and daily backup, on a worker thread once the window is up; damage found then is
    offered for restore as before (the window reloads on the restored data). Returns the task."""
    from ui import tasks  # noqa: PLC0415

    dialogs = dialogs or StartupDialogs()
    task = tasks.Task(_check_and_back_up, "start-up check")
    status = window.statusBar()
    status.showMessage(QApplication.translate("StartupDialogs", "Checking the data and making the daily backup…"))

    def done(result):
        report, backup_error = result
        status.clearMessage()
        if report.damaged and not session.read_only():
            log.error("start-up check found damage:\n%s", report.text())
            if dialogs.offer_restore(report.explanation(), report.text()):
                try:
                    session.open_data()
                except DeskAppError as exc:
                    dialogs.cannot_open(exc.message)
                    return
                window.state.reload_campaign()
                window.state.data_changed.emit()
        elif backup_error:
            log.warning("daily backup failed: %s", backup_error)
            dialogs.backup_failed(backup_error)

    task.finished_ok.connect(done)
    task.failed.connect(lambda message: (status.clearMessage(), log.warning("start-up check failed: %s", message)))
    window.startup_task = task  # for tests; the runner keeps it alive until it ends
    window.daily_backup_timer = DailyBackupTimer(window, dialogs)
    return tasks.start(task)


def _daily_backup(progress):
    from desk_app.services import backup_daily  # noqa: PLC0415

    return backup_daily.daily_backup_if_due(progress=progress)


class DailyBackupTimer(QObject):
    """The daily backup of a window that stays open for days (office PCs are seldom switched off): on the
    first check of a new day the writing window makes it on a worker, as a start that day would have."""

    CHECK_MS = 10 * 60 * 1000  # a date compare; the backup itself runs once a day

    def __init__(self, window: QWidget, dialogs: StartupDialogs | None = None, interval_ms: int = CHECK_MS):
        super().__init__(window)
        self.window = window
        self.dialogs = dialogs or StartupDialogs()
        # The app's "today" (context.today(): what every service, the tests and a pinned demo date use),
        # so the day this window watches moves with the day its deadlines and 逾期 are counted from.
        self.day = context.today()  # the start-up check makes today's
        self.task = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self, today: date | None = None) -> bool:
        """Start the day's backup when the date has moved on; True when one was started."""
        from ui import tasks  # noqa: PLC0415

        today = today or context.today()
        if today == self.day or self.task is not None or session.read_only():
            return False
        self.day = today
        self.task = tasks.Task(_daily_backup, "daily backup")
        self.task.finished_ok.connect(self._done)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._forget)
        tasks.start(self.task)
        return True

    def _forget(self, *_) -> None:
        self.task = None

    def _done(self, made) -> None:
        self._forget()
        if made is not None:
            self.window.statusBar().showMessage(
                QApplication.translate("StartupDialogs", "Today's automatic backup is made: %1")
                .replace("%1", made.name), 10000)

    def _failed(self, message: str) -> None:
        self._forget()
        log.warning("daily backup failed: %s", message)
        self.dialogs.backup_failed(message)


class RaiseWatcher(QObject):
    """Brings `window` forward when a second instance drops a request file into the data folder.

    A file, not a local socket: the program must never touch a network API. The folder watcher
    reacts at once; the timer covers file systems where watching does not work.
    """

    def __init__(self, window: QWidget, interval_ms: int = 1500):
        super().__init__(window)
        self.window = window
        self.folder = paths.data_dir()
        self.watcher = QFileSystemWatcher(self)
        if self.folder.is_dir():
            self.watcher.addPath(str(self.folder))
        self.watcher.directoryChanged.connect(self.check)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self, *_) -> bool:
        if not instance_lock.take_raise_request(self.folder):
            return False
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()
        return True
