"""Background tasks: one cancel type for core and GUI, and worker threads close their connection."""

import sqlite3

import pytest

from desk_app.db.models import LedgerEntry, database
from desk_app.progress import Cancelled


def test_every_cancel_is_the_one_type():
    from desk_app.exchange import progress as exchange_progress
    from desk_app.reports import layout
    from ui import tasks

    assert tasks.TaskCancelled is Cancelled and layout.RenderCancelled is Cancelled
    assert exchange_progress.Cancelled is Cancelled


def test_a_cancelled_restore_raises_the_one_type(db, monkeypatch):
    from desk_app.services import backup_restore

    assert isinstance(backup_restore._cancelled(), Cancelled)


def _run(qtbot, work):
    from ui import tasks

    task = tasks.Task(work)
    outcome = {}
    task.finished_ok.connect(lambda result: outcome.setdefault("ok", result))
    task.cancelled.connect(lambda: outcome.setdefault("cancelled", True))
    task.failed.connect(lambda message: outcome.setdefault("failed", message))
    tasks.start(task)
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)
    return outcome


def test_a_worker_closes_its_database_connection_when_the_task_ends(demo, qtbot):
    seen = {}

    def work(progress):
        seen["connection"] = database.connection()
        return LedgerEntry.select().count()

    assert _run(qtbot, work)["ok"] == demo.entries
    with pytest.raises(sqlite3.ProgrammingError):
        seen["connection"].execute("SELECT 1")
    assert not database.is_closed()  # the GUI thread's own connection stays open


def test_cancel_from_core_work_is_reported_as_cancelled_not_failed(demo, qtbot):
    def work(progress):
        from desk_app.progress import report

        report(lambda *a: False, 1, 2, "")

    assert _run(qtbot, work) == {"cancelled": True}


def test_the_indexer_catches_up_in_the_background(main_window, qtbot, monkeypatch):
    from desk_app.services import search

    database.execute_sql("INSERT OR IGNORE INTO search_dirty (entry_id) SELECT id FROM ledger_entry")
    monkeypatch.setattr(search, "INLINE_LIMIT", 10)
    main_window.search_indexer.start()
    qtbot.waitUntil(lambda: not main_window.search_indexer.busy, timeout=20000)
    assert search.pending() == 0
    assert "up to date" in main_window.statusBar().currentMessage() or "最新" in main_window.statusBar().currentMessage()


def test_a_progress_dialogs_parent_closed_while_the_task_runs_leaves_no_error(qtbot):
    """Its late progress and its end reach a dialog deleted with its parent: ignored, not an exception."""
    import threading

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QWidget

    from ui import tasks

    parent = QWidget()
    release, outcome = threading.Event(), {}

    def work(progress):
        release.wait(5)
        progress(1, 2, "一半")
        return "done"

    task = tasks.Task(work, "长任务")
    task.finished_ok.connect(lambda result: outcome.setdefault("ok", result))
    tasks.run_with_progress(parent, task)
    parent.deleteLater()  # the page closes while the work goes on
    qtbot.waitUntil(lambda: not _alive(parent), timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: "ok" in outcome, timeout=5000)  # pytest-qt fails the test on an exception in a slot
    QThreadPool.globalInstance().waitForDone(5000)
    assert outcome == {"ok": "done"}


def _alive(widget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)


def test_only_the_newest_reading_is_drawn_and_none_after_its_owner_closed(qtbot):
    """A slow reading overtaken by a newer one arrives late: dropped. A reading whose page closed: dropped."""
    import threading

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QWidget

    from ui import tasks

    owner, release, drawn = QWidget(), threading.Event(), []
    reading = tasks.LatestReading(owner)

    def slow():
        release.wait(5)
        return "older"

    first = reading.start(slow, drawn.append)
    reading.start(lambda: "newer", drawn.append)
    qtbot.waitUntil(lambda: drawn == ["newer"], timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: first.reported, timeout=5000)
    assert drawn == ["newer"]

    failures = []
    reading.start(lambda: 1 / 0, drawn.append, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert failures[0].startswith("ZeroDivisionError") and drawn == ["newer"]

    release.clear()
    last = reading.start(slow, drawn.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: last.reported, timeout=5000)
    QThreadPool.globalInstance().waitForDone(5000)
    assert drawn == ["newer"]


def test_the_runner_owns_a_task_nobody_kept_while_it_runs_and_lets_it_go_after(qtbot):
    """Callers drop the task run_with_progress returns. Garbage collection during the run must not take it (its
    signals would be deleted under the worker: 'Signal source has been deleted', the progress dialog left
    open); once it ended nothing may keep it (before, every task lived until exit with all its slots held)."""
    import gc
    import threading
    import weakref

    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from ui import tasks

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release, outcomes, kept = threading.Event(), [], []

    def work(progress):
        release.wait(5)
        progress(1, 2, "一半")
        return "done"

    def launch(n):  # more tasks than the pool has threads: some wait in its queue
        task = tasks.Task(work, f"长任务 {n}")
        task.finished_ok.connect(outcomes.append)
        kept.append(weakref.ref(task))
        tasks.run_with_progress(parent, task)

    for n in range(QThreadPool.globalInstance().maxThreadCount() + 2):
        launch(n)
    gc.collect()
    assert all(ref() is not None for ref in kept)
    release.set()
    qtbot.waitUntil(lambda: len(outcomes) == len(kept), timeout=10000)
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(50)  # the tasks' ends, and the deferred deletion of their signal objects
    gc.collect()
    assert outcomes == ["done"] * len(kept)
    assert [ref() for ref in kept] == [None] * len(kept)
    assert tasks.running() == ()
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]


def test_stop_all_cancels_what_still_runs_and_waits_for_it(qtbot):
    """At quit the running tasks are cancelled and waited for, not left running into the interpreter's end."""
    import threading
    import time

    from ui import tasks

    seen, started = [], threading.Event()

    def work(progress):
        started.set()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if not progress(0, 0):
                seen.append("saw the cancel")
                raise tasks.TaskCancelled()
            time.sleep(0.01)
        seen.append("ran to its end")

    cancelled = []
    task = tasks.start(tasks.Task(work, "导出"))
    task.cancelled.connect(lambda: cancelled.append(True))
    assert started.wait(5)
    assert tasks.stop_all(5000)
    assert seen == ["saw the cancel"]
    qtbot.waitUntil(lambda: cancelled == [True] and not tasks.running(), timeout=5000)
