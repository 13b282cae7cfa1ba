"""An import aimed at a data folder that has no data yet: a dry run or a refused file leaves it as it was
(no desk.sqlite3, no logs/), like the read-only commands, which refuse such a folder outright."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desk_app import paths
from desk_app.errors import InputFileError

NO_CAMPAIGN = ("本机还没有任何活动，导入的事项需要归入一个活动。请加 --new-campaign 活动名称 [--year 年度] 在导入时新建，"
               "或先运行 desk-app campaign new 活动名称 --year 年度。没有导入任何内容。")


def has_no_data() -> bool:
    """The data folder's own database file is to be made (not a file named by --database, not a server)."""
    from desk_app.db.connection import configured_target  # noqa: PLC0415
    from desk_app.errors import DeskAppError  # noqa: PLC0415

    try:
        target = configured_target()
    except DeskAppError:
        return False  # a bad address: opening the data names it
    return not target.is_postgresql and target.path is None and not paths.database_path().is_file()


@contextmanager
def dry_run_elsewhere(dry_run: bool) -> Iterator[None]:
    """A dry run into a folder without data previews against a scratch folder that is removed afterwards;
    anything else runs where it was aimed."""
    if not (dry_run and has_no_data()):
        yield
        return
    from desk_app.logs import shutdown_logging  # noqa: PLC0415
    from desk_app.services import instance_lock, session  # noqa: PLC0415

    aimed = paths.data_dir()
    scratch = Path(tempfile.mkdtemp(prefix="desk_app_dry_run_"))
    paths.set_data_dir(scratch / "data")
    try:
        yield
    finally:
        session.close_data()
        shutdown_logging()  # its file is in the scratch folder
        if instance_lock.held_folder() is not None:
            instance_lock.release()
        paths.set_data_dir(aimed)
        shutil.rmtree(scratch, ignore_errors=True)


def check_before_creating(args) -> None:
    """A real import into a folder without data: the file is read and checked before the folder's database is
    made, so a refused file creates nothing."""
    if args.dry_run or not has_no_data():
        return
    if args.format == "package":
        from desk_app.exchange.package_read import read_package  # noqa: PLC0415

        read_package(args.file)
    elif args.format == "xlsx" and not args.new_campaign:
        raise InputFileError(NO_CAMPAIGN)
    elif args.format == "xlsx":
        from desk_app.exchange.xlsx_import import read_sheet  # noqa: PLC0415

        read_sheet(args.file, args.sheet, header_row=args.header_row)
