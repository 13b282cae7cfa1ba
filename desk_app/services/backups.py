"""Backups of the live database with SQLite's online backup API (never a plain file copy)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from desk_app import paths
from desk_app.db import backup_database
from desk_app.db.models import database


def _slug(reason: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", reason).strip("-") or "manual"


def create_backup(reason: str = "manual", destination: Path | None = None) -> Path:
    """Back up the open database into backups/ (or to `destination`) and return the file."""
    if destination is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        destination = paths.backups_dir() / f"{stamp}-{_slug(reason)}.sqlite3"
    return backup_database(database.obj, Path(destination))
