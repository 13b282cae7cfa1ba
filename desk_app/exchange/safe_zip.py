"""Reading zip files (packages, backups and .xlsx) that may be broken or hostile.

Everything that can be judged from the central directory is judged before a byte is decompressed:
names (no absolute paths, no '..', no links, no two names that differ only in case), the number of
members, each member's size against a per-member budget, the sum against a total budget, and each
member's compression ratio. Python's zipfile never yields more than a member's declared size, so the
declared sizes are real budgets; sizes are counted again while decompressing.

A high ratio is normal for some honest content (a mostly white scanned BMP, the free pages of an
SQLite file), so a member may exceed the ratio limit when its own header declares exactly the size it
unpacks to (see content_size); it still has to fit the per-member and total budgets.
"""

from __future__ import annotations

import hashlib
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desk_app.errors import InputFileError

CHUNK = 1024 * 1024
HEAD_BYTES = 512
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file: .xls/.doc, or an encrypted .xlsx
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


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
# A backup zip: the database plus every evidence file; the total is further bounded by free disk space.
BACKUP_LIMITS = ZipLimits(max_members=500_000, max_member_bytes=16 * 1024 ** 3,
                          max_total_bytes=256 * 1024 ** 3, max_ratio=100)


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
    if any(ord(ch) < 32 for ch in name):
        return "文件名含有控制字符"
    return None


# --- what a member's own header says it unpacks to -----------------------------------------------

def _bmp_size(head: bytes) -> int | None:
    if len(head) < 34 or head[:2] != b"BM":
        return None
    file_size, offset = struct.unpack_from("<I4xI", head, 2)
    width, height, planes, bits, compression = struct.unpack_from("<iiHHI", head, 18)
    if planes != 1 or bits not in (1, 4, 8, 16, 24, 32) or compression not in (0, 3) or width <= 0:
        return None
    row = (width * bits + 31) // 32 * 4
    pixels = offset + row * abs(height)
    return file_size if pixels <= file_size <= pixels + 4096 else None


def _pnm_size(head: bytes) -> int | None:
    if len(head) < 8 or head[:2] not in (b"P4", b"P5", b"P6"):
        return None
    fields, position = [], 2
    while len(fields) < (2 if head[:2] == b"P4" else 3):
        while position < len(head) and head[position:position + 1].isspace():
            position += 1
        start = position
        while position < len(head) and head[position:position + 1].isdigit():
            position += 1
        if start == position:
            return None
        fields.append(int(head[start:position]))
    position += 1  # the single whitespace before the pixels
    width, height = fields[0], fields[1]
    if head[:2] == b"P4":
        return position + (width + 7) // 8 * height
    depth = 1 if fields[2] < 256 else 2
    return position + width * height * depth * (3 if head[:2] == b"P6" else 1)


def sqlite_size(head: bytes) -> int | None:
    if len(head) < 100 or head[:16] != b"SQLite format 3\x00":
        return None
    page_size, = struct.unpack_from(">H", head, 16)
    pages, = struct.unpack_from(">I", head, 28)
    return (65536 if page_size == 1 else page_size) * pages


def content_size(head: bytes) -> int | None:
    """The size that an uncompressed image (BMP, PNM) declares in its own header.

    SQLite files declare their size too (sqlite_size), but are not let past the ratio limit: a forged
    header would make a bomb of any size look honest, and a real database never compresses that well.
    """
    for reader in (_bmp_size, _pnm_size):
        size = reader(head)
        if size is not None:
            return size
    return None


# --- the archive ----------------------------------------------------------------------------------

RESEND = "请让对方重新生成并发送"


def _sniff_refusal(path: Path, what: str, advice: str = RESEND) -> InputFileError | None:
    """A clear reason for files that are not zips at all (read before zipfile guesses 'damaged')."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except PermissionError as exc:
        return InputFileError(f"没有权限读取“{path.name}”（{exc.strerror}）。请把文件复制到自己的文件夹"
                              "（如桌面），或请管理员开放读取权限后再试；没有导入任何内容。")
    except IsADirectoryError:
        return InputFileError(f"“{path.name}”是一个文件夹，不是{what}。")
    except OSError as exc:
        return InputFileError(f"无法读取“{path.name}”（{exc.strerror}）。请检查 U 盘或网络盘后再试；"
                              "没有导入任何内容。")
    if head.startswith(CFB_MAGIC):
        if ENCRYPTED_STREAM in head or _has_encrypted_stream(path):
            return InputFileError(f"“{path.name}”设置了打开密码（文件已加密），程序无法读取。请在 WPS/Excel 中"
                                  "用密码打开，在“文件 › 信息 › 保护工作簿”（或“文件 › 文档加密”）中清除密码并保存，"
                                  "再导入；没有导入任何内容。")
        return InputFileError(f"“{path.name}”是旧格式的 Office 文件（.xls / .et / .doc），不是{what}。"
                              "请在 WPS/Excel 中“另存为” .xlsx 后再导入；没有导入任何内容。")
    if not head:
        return InputFileError(f"“{path.name}”是空文件（0 字节），不是有效的{what}。{advice}。")
    return None


def _has_encrypted_stream(path: Path) -> bool:
    """Whether a compound file's directory names the stream that holds an encrypted OOXML package."""
    try:
        with open(path, "rb") as handle:
            return ENCRYPTED_STREAM in handle.read(4 * 1024 * 1024)
    except OSError:
        return False


