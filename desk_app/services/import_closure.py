"""What an Excel import records beside the entries it creates: the sheet's 整改进展 as a progress
update, and for a row the sheet calls finished (已完成 / 已办结 / 是否销号=是) its 销号 record.

An imported 销号 is never dressed up as a review: no reviewer is named, the 销号 date is the import
day, the event's actor is "导入" and its text keeps the sheet's own words, so anyone reading the
entry sees that it came closed from a file and not through 申请销号 → 审核."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk_app.db.bulk_insert import insert_many
from desk_app.db.models import database
from desk_app.db.versioned import bump_sql
from desk_app.domain import EventKind, Status

from . import context
from .ledger_create import new_uuids

IMPORT_ACTOR = "导入"
IMPORT_CLOSE_EVENT = EventKind.IMPORT_CLOSE.value  # an EntryEvent kind of its own: not 审核通过

# Plain parametrised statements run with executemany: building 10,000 rows' worth of peewee insert and
# update queries cost several times what SQLite takes to store them (same columns, values and defaults).
_PROGRESS_SQL = ('INSERT INTO "progress_update" ("uuid", "entry_id", "date", "month", "text", "author", "created_at") '
                 'VALUES (?, ?, ?, ?, ?, ?, ?)')
_EVENT_SQL = 'INSERT INTO "entry_event" ("uuid", "entry_id", "kind", "text", "actor", "at") VALUES (?, ?, ?, ?, ?, ?)'
_LOG_SQL = ('INSERT INTO "change_log" ("at", "actor", "entity", "entity_id", "action", "field", "old", "new") '
            'VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
# Each a write of the entry: its version goes up, as LedgerEntry.update (db/versioned) would do it.
_CLOSE_SQL = (f'UPDATE "ledger_entry" SET "completion_summary" = ?, "completed_date" = ?, "closed_date" = ?, '
              f'{bump_sql()} WHERE "id" = ?')
_PENDING_SQL = f'UPDATE "ledger_entry" SET "completion_summary" = ?, "completed_date" = ?, {bump_sql()} WHERE "id" = ?'



@dataclass(frozen=True)
class ImportedHistory:
    entry_id: int
    code: str  # as the sheet wrote it (may be empty)
    progress: str = ""  # the sheet's 整改进展 for an open entry
    status: str = ""  # Status the row landed with
    completion_summary: str = ""
    completed_date: date | None = None
    closure_words: str = ""  # the words that said it was finished
    source: str = ""  # "ledger.xlsx 第 12 行"


@context.writes
def record_import_history(items: list[ImportedHistory]) -> None:
    """Progress updates and 销号 records for freshly imported entries (one transaction, in bulk)."""
    today, now, actor = context.today(), context.now(), context.actor()
    month, day, at = today.strftime("%Y-%m"), today.isoformat(), str(now)
    progress_rows, event_rows, log_rows, closing, pending = [], [], [], [], []
    uuids = iter(new_uuids(len(items)))  # one at most per item: its progress update or its 导入销号 event
    for item in items:
        if item.progress and item.status not in (Status.CLOSED, Status.PENDING_CLOSE):
            progress_rows.append((next(uuids), item.entry_id, day, month, item.progress, actor, at))
            log_rows.append(_log("ledger_entry", item.entry_id, "progress", item.progress[:200], at, actor,
                                 "update"))
        if item.status in (Status.CLOSED, Status.PENDING_CLOSE):
            closed = item.status == Status.CLOSED
            values = {"completion_summary": item.completion_summary, "completed_date": item.completed_date}
            if closed:
                values["closed_date"] = today
            if closed:
                closing.append((item.completion_summary, _day(item.completed_date), day, item.entry_id))
            else:
                pending.append((item.completion_summary, _day(item.completed_date), item.entry_id))
            for name, value in values.items():
                if value:
                    log_rows.append(_log("ledger_entry", item.entry_id, name, value, at, actor, "update"))
            if closed:
                text = f"随 {item.source} 导入时表格已写明完成：{item.closure_words}".strip("：")
                event_rows.append((next(uuids), item.entry_id, IMPORT_CLOSE_EVENT, text, IMPORT_ACTOR, at))
                # Logged under 状态 so the entry's history reads "已销号（导入销号：…）" in words it knows.
                log_rows.append(_log("ledger_entry", item.entry_id, "status",
                                     f"{Status.CLOSED.value}（{IMPORT_CLOSE_EVENT}：{text}）", at, actor, "update"))
    cursor = database.cursor()
    for sql, rows in ((_CLOSE_SQL, closing), (_PENDING_SQL, pending), (_EVENT_SQL, event_rows), (_LOG_SQL, log_rows)):
        if rows:
            cursor.executemany(sql, rows)
    insert_many(database, "progress_update", _PROGRESS_SQL, progress_rows)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _log(entity: str, entity_id: int, field: str, new, at: str, actor: str, action: str = "create") -> tuple:
    new = new.isoformat() if isinstance(new, date) else str(new)
    return (at, actor, entity, entity_id, action, field, None, new)
