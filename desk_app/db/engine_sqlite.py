"""The SQLite engine: one file in the data folder (see engine.py for the interface it implements)."""

from __future__ import annotations

import logging
import sqlite3
from operator import add
from pathlib import Path

from peewee import SQL, NodeList, SqliteDatabase, fn
from peewee import DatabaseError as PeeweeDatabaseError

from .engine import SQLITE, Engine
from .storage_errors import translate as translate_storage_error

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# Rows changed since the last checkpoint after which a commit folds the WAL into the database file, so
# that an import or a bulk change lives in desk.sqlite3 itself, not only in the -wal file beside it.
CHECKPOINT_AFTER_CHANGES = 200


def match_expression(runs: list[str]) -> str | None:
    """The FTS5 MATCH expression (on the body column) for a query's runs: a phrase of each run's bigrams,
    a one-character run as a prefix; None when there is nothing to search."""
    parts = []
    for run in runs:
        if len(run) == 1:
            parts.append(f'"{run}"*')
        else:
            parts.append('"' + " ".join(map(add, run, run[1:])) + '"')
    return f"body : ({' AND '.join(parts)})" if parts else None


class SqliteEngine(Engine, SqliteDatabase):
    """Reports a full disk, a read-only folder, a lock or a damaged file as a Chinese DatabaseError, and
    keeps the database file current (checkpoints after large writes and at close)."""

    engine_name = SQLITE
    checkpoint_after = CHECKPOINT_AFTER_CHANGES

    def execute_sql(self, sql, params=None):
        if sql.startswith("ROLLBACK TO SAVEPOINT") and not self._in_transaction():
            return None  # SQLite already rolled the whole transaction back (disk full, I/O error)
        try:
            return super().execute_sql(sql, params)
        except PeeweeDatabaseError as exc:
            raise (translate_storage_error(exc) or exc) from exc

    def _in_transaction(self) -> bool:
        conn = self._state.conn
        return conn is not None and conn.in_transaction

    def rollback(self):
        # After SQLITE_FULL or an I/O error SQLite has rolled back by itself; a second ROLLBACK would fail
        # with "no transaction is active" and hide the real cause.
        if not self._in_transaction():
            return None
        return super().rollback()

    def commit(self):
        try:
            result = super().commit()
        except PeeweeDatabaseError as exc:
            raise (translate_storage_error(exc) or exc) from exc
        self._checkpoint_if_large()
        return result

    def _checkpoint_if_large(self) -> None:
        conn = self._state.conn
        if conn is None or self.database.startswith("file:"):  # read-only URIs never write
            return
        done = getattr(self._state, "checkpointed_at", 0)
        if conn.total_changes - done >= self.checkpoint_after:
            self.checkpoint("PASSIVE")
            self._state.checkpointed_at = conn.total_changes

    def checkpoint(self, mode: str = "TRUNCATE") -> None:
        """Copy the WAL into the database file (TRUNCATE also empties the -wal file)."""
        conn = self._state.conn
        if conn is None or conn.in_transaction:
            return
        try:
            conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()
        except sqlite3.Error as exc:  # busy readers or a full disk: SQLite checkpoints again later
            log.warning("WAL checkpoint (%s) failed: %s", mode, exc)

    def close(self, *, truncate_wal: bool = False):
        """A worker thread's close copies what it can without waiting (PASSIVE): a TRUNCATE checkpoint
        holds the write lock while it waits for readers, so another thread's save could time out behind
        it. The program's own last close (close_database) also empties the -wal file."""
        if not self.is_closed() and not self.database.startswith("file:"):
            self.checkpoint("TRUNCATE" if truncate_wal else "PASSIVE")
        self._state.checkpointed_at = 0
        return super().close()

    def close_connection(self) -> None:
        self.close(truncate_wal=True)

    # --- the engine interface ---------------------------------------------------------------------

    def location(self) -> str:
        return self.database.removeprefix("file:").split("?", 1)[0]

    def schema_version(self) -> int:
        return self.execute_sql("PRAGMA user_version").fetchone()[0]

    def set_schema_version(self, version: int) -> None:
        self.execute_sql(f"PRAGMA user_version = {int(version)}")

    def index_hint(self, sql: str, index: str | None) -> str:
        source = 'FROM "ledger_entry" AS "t1"'
        return sql.replace(source, f'{source} INDEXED BY "{index}"', 1) if index else sql

    def unordered(self, expr):
        # "+(x)" sorts the same but matches no index (SQLite's documented hint): no walking in order.
        return NodeList((SQL("+("), expr, SQL(")")), glue="")

    def month_text(self, expr):
        return fn.strftime("%Y-%m", expr)

    def days_between(self, later, earlier):
        return fn.julianday(later) - fn.julianday(earlier)

    def backup_to_file(self, destination: Path) -> Path:
        """Copy the live database with SQLite's online backup API (safe while in use, WAL included)."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        tmp = destination.with_name(destination.name + ".part")
        target = sqlite3.connect(tmp)
        try:
            self.connection().backup(target)
        finally:
            target.close()
        tmp.replace(destination)
        return destination

    # The search index: FTS5 table ledger_search (rowid = entry id; body, tags), queue search_dirty.

    def search_write(self, entry_ids: list[int], docs: dict[int, tuple[str, str]]) -> None:
        ids = entry_ids
        self.execute_sql(f"DELETE FROM ledger_search WHERE rowid IN ({','.join('?' * len(ids))})", ids)
        self.cursor().executemany("INSERT INTO ledger_search (rowid, body, tags) VALUES (?, ?, ?)",
                                  [(entry_id, body, tags) for entry_id, (body, tags) in docs.items()])

    def search_clear(self) -> None:
        self.execute_sql("DELETE FROM ledger_search")

    def search_take(self, limit: int) -> list[int]:
        return [r[0] for r in self.execute_sql("SELECT entry_id FROM search_dirty LIMIT ?", (limit,)).fetchall()]

    def search_count(self, runs: list[str], tags: list[str]) -> int:
        expression = match_expression(runs)
        if tags:
            expression += f" AND tags : ({' OR '.join(tags)})"
        return self.execute_sql("SELECT COUNT(*) FROM ledger_search WHERE ledger_search MATCH ?",
                                (expression,)).fetchone()[0]

    def search_condition(self, runs: list[str], per_row: bool):
        from .models import LedgerEntry  # noqa: PLC0415

        expression = match_expression(runs)
        if per_row:
            return SQL('EXISTS (SELECT 1 FROM ledger_search WHERE ledger_search.rowid = "t1"."id" '
                       "AND ledger_search MATCH ?)", [expression])
        return LedgerEntry.id.in_(SQL("(SELECT rowid FROM ledger_search WHERE ledger_search MATCH ?)", [expression]))
