"""Evidence files, stored once by content hash inside the data folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app import paths, safe_names
from desk_app.db.models import Attachment
from desk_app.errors import InputFileError, NotFoundError

from . import changelog, context, roles
from .leftovers import tag

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
OPEN_PREFIX = "desk_app-open-"
OPEN_KEPT_SECONDS = 24 * 3600


@dataclass(frozen=True)
class AttachmentRecord:
    id: int
    uuid: str
    entry_id: int | None
    file_name: str
    sha256: str
    size: int
    added_by: str
    added_at: datetime


def stored_path(sha256: str) -> Path:
    return paths.attachments_dir() / sha256[:2] / sha256


def _file_chunks(source: Path):
    with open(source, "rb") as src:
        while chunk := src.read(1024 * 1024):
            yield chunk


def store_chunks(chunks, *, name: str, expected_sha: str | None = None) -> tuple[str, int]:
    """Write bytes into the content-hash store: into a temporary `.incoming-*` file first, hashed as it
    goes, renamed into place only when whole (and equal to `expected_sha` when given). The one way
    evidence files enter the store; refused before a byte is written when we are not the writer."""
    from .session import require_writer  # noqa: PLC0415 - session imports this package

    require_writer()
    store = paths.attachments_dir()
    store.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=store, prefix=".incoming-" + tag())
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:
                    raise InputFileError(f"文件 {name} 超过 200 MB，请压缩后再上传")
                out.write(chunk)
        sha = digest.hexdigest()
        if expected_sha is not None and sha != expected_sha:
            raise InputFileError(f"文件 {name} 与它的校验码不符（在检查之后被改动或损坏），没有保存。")
        target = stored_path(sha)
        if target.exists():
            os.unlink(tmp_name)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_name, target)
        return sha, size
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise


def store_bytes_from(source: Path) -> tuple[str, int]:
    """Copy a file into the store (hashing as it goes); returns (sha256, size)."""
    return store_chunks(_file_chunks(source), name=source.name)


def _record(a: Attachment) -> AttachmentRecord:
    return AttachmentRecord(a.id, a.uuid, a.entry_id, a.file_name, a.sha256, a.size, a.added_by, a.added_at)


def add_attachment(entry_id: int, source: str | os.PathLike[str]) -> AttachmentRecord:
    source = Path(source)
    if not source.is_file():
        raise InputFileError(f"找不到文件：{source}")
    try:
        sha, size = store_bytes_from(source)
    except OSError as exc:
        raise InputFileError(f"无法复制文件 {source.name}：{exc.strerror}。请检查磁盘空间和文件权限。") from exc
    return _link(entry_id, safe_names.display_name(source.name), sha, size)


@context.writes(allow=roles.Allow(roles.PROGRESS, "entry_id"))
def _link(entry_id: int, file_name: str, sha: str, size: int) -> AttachmentRecord:
    from .ledger import get_entry_model  # noqa: PLC0415 - start-up's leftover sweep imports this module early

    entry = get_entry_model(entry_id)
    att = Attachment.create(entry=entry, file_name=file_name, sha256=sha, size=size,
                            added_by=context.actor(), added_at=context.now())
    changelog.record("attachment", att.id, "create", "file_name", None, f"{entry.code}：{file_name}")
    return _record(att)


def list_attachments(entry_id: int) -> list[AttachmentRecord]:
    query = Attachment.select().where(Attachment.entry == entry_id, Attachment.deleted_at.is_null())
    return [_record(a) for a in query.order_by(Attachment.added_at, Attachment.id)]


def file_path(attachment_id: int) -> Path:
    att = Attachment.get_or_none(Attachment.id == attachment_id)
    if att is None:
        raise NotFoundError("找不到该附件")
    path = stored_path(att.sha256)
    if not path.exists():
        raise NotFoundError(f"附件文件“{att.file_name}”在数据文件夹中丢失，请从备份恢复")
    return path


def export_copy(attachment_id: int, folder: Path) -> Path:
    """Copy an evidence file into `folder` under a safe form of its name (never over another file)."""
    att = Attachment.get_by_id(attachment_id)
    target = safe_names.safe_path(Path(folder), att.file_name)
    shutil.copyfile(file_path(attachment_id), target)
    return target


def open_copy(attachment_id: int) -> Path:
    """A fresh copy of an evidence file for the system's viewer, under its (safe) name.

    Each call gets its own new temporary folder, so a viewer never shows an older file that happens to
    share the attachment's id and name, and a file still held open by a viewer is never overwritten.
    Programs and scripts (.bat, .exe, .lnk …) are not handed to the system opener: it would run them.
    """
    att = Attachment.get_or_none(Attachment.id == attachment_id)
    if att is None:
        raise NotFoundError("找不到该附件")
    if safe_names.is_executable(att.file_name):
        raise InputFileError(f"“{safe_names.display_name(att.file_name)}”是可以直接运行的程序或脚本文件，"
                             "为安全起见不直接打开。如确需查看，请交给管理员用杀毒软件检查后处理。")
    source = file_path(attachment_id)
    sweep_open_copies()
    folder = Path(tempfile.mkdtemp(prefix=f"{OPEN_PREFIX}{att.uuid[:8]}-"))
    target = safe_names.safe_path(folder, att.file_name)
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise InputFileError(f"无法把附件复制到临时文件夹（{exc.strerror}）。请检查系统盘空间后重试。") from exc
    return target


def sweep_open_copies(now: float | None = None) -> int:
    """Remove the viewer copies made more than a day ago (a viewer may still hold newer ones)."""
    now = now or time.time()
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(OPEN_PREFIX + "*"):
        try:
            stat = folder.lstat()
        except OSError:
            continue
        mine = uid is None or stat.st_uid == uid
        if folder.is_dir() and not folder.is_symlink() and mine and now - stat.st_mtime > OPEN_KEPT_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


@context.writes(allow=roles.Allow(roles.PROGRESS, "attachment_id", scope="attachment"))
def remove_attachment(attachment_id: int) -> None:
    """Unlink from the entry (recycle bin); the stored bytes stay for backups and restore."""
    att = Attachment.get_or_none(Attachment.id == attachment_id)
    if att is None:
        raise NotFoundError("找不到该附件")
    att.deleted_at = context.now()
    att.save()
    changelog.record("attachment", att.id, "delete", "file_name", att.file_name, None)


@context.writes(allow=roles.Allow(roles.PROGRESS, "attachment_id", scope="attachment"))
def restore_attachment(attachment_id: int) -> None:
    att = Attachment.get_by_id(attachment_id)
    att.deleted_at = None
    att.save()
    changelog.record("attachment", att.id, "restore", "file_name", None, att.file_name)
