"""Prints, exports and figures "as of frozen month M": the month's frozen rows, loaded into a private
in-memory database that this thread alone reads while the work runs.

    with month_view(campaign_id, "2026-05"):
        registry.render("ledger", options)        # the ledger exactly as it stood on the report day

Every document and export reads the ledger through the ordinary services, so rather than teach each
one about frozen data, the view gives them the database of that day: the schema comes from the same
migrations as the real one (indexes, triggers and tallies included), the rows are the frozen ones
(entries whole, the month's 本月进展, 延期 events, and the 科室, 人员, 专班, units, lists and settings
of that day), and 'today' is the report day. Only the calling thread's connection is swapped (peewee
keeps one connection per thread), so the window and other workers keep reading the live data. The
view is read-only in spirit: nothing written inside it reaches the real database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from desk_app.db.engine_sqlite import SqliteEngine
from desk_app.db.migrations import MIGRATIONS, m0013_measures
from desk_app.db.models import database
from desk_app.errors import DatabaseError
from desk_app.exchange.progress import Progress, report

from . import context
from .measures_freeze import rows_to_restore
from .month_freeze import cn_month, snapshot_data
from .month_freeze_capture import record_from

BATCH = 2000
T = TypeVar("T")


@dataclass(frozen=True)
class MonthView:
    campaign_id: int
    month: str
    report_day: date
    entries: int


def _insert(conn, table: str, rows: list[dict]) -> None:
    """Rows by column name; a column the schema no longer has is left out, a new one takes its default."""
    if not rows:
        return
    have = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
    columns = [c for c in rows[0] if c in have]
    names = ",".join(f'"{c}"' for c in columns)
    conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({",".join("?" * len(columns))})',
                     ([row.get(c) for c in columns] for row in rows))


def _copy_entries(conn, snapshot_id: int, progress: Progress | None, total: int) -> int:
    """The month's entries, 延期 events and progress, read from the real database in batches."""
    cursor = database.execute_sql(
        'SELECT r."data", f."progress_rows" FROM "frozen_entry" f JOIN "frozen_record" r ON r."id" = f."record_id" '
        'WHERE f."snapshot_id" = ? ORDER BY f."id"', (snapshot_id,))
    done = 0
    while True:
        batch = cursor.fetchmany(BATCH)
        if not batch:
            return done
        entries, events, updates, records = [], [], [], []
        for data, progress_rows in batch:
            record = record_from(data)
            records.append(record)
            entries.append(record["entry"])
            events.extend(record.get("extensions", []))
            if progress_rows:
                updates.extend(json.loads(progress_rows))
        _insert(conn, "ledger_entry", entries)
        _insert(conn, "entry_event", events)
        _insert(conn, "progress_update", updates)
        for table, found in rows_to_restore(records).items():  # measures and 序时进度 of that day
            _insert(conn, table, found)
        done += len(batch)
        report(progress, done, total, f"正在准备封账数据（{done}/{total}）")


def _build(campaign_id: int, month: str, progress: Progress | None) -> tuple[SqliteEngine, MonthView]:
    snapshot, data = snapshot_data(campaign_id, month)
    frozen = SqliteEngine(":memory:")  # the engine interface the services use, whatever the live engine
    try:
        for migration in MIGRATIONS:  # the schema exactly as this program version has it
            migration.upgrade(frozen)
        conn = frozen.connection()
        conn.execute("BEGIN")
        tables = data["tables"]
        for campaign in tables.get("campaign", []):
            campaign["is_current"] = 1  # the only campaign in the view: the one every print reads
        for table in ("campaign", "department", "person", "unit", "choice_item", "setting", "task_force"):
            _insert(conn, table, tables.get(table, []))
        total = database.execute_sql('SELECT COUNT(*) FROM "frozen_entry" WHERE "snapshot_id" = ?',
                                     (snapshot.id,)).fetchone()[0]
        count = _copy_entries(conn, snapshot.id, progress, total)
        m0013_measures.migrate_co_departments(frozen)  # 配合 references from the day's texts and departments
        conn.execute("COMMIT")
    except BaseException:
        frozen.close()
        raise
    return frozen, MonthView(campaign_id, snapshot.month, snapshot.report_day, count)


@contextmanager
def month_view(campaign_id: int, month: str, progress: Progress | None = None) -> Iterator[MonthView]:
    """Within the block, this thread reads frozen month `month` of the campaign instead of the ledger."""
    real = database.obj
    if real is None:
        raise DatabaseError("数据库尚未打开。")
    report(progress, 0, 0, f"正在准备{cn_month(month)}的封账数据")
    frozen, view = _build(campaign_id, month, progress)
    try:  # only this thread reads the frozen database (whichever engine the live one is)
        with database.use_in_this_thread(frozen), context.today_in_this_thread(view.report_day):
            yield view
    finally:
        frozen.close()


def run_as_of(campaign_id: int, month: str, work: Callable[[], T], progress: Progress | None = None) -> T:
    """work() as of the frozen month (see month_view)."""
    with month_view(campaign_id, month, progress):
        return work()

