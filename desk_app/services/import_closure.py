"""What an Excel import records beside the entries it creates: the sheet's 整改进展 as a progress
update, and for a row the sheet calls finished (已完成 / 已办结 / 是否销号=是) its 销号 record.

An imported 销号 is never dressed up as a review: no reviewer is named, the 销号 date is the import
day, the event's actor is "导入" and its text keeps the sheet's own words, so anyone reading the
entry sees that it came closed from a file and not through 申请销号 → 审核."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk_app.db.models import ChangeLog, EntryEvent, LedgerEntry, ProgressUpdate
from desk_app.domain import Status

from . import context

IMPORT_ACTOR = "导入"
IMPORT_CLOSE_EVENT = "导入销号"  # an EntryEvent kind of its own: not 审核通过
CHUNK = 400


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


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        model.insert_many(rows[start:start + CHUNK]).execute()


@context.writes
def record_import_history(items: list[ImportedHistory]) -> None:
    """Progress updates and 销号 records for freshly imported entries (one transaction, in bulk)."""
    today, now, actor = context.today(), context.now(), context.actor()
    month = today.strftime("%Y-%m")
    progress_rows, event_rows, log_rows = [], [], []
    for item in items:
        if item.progress and item.status not in (Status.CLOSED, Status.PENDING_CLOSE):
            progress_rows.append({"entry": item.entry_id, "date": today, "month": month, "text": item.progress,
                                  "author": actor, "created_at": now})
            log_rows.append(_log("ledger_entry", item.entry_id, "progress", item.progress[:200], now, actor,
                                 "update"))
        if item.status in (Status.CLOSED, Status.PENDING_CLOSE):
            closed = item.status == Status.CLOSED
            values = {"completion_summary": item.completion_summary, "completed_date": item.completed_date}
            if closed:
                values["closed_date"] = today
            LedgerEntry.update(**values).where(LedgerEntry.id == item.entry_id).execute()
            for name, value in values.items():
                if value:
                    log_rows.append(_log("ledger_entry", item.entry_id, name, value, now, actor, "update"))
            if closed:
                text = f"随 {item.source} 导入时表格已写明完成：{item.closure_words}".strip("：")
                event_rows.append({"entry": item.entry_id, "kind": IMPORT_CLOSE_EVENT, "text": text, "actor": IMPORT_ACTOR,
                                   "at": now})
                # Logged under 状态 so the entry's history reads "已销号（导入销号：…）" in words it knows.
                log_rows.append(_log("ledger_entry", item.entry_id, "status",
                                     f"{Status.CLOSED.value}（{IMPORT_CLOSE_EVENT}：{text}）", now, actor, "update"))
    _insert(ProgressUpdate, progress_rows)
    _insert(EntryEvent, event_rows)
    _insert(ChangeLog, log_rows)


def _log(entity: str, entity_id: int, field: str, new, at, actor: str, action: str = "create") -> dict:
    new = new.isoformat() if isinstance(new, date) else str(new)
    return {"at": at, "actor": actor, "entity": entity, "entity_id": entity_id, "action": action, "field": field,
            "old": None, "new": new}
