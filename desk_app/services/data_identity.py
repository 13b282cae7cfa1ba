"""Which data file this program has open, so a window can tell when another program replaced it.

A restore swaps the SQLite file for a new one (backup_restore._swap_in: os.replace). A writing window
reopens it; a read-only window in another process keeps its connection on the old file and would go on
showing the data from before the restore, while its change poller (a fresh connection each round) already
reads the new one. The file's identity (device and inode; on Windows the file index Python reports as
st_ino) at the time the window opened it, compared with what the path names now, says "replaced".

On PostgreSQL a restore rewrites the server's tables in place: every connection sees it, and the change
feed reports it like any other change, so there is no file to watch (mark() answers None).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from desk_app.db.models import database


@dataclass(frozen=True)
class DataMark:
    path: Path
    device: int
    inode: int


def _file_of_open_database() -> Path | None:
    if database.obj is None or database.engine_name != "sqlite":
        return None
    rows = database.execute_sql("PRAGMA database_list").fetchall()
    name = next((row[2] for row in rows if row[1] == "main"), "")
    return Path(name) if name else None


def mark() -> DataMark | None:
    """The identity of the open data file (call it on the thread that opened it, right after opening)."""
    path = _file_of_open_database()
    return _stat(path) if path is not None else None


def _stat(path: Path) -> DataMark | None:
    try:
        st = os.stat(path)
    except OSError:  # gone for a moment (a swap in progress): ask again next round
        return None
    return DataMark(path, st.st_dev, st.st_ino)


def replaced(since: DataMark | None) -> bool:
    """True when the file `since` was taken from is now another file (a restore by another program)."""
    if since is None:
        return False
    now = _stat(since.path)
    return now is not None and (now.device, now.inode) != (since.device, since.inode)
