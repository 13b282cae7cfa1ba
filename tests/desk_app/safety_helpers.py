"""Helpers shared by the data-safety tests: a full dump of the database and of the attachment files."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from desk_app import paths


def _on_server() -> bool:
    from desk_app.db.models import database

    return database.obj is not None and database.engine_name == "postgresql"


def _digest(path: Path | None) -> dict:
    """Rows per table and the digest of every table (desk_app/db/table_copy), of a SQLite file or the live
    database: how data is compared across engines."""
    from desk_app.db.engine_sqlite import SqliteEngine
    from desk_app.db.models import database
    from desk_app.db.table_copy import digest

    if path is None:
        counts, total = digest(database.current)
    else:
        copy = SqliteEngine(f"file:{path}?mode=ro", uri=True)
        try:
            counts, total = digest(copy)
        finally:
            copy.close()
    return {"counts": counts, "digest": total}


def dump_database(path: Path | None = None) -> dict[str, list[tuple]]:
    """Every row of every table (sorted; some FTS tables have no rowid), read straight from the file. With
    the live data on a PostgreSQL server: the rows of every table by digest, for the file as well."""
    if _on_server():
        return _digest(path)
    conn = sqlite3.connect(f"file:{path or paths.database_path()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def referenced_attachment_bytes(path: Path | None = None) -> dict[str, bytes]:
    """sha256 -> file content, for every attachment row of the database."""
    if path is None and _on_server():
        from desk_app.db.models import database

        shas = [r[0] for r in database.execute_sql("SELECT DISTINCT sha256 FROM attachment").fetchall()]
    else:
        conn = sqlite3.connect(f"file:{path or paths.database_path()}?mode=ro", uri=True)
        try:
            shas = [r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM attachment")]
        finally:
            conn.close()
    out = {}
    for sha in shas:
        data = (paths.attachments_dir() / sha[:2] / sha).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha
        out[sha] = data
    return out


def corrupt_middle_pages(path: Path, pages: int = 4) -> None:
    """Overwrite pages in the middle of a database file with garbage (header left intact)."""
    size = path.stat().st_size
    page = 4096
    start = max(2, (size // page) // 2) * page
    with open(path, "r+b") as handle:
        handle.seek(start)
        handle.write(bytes((i * 37 + 11) % 256 for i in range(page * pages)))


@contextmanager
def tiny_filesystem(folder: Path, size: str = "1m"):
    """Mount a tiny tmpfs at `folder` (root only); yields False when that is impossible here."""
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                            capture_output=True)
    if result.returncode != 0:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextmanager
def read_only_mount(folder: Path):
    """Make `folder` read-only by bind-mounting it onto itself read-only (root only)."""
    ok = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode == 0
    if ok:
        ok = subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True).returncode == 0
        if not ok:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    if not ok:
        yield False
        return
    try:
        yield True
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
