"""An import aimed at a data folder that has no data yet is built in a scratch folder first, so a dry run,
a refused file, a cancelled or an empty import leaves the aimed folder as it was (no desk.sqlite3, no logs/,
not even the folder), like the read-only commands, which refuse such a folder outright. A real import that
wrote something is moved into place whole: the clerk never finds a half-made or empty database there."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from desk_app import paths
from desk_app.errors import DatabaseError

NO_CAMPAIGN = ("本机还没有任何活动，导入的事项需要归入一个活动。请加 --new-campaign 活动名称 [--year 年度] 在导入时新建，"
               "或先运行 desk-app campaign new 活动名称 --year 年度。没有导入任何内容。")
SCRATCH_PREFIX = ".desk-app-new-"


def has_no_data() -> bool:
    """The data folder's own database file is to be made (not a file named by --database, not a server)."""
    from desk_app.db.connection import configured_target  # noqa: PLC0415
    from desk_app.errors import DeskAppError  # noqa: PLC0415

    try:
        target = configured_target()
    except DeskAppError:
        return False  # a bad address: opening the data names it
    return not target.is_postgresql and target.path is None and not paths.database_path().is_file()


def run_import(dry_run: bool, body: Callable[[], int]) -> int:
    """Run an import's body (which opens the data itself) where it was aimed, or, when that folder has no
    data yet, in a scratch folder: removed afterwards unless a real import wrote into it and returned 0,
    in which case it becomes the aimed folder."""
    if not has_no_data():
        return body()
    from desk_app.services.import_backup import holds_data  # noqa: PLC0415

    aimed = paths.data_dir()
    scratch = _scratch_folder(aimed, beside=not dry_run)
    paths.set_data_dir(scratch)
    keep = False
    try:
        code = body()
        keep = code == 0 and not dry_run and holds_data()
    finally:
        _let_go()
        paths.set_data_dir(aimed)
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    _move_into_place(scratch, aimed)
    return code


def _scratch_folder(aimed: Path, *, beside: bool) -> Path:
    """A dry run's scratch folder is a temporary one; a real import's sits in the nearest existing folder on
    the way to the aimed one (same disk, so moving it into place is a rename)."""
    if not beside:
        return Path(tempfile.mkdtemp(prefix="desk_app_dry_run_"))
    from desk_app.services.session import require_data_folder  # noqa: PLC0415

    require_data_folder()  # a file in the way is named before anything is made
    existing = next(p for p in (aimed, *aimed.parents) if p.exists())
    try:
        return Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=existing))
    except OSError as exc:
        raise DatabaseError(f"无法在“{existing}”中新建数据文件夹（{exc.strerror or exc}）。"
                            "请用 --data-dir 指定一个可以写入的文件夹。没有导入任何内容。") from exc


def _let_go() -> None:
    """Close everything the body opened in the scratch folder (database, log file, folder lock)."""
    from desk_app.logs import shutdown_logging  # noqa: PLC0415
    from desk_app.services import instance_lock, session  # noqa: PLC0415

    session.close_data()
    shutdown_logging()
    if instance_lock.held_folder() is not None:
        instance_lock.release()


def _move_into_place(scratch: Path, aimed: Path) -> None:
    """The finished folder becomes the aimed one: renamed when that does not exist yet, else its contents
    moved in (what the aimed folder already holds is kept; only the database must still be missing)."""
    if not scratch.exists():
        return
    try:
        if (aimed / paths.DB_FILE_NAME).exists():
            raise FileExistsError(aimed / paths.DB_FILE_NAME)
        if not aimed.exists():
            aimed.parent.mkdir(parents=True, exist_ok=True)
            os.replace(scratch, aimed)
            return
        _merge(scratch, aimed)
    except FileExistsError as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        raise DatabaseError(f"导入期间另一个程序在“{aimed}”中建立了数据，这次导入没有写入那里。"
                            "请确认数据文件夹后重新导入。") from exc
    except OSError as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        raise DatabaseError(f"无法把导入的数据放入“{aimed}”（{exc.strerror or exc}），没有导入任何内容。"
                            "请检查这个文件夹可以写入，或用 --data-dir 指定另一个文件夹后重新导入。") from exc
    shutil.rmtree(scratch, ignore_errors=True)


def _merge(source: Path, target: Path) -> None:
    target.mkdir(exist_ok=True)
    for item in sorted(source.iterdir(), key=lambda p: p.name == paths.DB_FILE_NAME):  # the database last
        there = target / item.name
        if item.is_dir() and there.is_dir():
            _merge(item, there)
        elif not there.exists():
            os.replace(item, there)
