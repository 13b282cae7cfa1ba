"""Keeping the search index current in the background, so that no keystroke waits for it.

The writers index what they write (services/search.py); what is left queued — after a migration, a
restore of an older backup, a writer outside the program — is indexed here on a worker thread, at
start-up and whenever the data changed and the queue is long, with its progress in the status bar.
Searches meanwhile find the queued entries by a plain scan.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desk_app.services import search, session

from . import tasks


class SearchIndexer(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.task: tasks.Task | None = None  # kept after it ends: the pool may still be leaving its run()
        self.busy = False

    def start(self) -> None:
        """Index the queue in the background if it is longer than a search would index itself."""
        if self.busy or session.read_only() or search.pending() <= search.INLINE_LIMIT:
            return
        self.busy = True
        self.task = tasks.Task(search.sync_in_background, self.tr("Indexing for search"))
        self.task.progressed.connect(self._progressed)
        for signal in (self.task.finished_ok, self.task.failed, self.task.cancelled):
            signal.connect(self._finished)
        tasks.start(self.task)

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.window.statusBar().showMessage(
            self.tr("Indexing for search: %1 of %2 entries (search works meanwhile)")
            .replace("%1", f"{done:,}").replace("%2", f"{total:,}"))

    def _finished(self, *_) -> None:
        self.busy = False
        self.window.statusBar().showMessage(self.tr("Search index is up to date"), 4000)
