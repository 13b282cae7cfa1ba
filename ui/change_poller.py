"""Seeing what other clerks do, off the GUI thread: their changes within a few seconds, and who is editing.

A worker thread waits on a change source (desk_app.services.change_feed: PollingSource polls the change
log every 2.5 s; a PostgreSQL LISTEN/NOTIFY source can wake it sooner) and reports:

* ``changed(ChangeBatch)`` — others changed something (the window refreshes its pages);
* ``editing_changed(dict)`` — {(entity, id): [Holder]} whenever the set of others' editors changes;
* ``replaced()`` — another program replaced the data file (a restore): the window's own connection still
  reads the old file, so ui/views/data_reopen reopens it and tells the clerk (services/data_identity).

The same thread holds this program's editing leases (hold / let_go from the editors) and renews them. The
window's own writes move the cursor on at once (note_own_change, called before the pages refresh), so a
clerk's own save does not come back as somebody else's change a moment later. On SQLite the thread
closes its connection after each round, so no handle of it outlives a round (a restore can replace the
file).
"""

from __future__ import annotations

import logging
import queue
import threading
import time

from PySide6.QtCore import QObject, QThread, Signal

from desk_app.services import change_feed, concurrency, context, data_identity, editing_lease, session

log = logging.getLogger(__name__)

# The window starts the poller with its first page (first_page_ready), just before that page paints: the first
# round (a connection of its own, the change log and the editing leases read, in Python) waits this long, so it
# does not compete with that paint for the interpreter. A hold, a poll_now or stop() cuts the wait short.
FIRST_ROUND_AFTER_S = 0.5

_active: ChangePoller | None = None


def active() -> ChangePoller | None:
    """The window's poller (None in a dialog shown without the main window, e.g. in tests)."""
    return _active


class _Worker(QThread):
    changed = Signal(object)
    editing_changed = Signal(object)
    replaced = Signal()

    def __init__(self, source, parent=None):
        super().__init__(parent)
        self.source = source
        self.wake = threading.Event()
        self.requests: queue.Queue = queue.Queue()
        self.stopping = False
        self.floor_lock = threading.Lock()
        self.floor: change_feed.Cursor | None = None
        self.held: set[tuple[str, int]] = set()
        self.editing: dict = {}
        self.opened: data_identity.DataMark | None = None  # the file the window reads (set by the GUI thread)
        self.replaced_said = False  # until the window has reopened: one notice per replacement

    def run(self) -> None:  # the worker thread: emits signals, never touches widgets
        self.wake.wait(FIRST_ROUND_AFTER_S)  # left set when it cut the wait short: the first round follows at once
        cursor = None
        renewed = 0.0
        while not self.stopping:
            try:
                if self._file_replaced():
                    cursor = None  # the new file's change log is another history: start from its end
                if cursor is None:
                    cursor = change_feed.cursor()
                self._handle_requests()
                if self.held and time.monotonic() - renewed >= editing_lease.HEARTBEAT_EVERY.total_seconds():
                    editing_lease.renew(sorted(self.held))
                    renewed = time.monotonic()
                self._report_editors()
                self._release_if_sqlite()
                batch = self.source.wait(cursor, self.wake)
                self.wake.clear()
                if self.stopping:
                    break
                with self.floor_lock:
                    floor, self.floor = self.floor, None
                if floor is not None and floor.last_id >= cursor.last_id:
                    cursor = floor
                    batch = change_feed.poll(cursor)  # only what came after the window's own refresh
                if self.replaced_said or self._file_replaced():
                    continue  # what came now is the new file's: the window re-reads all of it
                if batch is not None:
                    cursor = batch.cursor
                    self.changed.emit(batch)
            except Exception:  # noqa: BLE001 - a lost server or a locked file: log, wait, try again
                log.warning("change poller round failed", exc_info=True)
                session.release_thread_connection()
                self.wake.wait(5)
                self.wake.clear()
        self._handle_requests()
        for entity, entity_id in sorted(self.held):
            self._quietly(editing_lease.release, entity, entity_id)
        session.release_thread_connection()

    def _file_replaced(self) -> bool:
        """Another program swapped the data file: say so once (the window reopens it), and never report
        the new file's change log as others' edits of the old one."""
        # Only a read-only window can be left on the old file: the writer made the swap and reopened.
        if self.replaced_said or not session.read_only() or not data_identity.replaced(self.opened):
            return False
        self.replaced_said = True
        self.replaced.emit()
        return True

    def _handle_requests(self) -> None:
        while True:
            try:
                action, key = self.requests.get_nowait()
            except queue.Empty:
                return
            if action == "hold":
                self.held.add(key)
                self._quietly(editing_lease.hold, *key)
            else:
                self.held.discard(key)
                self._quietly(editing_lease.release, *key)

    @staticmethod
    def _quietly(func, *args) -> None:
        try:
            func(*args)
        except Exception:  # noqa: BLE001 - a lease is a courtesy: never fail the editor for it
            log.warning("editing lease %s failed", getattr(func, "__name__", func), exc_info=True)

    def _report_editors(self) -> None:
        editing = editing_lease.active()
        seen = {key: [(h.client, h.name, h.since) for h in holders] for key, holders in editing.items()}
        if seen != self.editing:  # a heartbeat alone is no news
            self.editing = seen
            self.editing_changed.emit(editing)

    def _release_if_sqlite(self) -> None:
        if concurrency.engine() == "sqlite":
            session.release_thread_connection()


