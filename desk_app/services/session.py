"""Opening and closing the data folder's database: the entry point for the GUI and the CLI."""

from __future__ import annotations

from pathlib import Path

from desk_app import paths
from desk_app.db import close_database, is_read_only, open_database
from desk_app.errors import DatabaseError, DeskAppError, ReadOnlyError

from . import instance_lock

_lock: instance_lock.LockResult | None = None


def data_folder_problem(*, create: bool = True) -> str:
    """Why the data folder cannot be used, in Chinese ('' when it can).

    With create=False a folder without a database is a problem too: a mistyped --data-dir must not
    quietly become a new, empty data folder.
    """
    folder = paths.data_dir()
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        return (f"数据文件夹的位置“{folder}”不可用：“{existing}”是一个文件，不是文件夹。"
                "请检查 --data-dir（或环境变量 DESK_APP_DATA_DIR），指定一个文件夹。")
    if not create and not shared_database() and not paths.database_path().is_file():
        return (f"数据文件夹 {folder} 中没有数据。请检查 --data-dir，"
                "或先运行 desk-app demo / 打开程序新建活动。")
    return ""


def shared_database() -> bool:
    """The configured database is a PostgreSQL server's (no data file, no folder lock: the server
    serves many clerks at once)."""
    from desk_app.db.connection import configured_target  # noqa: PLC0415

    try:
        return configured_target().is_postgresql
    except DeskAppError:  # a bad address: opening the data names it
        return False


def require_data_folder(*, create: bool = True) -> Path:
    """Raise DatabaseError with data_folder_problem()'s message, before anything is created."""
    problem = data_folder_problem(create=create)
    if problem:
        raise DatabaseError(problem)
    return paths.data_dir()


def open_data(*, read_only: bool = False, create: bool = True, sweep: bool = True) -> Path:
    """Open (creating and upgrading as needed) the database of the current data folder.

    create=False refuses a folder without a database (read-only commands: nothing gets created).
    Writing needs the folder's one-writer lock; when another live process holds it (or the folder
    cannot be written), the data opens read-only and lock_status() says why. sweep=False leaves the
    sweep of killed runs' leftovers to the caller (the window does it after its first paint: listing
    the temporary folder takes a tenth of a second where it is crowded), by sweep_leftovers_if_writer().
    """
    global _lock
    require_data_folder(create=create)
    from desk_app.logs import setup_logging  # noqa: PLC0415

    setup_logging()  # warnings go to the log file, never to the terminal in English
    fallback = False
    if not read_only and shared_database():
        _lock = None
    elif not read_only:
        _lock = instance_lock.acquire(paths.data_dir())
        read_only = fallback = not _lock.acquired
        if _lock.acquired and sweep:
            sweep_leftovers_if_writer()
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


def sweep_leftovers_if_writer() -> list[Path]:
    """Remove what killed runs left in the data folder, when this process is its writer (holds the lock)."""
    folder = paths.data_dir()
    if instance_lock.held_folder() != folder:
        return []
    from .leftovers import sweep_leftovers  # noqa: PLC0415

    return sweep_leftovers(folder)


def close_data() -> None:
    from . import search  # noqa: PLC0415 - a background index step must let go of the file first

    search.stop_background()
    close_database()


def release_thread_connection() -> None:
    """Close the calling thread's own database connection, if it opened one.

    Connections are per thread; a worker thread calls this when its task ends so that no handle
    outlives it (an open handle blocks replacing the file on Windows). The main thread's stays open.
    """
    import threading  # noqa: PLC0415

    from desk_app.db.models import database  # noqa: PLC0415

    if threading.current_thread() is threading.main_thread() or database.obj is None:
        return
    try:
        if not database.is_closed():
            database.close()
    except Exception:  # noqa: BLE001 - peewee refuses while a transaction is open; the thread ends anyway
        state = database.obj._state
        conn, _ = state.conn, state.reset()
        if conn is not None:
            conn.close()  # uncommitted work rolls back


def read_only() -> bool:
    return is_read_only()


def lock_status() -> instance_lock.LockResult | None:
    """The outcome of the last writable open: held by us, by someone else, or impossible."""
    return _lock


def require_writer() -> None:
    """Refuse, before the first byte is written, when this program may not write to the data folder:
    it is open read-only here, or another live program holds the folder's lock."""
    if is_read_only():
        raise ReadOnlyError(read_only_reason() + "没有写入任何内容；请先关闭另一个窗口再试。")
    owner = None if shared_database() else instance_lock.holder(paths.data_dir())
    if owner is not None:
        raise ReadOnlyError(instance_lock.locked_message(owner) + "没有写入任何内容（没有备份、没有复制文件）；"
                            "请先关闭另一个窗口再试。")


def read_only_reason(*, assume_read_only: bool = False) -> str:
    """Why the data is read-only, in Chinese ('' when it is writable)."""
    if not (assume_read_only or is_read_only()):
        return ""
    if _lock is not None and _lock.error:
        return _lock.error
    if _lock is not None and not _lock.acquired:
        # Said to the command line too, where there is no window: "here" fits both.
        return instance_lock.locked_message(_lock.owner) + "这里以只读方式打开，只能查看、不能修改。"
    return "数据以只读方式打开，不能保存修改。"
