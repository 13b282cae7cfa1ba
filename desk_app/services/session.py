"""Opening and closing the data folder's database: the entry point for the GUI and the CLI."""

from __future__ import annotations

from pathlib import Path

from desk_app import paths
from desk_app.db import close_database, is_read_only, open_database
from desk_app.errors import DatabaseError, DeskAppError

from . import instance_lock

_lock: instance_lock.LockResult | None = None


def open_data(*, read_only: bool = False) -> Path:
    """Open (creating and upgrading as needed) the database of the current data folder.

    Writing needs the folder's one-writer lock; when another live process holds it (or the folder
    cannot be written), the data opens read-only and lock_status() says why.
    """
    global _lock
    fallback = False
    if not read_only:
        _lock = instance_lock.acquire(paths.data_dir())
        read_only = fallback = not _lock.acquired
    try:
        open_database(read_only=read_only)
    except DeskAppError as exc:
        if not fallback:
            raise
        raise DatabaseError(read_only_reason(assume_read_only=True) + exc.message) from exc
    from . import context, settings  # noqa: PLC0415 - needs the bound database

    clerk = settings.preferences().clerk_name
    if clerk:
        context.set_actor(clerk)
    return paths.data_dir()


def close_data() -> None:
    close_database()


def read_only() -> bool:
    return is_read_only()


def lock_status() -> instance_lock.LockResult | None:
    """The outcome of the last writable open: held by us, by someone else, or impossible."""
    return _lock


def read_only_reason(*, assume_read_only: bool = False) -> str:
    """Why the data is read-only, in Chinese ('' when it is writable)."""
    if not (assume_read_only or is_read_only()):
        return ""
    if _lock is not None and _lock.error:
        return _lock.error
    if _lock is not None and not _lock.acquired:
        return instance_lock.locked_message(_lock.owner) + "当前窗口为只读模式。"
    return "数据以只读方式打开，不能保存修改。"
