"""A frozen month keeps each task's measures (with the month's 本月进展) and its 月度序时进度 as they stood,
inside the entry's frozen record (services/month_freeze_capture), so the month's prints show them again
(services/month_view). An entry without any keeps exactly the record it had before measures existed."""

from __future__ import annotations

from .month_freeze_capture import rows


def capture(campaign_id: int, month: str, ids: set[int]) -> dict[int, dict[str, list[dict]]]:
    """Per entry id: {"measures": […], "measure_progress": […], "plans": […]} (keys only when not empty)."""
    in_campaign = 'SELECT "id" FROM "ledger_entry" WHERE "campaign_id" = ?'
    out: dict[int, dict[str, list[dict]]] = {}
    measures = rows(f'SELECT * FROM "measure" WHERE "deleted_at" IS NULL AND "entry_id" IN ({in_campaign}) '
                    'ORDER BY "entry_id", "seq", "id"', (campaign_id,))
    entry_of = {}
    for m in measures:
        if m["entry_id"] in ids:
            out.setdefault(m["entry_id"], {}).setdefault("measures", []).append(m)
            entry_of[m["id"]] = m["entry_id"]
    if entry_of:
        for p in rows('SELECT * FROM "measure_progress" WHERE "month" = ? ORDER BY "id"', (month,)):
            if p["measure_id"] in entry_of:
                out[entry_of[p["measure_id"]]].setdefault("measure_progress", []).append(p)
    for p in rows(f'SELECT * FROM "progress_plan" WHERE "entry_id" IN ({in_campaign}) ORDER BY "entry_id", "month"',
                  (campaign_id,)):
        if p["entry_id"] in ids:
            out.setdefault(p["entry_id"], {}).setdefault("plans", []).append(p)
    return out


TABLES = (("measures", "measure"), ("measure_progress", "measure_progress"), ("plans", "progress_plan"))


def hash_part(extra: dict) -> tuple:
    """What the record hash adds for these rows (nothing for an entry without any)."""
    return tuple((key, tuple(tuple(r.items()) for r in extra[key])) for key, _ in TABLES if extra.get(key))


def rows_to_restore(records: list[dict]) -> dict[str, list[dict]]:
    """The tables' rows held by a batch of frozen records, for the month's view."""
    return {table: [r for record in records for r in record.get(key, [])] for key, table in TABLES}
