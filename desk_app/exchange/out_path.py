"""Where an export is written: the file name must end as its format, or WPS and Excel will not open
it by double-click (an .xlsx saved as x.txt opens as garbled text)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desk_app.errors import ValidationError

SUFFIXES = {"xlsx": (".xlsx", "Excel 工作簿"), "csv": (".csv", "CSV 文件"), "docx": (".docx", "Word 文档"),
            "minutes": (".docx", "Word 文档"), "signin": (".docx", "Word 文档"), "package": (".zip", "数据包")}


def output_path(path: str | Path, fmt: str) -> Path:
    """`path` with the format's suffix added when it has none; a different suffix is refused."""
    path = Path(path)
    suffix, what = SUFFIXES[fmt]
    if not path.suffix:
        return path.with_name(path.name + suffix)
    if path.suffix.lower() != suffix:
        raise ValidationError(f"导出的是{what}，文件名应以 {suffix} 结尾，而不是“{path.name}”。"
                              f"请改为“{path.stem}{suffix}”。", "out")
    return path


def file_mode() -> int:
    """The mode a new file gets from this user's umask (0644 under the usual 022), as other
    programs' files do; mkstemp alone would leave exports readable by their owner only (0600)."""
    mask = None
    if sys.platform.startswith("linux"):
        try:  # read without changing it: os.umask() would race with other threads creating files
            with open("/proc/self/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("Umask:"):
                        mask = int(line.split()[1], 8)
                        break
        except (OSError, ValueError):
            mask = None
    if mask is None:
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def publish(tmp: str | os.PathLike[str]) -> None:
    """Give a finished temporary file (about to be renamed into place) the normal file mode."""
    if os.name == "posix":
        os.chmod(tmp, file_mode())
