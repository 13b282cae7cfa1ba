"""Write transactions that survive other writers: one transaction per service call, retried when another
writer got in the way, on SQLite and on PostgreSQL alike.

Every service write (context.writes) runs through ``run_write``: the outermost call opens the transaction
(SQLite: BEGIN IMMEDIATE, so the write lock is taken before the first read and a read snapshot can never
go stale under the transaction; PostgreSQL: the server's READ COMMITTED), a nested call joins it. When the
transaction fails for a reason that goes away by itself — SQLite "database is locked" after the busy
timeout, PostgreSQL serialization_failure (40001) or deadlock_detected (40P01), a versioned row changed
under a save (db/versioned.RowChangedError) — everything is rolled back and the whole service runs
again on fresh rows, a few times with growing pauses; nothing half-done is ever kept.
"""

from __future__ import annotations

import logging
import random
import time
from datetime import UTC, datetime

from peewee import PostgresqlDatabase

from desk_app.db.models import database
from desk_app.db.storage_errors import DatabaseLockedError, translate
from desk_app.db.versioned import RowChangedError
from desk_app.errors import ConcurrentWriteError, DeskAppError

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
TIME_BUDGET_S = 6.0  # SQLite already waited its busy timeout (5 s) inside a locked attempt: one more try
FIRST_PAUSE_S = 0.02

# PostgreSQL SQLSTATEs of a transaction that may simply be run again.
RETRY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})  # serialization, deadlock, lock not available

GAVE_UP_MESSAGE = ("其他人正在同时修改同一批数据，重试多次后仍未完成，刚才的修改没有保存（数据保持修改前的状态）。"
                   "请稍候片刻再试。")

_stats = {"retries": 0}


def engine() -> str:
    """'postgresql' or 'sqlite': the engine the models are bound to."""
    db = getattr(database, "current", None) or database.obj  # a thread may use its own database for a while
    return "postgresql" if isinstance(db, PostgresqlDatabase) else "sqlite"


def _chain(exc: BaseException):
    seen: set[int] = set()
    todo = [exc]
    while todo:
        item = todo.pop()
        if item is None or id(item) in seen or not isinstance(item, BaseException):
            continue
        seen.add(id(item))
        yield item
        todo.extend((item.__cause__, item.__context__, getattr(item, "orig", None)))  # peewee keeps the driver's


def is_retryable(exc: BaseException) -> bool:
    """A failure another writer caused that a fresh run of the same transaction may not meet again."""
    for item in _chain(exc):
        if isinstance(item, RowChangedError | DatabaseLockedError):
            return True
        state = getattr(item, "sqlstate", None) or getattr(item, "pgcode", None)
        if state in RETRY_SQLSTATES:
            return True
        if type(item).__name__ in ("SerializationFailure", "DeadlockDetected", "TransactionRollbackError"):
            return True
        if not isinstance(item, DeskAppError) and isinstance(translate(item), DatabaseLockedError):
            return True  # "database is locked" / "busy" straight from sqlite3
    return False


def _gave_up(exc: BaseException) -> DeskAppError:
    """The error to show after the last attempt: the storage's own words for a lock, else ours."""
    for item in _chain(exc):
        if isinstance(item, DeskAppError):
            return item
    translated = translate(exc)
    return translated if translated is not None else ConcurrentWriteError(GAVE_UP_MESSAGE)


def write_transaction():
    """A new write transaction (or a savepoint inside one already open)."""
    if engine() == "sqlite" and not database.in_transaction():
        return database.atomic("IMMEDIATE")
    return database.atomic()


def run_write(func, *args, **kwargs):
    """func(*args, **kwargs) in one write transaction, run again (whole) after a retryable failure."""
    if database.in_transaction():
        return func(*args, **kwargs)  # the outermost call owns the transaction and its retries
    started = time.monotonic()
    attempt = 0
    while True:
        attempt += 1
        try:
            with write_transaction():
                return func(*args, **kwargs)
        except Exception as exc:
            if not is_retryable(exc):
                raise
            elapsed = time.monotonic() - started
            if attempt >= MAX_ATTEMPTS or elapsed >= TIME_BUDGET_S:
                log.warning("write %s gave up after %d attempts (%.1f s): %s",
                            getattr(func, "__name__", func), attempt, elapsed, exc)
                raise _gave_up(exc) from exc
            _stats["retries"] += 1
            pause = FIRST_PAUSE_S * (2 ** (attempt - 1))
            time.sleep(min(pause, 1.0) * (0.5 + random.random()))  # noqa: S311 - jitter, not security


def retries_so_far() -> int:
    """How many transactions this process ran again (the load test reports it)."""
    return _stats["retries"]


def db_now() -> datetime:
    """The database's clock (UTC, naive, whole seconds): the one clock every clerk's program agrees on."""
    value = database.execute_sql("SELECT CURRENT_TIMESTAMP").fetchone()[0]
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.replace(microsecond=0)
