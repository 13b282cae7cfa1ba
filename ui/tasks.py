"""Long work off the GUI thread, with progress and cancel, never touching widgets from the worker.

    task = Task(lambda progress: export(..., progress=progress), label)
    task.finished_ok.connect(...); task.failed.connect(...)
    run_with_progress(parent, task)   # modal progress dialog with 取消

The work function receives a `progress(done, total, text="")` callable; it returns False once the user
cancelled, and the work should then stop (raising desk_app.progress.Cancelled, the program's one cancel
type, or returning early) without leaving anything half-written (services run each write in one
transaction). Database connections are per thread: the worker's own is closed when the task ends, so
no open handle outlives it (on Windows an open handle blocks the file swap of a restore).

The runner owns every started task until it ends, so a caller may drop it; at quit the tasks still running
are cancelled and waited for.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal
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
    ended = Signal()  # the worker's last emission: after it, nothing of the task runs on the worker


class Task:
    """One piece of work for a worker thread, with its signals (delivered on the GUI thread).

    Not a QRunnable: how long PySide keeps a started QRunnable depends on its ownership rules (6.12's pool kept
    every task, and whatever its slots hold, until exit), and a task's life must not hang on who happened to
    hold it. The runner below owns a started task until its end reached the GUI thread, whoever started it.
    """

    def __init__(self, work, label: str = ""):
        self.work = work
        self.label = label
        # Owned by the application, not by this wrapper: the last reference to a task may go on the worker
        # thread, and a QObject must be deleted on its own (the GUI) thread; _release deletes it there.
        self.signals = _Signals(QCoreApplication.instance())
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
            self.signals.ended.emit()


# The runner's own reference to every started task until its end has reached the GUI thread.
_running: set[Task] = set()
_quit_hooked: set[int] = set()


def running() -> tuple[Task, ...]:
    """The tasks started and not yet ended (their end not yet handled on the GUI thread)."""
    return tuple(_running)


def start(task: Task) -> Task:
    """Run `task` on the global pool. The runner keeps it until it ends: callers need not hold it."""
    _running.add(task)
    # Queued after the task's last outcome signal, so every outcome slot has run before the release.
    task.signals.ended.connect(lambda: _release(task))
    _hook_quit()
    QThreadPool.globalInstance().start(task.run)
    return task


def _release(task: Task) -> None:
    _running.discard(task)
    # Also drops the signal connections, and with them the slots' closures that refer back to the task.
    task.signals.deleteLater()


def _hook_quit() -> None:
    app = QCoreApplication.instance()
    if app is not None and id(app) not in _quit_hooked:
        _quit_hooked.add(id(app))
        app.aboutToQuit.connect(stop_all)


def stop_all(timeout_ms: int = 30000) -> bool:
    """Cancel whatever still runs and wait for it, so closing the window mid-export leaves no worker running
    into the interpreter's shutdown (each stops at its next progress step; services roll back what is
    half-done). Returns False if something did not stop within `timeout_ms`."""
    for task in list(_running):
        task.cancel()
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    if not done:
        log.warning("background tasks still running at exit: %s", ", ".join(t.label or "?" for t in _running))
    return done


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
    start is dropped when it arrives, and so is one whose owner widget was closed meanwhile (the runner keeps
    the tasks alive while they run)."""

    def __init__(self, owner: QObject):
        self._owner = owner
        self._generation = 0

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
        return start(task)

    def drop(self) -> None:
        """Whatever is still running is no longer wanted (a synchronous reading replaced it)."""
        self._generation += 1
