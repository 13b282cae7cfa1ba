"""Validating a backup completely before a restore writes anything.

A backup may come from a USB stick, another PC or an attacker, so every part is checked in this order,
and the first failure ends the check with a Chinese message and no file changed:

1. a zip's directory (SafeZip: names, links, case collisions, member count, per-member and total size
   budgets, compression ratios) and its list of members (only the database, the manifest and
   attachments/<sha[:2]>/<sha>);
2. the manifest (types, format version);
3. free disk space for what a restore would write (the database and the attachment files the data
   folder does not have yet);
4. the database's SHA-256 against the manifest (format 2), SQLite's integrity check, its version, and
   the checksums its attachment rows name (a row naming "../../x" is refused, not followed);
5. every attachment file a restore would copy, hashed against its name.

Only then does backup_restore back up the current data and swap files. A zip's database is unpacked
into a `.restore-*` folder inside the data folder (removed afterwards, and by the start-up sweep after a
kill) because SQLite can only check a file.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from desk_app import paths
from desk_app.db.migrations import LATEST_VERSION
from desk_app.errors import DatabaseError, DatabaseTooNewError, DeskAppError, InputFileError
from desk_app.exchange.package_format import DATA_MEMBERS as PACKAGE_MEMBERS
from desk_app.exchange.safe_zip import BACKUP_LIMITS, SafeZip

from . import backups
from .backup_files import (
    DAMAGED_ZIP_ADVICE,
    DB_NAME,
    FORMAT,
    MANIFEST_NAME,
    SHA256_RE,
    file_kind,
    member_name,
    member_sha,
    store_path,
)
from .leftovers import tag

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024 + 1024 * 1024  # attachments.MAX_ATTACHMENT_BYTES, with room
SPACE_MARGIN = 64 * 1024 * 1024
NOTHING_DONE = "没有恢复任何内容，现有数据没有改动"


@dataclass
class BackupCheck:
    """The outcome of validating one backup before a restore."""

    info: backups.BackupInfo
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing_attachments: list[str] = field(default_factory=list)
    to_copy: list[str] = field(default_factory=list)  # checksums of files the store lacks, all verified
    db_file: Path | None = None  # the database inside it (extracted when it came zipped)
    _temp: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def description(self) -> str:
        info = self.info
        lines = [f"备份时间：{info.created_at:%Y-%m-%d %H:%M}（{info.reason_label}）",
                 f"数据版本：{info.schema_version}" + ("（恢复后会自动升级）"
                                                   if (info.schema_version or 0) < LATEST_VERSION else ""),
                 f"内容：{info.summary()}",
                 f"位置：{info.path}"]
        if self.missing_attachments:
            lines.append(f"注意：备份中缺少 {len(self.missing_attachments)} 个附件文件，恢复后这些附件无法打开。")
        lines.extend(f"注意：{n}" for n in self.notes)
        lines.extend(f"问题：{p}" for p in self.problems)
        return "\n".join(lines)

    def cleanup(self) -> None:
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None


def not_a_backup(path: Path, why: str = "") -> DatabaseError:
    return DatabaseError(f"“{path}”不是本程序的备份（应为备份文件夹、.zip 备份包或 .sqlite3 数据文件）"
                         f"{'：' + why if why else ''}。{NOTHING_DONE}。")


def _refuse(path: Path, why: str) -> InputFileError:
    return InputFileError(f"不能用备份“{path.name}”恢复：{why}。{NOTHING_DONE}。")


# --- 1 and 2: the container and its manifest ------------------------------------------------------

def _check_members(path: Path, names: list[str]) -> None:
    if DB_NAME not in names and set(PACKAGE_MEMBERS) <= set(names):  # the other kind of .zip this program writes
        raise InputFileError(f"“{path.name}”是数据包（单位之间报送的台账），不是备份，不能用来恢复。要导入它，请用"
                             f"“文件 › 导入数据包”，或命令 desk-app import package \"{path}\"。{NOTHING_DONE}。")
    for name in names:
        if name in (DB_NAME, MANIFEST_NAME) or name.endswith("/") or member_sha(name):
            continue
        raise _refuse(path, f"其中有不属于备份的文件“{name[:80]}”，可能被改动过")
    if DB_NAME not in names:
        raise not_a_backup(path, f"其中没有数据库 {DB_NAME}")


def _check_manifest(path: Path, manifest: dict | None) -> None:
    if manifest is None:
        raise not_a_backup(path, "清单 manifest.json 缺失或无法读取")
    version = manifest.get("format", 1)
    if version > FORMAT:
        raise DatabaseTooNewError(f"备份“{path.name}”由更新版本的程序创建（备份格式 {version}，本程序只支持到 "
                                  f"{FORMAT}）。请先安装最新版本的程序再恢复。{NOTHING_DONE}。")
    if version < 1:
        raise not_a_backup(path, f"备份格式 {version} 不正确")


def _expected_db_checksum(path: Path, manifest: dict | None, check: BackupCheck) -> dict | None:
    if manifest is None or manifest.get("format", 1) < 2:
        if check.info.kind != "sqlite":
            check.notes.append("这是旧版本程序做的备份，没有数据库校验码，无法核对它是否被改动过。")
        return None
    expected = manifest.get("checksums", {}).get(DB_NAME)
    if (not isinstance(expected, dict) or not SHA256_RE.match(str(expected.get("sha256", "")))
            or not isinstance(expected.get("size"), int)):
        raise _refuse(path, "清单中缺少数据库的校验码，备份不完整或被改动过")
    return expected


# --- 3: room on the disk --------------------------------------------------------------------------

def _free_bytes(folder: Path) -> int | None:
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    try:
        return shutil.disk_usage(existing).free if existing is not None else None
    except OSError:
        return None


def _check_space(path: Path, needed: int) -> None:
    free = _free_bytes(paths.data_dir())
    if free is not None and needed + SPACE_MARGIN > free:
        raise InputFileError(f"磁盘空间不足：用备份“{path.name}”恢复约需 {needed / 1024 ** 2:.0f} MB"
                             f"（另留 {SPACE_MARGIN // 1024 ** 2} MB 余量），数据文件夹所在磁盘只剩 "
                             f"{free / 1024 ** 2:.0f} MB。请清理磁盘后再恢复；{NOTHING_DONE}。")


# --- 4: the database --------------------------------------------------------------------------------

def _extract_db(path: Path, archive: SafeZip, expected: dict | None) -> tuple[Path, Path]:
    """Unpack the database into a `.restore-*` folder inside the data folder, hashing as it goes."""
    data = paths.data_dir()
    data.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".restore-" + tag(), dir=data))
    digest = hashlib.sha256()
    size = 0
    try:
        with open(temp / DB_NAME, "wb") as out:
            for chunk in archive.chunks(DB_NAME):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise DatabaseError(backups.storage_message(exc, data).replace("备份失败", "恢复失败")) from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    if expected is not None and (digest.hexdigest() != expected["sha256"] or size != expected["size"]):
        shutil.rmtree(temp, ignore_errors=True)
        raise _refuse(path, "其中的数据库与清单中的校验码不符，备份在保存或传递中损坏或被改动过")
    return temp / DB_NAME, temp


def _verify_file(path: Path, file: Path, expected: dict | None) -> None:
    if expected is None:
        return
    if file.is_symlink():
        raise _refuse(path, "其中的数据库是一个链接，不是文件")
    if backups.file_checksum(file) != {"sha256": expected["sha256"], "size": expected["size"]}:
        raise _refuse(path, "其中的数据库与清单中的校验码不符，备份在保存或传递中损坏或被改动过")


def _read_database(path: Path, check: BackupCheck) -> tuple[int, dict, list[tuple[str, int]]]:
    try:
        conn = backups.connect_copy(check.db_file)
        try:
            damaged = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()] != ["ok"]
            if damaged:
                check.problems.append("备份中的数据库已损坏，不能用它恢复。")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            counts = backups.count_rows(conn)
            files = backups.referenced_files(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"备份“{path.name}”无法读取，已损坏或不是本程序的数据（{exc}）。{NOTHING_DONE}。") from exc
    if version > LATEST_VERSION:
        raise DatabaseTooNewError(f"备份“{path.name}”由更新版本的程序创建（数据版本 {version}，本程序只支持到 "
                                  f"{LATEST_VERSION}）。请先安装最新版本的程序再恢复。")
    if version < 1 or "ledger_entry" not in tables:
        raise not_a_backup(path)
    bad = [sha for sha, size in files if not (isinstance(sha, str) and SHA256_RE.match(sha))
           or not isinstance(size, int) or not 0 <= size <= MAX_ATTACHMENT_BYTES]
    if bad:
        raise _refuse(path, f"其中的附件记录不正确（如“{str(bad[0])[:40]}”），备份可能被改动过")
    check.info = backups.BackupInfo(check.info.path, check.info.kind, check.info.created_at, check.info.reason,
                                    check.info.size, version, counts, check.info.attachment_files,
                                    check.info.app_version, check.info.damaged or damaged)
    return version, counts, files


# --- 5: the attachment files ----------------------------------------------------------------------

def _verify_attachments(path: Path, check: BackupCheck, files: list[tuple[str, int]],
                        archive: SafeZip | None) -> None:
    names = set(archive.names) if archive is not None else set()
    for sha, _size in files:
        if store_path(sha).is_file():
            continue
        member = member_name(sha)
        if archive is not None:
            if member not in names:
                check.missing_attachments.append(sha)
                continue
            if archive.size(member) > MAX_ATTACHMENT_BYTES:
                raise _refuse(path, f"其中的附件文件 {sha[:12]}… 超过 200 MB")
            actual, _ = archive.sha256(member)
        else:
            file = path / member
            if not file.is_file() or file.is_symlink():
                check.missing_attachments.append(sha)
                continue
            actual = backups.file_checksum(file)["sha256"]
        if actual != sha:
            raise _refuse(path, f"其中的附件文件 {sha[:12]}… 与它的校验码不符，备份在保存或传递中损坏或被改动过")
        check.to_copy.append(sha)


def _needed_bytes(check: BackupCheck, files: list[tuple[str, int]], archive: SafeZip | None) -> int:
    db = archive.size(DB_NAME) if archive is not None else check.db_file.stat().st_size
    missing = sum(size for sha, size in files if not store_path(sha).is_file())
    return db * (2 if archive is not None else 1) + missing  # a zip's database is unpacked, then copied


# --- the whole check ------------------------------------------------------------------------------

def inspect_backup(path: Path) -> BackupCheck:
    """Validate a backup completely (see the module's docstring); raises DeskAppError on what cannot be
    restored at all, lists lesser problems in BackupCheck.problems."""
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"找不到备份：{path}")
    archive = None
    if path.is_file() and file_kind(path) == "zip":
        archive = SafeZip(path, BACKUP_LIMITS, "备份", done=NOTHING_DONE, advice=DAMAGED_ZIP_ADVICE)
    try:
        return _inspect(path, archive)
    finally:
        if archive is not None:
            archive.close()


def _inspect(path: Path, archive: SafeZip | None) -> BackupCheck:
    if archive is not None:
        _check_members(path, archive.names)
    elif path.is_dir() and not (path / DB_NAME).is_file():
        raise not_a_backup(path)
    info = backups.describe(path)
    if info is None:
        raise not_a_backup(path)
    manifest = backups.read_manifest(path) if info.kind != "sqlite" else None
    if info.kind != "sqlite":
        _check_manifest(path, manifest)
    check = BackupCheck(info)
    expected = _expected_db_checksum(path, manifest, check)
    if archive is not None:
        _check_space(path, archive.size(DB_NAME) * 2)
        check.db_file, check._temp = _extract_db(path, archive, expected)
    else:
        check.db_file = path / DB_NAME if path.is_dir() else path
        _verify_file(path, check.db_file, expected)
    try:
        _version, counts, files = _read_database(path, check)
        if info.kind != "sqlite" and info.counts and info.counts != counts:
            check.problems.append("备份中的数据与其清单不符（条数不一致），备份可能不完整。")
        _check_space(path, _needed_bytes(check, files, archive))
        _verify_attachments(path, check, files, archive)
    except (DeskAppError, OSError):
        check.cleanup()
        raise
    return check


def newest_good_backup(exclude: set[Path] | None = None) -> backups.BackupInfo | None:
    """The newest backup in backups/ that passes inspect_backup (used when the data is damaged)."""
    for info in backups.list_backups():
        if info.damaged or (exclude and info.path in exclude):
            continue
        try:
            check = inspect_backup(info.path)
        except DeskAppError:
            continue
        try:
            if check.ok:
                return check.info
        finally:
            check.cleanup()
    return None