class ChangePoller(QObject):
    """Owns the worker thread; lives in the GUI thread."""

    changed = Signal(object)  # ChangeBatch
    editing_changed = Signal(object)  # {(entity, id): [Holder]}
    replaced = Signal()  # another program replaced the data file (a restore)

    def __init__(self, parent=None, source=None):
        super().__init__(parent)
        self._worker = _Worker(source or change_feed.PollingSource())
        self._worker.changed.connect(self.changed)
        self._worker.editing_changed.connect(self._editing)
        self._worker.replaced.connect(self._replaced)
        self.editing: dict = {}
        self.started = False

    def start(self) -> None:
        global _active
        _active = self
        self.started = True
        context.on_own_write(self.note_own_change)  # every own write, whichever page or dialog made it
        self.note_data_opened()
        self._worker.start()

    def note_data_opened(self) -> None:
        """The window (re)opened the data: the file it reads now is the one to watch."""
        try:
            self._worker.opened = data_identity.mark()
        except Exception:  # noqa: BLE001 - no file to watch is no reason to stop seeing others' changes
            log.warning("cannot take the data file's identity", exc_info=True)
            self._worker.opened = None
        self._worker.replaced_said = False

    def _replaced(self) -> None:
        from .views import data_reopen  # noqa: PLC0415 - needed only the day another program restores

        data_reopen.reopen_replaced_data(self.parent(), self)

    def stop(self) -> None:
        """Let go of the leases and end the thread (the window closes)."""
        global _active
        if _active is self:
            _active = None
        context.forget_own_write_listener(self.note_own_change)
        worker = self._worker
        if worker.isRunning():
            worker.stopping = True
            worker.wake.set()
            worker.wait(15000)

    def poll_now(self) -> None:
        self._worker.wake.set()

    def note_own_change(self) -> None:
        """The window just wrote and is about to re-read: what is there now is not news from others."""
        try:
            cursor = change_feed.cursor()
        except Exception:  # noqa: BLE001 - the worker will report it soon enough
            return
        with self._worker.floor_lock:
            self._worker.floor = cursor

    def hold(self, entity: str, entity_id: int) -> None:
        self._worker.requests.put(("hold", (entity, entity_id)))
        self._worker.wake.set()

    def let_go(self, entity: str, entity_id: int) -> None:
        self._worker.requests.put(("release", (entity, entity_id)))
        self._worker.wake.set()

    def editors_of(self, entity: str, entity_id: int) -> list:
        return list(self.editing.get((entity, entity_id), []))

    def _editing(self, editing: dict) -> None:
        self.editing = editing
        self.editing_changed.emit(editing)
