"""The automatic daily backup at start-up: once a day on a PC, once a day for the whole office on a shared
PostgreSQL database."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from desk_app.db.models import database

from .backups import create_backup, list_backups


def daily_backup_due(now: datetime | None = None) -> bool:
    today = (now or datetime.now()).date()
    return not any(b.created_at.date() == today for b in list_backups())


SERVER_DAILY_KEY = "daily_backup_day"


def _claim_day_on_server(day) -> bool:
    """On a shared PostgreSQL database one clerk's program makes the office's daily backup, not every PC:
    the first to record today's date in the server's settings (one atomic statement) makes it."""
    if database.engine_name != "postgresql":
        return True
    value = json.dumps(day.isoformat())
    row = database.execute_sql(
        'INSERT INTO "setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = '
        'EXCLUDED."value" WHERE "setting"."value" <> EXCLUDED."value" RETURNING "key"',
        (SERVER_DAILY_KEY, value)).fetchone()
    return row is not None


def daily_backup_if_due(now: datetime | None = None, progress=None) -> Path | None:
    """The automatic backup at start-up: once a day (any backup made today counts; on a shared server,
    once a day for the whole office, by the first program started that day)."""
    if not daily_backup_due(now) or not _claim_day_on_server((now or datetime.now()).date()):
        return None
    return create_backup("daily", progress=progress)
