"""The start-up sweep: what a run killed in the middle of a restore, a backup or an import left behind.

Each of those writes into a temporary name first and renames at the end, so a kill leaves the data
intact but keeps the temporary: a `.restore-*` folder with a whole database copy, a `backups/.partial-*`
folder, `attachments/.incoming-*` files, `desk.sqlite3.restoring` or `.new`, `*.part` files. They are removed by
the next program that becomes the data folder's writer. Names made by this version carry the maker's
pid (`p1234-`), so the one kind of temporary that a read-only program makes (a restore's check unpacks a
zipped database before the lock is taken) survives while its maker is alive.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from desk_app import paths

from . import instance_lock

log = logging.getLogger(__name__)

_PID = re.compile(r"^p(\d+)-")


def tag() -> str:
    """Put after a temporary name's prefix, so the sweep can tell whether its maker still runs."""
    return f"p{os.getpid()}-"


def _maker_gone(name: str, prefix: str) -> bool:
    match = _PID.match(name[len(prefix):])
    if match is None:
        return True  # made by an older version (no pid): no writer can be running now, we hold the lock
    pid = int(match.group(1))
    return pid != os.getpid() and not instance_lock.pid_alive(pid)


def _candidates(folder: Path) -> list[tuple[Path, str]]:
    found = []
    for where, prefix in ((folder, ".restore-"), (folder / "backups", ".partial-"),
                          (folder / "backups", ".desk-backup-"), (folder / "attachments", ".incoming-")):
        if where.is_dir():
            found.extend((p, prefix) for p in where.iterdir() if p.name.startswith(prefix))
    for where, suffix in ((folder, ".restoring"), (folder, ".new"), (folder / "backups", ".part")):
        if where.is_dir():
            found.extend((p, "") for p in where.iterdir() if p.name.endswith(suffix) and p.is_file())
    return found


def sweep_leftovers(folder: Path | None = None) -> list[Path]:
    """Remove the leftovers of killed runs from the data folder; call only while holding its lock."""
    folder = Path(folder) if folder else paths.data_dir()
    removed = []
    for path, prefix in _candidates(folder):
        if prefix and not _maker_gone(path.name, prefix):
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError as exc:
            log.warning("could not remove the leftover %s: %s", path.name, exc)
            continue
        removed.append(path)
    if removed:
        log.info("removed %d leftovers of interrupted runs: %s", len(removed),
                 ", ".join(p.name for p in removed[:10]))
    from .attachments import sweep_open_copies  # noqa: PLC0415

    sweep_open_copies()
    return removed