class SafeZip:
    """A zip whose names and declared sizes passed the checks; members are read with limits."""

    def __init__(self, path: str | Path, limits: ZipLimits = PACKAGE_LIMITS, what: str = "数据包",
                 *, done: str = "没有导入任何内容", advice: str = RESEND):
        self.path = Path(path)
        self.limits = limits
        self.what = what
        self.done = done
        self.advice = advice  # what to do about a damaged file: a package is sent again, a backup is another one
        self._total_read = 0
        self._ratio_allowed: set[str] = set()
        if not self.path.exists():
            raise InputFileError(f"找不到文件：{self.path}")
        refusal = _sniff_refusal(self.path, what, advice)
        if refusal is not None:
            raise refusal
        try:
            self.zf = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputFileError(f"“{self.path.name}”不是有效的{what}：文件已损坏、不完整或不是 zip 格式。"
                                 f"{done}，{advice}。") from exc
        try:
            self._check_directory()
        except BaseException:
            self.zf.close()
            raise

    def _refuse(self, why: str) -> InputFileError:
        return InputFileError(f"“{self.path.name}”不是安全的{self.what}：{why}。为保护数据，{self.done}。")

    def _check_directory(self) -> None:
        infos = self.zf.infolist()
        if len(infos) > self.limits.max_members:
            raise self._refuse(f"其中有 {len(infos)} 个文件，超过上限 {self.limits.max_members} 个")
        seen: set[str] = set()
        declared = 0
        for info in infos:
            reason = bad_name_reason(info.filename)
            if reason:
                raise self._refuse(f"其中的文件“{info.filename[:80]}”{reason}")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise self._refuse(f"其中的“{info.filename[:80]}”是符号链接")
            if info.filename.casefold() in seen:  # on Windows the second would overwrite the first
                raise self._refuse(f"文件“{info.filename[:80]}”出现了两次（不区分大小写）")
            seen.add(info.filename.casefold())
            if info.flag_bits & 0x1:
                raise self._refuse(f"文件“{info.filename[:80]}”已加密")
            declared += info.file_size
            if info.file_size > self.limits.max_member_bytes:
                raise self._refuse(f"其中的“{info.filename[:80]}”解压后过大（{_mb(info.file_size)}，"
                                   f"超过单个文件的上限 {_mb(self.limits.max_member_bytes)}，可能是“压缩炸弹”）")
            if declared > self.limits.max_total_bytes:
                raise self._refuse(f"解压后总体积过大（超过上限 {_mb(self.limits.max_total_bytes)}，可能是“压缩炸弹”）")
            if self._ratio_too_high(info.file_size, info.compress_size) and not self._honest_content(info):
                raise self._refuse(f"“{info.filename[:80]}”的压缩比异常（可能是“压缩炸弹”）")
        self.names = [i.filename for i in infos]
        self.declared_total = declared

    def _ratio_too_high(self, size: int, compressed: int) -> bool:
        return size > self.limits.ratio_floor and size > max(compressed, 1) * self.limits.max_ratio

    def _honest_content(self, info: zipfile.ZipInfo) -> bool:
        """A member whose own header (image, SQLite file) declares exactly its unpacked size."""
        try:
            with self.zf.open(info) as handle:
                head = handle.read(HEAD_BYTES)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
            return False
        if content_size(head) != info.file_size:
            return False
        self._ratio_allowed.add(info.filename)
        return True

    def close(self) -> None:
        self.zf.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def size(self, name: str) -> int:
        return self.zf.getinfo(name).file_size

    def chunks(self, name: str, limit: int | None = None) -> Iterator[bytes]:
        """Decompress one member in chunks, stopping as soon as a limit is crossed."""
        limit = min(limit or self.limits.max_member_bytes, self.limits.max_member_bytes)
        info = self.zf.getinfo(name)
        compressed = max(info.compress_size, 1)
        check_ratio = name not in self._ratio_allowed
        size = 0
        try:
            with self.zf.open(info) as handle:
                while chunk := handle.read(CHUNK):
                    size += len(chunk)
                    self._total_read += len(chunk)
                    if size > limit:
                        raise self._refuse(f"“{name[:80]}”解压后超过 {_mb(limit)}")
                    if self._total_read > self.limits.max_total_bytes:
                        raise self._refuse("解压后总体积过大（可能是“压缩炸弹”）")
                    if check_ratio and size > self.limits.ratio_floor and size > compressed * self.limits.max_ratio:
                        raise self._refuse(f"“{name[:80]}”的压缩比异常（可能是“压缩炸弹”）")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise InputFileError(f"“{self.path.name}”中的“{name[:80]}”已损坏或不完整（{exc}）。"
                                 f"{self.done}，{self.advice}。") from exc

    def read(self, name: str, limit: int | None = None) -> bytes:
        return b"".join(self.chunks(name, limit))

    def sha256(self, name: str) -> tuple[str, int]:
        digest = hashlib.sha256()
        size = 0
        for chunk in self.chunks(name):
            digest.update(chunk)
            size += len(chunk)
        return digest.hexdigest(), size


def _mb(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.0f} MB" if size < 1024 ** 3 else f"{size / 1024 ** 3:.1f} GB"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
