"""What other clerks changed: a cheap cursor over the change log that a window polls every few seconds.

Every service write logs its rows in change_log, whose ids only grow. The cursor is the largest id and
how many rows lie in the last WINDOW ids: on PostgreSQL two transactions may commit out of id order, and a
late commit below the largest id still changes that count. ``poll`` answers None when nothing changed,
else which entries and meetings changed and by whom (the details of up to DETAIL_LIMIT rows; `complete`
says whether that is all of it).

A source is anything with ``wait(cursor, stop) -> ChangeBatch | None``: PollingSource sleeps and polls;
a PostgreSQL LISTEN/NOTIFY source can wake up as soon as the server says so and hand the same batches to
the same window code (ui/change_poller).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desk_app.db.models import ChangeLog, database

WINDOW = 1000
DETAIL_LIMIT = 500
POLL_SECONDS = 2.5


@dataclass(frozen=True)
class Cursor:
    last_id: int = 0
    window_count: int = 0


@dataclass(frozen=True)
class ChangeBatch:
    cursor: Cursor
    entries: frozenset[int] = frozenset()  # ledger_entry ids that changed
    meetings: frozenset[int] = frozenset()
    actors: tuple[str, ...] = ()  # who made the changes, in order of first appearance
    complete: bool = True  # False: more changed than the details list (refresh everything)
    tables: frozenset[str] = field(default_factory=frozenset)


# The cursor in one statement (each window asks every few seconds, on a server every clerk's window does):
# the largest id from the primary key's end, the rows of the window below it by one index range.
_CURSOR_SQL = ('SELECT m.last, (SELECT COUNT(*) FROM "change_log" WHERE "id" > m.last - ?) '
               'FROM (SELECT MAX("id") AS last FROM "change_log") m')


def cursor() -> Cursor:
    last, count = database.execute_sql(_CURSOR_SQL, (WINDOW,)).fetchone()
    return Cursor(last or 0, count if last else 0)


def _late_commit(since: Cursor) -> bool:
    """Rows that appeared below the cursor's last id (committed after it, with an older id)."""
    if not since.last_id:
        return False
    count = ChangeLog.select().where(ChangeLog.id > since.last_id - WINDOW, ChangeLog.id <= since.last_id).count()
    return count != since.window_count


def poll(since: Cursor) -> ChangeBatch | None:
    """The changes after `since`, or None when there are none."""
    now = cursor()
    if now == since:
        return None
    rows = list(ChangeLog.select(ChangeLog.id, ChangeLog.actor, ChangeLog.entity, ChangeLog.entity_id)
                .where(ChangeLog.id > since.last_id).order_by(ChangeLog.id).limit(DETAIL_LIMIT).tuples())
    entries, meetings, tables, actors = set(), set(), set(), {}
    for _id, actor, entity, entity_id in rows:
        tables.add(entity)
        actors.setdefault(actor, None)
        if entity == "ledger_entry":
            entries.add(entity_id)
        elif entity == "meeting":
            meetings.add(entity_id)
    complete = len(rows) < DETAIL_LIMIT and now.last_id >= since.last_id and not _late_commit(since)
    return ChangeBatch(now, frozenset(entries), frozenset(meetings), tuple(actors), complete, frozenset(tables))


class PollingSource:
    """Wait `interval` seconds (or until stopped), then poll."""

    def __init__(self, interval: float = POLL_SECONDS):
        self.interval = interval

    def wait(self, since: Cursor, stop: threading.Event) -> ChangeBatch | None:
        if stop.wait(self.interval):
            return None
        return poll(since)
