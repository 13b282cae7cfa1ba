"""The one place where failures of the storage become Chinese errors named for their real cause.

SQLite's own words decide: the data is called damaged only when SQLite says the file is malformed or not
a database. A full disk, a read-only folder, a file locked by another program and a failing disk each
get their own message; anything else (a constraint the program should have checked, a bug) is not
translated here and ends as "程序内部错误" with the log file's path (see internal_error_message), never
as "damaged": that would send the clerk to throw away good work.

Constraint errors and the like stay peewee's, since services catch those by type.
"""

from __future__ import annotations

import errno

from desk_app.errors import DatabaseCorruptError, DatabaseError


class DiskFullError(DatabaseError):
    pass


class StorageReadOnlyError(DatabaseError):
    pass


class DatabaseLockedError(DatabaseError):
    """Another program holds a lock on the database file (SQLITE_BUSY / SQLITE_LOCKED)."""


DISK_FULL_MESSAGE = ("磁盘空间已满，刚才的修改没有保存（数据保持修改前的状态，没有丢失）。"
                     "请清理磁盘或把数据文件夹移到空间充足的磁盘后再试。")
READ_ONLY_MESSAGE = ("数据文件夹或数据文件是只读的，刚才的修改没有保存（已有数据没有改动）。"
                     "请检查文件夹权限、U 盘写保护，或把数据复制到可写的文件夹后再打开。")
LOCKED_MESSAGE = ("数据文件正被另一个程序锁定（例如另一个窗口正在保存、杀毒软件或同步盘正在读取），"
                  "刚才的操作没有完成，数据没有改动。请稍候片刻再试；如一直如此，请关闭其他使用该数据的程序。")
IO_MESSAGE = ("读写数据文件时磁盘出错，刚才的修改没有保存。请检查磁盘或 U 盘是否已拔出，"
              "然后重新启动程序；如仍出错，请在“设置 › 备份与恢复”中检查数据。")
CORRUPT_MESSAGE = ("数据文件已损坏，刚才的操作没有完成。请在“设置 › 备份与恢复”中从最近的备份恢复，"
                   "或运行 desk-app check 查看详情。")
CANNOT_OPEN_MESSAGE = ("无法打开数据文件：文件夹不可写、文件已被移走，或没有权限。"
                       "请检查数据文件夹（--data-dir）及其权限后再试。")

_FULL = ("database or disk is full", "no space left", "file too large")
_READ_ONLY = ("readonly database", "read-only file system", "attempt to write a readonly")
_LOCKED = ("database is locked", "database table is locked", "database schema is locked")
# The last: the sqlite3 module met stored text that is not UTF-8, which the program never writes.
_CORRUPT = ("malformed", "not a database", "could not decode to utf-8")


def translate(exc: BaseException) -> DatabaseError | None:
    """The Chinese error for a storage failure, or None when `exc` is something else."""
    text = str(exc).lower()
    if any(words in text for words in _FULL):
        return DiskFullError(DISK_FULL_MESSAGE)
    if any(words in text for words in _READ_ONLY):
        return StorageReadOnlyError(READ_ONLY_MESSAGE)
    if any(words in text for words in _LOCKED):
        return DatabaseLockedError(LOCKED_MESSAGE)
    if "disk i/o error" in text:
        return DatabaseError(IO_MESSAGE)
    if any(words in text for words in _CORRUPT):
        return DatabaseCorruptError(CORRUPT_MESSAGE)
    return None


def os_error_message(exc: OSError) -> str:
    """A file-system failure, named by its errno."""
    where = f"（{exc.filename}）" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
        return f"磁盘空间已满，文件没有写完{where}。请清理磁盘或换一个文件夹后重试；已有数据没有改动。"
    if exc.errno == errno.EROFS:
        return f"磁盘或 U 盘是只读的{where}。请检查 U 盘写保护，或换一个可写的文件夹后重试；已有数据没有改动。"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"没有权限读写文件{where}。请检查文件夹权限，或换一个文件夹后重试；已有数据没有改动。"
    if exc.errno == errno.ENOENT:
        return f"找不到文件或文件夹{where}。请检查路径后重试。"
    return f"读写文件时出错：{exc.strerror or exc}{where}。请检查磁盘或 U 盘后重试。"


def describe_failure(exc: BaseException) -> str | None:
    """A Chinese message for a storage failure of any layer (SQLite, peewee, the file system) that
    reached the top of a command or a task; None for anything else (an internal error)."""
    import sqlite3  # noqa: PLC0415

    import peewee  # noqa: PLC0415

    if isinstance(exc, DatabaseError):
        return exc.message
    if isinstance(exc, peewee.IntegrityError | sqlite3.IntegrityError):
        return None  # a rule the program should have checked: a bug, not the storage
    if isinstance(exc, sqlite3.DatabaseError | peewee.DatabaseError):
        translated = translate(exc)
        if translated is None and "unable to open database file" in str(exc):
            return CANNOT_OPEN_MESSAGE  # not in translate(): the database layer retries such opens read-only
        return translated.message if translated is not None else None
    if isinstance(exc, OSError):
        return os_error_message(exc)
    return None


def internal_error_message(log_path) -> str:
    where = f"详细信息已写入日志文件：{log_path}" if log_path else "日志文件无法写入，详细信息见下方"
    return (f"程序内部错误，刚才的操作没有完成（已保存的数据不受影响：每次修改要么完整保存，要么完全不保存）。"
            f"{where}。请把该文件交给管理员。")
