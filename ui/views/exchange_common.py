"""Helpers shared by the exchange dialogs: background work that maps 取消 and errors to the UI."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desk_app.exchange.progress import Cancelled
from ui.tasks import Task, TaskCancelled, run_with_progress


def run_exchange_task(parent: QWidget, label: str, work, on_done, on_failed=None) -> Task:
    """Run `work(progress)` behind a progress dialog; `on_done(result)` back on the GUI thread."""

    def guarded(progress):
        try:
            return work(progress)
        except Cancelled as exc:
            raise TaskCancelled() from exc

    task = Task(guarded, label)
    task.finished_ok.connect(on_done)
    if on_failed is not None:
        task.failed.connect(on_failed)
    run_with_progress(parent, task)
    return task
