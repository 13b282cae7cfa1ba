"""The one place where failures of the storage become Chinese errors named for their real cause.

Both engines: SQLite's words for the file, PostgreSQL's SQLSTATE codes and words for the server (its
messages may be in English or, on a server set up in Chinese, in Chinese; both are matched).

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


SERVER_LOST_MESSAGE = ("与数据库服务器的连接中断了，刚才的操作没有完成（服务器上的数据保持操作前的状态）。"
                       "请检查网络和服务器是否在运行，然后再试一次。")
SERVER_FULL_MESSAGE = ("数据库服务器的磁盘空间已满，刚才的修改没有保存（数据保持修改前的状态）。"
                       "请联系管理员清理服务器磁盘后再试。")
SERVER_DENIED_MESSAGE = ("数据库服务器拒绝了这次操作：当前登录的数据库用户没有权限（{detail}）。"
                         "刚才的修改没有保存；请联系管理员授予权限（README：共用数据库）。")
SERVER_READ_ONLY_MESSAGE = "数据库以只读方式打开（或服务器处于只读状态），刚才的修改没有保存。"
SERVER_BUSY_MESSAGE = ("另一位同事正在修改同一批数据，刚才的操作等候超时或与之冲突，没有完成（数据没有改动）。"
                       "请稍候再试一次。")

# SQLSTATE classes and codes: 08 connection, 57P01-57P03 server shut down / starting, 53100 disk full,
# 42501 privilege, 25006 read-only transaction, 40001/40P01 serialization failure or deadlock, 55P03 lock.
_LOST_WORDS = ("server closed the connection", "terminating connection", "connection is closed",
               "connection is lost", "consuming input failed", "connection to server", "服务器意外地关闭了联接")


def _sqlstate(exc: BaseException) -> str:
    for candidate in (exc, *getattr(exc, "args", ())[:1], exc.__cause__, exc.__context__):
        code = getattr(candidate, "sqlstate", None)
        if code:
            return code
    return ""


def _translate_server(exc: BaseException, text: str) -> DatabaseError | None:
    code = _sqlstate(exc)
    if code == "53100" or "could not extend file" in text:
        return DiskFullError(SERVER_FULL_MESSAGE)
    if code == "42501":
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else "permission denied"
        return StorageReadOnlyError(SERVER_DENIED_MESSAGE.format(detail=detail))
    if code == "25006" or "read-only transaction" in text:
        return StorageReadOnlyError(SERVER_READ_ONLY_MESSAGE)
    if code in ("40001", "40P01", "55P03"):
        return DatabaseLockedError(SERVER_BUSY_MESSAGE)
    if code.startswith("08") or code in ("57P01", "57P02", "57P03") or any(w in text for w in _LOST_WORDS):
        return DatabaseError(SERVER_LOST_MESSAGE)
    return None


def connect_failure_message(exc: BaseException, target) -> str:
    """Why a PostgreSQL server could not be reached or refused us, for target (engine.Target)."""
    text = str(exc)
    low = text.lower()
    where = target.display
    if "password authentication failed" in low or "密码认证失败" in text or "口令认证失败" in text:
        why = "用户名或密码不正确。请检查地址中的用户名，以及密码（pgpass 文件或 PGPASSWORD）"
    elif "no password supplied" in low:
        why = "服务器要求密码，但没有提供。请把密码写入本机的 pgpass 文件（README：共用数据库），或写在地址中"
    elif "does not exist" in low or "不存在" in text:
        if "role" in low or "角色" in text or "用户" in text:
            why = "服务器上没有这个数据库用户。请让管理员用 createuser 建立，或检查地址中的用户名"
        else:
            why = "服务器上没有这个数据库。请让管理员用 createdb 建立，或检查地址中的数据库名"
    elif "pg_hba.conf" in low:
        why = "服务器不允许本机连接（pg_hba.conf 中没有本机的条目）。请让管理员在 pg_hba.conf 中加入办公网段后重新加载"
    elif "resolve host" in low or "translate host name" in low or "name or service not known" in low:
        why = "找不到这台服务器（主机名无法解析）。请检查地址中的服务器名或改用 IP 地址"
    elif "connection refused" in low or "no such file or directory" in low:
        why = "服务器没有在该地址和端口上运行 PostgreSQL（连接被拒绝）。请检查服务器是否开机、端口是否正确"
    elif "timeout" in low or "timed out" in low or "no route to host" in low or "network is unreachable" in low:
        why = "连接服务器超时。请检查网络、服务器地址，以及服务器防火墙是否放行 PostgreSQL 端口"
    elif "starting up" in low or "shutting down" in low:
        why = "服务器正在启动或关闭。请稍候再试"
    elif "too many" in low:
        why = "服务器的连接数已满。请稍候再试，或请管理员调大 max_connections"
    else:
        why = f"服务器返回：{text.strip().splitlines()[-1] if text.strip() else exc.__class__.__name__}"
    return f"无法连接数据库服务器 {where}：{why}。没有读写任何数据。"


def translate(exc: BaseException) -> DatabaseError | None:
    """The Chinese error for a storage failure, or None when `exc` is something else."""
    text = str(exc).lower()
    server = _translate_server(exc, text) if _is_server_error(exc) else None
    if server is not None:
        return server
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


def _is_server_error(exc: BaseException) -> bool:
    for candidate in (exc, *getattr(exc, "args", ())[:1], exc.__cause__, exc.__context__):
        if type(candidate).__module__.startswith("psycopg"):
            return True
    return False


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
    if isinstance(exc, sqlite3.DatabaseError | peewee.DatabaseError) or _is_server_error(exc):
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
