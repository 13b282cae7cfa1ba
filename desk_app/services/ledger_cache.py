"""Figures the ledger reads again and again, kept until the database changes.

A filter change asks for the same counts several times (the campaign's whole tally for the paging plan
and the search's figures, the tally of the filter for the list and its summary), and a clerk goes back
and forth between a few filters and search words. Each answer is kept with a stamp that changes with
every write anyone commits: on SQLite the connection's own total_changes (every row this connection has
written, by triggers too, committed or not) and PRAGMA data_version (which moves when another connection
commits). A kept answer is used only while both are as they were, so what it shows is exactly what a new
query would count. PostgreSQL has no such stamp: there every figure is read afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from desk_app.db.models import database

T = TypeVar("T")
KEPT = 256  # answers kept (a few hundred small tuples)
_lock = threading.Lock()
_kept: OrderedDict[Hashable, tuple[tuple, object]] = OrderedDict()


def stamp() -> tuple | None:
    """What identifies the database's current content for this connection; None where it cannot be told."""
    if database.engine_name != "sqlite":
        return None
    conn = database.connection()
    # The connection itself belongs to the stamp: a reopened database (a restore) starts its counters again.
    return conn, conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]


def cached(key: Hashable, compute: Callable[[], T]) -> T:
    """compute()'s answer for key, reused while the database is unchanged."""
    now = stamp()
    if now is None:
        return compute()
    with _lock:
        found = _kept.get(key)
        if found is not None and found[0] == now:
            _kept.move_to_end(key)
            return found[1]  # type: ignore[return-value]
    value = compute()
    if stamp() == now:  # nothing was written while counting (compute may sync the search index)
        with _lock:
            _kept[key] = (now, value)
            _kept.move_to_end(key)
            while len(_kept) > KEPT:
                _kept.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _kept.clear()
