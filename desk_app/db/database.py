"""Opening, migrating and backing up the database (SQLite here; PostgreSQL in open_postgres)."""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from peewee import DatabaseError as PeeweeDatabaseError
from peewee import SqliteDatabase

from desk_app import paths
from desk_app.errors import DatabaseCorruptError, DatabaseError, DatabaseTooNewError

from .connection import configured_target
from .engine import Engine, parse_url
from .engine_sqlite import BUSY_TIMEOUT_MS, SqliteEngine
from .migrations import LATEST_VERSION
from .models import database

log = logging.getLogger(__name__)

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


GuardedSqliteDatabase = SqliteEngine  # the name older code and tests know


def schema_version(db) -> int:
    if isinstance(db, Engine):
        return db.schema_version()
    return db.execute_sql("PRAGMA user_version").fetchone()[0]  # a plain peewee SqliteDatabase


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


def backup_database(db, destination: Path) -> Path:
    """A SQLite file holding the whole live database (safe while it is in use; either engine)."""
    return db.backup_to_file(Path(destination))


def _check_version(db: SqliteDatabase) -> None:
    version = schema_version(db)
    if version > LATEST_VERSION:
        raise DatabaseTooNewError(
            f"这个数据文件由更新版本的程序创建（数据版本 {version}，本程序只支持到 {LATEST_VERSION}）。"
            "请安装最新版本的程序后再打开；为保护数据，本程序不会改动它。")


def _migrate(db) -> None:
    version = schema_version(db)
    if version == LATEST_VERSION:
        return
    from .migrations import MIGRATIONS  # noqa: PLC0415 - the migration modules only when the data is behind

    if version > 0:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_database(db, paths.backups_dir() / f"pre-migrate-v{version}-{stamp}.sqlite3")
    for number in range(version + 1, LATEST_VERSION + 1):
        with db.atomic():
            MIGRATIONS[number - 1].upgrade(db)
            db.set_schema_version(number)


def empty_file_message(path: Path) -> str:
    return (f"数据文件是空的（0 字节）：{path}。它可能在复制或同步时被截断，也可能被别的程序清空；"
            "本程序不会把它当作新数据重新建立，也没有改动它。请用“恢复备份”还原最近的备份"
            "（命令行：desk-app restore 备份文件），或把正确的数据文件复制回来。")


def _create_new(path: Path) -> None:
    """A new database file appears complete or not at all: built under a temporary name, then renamed.

    So an empty desk.sqlite3 never comes from us, and open_database can refuse one (a truncated copy)
    instead of silently starting over on it.
    """
    tmp = path.with_name(path.name + ".new")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA journal_mode = wal").fetchall()  # writes the header: the file is not empty
        conn.execute("PRAGMA user_version = 0")
    finally:
        conn.close()
    os.replace(tmp, path)


def open_database(path: Path | None = None, *, read_only: bool = False, url: str | None = None):
    """Open (creating if needed) and upgrade the database, and bind the models to it.

    Which one: the SQLite file `path`, else the database `url`, else the configured one (connection.py:
    --database, $DESK_APP_DATABASE, the saved choice; by default the data folder's desk.sqlite3)."""
    global _read_only
    close_database()  # this thread's connection to what was open before (a reopen replaces it)
    if path is None:
        target = parse_url(url) if url is not None else configured_target()
        if target.is_postgresql:
            from .open_postgres import open_postgres  # noqa: PLC0415 - the PostgreSQL engine's code only for it

            db = open_postgres(target, read_only=read_only)
            _read_only = read_only
            return db
        path = target.path
    path = Path(path) if path else paths.database_path()
    if read_only and not path.exists():
        raise DatabaseError(f"数据文件不存在：{path}")
    if path.is_file() and path.stat().st_size == 0:
        raise DatabaseCorruptError(empty_file_message(path))
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                _create_new(path)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(f"无法在 {path.parent} 中建立数据文件：{getattr(exc, 'strerror', None) or exc}。"
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
            _migrate(db)
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
    """Close this thread's connection; a writable SQLite one folds its WAL into the file first."""
    db = database.obj
    if db is not None and not db.is_closed():
        if isinstance(db, Engine):
            db.close_connection()
        else:
            db.close()
