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
import marshal
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from desk_app.db.models import database
from desk_app.domain import DATED_DEADLINES, EventKind, Status

from .ledger_query import is_overdue, light


def capture_measures(campaign_id: int, month: str, ids: set[int]) -> dict:
    from .measures_freeze import capture  # noqa: PLC0415 - measures_freeze reads through this module

    return capture(campaign_id, month, ids)


def hash_part(extra: dict) -> tuple:
    from .measures_freeze import hash_part as part  # noqa: PLC0415

    return part(extra)

BATCH = 500
# Tables copied whole (they are small) so a month's prints show the names and settings of its day.
NAME_TABLES = ("department", "person", "unit", "choice_item", "setting")


# Compressed with a preset dictionary of what every record repeats (its column names and the common
# words), which small records cannot learn by themselves. Never change it: stored records need it back.
_ZDICT_V1 = json.dumps({"entry": dict.fromkeys((
    "campaign_id", "category", "cause", "closed_date", "code", "co_departments", "completed_date",
    "completion_summary", "created_at", "deadline", "deadline_type", "decision_no", "deleted_at", "department_id",
    "description", "found_date", "id", "kind", "layer", "leader_id", "measures", "meeting_id", "note", "owner_id",
    "rectify_mode", "responsible_id", "reviewer_id", "schedule", "source", "source_unit", "standard", "status",
    "target", "task_force_id", "updated_at", "uuid", "code_key")), "extensions": [
    {"actor": None, "at": None, "entry_id": None, "id": None, "kind": "延期", "new_deadline": None,
     "old_deadline": None, "text": None, "uuid": None}]}, ensure_ascii=False, sort_keys=True,
    separators=(",", ":")).encode("utf-8") + "问题整改按期推进中未启动已销号长期坚持立行立改".encode()
_V1 = b"\x01"


def _compress(text: str) -> bytes:
    packer = zlib.compressobj(6, zdict=_ZDICT_V1)
    return _V1 + packer.compress(text.encode("utf-8")) + packer.flush()


def record_from(data: bytes) -> dict:
    """A frozen_record's data back as {"entry": {…}, "extensions": […]}."""
    if data[:1] != _V1:
        raise ValueError("unknown frozen record format")
    unpacker = zlib.decompressobj(zdict=_ZDICT_V1)
    return json.loads(unpacker.decompress(data[1:]) + unpacker.flush())


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
    extra: dict = field(default_factory=dict)  # its measures and 序时进度 (services/measures_freeze)

    @property
    def month_progress(self) -> str:
        return self.progress[-1]["text"] if self.progress else ""

    def record_data(self) -> bytes:
        """What frozen_record stores: the JSON, compressed (a month's first copy of 100,000 entries is
        about the size of the ledger itself; compressed, about a third)."""
        text = json.dumps({"entry": self.row, "extensions": self.extensions, **self.extra}, ensure_ascii=False,
                          sort_keys=True, separators=(",", ":"))
        return _compress(text)

    def record_hash(self) -> str:
        """Identifies the record (its JSON is written only when no earlier month holds it): marshal is
        exact for the str / int / float / None a row holds and far cheaper than JSON. Its format may change
        with Python; then an unchanged entry is merely stored once more."""
        parts = (tuple(self.row.items()), tuple(tuple(e.items()) for e in self.extensions))
        data = marshal.dumps(parts + hash_part(self.extra) if self.extra else parts)
        return hashlib.sha256(data).hexdigest()


def _state(row: dict, report_day: date, due_soon_days: int) -> tuple[str, bool, bool, bool]:
    status, deadline_type, deadline = row["status"], row["deadline_type"], _day(row["deadline"])
    dated = deadline_type in DATED_DEADLINES and deadline is not None
    completed = _day(row["completed_date"])
    on_time = (status == Status.CLOSED and dated and completed is not None and completed <= deadline)
    return (light(status, deadline_type, deadline, due_soon_days, today=report_day).value,
            is_overdue(status, deadline_type, deadline, today=report_day),
            dated and deadline <= report_day, on_time)


def _grouped(sql: str, params: tuple, ids: set[int]) -> dict[int, list[dict]]:
    """Rows of one campaign-wide query, by entry (one pass over an index, not a query per batch of ids)."""
    out: dict[int, list[dict]] = {}
    for row in rows(sql, params):
        if row["entry_id"] in ids:
            out.setdefault(row["entry_id"], []).append(row)
    return out


def capture_entries(campaign_id: int, month: str, report_day: date, due_soon_days: int) -> list[Captured]:
    """The campaign's entries on the report day: not in the recycle bin, found (or entered) by then."""
    entries = rows('SELECT * FROM "ledger_entry" WHERE "campaign_id" = ? AND "deleted_at" IS NULL '
                   'AND COALESCE("found_date", date("created_at")) <= ? ORDER BY "code", "id"',
                   (campaign_id, report_day.isoformat()))
    for e in entries:  # the row version is bookkeeping for concurrent edits, not part of the month's record
        e.pop("version", None)
    ids = {e["id"] for e in entries}
    in_campaign = 'SELECT "id" FROM "ledger_entry" WHERE "campaign_id" = ?'
    # The month's progress in the order ledger_query.latest_progress reads it: the last one is 本月进展.
    progress = _grouped(f'SELECT * FROM "progress_update" WHERE "month" = ? AND "entry_id" IN ({in_campaign}) '
                        'ORDER BY "date", "id"', (month, campaign_id), ids)
    extensions = _grouped(f'SELECT * FROM "entry_event" WHERE "kind" = ? AND "entry_id" IN ({in_campaign}) '
                          'ORDER BY "id"', (EventKind.EXTEND.value, campaign_id), ids)
    extra = capture_measures(campaign_id, month, ids)
    return [Captured(e, extensions.get(e["id"], []), progress.get(e["id"], []),
                     *_state(e, report_day, due_soon_days), extra.get(e["id"], {})) for e in entries]


def store_records(campaign_id: int, captured: list[Captured]) -> list[int]:
    """frozen_record ids for the entries, adding only the rows no earlier month already holds."""
    hashes = [c.record_hash() for c in captured]
    known: dict[str, int] = dict(database.execute_sql(
        'SELECT "sha256", "id" FROM "frozen_record" WHERE "campaign_id" = ?', (campaign_id,)).fetchall())
    fresh: dict[str, bytes] = {}
    for sha, c in zip(hashes, captured, strict=True):
        if sha not in known and sha not in fresh:
            fresh[sha] = c.record_data()
    if fresh:
        database.cursor().executemany('INSERT INTO "frozen_record" ("campaign_id", "sha256", "data") VALUES (?, ?, ?)',
                                      [(campaign_id, sha, text) for sha, text in fresh.items()])
        known.update(database.execute_sql(
            'SELECT "sha256", "id" FROM "frozen_record" WHERE "campaign_id" = ? AND "id" > ?',
            (campaign_id, max(known.values(), default=0))).fetchall())
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
    database.cursor().executemany(f'INSERT INTO "frozen_entry" ({names}) VALUES ({marks})',
                                  frozen_rows(snapshot_id, captured, record_ids))


def drop_unused_records(campaign_id: int) -> int:
    """Records no frozen month points at any more (after an unfreeze)."""
    cursor = database.execute_sql(
        'DELETE FROM "frozen_record" WHERE "campaign_id" = ? AND NOT EXISTS '
        '(SELECT 1 FROM "frozen_entry" WHERE "frozen_entry"."record_id" = "frozen_record"."id")', (campaign_id,))
    return cursor.rowcount
