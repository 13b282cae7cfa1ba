"""Reading zip files (packages and .xlsx) that may be broken or hostile.

Names are checked before anything is read (no absolute paths, no '..', no links); sizes are
counted while decompressing, because the sizes in the headers are whatever the sender wrote.
"""

from __future__ import annotations

import hashlib
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desk_app.errors import InputFileError

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 60_000
    max_member_bytes: int = 256 * 1024 * 1024
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    max_ratio: int = 150  # uncompressed ÷ compressed, checked once a member passes ratio_floor
    ratio_floor: int = 2 * 1024 * 1024


PACKAGE_LIMITS = ZipLimits()
# An .xlsx is a zip of XML; a huge sheet is refused later by the row limit, a bomb here.
XLSX_LIMITS = ZipLimits(max_members=5_000, max_member_bytes=512 * 1024 * 1024,
                        max_total_bytes=1024 * 1024 * 1024, max_ratio=200)


def bad_name_reason(name: str) -> str | None:
    """Why a member name must not be extracted, or None."""
    if not name or "\x00" in name:
        return "文件名为空或含有非法字符"
    if "\\" in name:
        return "文件名含有反斜杠“\\”"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "使用了绝对路径"
    if any(part == ".." for part in PurePosixPath(name).parts):
        return "路径中含有“..”，试图写到数据文件夹之外"
    return None


class SafeZip:
    """A zip whose names and declared sizes passed the checks; members are read with limits."""

    def __init__(self, path: str | Path, limits: ZipLimits = PACKAGE_LIMITS, what: str = "数据包"):
        self.path = Path(path)
        self.limits = limits
        self.what = what
        self._total_read = 0
        if not self.path.is_file():
            raise InputFileError(f"找不到文件：{self.path}")
        try:
            self.zf = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputFileError(f"“{self.path.name}”不是有效的{what}：文件已损坏、不完整或不是 zip 格式。"
                                 "没有导入任何内容，请让对方重新生成并发送。") from exc
        try:
            self._check_directory()
        except BaseException:
            self.zf.close()
            raise

    def _refuse(self, why: str) -> InputFileError:
        return InputFileError(f"“{self.path.name}”不是安全的{self.what}：{why}。为保护数据，没有导入任何内容。")

    def _check_directory(self) -> None:
        infos = self.zf.infolist()
        if len(infos) > self.limits.max_members:
            raise self._refuse(f"其中有 {len(infos)} 个文件，超过上限 {self.limits.max_members} 个")
        seen = set()
        declared = 0
        for info in infos:
            reason = bad_name_reason(info.filename)
            if reason:
                raise self._refuse(f"其中的文件“{info.filename[:80]}”{reason}")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise self._refuse(f"其中的“{info.filename[:80]}”是符号链接")
            if info.filename in seen:
                raise self._refuse(f"文件“{info.filename[:80]}”出现了两次")
            seen.add(info.filename)
            if info.flag_bits & 0x1:
                raise self._refuse(f"文件“{info.filename[:80]}”已加密")
            declared += info.file_size
            if info.file_size > self.limits.max_member_bytes or declared > self.limits.max_total_bytes:
                raise self._refuse("解压后体积过大（可能是“压缩炸弹”）")
        self.names = [i.filename for i in infos]

    def close(self) -> None:
        self.zf.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def chunks(self, name: str, limit: int | None = None) -> Iterator[bytes]:
        """Decompress one member in chunks, stopping as soon as a limit is crossed."""
        limit = min(limit or self.limits.max_member_bytes, self.limits.max_member_bytes)
        info = self.zf.getinfo(name)
        compressed = max(info.compress_size, 1)
        size = 0
        try:
            with self.zf.open(info) as handle:
                while chunk := handle.read(CHUNK):
                    size += len(chunk)
                    self._total_read += len(chunk)
                    if size > limit:
                        raise self._refuse(f"“{name[:80]}”解压后超过 {limit // (1024 * 1024)} MB")
                    if self._total_read > self.limits.max_total_bytes:
                        raise self._refuse("解压后总体积过大（可能是“压缩炸弹”）")
                    if size > self.limits.ratio_floor and size > compressed * self.limits.max_ratio:
                        raise self._refuse(f"“{name[:80]}”的压缩比异常（可能是“压缩炸弹”）")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise InputFileError(f"“{self.path.name}”中的“{name[:80]}”已损坏或不完整（{exc}）。"
                                 "没有导入任何内容，请让对方重新生成并发送。") from exc

    def read(self, name: str, limit: int | None = None) -> bytes:
        return b"".join(self.chunks(name, limit))

    def sha256(self, name: str) -> tuple[str, int]:
        digest = hashlib.sha256()
        size = 0
        for chunk in self.chunks(name):
            digest.update(chunk)
            size += len(chunk)
        return digest.hexdigest(), size


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
