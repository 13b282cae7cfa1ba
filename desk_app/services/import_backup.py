"""The backup an import takes before it writes, unless the data holds nothing yet: a backup of a database
just made (a first import into a new data folder, or a first-run window) would restore nothing and only
crowd the backup list."""

from __future__ import annotations

from pathlib import Path

from .backups import create_backup


def holds_data() -> bool:
    """Something a clerk would miss is in the open data: a campaign, a 科室, a person or a sub-unit."""
    from desk_app.db.models import Campaign, Department, Person, Unit  # noqa: PLC0415

    return any(model.select().exists() for model in (Campaign, Department, Person, Unit))


def backup_before_import(progress=None) -> Path | None:
    """The backup folder made, or None when there was nothing to back up."""
    return create_backup(reason="import", progress=progress) if holds_data() else None
