"""What a backup copy holds and where its files go: shared by creating (backups.py) and restoring
(backup_restore.py)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from desk_app import paths

# name -> SQL over the backup copy; what the list and the restore question show.
COUNT_QUERIES = {
    "entries": "SELECT count(*) FROM ledger_entry WHERE deleted_at IS NULL",
    "deleted_entries": "SELECT count(*) FROM ledger_entry WHERE deleted_at IS NOT NULL",
    "task_forces": "SELECT count(*) FROM task_force WHERE deleted_at IS NULL",
    "meetings": "SELECT count(*) FROM meeting WHERE deleted_at IS NULL",
    "people": "SELECT count(*) FROM person",
    "attachments": "SELECT count(*) FROM attachment WHERE deleted_at IS NULL",
    "changes": "SELECT count(*) FROM change_log",
}



def storage_message(exc: BaseException, where: Path) -> str:
    text = f"{getattr(exc, 'strerror', '') or exc}"
    if "No space" in text or "full" in text.lower() or "too large" in text.lower() \
            or getattr(exc, "errno", None) in (28, 27):
        return (f"备份失败：{where} 所在磁盘空间不足。已删除未写完的备份，现有数据没有改动。"
                "请清理磁盘或换一个位置后再备份。")
    if "Read-only" in text or "Permission" in text or "readonly" in text.lower():
        return f"备份失败：不能写入 {where}（只读或没有权限）。现有数据没有改动，请换一个可写的位置。"
    return f"备份失败：{text}。现有数据没有改动。"


# --- reading the contents of a copy -------------------------------------------------------------

def connect_copy(db_file: Path) -> sqlite3.Connection:
    """A read-only connection to a database file that nobody else is using (a backup copy)."""
    return sqlite3.connect(f"file:{db_file}?mode=ro&immutable=1", uri=True)


def count_rows(conn: sqlite3.Connection) -> dict[str, int]:
    counts = {}
    for name, sql in COUNT_QUERIES.items():
        try:
            counts[name] = conn.execute(sql).fetchone()[0]
        except sqlite3.DatabaseError:  # an older schema without that table, or a damaged page
            counts[name] = 0
    return counts


def damage_found(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """SQLite's quick check of a copy: [] when sound, else its (English, technical) findings."""
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA quick_check({int(limit)})").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def referenced_files(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(sha256, size) of every attachment row, deleted ones included: restore may bring those back."""
    try:
        return [(sha, size) for sha, size in
                conn.execute("SELECT DISTINCT sha256, size FROM attachment ORDER BY sha256")]
    except sqlite3.OperationalError:
        return []


def store_path(sha: str) -> Path:
    return paths.attachments_dir() / sha[:2] / sha


def member_name(sha: str) -> str:
    return f"attachments/{sha[:2]}/{sha}"


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
