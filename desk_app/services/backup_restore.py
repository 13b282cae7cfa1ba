"""Checking a backup and restoring it: validate, show what it holds, back up the current data, swap.

The swap is atomic: the backup's database is copied next to the live file, synced, and then renamed
over it (after the old WAL files are removed, so SQLite never replays an old journal into the new
file). Attachments are content-addressed and only ever added, so restoring copies the missing ones
into the store first; nothing the current data refers to is removed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desk_app import paths
from desk_app.db import close_database
from desk_app.db.migrations import LATEST_VERSION
from desk_app.db.models import database
from desk_app.errors import DatabaseError, DatabaseTooNewError, ReadOnlyError

from . import backups, instance_lock, undo_history

log = logging.getLogger(__name__)


@dataclass
class BackupCheck:
    """The outcome of validating one backup before a restore."""

    info: backups.BackupInfo
    problems: list[str] = field(default_factory=list)
    missing_attachments: list[str] = field(default_factory=list)
    db_file: Path | None = None  # the database inside it (extracted when it came zipped)
    _temp: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def description(self) -> str:
        info = self.info
        lines = [f"备份时间：{info.created_at:%Y-%m-%d %H:%M}（{info.reason_label}）",
                 f"数据版本：{info.schema_version}" + ("（恢复后会自动升级）"
                                                   if (info.schema_version or 0) < LATEST_VERSION else ""),
                 f"内容：{info.summary()}",
                 f"位置：{info.path}"]
        if self.missing_attachments:
            lines.append(f"注意：备份中缺少 {len(self.missing_attachments)} 个附件文件，恢复后这些附件无法打开。")
        lines.extend(f"问题：{p}" for p in self.problems)
        return "\n".join(lines)

    def cleanup(self) -> None:
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_backup: Path | None  # the current data as it was just before the restore
    counts: dict
    missing_attachments: int


def _not_a_backup(path: Path) -> DatabaseError:
    return DatabaseError(f"“{path}”不是本程序的备份（应为备份文件夹、.zip 备份包或 .sqlite3 数据文件）。")


def _extract(path: Path) -> tuple[Path, Path]:
    """Unzip the database of a zip backup into a temporary folder inside the data folder."""
    data = paths.data_dir()
    data.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".restore-", dir=data))
    try:
        with (zipfile.ZipFile(path) as archive, archive.open(backups.DB_NAME) as src,
              open(temp / backups.DB_NAME, "wb") as out):
            shutil.copyfileobj(src, out, 1024 * 1024)
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        shutil.rmtree(temp, ignore_errors=True)
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            raise DatabaseError(backups.storage_message(exc, data)) from exc
        raise _not_a_backup(path) from exc
    return temp / backups.DB_NAME, temp


def _db_file_of(path: Path) -> tuple[Path, Path | None]:
    if path.is_dir():
        if not (path / backups.DB_NAME).is_file():
            raise _not_a_backup(path)
        return path / backups.DB_NAME, None
    if zipfile.is_zipfile(path):
        return _extract(path)
    return path, None


def _attachment_available(path: Path, kind: str, sha: str, names: set[str]) -> bool:
    if backups.store_path(sha).is_file():
        return True
    if kind == "folder":
        return (path / backups.member_name(sha)).is_file()
    return backups.member_name(sha) in names


def inspect_backup(path: Path) -> BackupCheck:
    """Validate a backup (integrity check, schema version, counts against its manifest)."""
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"找不到备份：{path}")
    info = backups.describe(path)
    if info is None:
        raise _not_a_backup(path)
    db_file, temp = _db_file_of(path)
    check = BackupCheck(info, db_file=db_file, _temp=temp)
    try:
        conn = backups.connect_copy(db_file)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            damaged = [r[0] for r in result] != ["ok"]
            if damaged:
                check.problems.append("备份中的数据库已损坏，不能用它恢复。")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            counts = backups.count_rows(conn)
            files = backups.referenced_files(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        check.cleanup()
        raise DatabaseError(f"备份“{path.name}”无法读取，已损坏或不是本程序的数据（{exc}）。") from exc
    if version > LATEST_VERSION:
        check.cleanup()
        raise DatabaseTooNewError(f"备份“{path.name}”由更新版本的程序创建（数据版本 {version}，本程序只支持到 "
                                  f"{LATEST_VERSION}）。请先安装最新版本的程序再恢复。")
    if version < 1 or "ledger_entry" not in tables:
        check.cleanup()
        raise _not_a_backup(path)
    if info.kind != "sqlite" and info.counts and info.counts != counts:
        check.problems.append("备份中的数据与其清单不符（条数不一致），备份可能不完整。")
    names = set()
    if info.kind == "zip":
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    check.missing_attachments = [sha for sha, _ in files
                                 if not _attachment_available(path, info.kind, sha, names)]
    check.info = backups.BackupInfo(info.path, info.kind, info.created_at, info.reason, info.size,
                                    version, counts, info.attachment_files, info.app_version,
                                    info.damaged or damaged)
    return check


def newest_good_backup(exclude: set[Path] | None = None) -> backups.BackupInfo | None:
    """The newest backup in backups/ that passes inspect_backup (used when the data is damaged)."""
    for info in backups.list_backups():
        if info.damaged or (exclude and info.path in exclude):
            continue
        try:
            check = inspect_backup(info.path)
        except DatabaseError:
            continue
        try:
            if check.ok:
                return check.info
        finally:
            check.cleanup()
    return None


def _preserve_current(progress) -> Path | None:
    """Back up what is there now; a damaged database is kept as a plain copy of its files."""
    live = paths.database_path()
    if not live.exists():
        return None
    from . import integrity  # noqa: PLC0415

    healthy = not integrity.check(live, quick=True, verify_hashes=False).damaged
    if healthy and database.obj is not None:
        try:
            return backups.create_backup("pre-restore", progress=progress, rotate_after=False)
        except (DatabaseError, sqlite3.Error) as exc:
            if isinstance(exc, DatabaseError) and "磁盘" in exc.message:
                raise
            log.warning("could not back up the current data normally (%s); keeping the raw files", exc)
    stamp = datetime.now().strftime(backups.STAMP_FORMAT)
    target = paths.backups_dir() / f"{stamp}-damaged"
    try:
        target.mkdir(parents=True)
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{live}{suffix}")
            if source.exists():
                shutil.copyfile(source, target / f"{backups.DB_NAME}{suffix}")
        manifest = {"format": backups.FORMAT, "reason": "damaged", "created_at": datetime.now().isoformat(),
                    "counts": {}, "attachments": [], "note": "数据损坏时原样留存的文件，仅供管理员检查"}
        (target / backups.MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise DatabaseError(backups.storage_message(exc, target.parent)) from exc
    return target


def _copy_attachments(check: BackupCheck, progress) -> None:
    conn = backups.connect_copy(check.db_file)
    try:
        files = backups.referenced_files(conn)
    finally:
        conn.close()
    path, kind = check.info.path, check.info.kind
    archive = zipfile.ZipFile(path) if kind == "zip" else None
    try:
        for index, (sha, _size) in enumerate(files, 1):
            target = backups.store_path(sha)
            if target.is_file():
                continue
            member = backups.member_name(sha)
            if kind == "folder" and (path / member).is_file():
                backups._link_or_copy(path / member, target)  # noqa: SLF001 - same package
            elif archive is not None and member in archive.namelist():
                target.parent.mkdir(parents=True, exist_ok=True)
                part = target.with_name(target.name + ".part")
                with archive.open(member) as src, open(part, "wb") as out:
                    shutil.copyfileobj(src, out, 1024 * 1024)
                os.replace(part, target)
            if progress and index % 20 == 0:
                progress(index, len(files), "正在恢复附件……")
    finally:
        if archive is not None:
            archive.close()


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _swap_in(db_file: Path) -> None:
    live = paths.database_path()
    staged = live.with_name(live.name + ".restoring")
    shutil.copyfile(db_file, staged)
    _fsync(staged)
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    os.replace(staged, live)
    if os.name != "nt":
        _fsync(live.parent)


def restore_backup(path: Path, *, progress=None) -> RestoreResult:
    """Replace the current data with a backup, after backing the current data up.

    Leaves the database CLOSED: the caller reopens it (session.open_data()), in its own thread.
    """
    def step(text: str) -> bool:
        return progress(0, 0, text) if progress else True

    lock = instance_lock.acquire(paths.data_dir())
    if not lock.acquired:
        raise ReadOnlyError(lock.error or (instance_lock.locked_message(lock.owner)
                                           + "请先关闭另一个窗口，再恢复备份。"))
    step("正在检查备份……")
    check = inspect_backup(Path(path))
    try:
        if not check.ok:
            raise DatabaseError("不能用这个备份恢复：" + "；".join(check.problems))
        if step("正在备份当前数据……") is False:
            raise _cancelled()
        safety = _preserve_current(progress)
        if step("正在恢复附件……") is False:
            raise _cancelled()
        try:
            _copy_attachments(check, progress)
            step("正在替换数据文件……")
            close_database()
            _swap_in(check.db_file)
        except OSError as exc:
            paths.database_path().with_name(paths.DB_FILE_NAME + ".restoring").unlink(missing_ok=True)
            raise DatabaseError(backups.storage_message(exc, paths.data_dir()).replace("备份失败", "恢复失败")
                                + "当前数据已在恢复前备份。") from exc
        undo_history.irreversible("恢复备份")
        log.info("restored backup %s (safety copy %s)", check.info.path.name, safety.name if safety else "-")
        return RestoreResult(check.info.path, safety, check.info.counts, len(check.missing_attachments))
    finally:
        check.cleanup()


def _cancelled() -> Exception:
    from desk_app.progress import Cancelled  # noqa: PLC0415

    return Cancelled("已取消恢复，数据没有改动。")
