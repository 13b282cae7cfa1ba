"""The one way a name that came from outside (a package, a backup, an attachment record, a sheet) becomes
a file name on disk.

Every such name is treated as hostile: only its last component is kept, characters that Windows or a
terminal treat specially are replaced, Windows' reserved device names (CON, aux.txt, COM1 …) are
defused, the length fits both a file system's 255-byte limit and Windows' 260-character path limit,
and a name that already exists in the folder under any letter case gets a " (2)" suffix. The rules are
Windows' on every system: data folders and exported files travel between Windows and Linux PCs.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

# Windows forbids these in file names; '/' and '\\' are path separators everywhere.
FORBIDDEN = '<>:"/\\|?*'
RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³")}
MAX_NAME_BYTES = 240  # below every common file system's 255, leaving room for a " (99)" suffix
WINDOWS_MAX_PATH = 259  # MAX_PATH (260) less the terminating NUL
FALLBACK = "附件"

# Types that the system opener runs instead of showing (Windows first: that is where clerks work).
EXECUTABLE_SUFFIXES = {
    ".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".msp", ".cpl", ".hta", ".js", ".jse", ".vbs",
    ".vbe", ".wsf", ".wsh", ".ps1", ".psm1", ".lnk", ".url", ".reg", ".jar", ".scf", ".inf", ".dll", ".sys",
    ".appref-ms", ".application", ".gadget", ".msc", ".sh", ".run", ".desktop", ".appimage", ".py", ".pyw",
}

# C0/C1 controls and the bidirectional overrides that make "exe.pdf" look like "fdp.exe".
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]")


def strip_controls(text: str, *, keep_newlines: bool = False) -> str:
    """`text` without control and bidi-override characters (tab and newlines kept when asked)."""
    if keep_newlines:
        return _CONTROL.sub(lambda m: m.group(0) if m.group(0) in "\t\n\r" else "", text)
    return _CONTROL.sub("", text)


def display_name(name: str) -> str:
    """The last component of an outside name, without controls: what is stored and shown."""
    name = strip_controls(unicodedata.normalize("NFC", str(name or "")))
    last = PurePosixPath(name.replace("\\", "/")).name
    return last.strip() or FALLBACK


def _fit(stem: str, suffix: str, limit_bytes: int) -> str:
    if len(suffix.encode("utf-8")) > limit_bytes // 2:
        suffix = ""
    while stem and len((stem + suffix).encode("utf-8")) > limit_bytes:
        stem = stem[:-1]
    return (stem.rstrip(" .") or FALLBACK) + suffix


def safe_component(name: str, *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """One file name that every supported system accepts and that names no device."""
    name = display_name(name)
    name = "".join("_" if ch in FORBIDDEN else ch for ch in name)
    name = name.rstrip(" .").lstrip(" ")  # Windows drops trailing dots and spaces: "a.bat." would run
    if name in ("", ".", ".."):
        name = FALLBACK
    if name.split(".")[0].rstrip(" ").upper() in RESERVED:  # CON, aux.txt, Com1.tar.gz: devices whatever follows
        name = "_" + name
    path = PurePosixPath(name)
    suffix = path.suffix if len(path.suffix) <= 16 else ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    return _fit(stem, suffix, max_bytes)


def is_executable(name: str) -> bool:
    """Whether the system opener would run this file rather than show it."""
    return PurePosixPath(safe_component(name).lower()).suffix in EXECUTABLE_SUFFIXES


def safe_path(folder: Path, name: str, *, taken: set[str] | None = None) -> Path:
    """A new path inside `folder` for an outside `name`; never outside it, never an existing file.

    `taken` holds names (any case) already handed out for this folder in the same run; the returned
    name is added to it.
    """
    folder = Path(folder)
    room = WINDOWS_MAX_PATH - len(str(folder)) - 1
    if room < 12:
        from desk_app.errors import InputFileError  # noqa: PLC0415

        raise InputFileError(f"文件夹路径太长（{len(str(folder))} 个字符），Windows 下无法在其中保存文件。"
                             "请换一个路径较短的文件夹。")
    base = safe_component(name)
    while len(base) > room - 6:  # leave room for " (99)"
        base = safe_component(PurePosixPath(base).stem[:-1] + PurePosixPath(base).suffix)
    stem, suffix = PurePosixPath(base).stem, PurePosixPath(base).suffix
    used = {n.casefold() for n in (taken or ())}
    if folder.is_dir():
        used.update(child.name.casefold() for child in folder.iterdir())
    candidate, number = base, 1
    while candidate.casefold() in used:
        number += 1
        candidate = f"{stem} ({number}){suffix}"
    if taken is not None:
        taken.add(candidate)
    target = folder / candidate
    if target.resolve().parent != folder.resolve():  # cannot happen by construction; the last guard
        raise ValueError(f"unsafe name {name!r}")
    return target
