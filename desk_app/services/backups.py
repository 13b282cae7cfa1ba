"""Backups of the data folder: the database (SQLite's online backup API, never a plain file copy of a
live database), a manifest, and the attachment files the database refers to.

A backup in `backups/` is a folder `YYYYMMDD-HHMMSS-ffffff-<reason>/` holding `desk.sqlite3`,
`manifest.json` and `attachments/<sha[:2]>/<sha>` (hard links into the content-addressed store where
the file system allows, else copies: stored files never change, so a link is as good as a copy).
`desk-app backup --out FILE` writes the same content as one zip file. Plain `*.sqlite3` files (the
pre-migration copies made by the database layer) are listed too. Restoring lives in backup_restore.py.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desk_app import __version__, paths
from desk_app.db import backup_database
from desk_app.db.models import database
from desk_app.db.storage_errors import DiskFullError, StorageReadOnlyError
from desk_app.errors import DatabaseCorruptError, DatabaseError, InputFileError, ReadOnlyError

from .backup_files import (  # noqa: F401 - re-exported: callers use backups.store_path etc.
    COUNT_QUERIES,
    DAMAGED_ZIP_ADVICE,
    DB_NAME,
    FORMAT,
    MANIFEST_NAME,
    _link_or_copy,
    connect_copy,
    count_rows,
    damage_found,
    file_checksum,
    file_kind,
    member_name,
    parse_manifest,
    referenced_files,
    storage_message,
    store_path,
    zip_destination,
)
from .leftovers import tag

log = logging.getLogger(__name__)

STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"

REASON_LABELS = {
    "manual": "手动备份", "daily": "每日自动备份", "import": "导入前", "pre-restore": "恢复前",
    "pre-migrate": "升级前", "damaged": "损坏的数据（留存）", "cli": "命令行备份",
    "datafile": "数据文件（不是本程序做的备份）",
}
DAMAGED_LABEL = "已损坏"
# Backups made right before a write: when they show the data is damaged, the write does not happen.
REFUSE_WHEN_DAMAGED = {"import"}

@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str  # folder | zip | sqlite
    created_at: datetime
    reason: str
    size: int
    schema_version: int | None = None
    counts: dict = field(default_factory=dict)
    attachment_files: int = 0
    app_version: str = ""
    damaged: bool = False  # the copied database failed SQLite's quick check: never restore from it

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def status_label(self) -> str:
        """'已损坏' for a damaged copy, '' for a good one: shown in every list of backups."""
        return DAMAGED_LABEL if self.damaged else ""

    def summary(self) -> str:
        c = self.counts
        warning = "【已损坏，不能用于恢复】" if self.damaged else ""
        if not c:
            return warning + "（无统计信息）"
        return warning + (f"台账 {c.get('entries', 0)} 条（回收站 {c.get('deleted_entries', 0)} 条）、"
                f"专班 {c.get('task_forces', 0)} 个、会议 {c.get('meetings', 0)} 次、"
                f"人员 {c.get('people', 0)} 人、附件 {c.get('attachments', 0)} 个")


def _slug(reason: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", reason).strip("-") or "manual"


# --- creating -----------------------------------------------------------------------------------

def _snapshot(staging: Path, progress=None) -> dict:
    """Copy the database into staging/ and describe it; returns the manifest (not yet written)."""
    db = database.obj
    if db is None:
        raise DatabaseError("数据尚未打开，无法备份。")
    if progress:
        progress(0, 0, "正在备份数据库……")
    backup_database(db, staging / DB_NAME)
    conn = connect_copy(staging / DB_NAME)
    try:
        # The online backup copies pages as they are, so damage in the live file shows up here.
        damage = damage_found(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        counts = count_rows(conn)
        files = referenced_files(conn) if not damage else _files_if_readable(conn)
    finally:
        conn.close()
    if damage:
        log.error("backup copy failed the quick check: %s", "; ".join(damage[:5]))
    manifest = {"format": FORMAT, "app_version": __version__, "schema_version": version,
                "created_at": datetime.now().isoformat(), "counts": counts,
                "checksums": {DB_NAME: file_checksum(staging / DB_NAME)},
                "attachments": [{"sha256": sha, "size": size} for sha, size in files]}
    if damage:
        manifest["damaged"] = True
        manifest["damage"] = damage
    return manifest


def _files_if_readable(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    try:
        return referenced_files(conn)
    except sqlite3.DatabaseError:
        return []


def _write_folder(reason: str, progress=None) -> tuple[Path, dict]:
    now = datetime.now()
    name = f"{now.strftime(STAMP_FORMAT)}-{_slug(reason)}"
    root = paths.backups_dir()
    staging = root / f".partial-{tag()}{name}"
    final = root / name
    try:
        staging.mkdir(parents=True)
        manifest = _snapshot(staging, progress)
        manifest["reason"] = _slug(reason)
        missing = []
        files = manifest["attachments"]
        for index, item in enumerate(files, 1):
            source = store_path(item["sha256"])
            if source.is_file():
                _link_or_copy(source, staging / member_name(item["sha256"]))
            else:
                missing.append(item["sha256"])
            if progress and index % 50 == 0:
                progress(index, len(files), "正在备份附件……")
        manifest["missing_attachments"] = missing
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                             encoding="utf-8")
        os.replace(staging, final)
    except (OSError, sqlite3.Error, DiskFullError, StorageReadOnlyError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise DatabaseError(storage_message(exc, root)) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("backup created: %s", final.name)
    return final, manifest


def _write_zip(reason: str, destination: Path, progress=None) -> Path:
    destination = zip_destination(Path(destination), datetime.now())
    part = destination.with_name(destination.name + ".part")
    staging = None
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(_tempdir(destination.parent))
        manifest = _snapshot(staging, progress)
        manifest["reason"] = _slug(reason)
        missing = []
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(staging / DB_NAME, DB_NAME)
            files = manifest["attachments"]
            for index, item in enumerate(files, 1):
                source = store_path(item["sha256"])
                if source.is_file():
                    archive.write(source, member_name(item["sha256"]))
                else:
                    missing.append(item["sha256"])
                if progress and index % 20 == 0:
                    progress(index, len(files), "正在打包附件……")
            manifest["missing_attachments"] = missing
            archive.writestr(MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(part, destination)
    except (OSError, sqlite3.Error, zipfile.LargeZipFile, DiskFullError, StorageReadOnlyError) as exc:
        part.unlink(missing_ok=True)
        raise DatabaseError(storage_message(exc, destination.parent)) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    log.info("backup archive written: %s", destination.name)
    return destination


def _tempdir(where: Path) -> str:
    import tempfile  # noqa: PLC0415

    try:
        return tempfile.mkdtemp(prefix=".desk-backup-", dir=where)
    except OSError:
        return tempfile.mkdtemp(prefix="desk-backup-")


def create_backup(reason: str = "manual", destination: Path | None = None, *, progress=None,
                  rotate_after: bool = True) -> Path:
    """Back up the open data into backups/ (a folder), or into `destination` (one zip file; a folder gets a
    dated zip inside it, a name not ending in .zip gets the suffix: backup_files.zip_destination).

    Returns the folder or file. Raises DatabaseError with a Chinese message when the disk is full
    or not writable; nothing half-written stays behind. A backup only reads the data: made while another
    window holds the folder, it is written beside that window's and leaves their rotation to it. One made right before an import (REFUSE_WHEN_DAMAGED) that finds the
    data damaged is removed again and raises DatabaseCorruptError: nothing gets written on damage.
    """
    if destination is not None:
        return _write_zip(reason, Path(destination), progress)
    from .session import require_writer  # noqa: PLC0415 - session imports this package

    try:
        require_writer()
        writer = True
    except ReadOnlyError:  # the window has the folder: a backup only reads, the old ones stay that window's to rotate
        writer = False
    made, manifest = _write_folder(reason, progress)
    if manifest.get("damaged") and _slug(reason) in REFUSE_WHEN_DAMAGED:
        shutil.rmtree(made, ignore_errors=True)
        with contextlib.suppress(OSError):
            made.parent.rmdir()  # only when this backup was its first
        raise DatabaseCorruptError(
            "当前数据已损坏（导入前的备份检查发现数据库中有无法读取的部分），没有导入任何内容。"
            "请先运行 desk-app check（或“设置 › 备份与恢复 › 检查数据”）查看详情，"
            "从最近的完好备份恢复后再导入。")
    if rotate_after and writer:
        from .backup_rotation import rotate  # noqa: PLC0415 - it lists backups through this module

        try:
            rotate()
        except OSError as exc:  # a backup we could not delete is no reason to fail the new one
            log.warning("backup rotation failed: %s", exc)
    return made


# --- listing ------------------------------------------------------------------------------------

def _stamp_of(name: str) -> tuple[datetime | None, str]:
    match = re.match(r"(\d{8}-\d{6})(?:-(\d{6}))?-?(.*)$", name)
    if match:
        when = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        if match.group(2):
            when = when.replace(microsecond=int(match.group(2)))
        return when, match.group(3) or "manual"
    match = re.match(r"pre-migrate-v\d+-(\d{8}-\d{6})", name)
    if match:
        return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), "pre-migrate"
    return None, "manual"


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def read_manifest(path: Path) -> dict | None:
    """A backup's manifest (None when there is none or it cannot be read); a hostile zip raises
    InputFileError from SafeZip."""
    from desk_app.exchange.safe_zip import BACKUP_LIMITS, SafeZip  # noqa: PLC0415

    try:
        if path.is_dir():
            manifest = path / MANIFEST_NAME
            if manifest.is_symlink() or manifest.stat().st_size > MAX_MANIFEST_BYTES:
                return None
            return parse_manifest(manifest.read_bytes())
        if zipfile.is_zipfile(path):
            with SafeZip(path, BACKUP_LIMITS, "备份", done=NOTHING_RESTORED,
                         advice=DAMAGED_ZIP_ADVICE) as archive:
                if MANIFEST_NAME not in archive.names:
                    return None
                return parse_manifest(archive.read(MANIFEST_NAME, MAX_MANIFEST_BYTES))
    except OSError:
        return None
    return None


MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # a manifest lists one line per evidence file
NOTHING_RESTORED = "没有恢复任何内容，现有数据没有改动"


def describe(path: Path) -> BackupInfo | None:
    """What one backup (folder, zip or plain .sqlite3 file) holds, or None if it is not a backup."""
    path = Path(path)
    stamp, reason = _stamp_of(path.name)
    try:
        kind = "folder" if path.is_dir() else file_kind(path) if path.is_file() else None
        if kind in ("folder", "zip"):
            try:
                manifest = read_manifest(path)
            except InputFileError:  # a hostile zip: inspect_backup says why
                return None
            if manifest is None:
                return None
            created = stamp or _parse_time(manifest.get("created_at")) or _mtime(path)
            size = _folder_size(path) if path.is_dir() else path.stat().st_size
            return BackupInfo(path, "folder" if path.is_dir() else "zip", created,
                              manifest.get("reason", reason), size, manifest.get("schema_version"),
                              manifest.get("counts", {}), len(manifest.get("attachments", [])),
                              manifest.get("app_version", ""),
                              bool(manifest.get("damaged")) or manifest.get("reason") == "damaged")
        if kind == "sqlite":
            conn = connect_copy(path)
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                counts = count_rows(conn)
            finally:
                conn.close()
            # Without a stamp in its name it is someone's data file (another PC's desk.sqlite3, a copy
            # of the live one), not a backup the clerk made: the list and the restore question say so.
            return BackupInfo(path, "sqlite", stamp or _mtime(path), reason if stamp else "datafile",
                              path.stat().st_size,
                              version, counts)
    except (OSError, sqlite3.Error):
        return None
    return None


def _parse_time(text) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime)


def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """Backups in backups/ (or `folder`), newest first."""
    folder = Path(folder) if folder else paths.backups_dir()
    if not folder.is_dir():
        return []
    found = []
    for child in folder.iterdir():
        if child.name.startswith(".") or child.name.endswith(".part"):
            continue
        info = describe(child)
        if info is not None:
            found.append(info)
    return sorted(found, key=lambda b: b.created_at, reverse=True)
