"""Turn SQLite's storage failures (disk full, read-only folder, damaged file) into clear Chinese errors.

Only failures of the storage itself are translated; constraint errors and the like stay peewee's,
since services catch those by type.
"""

from __future__ import annotations

from desk_app.errors import DatabaseCorruptError, DatabaseError


class DiskFullError(DatabaseError):
    pass


class StorageReadOnlyError(DatabaseError):
    pass


DISK_FULL_MESSAGE = ("磁盘空间已满，刚才的修改没有保存（数据保持修改前的状态，没有丢失）。"
                     "请清理磁盘或把数据文件夹移到空间充足的磁盘后再试。")
READ_ONLY_MESSAGE = ("数据文件夹或数据文件是只读的，刚才的修改没有保存（已有数据没有改动）。"
                     "请检查文件夹权限、U 盘写保护，或把数据复制到可写的文件夹后再打开。")
IO_MESSAGE = ("读写数据文件时磁盘出错，刚才的修改没有保存。请检查磁盘或 U 盘是否已拔出，"
              "然后重新启动程序；如仍出错，请在“设置 › 备份与恢复”中检查数据。")
CORRUPT_MESSAGE = ("数据文件已损坏，刚才的操作没有完成。请在“设置 › 备份与恢复”中从最近的备份恢复，"
                   "或运行 desk-app check 查看详情。")


def translate(exc: BaseException) -> DatabaseError | None:
    """The Chinese error for a storage failure, or None when `exc` is something else."""
    text = str(exc).lower()
    if "database or disk is full" in text or "no space left" in text or "file too large" in text:
        return DiskFullError(DISK_FULL_MESSAGE)
    if "readonly database" in text or "read-only file system" in text:
        return StorageReadOnlyError(READ_ONLY_MESSAGE)
    if "disk i/o error" in text:
        return DatabaseError(IO_MESSAGE)
    if "malformed" in text or "not a database" in text:
        return DatabaseCorruptError(CORRUPT_MESSAGE)
    return None
