"""Long work off the GUI thread, with progress and cancel, never touching widgets from the worker.

    task = Task(lambda progress: export(..., progress=progress), label)
    task.finished_ok.connect(...); task.failed.connect(...)
    run_with_progress(parent, task)   # modal progress dialog with 取消

The work function receives a `progress(done, total, text="")` callable; it returns False once the user
cancelled, and the work should then stop (raising desk_app.progress.Cancelled, the program's one cancel
type, or returning early) without leaving anything half-written (services run each write in one
transaction). Database connections are per thread: the worker's own is closed when the task ends, so
no open handle outlives it (on Windows an open handle blocks the file swap of a restore).
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid

from desk_app.errors import DeskAppError
from desk_app.progress import Cancelled
from desk_app.services import session

log = logging.getLogger(__name__)

# The same type as desk_app.progress.Cancelled: ui code may raise either name.
TaskCancelled = Cancelled


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished_ok = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Task(QRunnable):
    def __init__(self, work, label: str = ""):
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.label = label
        self.signals = _Signals()
        self.progressed = self.signals.progressed
        self.finished_ok = self.signals.finished_ok
        self.failed = self.signals.failed
        self.cancelled = self.signals.cancelled
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    @property
    def is_cancelled(self) -> bool:
        return self._cancel

    def _progress(self, done: int, total: int, text: str = "") -> bool:
        self.signals.progressed.emit(int(done), int(total), text)
        return not self._cancel

    def run(self) -> None:  # worker thread: emit signals only
        try:
            result = self.work(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except DeskAppError as exc:
            self.signals.failed.emit(exc.message)
        except Exception as exc:  # noqa: BLE001 - shown to the user, logged with its traceback
            log.error("background task failed: %s", traceback.format_exc())
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if self._cancel:
                self.signals.cancelled.emit()
            else:
                self.signals.finished_ok.emit(result)
        finally:
            session.release_thread_connection()


def start(task: Task) -> Task:
    QThreadPool.globalInstance().start(task)
    return task


def run_with_progress(parent: QWidget | None, task: Task, *, show_errors: bool = True) -> Task:
    """Start a task behind a window-modal progress dialog that can cancel it."""
    dialog = QProgressDialog(task.label, QCoreApplication.translate("Tasks", "Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    # The dialog goes with its parent: a page or dialog closed while the task runs must not turn the task's
    # late signals into errors about a deleted object.
    def on_progress(done, total, text):
        if not isValid(dialog):
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    def finish(*_):
        if not isValid(dialog):
            return
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def on_failed(message):
        finish()
        if show_errors:
            owner = parent if parent is not None and isValid(parent) else None
            QMessageBox.warning(owner, task.label or QCoreApplication.translate("Tasks", "Error"), message)

    task.progressed.connect(on_progress)
    task.finished_ok.connect(finish)
    task.cancelled.connect(finish)
    task.failed.connect(on_failed)
    dialog.canceled.connect(task.cancel)
    start(task)
    return task


class LatestReading:
    """Readings of one view on a worker thread where only the newest counts: a reading overtaken by a newer
    start is dropped when it arrives, and so is one whose owner widget was closed meanwhile. The tasks are
    kept alive while they run (Qt holds no reference to a QRunnable that does not delete itself)."""

    def __init__(self, owner: QObject):
        self._owner = owner
        self._generation = 0
        self._running: set[Task] = set()

    def start(self, work, on_done, on_failed=None) -> Task:
        """Run `work()` on a worker; `on_done(result)` / `on_failed(message)` on the GUI thread if still current."""
        self._generation += 1
        generation = self._generation

        def current() -> bool:
            return generation == self._generation and isValid(self._owner)

        task = Task(lambda _progress: work())
        task.reported = False
        task.finished_ok.connect(lambda result: on_done(result) if current() else None)
        if on_failed is not None:
            task.failed.connect(lambda message: on_failed(message) if current() else None)
        for signal in (task.finished_ok, task.failed, task.cancelled):
            signal.connect(lambda *_: setattr(task, "reported", True))
        # Dropped at a later start, never inside its own signal.
        self._running = {t for t in self._running if not t.reported} | {task}
        return start(task)

    def drop(self) -> None:
        """Whatever is still running is no longer wanted (a synchronous reading replaced it)."""
        self._generation += 1
