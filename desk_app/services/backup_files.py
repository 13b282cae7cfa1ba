"""What a backup copy holds and where its files go: shared by creating (backups.py) and restoring
(backup_restore.py)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from desk_app import paths

# 1: database, manifest and attachments; 2: the manifest also carries the database's SHA-256.
FORMAT = 2
MANIFEST_NAME = "manifest.json"
DB_NAME = "desk.sqlite3"
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
MEMBER_RE = re.compile(r"^attachments/([0-9a-f]{2})/([0-9a-f]{64})$")

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a zip's first member, or an empty zip's end record
SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_SUFFIXES = (".sqlite3", ".db", ".sqlite")


def file_kind(path: Path) -> str | None:
    """"zip", "sqlite" or None for a backup file, decided by its first bytes: mail systems rename a
    .zip attachment to .txt or .dat, and a clerk renames it back wrongly. The suffix decides only what
    the content cannot (a damaged .zip still gets the damaged-zip message)."""
    try:
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError:
        return None
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head == SQLITE_MAGIC:
        return "sqlite"
    suffix = path.suffix.lower()
    return "zip" if suffix == ".zip" else "sqlite" if suffix in SQLITE_SUFFIXES else None


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
    from desk_app.db.storage_errors import DiskFullError, StorageReadOnlyError  # noqa: PLC0415

    if isinstance(exc, DiskFullError):  # the backup file (a copy from the server) could not be written
        exc = OSError(28, "No space left on device")
    elif isinstance(exc, StorageReadOnlyError):
        exc = PermissionError(13, "Permission denied")
    text = f"{getattr(exc, 'strerror', '') or exc}"
    # Windows: ERROR_SHARING_VIOLATION / LOCK_VIOLATION (a file open in another program), ERROR_DISK_FULL /
    # HANDLE_DISK_FULL; its messages are localised, so the numbers decide, not the English words.
    winerror = getattr(exc, "winerror", None)
    if winerror in (32, 33):
        held = getattr(exc, "filename", None) or where
        return (f"备份失败：{held} 正被其他程序占用（例如在其他程序中打开着，或杀毒软件正在扫描），无法写入。"
                "现有数据没有改动；请关闭占用它的程序后重试，或换一个文件名。")
    if "No space" in text or "full" in text.lower() or "too large" in text.lower() \
            or getattr(exc, "errno", None) in (28, 27) or winerror in (39, 112):
        return (f"备份失败：{where} 所在磁盘空间不足。已删除未写完的备份，现有数据没有改动。"
                "请清理磁盘或换一个位置后再备份。")
    if "Read-only" in text or "Permission" in text or "readonly" in text.lower() or isinstance(exc, PermissionError):
        return f"备份失败：不能写入 {where}（只读或没有权限）。现有数据没有改动，请换一个可写的位置。"
    why = _OS_REASONS.get(getattr(exc, "errno", None), text)
    return (f"备份失败：不能写入 {where}（{why}）。现有数据没有改动；"
            "请检查 U 盘是否插好、文件夹是否存在，或换一个位置后再备份。")


# errno -> what the clerk reads (the system's own words are English on Linux and localised on Windows).
_OS_REASONS = {errno.ENOENT: "文件夹不存在，或 U 盘已拔出", errno.EIO: "磁盘读写出错",
               errno.ENAMETOOLONG: "文件名或路径太长", errno.EISDIR: "已有同名的文件夹",
               errno.ENOTDIR: "路径中有一段不是文件夹", errno.EINVAL: "文件名中有不能使用的字符",
               errno.EXDEV: "不能跨磁盘移动文件"}

ZIP_SUFFIX = ".zip"
# What to do about a damaged backup zip (SafeZip's advice): not "ask the sender", as for a data package.
DAMAGED_ZIP_ADVICE = "请改用另一个完好的备份（设置 › 备份与恢复 中列出的备份，或 U 盘上的其他副本）"


def zip_destination(out: Path, now: datetime) -> Path:
    """Where `backup --out OUT` writes: into a folder (a USB stick's root) under a dated name, and always a
    name ending in .zip — restore only takes .zip files, so `备份.txt` becomes `备份.txt.zip`."""
    out = Path(out)
    if out.is_dir():
        return out / f"desk_app-备份-{now:%Y%m%d-%H%M%S}{ZIP_SUFFIX}"
    if out.suffix.lower() != ZIP_SUFFIX:
        return out.with_name(out.name + ZIP_SUFFIX)
    return out


def file_checksum(path: Path) -> dict:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_manifest(raw: bytes) -> dict | None:
    """A backup manifest with the types every reader relies on, or None when it is not one."""
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # ValueError covers bad UTF-8, bad JSON and 5,000-digit numbers
        return None
    if not isinstance(manifest, dict):
        return None
    counts = manifest.get("counts", {})
    files = manifest.get("attachments", [])
    checksums = manifest.get("checksums", {})
    if (not isinstance(counts, dict) or not all(_is_int(v) for v in counts.values())
            or not isinstance(files, list) or not isinstance(checksums, dict)
            or ("format" in manifest and not _is_int(manifest["format"]))
            or ("schema_version" in manifest and not _is_int(manifest["schema_version"]))
            or not all(isinstance(manifest.get(k, ""), str) for k in ("reason", "app_version", "created_at"))):
        return None
    return manifest


def member_sha(name: str) -> str | None:
    """The checksum an attachment member's name carries (None for any other name)."""
    match = MEMBER_RE.match(name)
    return match.group(2) if match and match.group(2).startswith(match.group(1)) else None


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
    """(sha256, size) of every attachment row, deleted ones included: restore may bring those back.

    Rows come from a file that may be hostile: check them with SHA256_RE before building a path."""
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
