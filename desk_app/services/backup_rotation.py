"""Which backups stay: the clerk's policy (newest per day, ISO week and month), backups made on purpose,
damaged copies kept for the administrator; rotation after each backup and the list's 删除.

Split from backups.py, which makes and lists backups; this module only decides and deletes.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desk_app import paths
from desk_app.db.models import database
from desk_app.db.storage_errors import os_error_message
from desk_app.errors import DatabaseError

from .backups import BackupInfo, list_backups

log = logging.getLogger(__name__)

POLICY_KEY = "backup_policy"
# Damaged backups older than a day that rotation keeps besides the good ones (for the administrator).
DAMAGED_KEPT = 3
# Backups the clerk made on purpose (立即备份) are never rotated out: the clerk deletes them from the list.
# A plain data file put there by hand is not ours to rotate out either.
KEPT_REASONS = {"manual", "datafile"}


@dataclass(frozen=True)
class BackupPolicy:
    """How many automatic generations to keep: newest per day, per ISO week, per month."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def policy() -> BackupPolicy:
    from . import settings  # noqa: PLC0415

    stored = settings.get(POLICY_KEY, {}) or {}
    default = BackupPolicy()
    return BackupPolicy(**{k: max(1, int(stored.get(k, getattr(default, k)))) for k in ("daily", "weekly", "monthly")})


def save_policy(new: BackupPolicy) -> None:
    from desk_app.errors import ValidationError  # noqa: PLC0415

    from . import settings  # noqa: PLC0415

    for name, limit in (("daily", 366), ("weekly", 260), ("monthly", 240)):
        value = getattr(new, name)
        if not 1 <= int(value) <= limit:
            raise ValidationError(f"保留份数应在 1 到 {limit} 之间", name)
    settings.put(POLICY_KEY, {"daily": int(new.daily), "weekly": int(new.weekly), "monthly": int(new.monthly)})


def backups_to_keep(backups: list[BackupInfo], keep: BackupPolicy, now: datetime) -> set[Path]:
    """Everything from the last 24 hours and every backup the clerk made with 立即备份 (KEPT_REASONS: the
    clerk deletes those), plus the newest good backup of each of the last N days, weeks and months.

    Damaged backups never take a good one's place: the slots are filled from good backups only, the
    newest good backup is always kept, and of the older damaged ones only the newest few stay.
    """
    ordered = sorted(backups, key=lambda b: b.created_at, reverse=True)
    kept = {b.path for b in ordered if b.created_at >= now - timedelta(hours=24) or b.reason in KEPT_REASONS}
    good = [b for b in ordered if not b.damaged]
    for limit, bucket in ((keep.daily, lambda d: d.date()),
                          (keep.weekly, lambda d: tuple(d.isocalendar())[:2]),
                          (keep.monthly, lambda d: (d.year, d.month))):
        seen = set()
        for backup in good:
            key = bucket(backup.created_at)
            if key not in seen and len(seen) < limit:
                seen.add(key)
                kept.add(backup.path)
    if good:
        kept.add(good[0].path)
    kept.update(b.path for b in [b for b in ordered if b.damaged][:DAMAGED_KEPT])
    return kept


def delete_backup(path: Path) -> None:
    """Remove one backup of the backup folder (the list's 删除); DatabaseError when it cannot be removed."""
    path = Path(path)
    if path.parent.resolve() != paths.backups_dir().resolve():
        raise DatabaseError(f"只能删除备份文件夹中的备份：{path}")
    try:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    except OSError as exc:
        raise DatabaseError(f"不能删除备份“{path.name}”：{os_error_message(exc)}") from exc
    log.info("backup deleted by the clerk: %s", path.name)


def rotate(now: datetime | None = None, keep: BackupPolicy | None = None) -> list[Path]:
    """Delete backups outside the policy; returns what was removed."""
    now = now or datetime.now()
    keep = keep or (policy() if database.obj is not None else BackupPolicy())
    backups = list_backups()
    kept = backups_to_keep(backups, keep, now)
    removed = []
    for backup in backups:
        if backup.path not in kept:
            if backup.path.is_dir():
                shutil.rmtree(backup.path)
            else:
                backup.path.unlink()
            removed.append(backup.path)
            log.info("backup rotated out: %s", backup.path.name)
    return removed

