"""The demo's 本月进展 rows (demo.py builds the ledger; this adds its monthly progress in one statement)."""

from __future__ import annotations

from datetime import date

from desk_app import demo_text as T
from desk_app.db.models import database
from desk_app.domain import Status


def add_progress_updates(b, campaign) -> None:
    """本月进展 for entries that are under way or done: in the month they were taken up and in the last two
    months of their course (up to the month they were done in, or last month: this month's is still being
    collected), so every past month's 通报 has progress to show and the ledger its 最新进展."""
    rng = b.rng
    rows = []
    cursor = database.execute_sql(
        'SELECT "id", "found_date", "completed_date" FROM "ledger_entry" WHERE "campaign_id" = ? '
        'AND "status" != ? ORDER BY "id"', (campaign.id, Status.NOT_STARTED.value))
    today = b.today
    choice, business, texts, uuid = rng.choice, T.BUSINESS, T.PROGRESS, b.uuid
    for entry_id, found_text, completed_text in cursor.fetchall():
        found = as_date(found_text)
        end = as_date(completed_text) if completed_text else today
        first = found.year * 12 + found.month - 1
        last = end.year * 12 + end.month - 1
        if not completed_text:  # this month's progress is still being collected (本月调度)
            last = max(first, last - 1)
        for index in sorted({first, max(first, last - 1), last}):
            month = date(index // 12, index % 12 + 1, 25)
            on = min(max(month, found), end).isoformat()
            rows.append((uuid(), entry_id, on, on[:7], choice(texts).format(b=choice(business)), "活动办",
                         on + " 17:00:00"))
    # Plain executemany: peewee's insert_many spends seconds building SQL for 100,000 rows.
    database.cursor().executemany(
        'INSERT INTO "progress_update" ("uuid", "entry_id", "date", "month", "text", "author", "created_at") '
        "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
