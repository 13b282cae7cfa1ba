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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app import paths
from desk_app.db import close_database
from desk_app.db.models import database
from desk_app.errors import DatabaseError, InputFileError, ReadOnlyError
from desk_app.exchange.safe_zip import BACKUP_LIMITS, SafeZip

from . import backups, instance_lock, undo_history
from .backup_check import NOTHING_DONE, BackupCheck, inspect_backup, newest_good_backup  # noqa: F401 - public here
from .backup_files import DAMAGED_ZIP_ADVICE

__all__ = ["BackupCheck", "RestoreResult", "inspect_backup", "newest_good_backup", "restore_backup"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_backup: Path | None  # the current data as it was just before the restore
    counts: dict
    missing_attachments: int


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
    """Copy the files inspect_backup verified into the store, each checked again as it is written."""
    from .attachments import _file_chunks, store_chunks  # noqa: PLC0415

    path, kind = check.info.path, check.info.kind
    archive = SafeZip(path, BACKUP_LIMITS, "备份", done=NOTHING_DONE, advice=DAMAGED_ZIP_ADVICE) if kind == "zip" else None
    try:
        for index, sha in enumerate(check.to_copy, 1):
            if backups.store_path(sha).is_file():
                continue
            member = backups.member_name(sha)
            chunks = archive.chunks(member) if archive is not None else _file_chunks(path / member)
            try:
                store_chunks(chunks, name=f"{sha[:12]}…", expected_sha=sha)
            except InputFileError as exc:
                raise DatabaseError("恢复失败：备份中的附件" + exc.message + "数据没有被替换，请重新选择备份。") from exc
            if progress and index % 20 == 0:
                progress(index, len(check.to_copy), "正在恢复附件……")
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


def _checkpoint(live: Path) -> None:
    """Fold the live WAL into the file before it is removed: if the swap then fails, nothing is lost."""
    if not Path(f"{live}-wal").exists():
        return
    try:
        conn = sqlite3.connect(live)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:  # a damaged file: its raw copy (WAL included) is in the safety backup
        log.warning("checkpoint before the restore swap failed: %s", exc)


def _swap_in(db_file: Path) -> None:
    live = paths.database_path()
    staged = live.with_name(live.name + ".restoring")
    shutil.copyfile(db_file, staged)
    _fsync(staged)
    _checkpoint(live)
    for suffix in ("-wal", "-shm"):
        Path(f"{live}{suffix}").unlink(missing_ok=True)
    os.replace(staged, live)
    if os.name != "nt":
        _fsync(live.parent)


def _restore_into_server(db_file: Path, progress) -> None:
    """PostgreSQL: the backup's tables replace the server's, in one transaction (a backup of an older
    version is upgraded first, in a temporary copy)."""
    from desk_app.db import table_copy  # noqa: PLC0415

    folder = Path(tempfile.mkdtemp(prefix=".restore-", dir=paths.data_dir()))
    try:
        copy = folder / backups.DB_NAME
        shutil.copyfile(db_file, copy)
        source = table_copy.open_sqlite_file(copy, upgrade=True)
        try:
            table_copy.copy_tables(source, database.obj, progress, replace=True)
        finally:
            source.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _restore_shared(check: BackupCheck, step, progress) -> RestoreResult:
    """restore_backup on a PostgreSQL server: every clerk sees the restored data from their next reading."""
    if step("正在备份服务器上的当前数据……") is False:
        raise _cancelled()
    safety = backups.create_backup("pre-restore", progress=progress, rotate_after=False)
    if step("正在恢复附件……") is False:
        raise _cancelled()
    _copy_attachments(check, progress)
    step("正在把备份写入数据库服务器……")
    _restore_into_server(check.db_file, progress)
    close_database()
    undo_history.irreversible("恢复备份")
    log.info("restored backup %s into %s (safety copy %s)", check.info.path.name, database.obj.location(),
             safety.name)
    return RestoreResult(check.info.path, safety, check.info.counts, len(check.missing_attachments))


def restore_backup(path: Path, *, progress=None) -> RestoreResult:
    """Replace the current data with a backup, after backing the current data up.

    Leaves the database CLOSED: the caller reopens it (session.open_data()), in its own thread. On a
    PostgreSQL server the backup's tables replace the server's (for every clerk) in one transaction.
    """
    def step(text: str) -> bool:
        return progress(0, 0, text) if progress else True

    if database.obj is not None and database.engine_name == "postgresql":
        step("正在检查备份……")
        check = inspect_backup(Path(path))
        try:
            if not check.ok:
                raise DatabaseError("不能用这个备份恢复：" + "；".join(check.problems))
            return _restore_shared(check, step, progress)
        finally:
            check.cleanup()
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
            if isinstance(exc, PermissionError) and exc.filename and Path(exc.filename).name.startswith(
                    paths.DB_FILE_NAME):
                # Windows refuses to replace a file that any program holds open (errno EACCES, WinError 32).
                raise DatabaseError("恢复失败：数据文件正被其他程序占用（例如另一个窗口、杀毒软件或同步盘），"
                                    "无法替换。当前数据没有改动，也已在恢复前备份；请关闭占用它的程序后再恢复。") from exc
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
