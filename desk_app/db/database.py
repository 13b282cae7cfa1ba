"""Opening, migrating and backing up the SQLite database."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import SqliteDatabase

from desk_app import paths
from desk_app.errors import DatabaseCorruptError, DatabaseError, DatabaseTooNewError

from .migrations import LATEST_VERSION, MIGRATIONS
from .models import database
from .storage_errors import translate as _storage_error

BUSY_TIMEOUT_MS = 5000

# Connection settings only; WAL is switched on after the version check, since it rewrites the
# file header and a database we refuse must stay byte-for-byte as it was.
PRAGMAS = {
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "normal",
    "cache_size": -32000,  # 32 MB page cache
    "temp_store": "memory",
}

_read_only = False


def is_read_only() -> bool:
    return _read_only


def _corrupt_message(path: Path) -> str:
    return (f"数据文件已损坏或不是本程序的数据库：{path}。"
            "请用“恢复备份”还原最近的备份（命令行：desk-app restore 备份文件），"
            "或把该文件交给管理员检查；本程序没有改动它。")


class GuardedSqliteDatabase(SqliteDatabase):
    """Reports a full disk, a read-only folder or a damaged file as a Chinese DatabaseError."""

    def execute_sql(self, sql, params=None):
        try:
            return super().execute_sql(sql, params)
        except PeeweeDatabaseError as exc:
            raise (_storage_error(exc) or exc) from exc

    def commit(self):
        try:
            return super().commit()
        except PeeweeDatabaseError as exc:
            raise (_storage_error(exc) or exc) from exc


def schema_version(db: SqliteDatabase) -> int:
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def _connect(path: Path, read_only: bool) -> SqliteDatabase:
    if read_only:
        db = GuardedSqliteDatabase(f"file:{path}?mode=ro", uri=True,
                                   pragmas={"foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS})
    else:
        db = GuardedSqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, PeeweeDatabaseError, DatabaseError) as exc:
        db.close()
        if read_only and "unable to open" in str(exc) and not Path(f"{path}-wal").exists():
            # A WAL database in a read-only folder cannot create its -shm file. Nobody can write
            # there, so reading it as an immutable file is safe.
            return _connect_immutable(path)
        if isinstance(exc, DatabaseCorruptError):
            raise DatabaseCorruptError(_corrupt_message(path)) from exc
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise DatabaseCorruptError(_corrupt_message(path)) from exc
        raise DatabaseError(f"无法打开数据文件 {path}：{exc}。请检查该文件夹是否可写、磁盘是否已满。") from exc
    return db


def _connect_immutable(path: Path) -> SqliteDatabase:
    db = GuardedSqliteDatabase(f"file:{path}?mode=ro&immutable=1", uri=True, pragmas={"foreign_keys": 1})
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, PeeweeDatabaseError, DatabaseError) as exc:
        db.close()
        raise DatabaseError(f"无法以只读方式打开数据文件 {path}：{exc}。请检查文件权限。") from exc
    return db


def backup_database(db: SqliteDatabase, destination: Path) -> Path:
    """Copy a live database with SQLite's online backup API (safe while in use, WAL included)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(destination.name + ".part")
    target = sqlite3.connect(tmp)
    try:
        db.connection().backup(target)
    finally:
        target.close()
    tmp.replace(destination)
    return destination


def _check_version(db: SqliteDatabase) -> None:
    version = schema_version(db)
    if version > LATEST_VERSION:
        raise DatabaseTooNewError(
            f"这个数据文件由更新版本的程序创建（数据版本 {version}，本程序只支持到 {LATEST_VERSION}）。"
            "请安装最新版本的程序后再打开；为保护数据，本程序不会改动它。")


def _migrate(db: SqliteDatabase, path: Path) -> None:
    version = schema_version(db)
    if version == LATEST_VERSION:
        return
    if version > 0:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_database(db, paths.backups_dir() / f"pre-migrate-v{version}-{stamp}.sqlite3")
    for number in range(version + 1, LATEST_VERSION + 1):
        with db.atomic():
            MIGRATIONS[number - 1].upgrade(db)
            db.execute_sql(f"PRAGMA user_version = {number}")


def open_database(path: Path | None = None, *, read_only: bool = False) -> SqliteDatabase:
    """Open (creating if needed) and upgrade the database, and bind the models to it."""
    global _read_only
    path = Path(path) if path else paths.database_path()
    if read_only and not path.exists():
        raise DatabaseError(f"数据文件不存在：{path}")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"无法创建数据文件夹 {path.parent}：{exc.strerror}。"
                                "请换一个可写的文件夹（--data-dir）或联系管理员。") from exc
    db = _connect(path, read_only)
    try:
        if read_only:
            _check_version(db)
            if schema_version(db) != LATEST_VERSION:
                raise DatabaseTooNewError(f"只读模式下无法打开数据版本为 {schema_version(db)} 的文件。")
        else:
            _check_version(db)
            db.execute_sql("PRAGMA journal_mode = wal")
            _migrate(db, path)
    except Exception:
        db.close()
        raise
    database.initialize(db)
    _read_only = read_only
    if not read_only:
        from desk_app.services import choices  # noqa: PLC0415 - seeding needs the bound models
        choices.ensure_defaults()
    return db


def close_database() -> None:
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()
