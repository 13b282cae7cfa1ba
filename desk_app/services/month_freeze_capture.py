"""Reading what a frozen month keeps, as the stored rows themselves (every column, whatever later
migrations add), and writing it into frozen_record / frozen_entry.

An entry's row is kept whole (问题表现, 措施, names' ids …) so that any print or export of the month
can be made again from it (services/month_view); the state a month's figures need (状态, 时限, light,
逾期, 按期办结, 本月进展) is also kept in plain columns of frozen_entry so that reading a month back is
one query.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from desk_app.db.models import database
from desk_app.domain import DATED_DEADLINES, EventKind, Status

from .ledger_query import is_overdue, light

BATCH = 500
# Tables copied whole (they are small) so a month's prints show the names and settings of its day.
NAME_TABLES = ("department", "person", "unit", "choice_item", "setting")


def rows(sql: str, params=()) -> list[dict]:
    cursor = database.execute_sql(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def capture_tables(campaign_id: int) -> dict[str, list[dict]]:
    """The rows of the tables a print reads besides the entries: names, orders, settings."""
    tables = {name: rows(f'SELECT * FROM "{name}" ORDER BY 1') for name in NAME_TABLES}
    tables["campaign"] = rows('SELECT * FROM "campaign" WHERE "id" = ?', (campaign_id,))
    tables["task_force"] = rows('SELECT * FROM "task_force" WHERE "campaign_id" = ? ORDER BY "id"', (campaign_id,))
    return tables


def _day(value) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


@dataclass(frozen=True)
class Captured:
    """One entry as frozen: its whole row, its 延期 events, the month's progress rows, and its state."""

    row: dict
    extensions: list[dict]
    progress: list[dict]
    light: str
    overdue: bool
    due: bool
    closed_on_time: bool

    @property
    def month_progress(self) -> str:
        return self.progress[-1]["text"] if self.progress else ""

    def record_json(self) -> str:
        return json.dumps({"entry": self.row, "extensions": self.extensions}, ensure_ascii=False,
                          sort_keys=True, separators=(",", ":"))


def _state(row: dict, report_day: date, due_soon_days: int) -> tuple[str, bool, bool, bool]:
    status, deadline_type, deadline = row["status"], row["deadline_type"], _day(row["deadline"])
    dated = deadline_type in DATED_DEADLINES and deadline is not None
    completed = _day(row["completed_date"])
    on_time = (status == Status.CLOSED and dated and completed is not None and completed <= deadline)
    return (light(status, deadline_type, deadline, due_soon_days, today=report_day).value,
            is_overdue(status, deadline_type, deadline, today=report_day),
            dated and deadline <= report_day, on_time)


def _grouped(sql: str, params: tuple, ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        marks = ",".join("?" * len(chunk))
        for row in rows(sql.format(marks=marks), (*params, *chunk)):
            out.setdefault(row["entry_id"], []).append(row)
    return out


def capture_entries(campaign_id: int, month: str, report_day: date, due_soon_days: int) -> list[Captured]:
    """The campaign's entries on the report day: not in the recycle bin, found (or entered) by then."""
    entries = rows('SELECT * FROM "ledger_entry" WHERE "campaign_id" = ? AND "deleted_at" IS NULL '
                   'AND COALESCE("found_date", date("created_at")) <= ? ORDER BY "code", "id"',
                   (campaign_id, report_day.isoformat()))
    ids = [e["id"] for e in entries]
    # The month's progress in the order ledger_query.latest_progress reads it: the last one is 本月进展.
    progress = _grouped('SELECT * FROM "progress_update" WHERE "month" = ? AND "entry_id" IN ({marks}) '
                        'ORDER BY "date", "id"', (month,), ids)
    extensions = _grouped('SELECT * FROM "entry_event" WHERE "kind" = ? AND "entry_id" IN ({marks}) '
                          'ORDER BY "id"', (EventKind.EXTEND.value,), ids)
    return [Captured(e, extensions.get(e["id"], []), progress.get(e["id"], []),
                     *_state(e, report_day, due_soon_days)) for e in entries]


def store_records(campaign_id: int, captured: list[Captured]) -> list[int]:
    """frozen_record ids for the entries, adding only the rows no earlier month already holds."""
    texts = [c.record_json() for c in captured]
    hashes = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
    known: dict[str, int] = {}
    unique = sorted(set(hashes))
    for start in range(0, len(unique), BATCH):
        chunk = unique[start:start + BATCH]
        known.update(database.execute_sql(
            f'SELECT "sha256", "id" FROM "frozen_record" WHERE "campaign_id" = ? AND "sha256" IN '
            f'({",".join("?" * len(chunk))})', (campaign_id, *chunk)).fetchall())
    fresh = {}
    for sha, text in zip(hashes, texts, strict=True):
        if sha not in known and sha not in fresh:
            fresh[sha] = text
    conn = database.connection()
    conn.executemany('INSERT INTO "frozen_record" ("campaign_id", "sha256", "data") VALUES (?, ?, ?)',
                     [(campaign_id, sha, text) for sha, text in fresh.items()])
    if fresh:
        new = list(fresh)
        for start in range(0, len(new), BATCH):
            chunk = new[start:start + BATCH]
            known.update(database.execute_sql(
                f'SELECT "sha256", "id" FROM "frozen_record" WHERE "campaign_id" = ? AND "sha256" IN '
                f'({",".join("?" * len(chunk))})', (campaign_id, *chunk)).fetchall())
    return [known[sha] for sha in hashes]


FROZEN_COLUMNS = ("snapshot_id", "entry_id", "record_id", "code", "kind", "layer", "department_id", "task_force_id",
                  "responsible_id", "category", "status", "deadline_type", "deadline", "found_date",
                  "completed_date", "closed_date", "light", "overdue", "due", "closed_on_time", "month_progress",
                  "progress_rows")


def frozen_rows(snapshot_id: int, captured: list[Captured], record_ids: list[int]) -> Iterator[tuple]:
    for c, record_id in zip(captured, record_ids, strict=True):
        e = c.row
        yield (snapshot_id, e["id"], record_id, e["code"], e["kind"], e["layer"], e["department_id"],
               e["task_force_id"], e["responsible_id"], e["category"], e["status"], e["deadline_type"],
               e["deadline"], e["found_date"], e["completed_date"], e["closed_date"], c.light, int(c.overdue),
               int(c.due), int(c.closed_on_time), c.month_progress,
               json.dumps(c.progress, ensure_ascii=False, separators=(",", ":")) if c.progress else "")


def store_entries(snapshot_id: int, captured: list[Captured], record_ids: list[int]) -> None:
    marks = ",".join("?" * len(FROZEN_COLUMNS))
    names = ",".join(f'"{c}"' for c in FROZEN_COLUMNS)
    database.connection().executemany(f'INSERT INTO "frozen_entry" ({names}) VALUES ({marks})',
                                      frozen_rows(snapshot_id, captured, record_ids))


def drop_unused_records(campaign_id: int) -> int:
    """Records no frozen month points at any more (after an unfreeze)."""
    cursor = database.execute_sql(
        'DELETE FROM "frozen_record" WHERE "campaign_id" = ? AND NOT EXISTS '
        '(SELECT 1 FROM "frozen_entry" WHERE "frozen_entry"."record_id" = "frozen_record"."id")', (campaign_id,))
    return cursor.rowcount
