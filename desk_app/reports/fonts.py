"""Fonts for printing: which TrueType files to use, registering them once, and fast width lookups.

reportlab embeds TrueType outlines as subsets, so every font here is a .ttf/.ttc file. Offices print
text in 仿宋, headings in 黑体 and titles in 小标宋/宋体; on Windows those files usually exist in the
system font folder, elsewhere the bundled WenQuanYi Micro Hei serves all three roles.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from desk_app import paths

log = logging.getLogger(__name__)

ROLES = ("body", "heading", "title")
ROLE_LABELS = {"body": "正文", "heading": "标题（黑体）", "title": "大标题"}
BUNDLED = "bundled"
SETTING_KEY = "print_fonts"


@dataclass(frozen=True)
class FontChoice:
    key: str  # BUNDLED or a file path
    label: str
    path: Path
    subfont: int = 0


def _windows_font_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


# (file name, label, roles it suits best) in the order offices prefer them.
SYSTEM_CANDIDATES = [
    ("simfang.ttf", "仿宋", ("body",)),
    ("FANGSONG_GB2312.TTF", "仿宋_GB2312", ("body",)),
    ("simhei.ttf", "黑体", ("heading", "title")),
    ("simsun.ttc", "宋体", ("title", "body")),
    ("STZHONGS.TTF", "华文中宋", ("title",)),
    ("simkai.ttf", "楷体", ()),
]
LINUX_CANDIDATES = [
    ("/usr/share/fonts/truetype/arphic/uming.ttc", "AR PL UMing（明体）", ("body", "title")),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "文泉驿正黑", ("heading",)),
]


def bundled_choice() -> FontChoice:
    return FontChoice(BUNDLED, "文泉驿微米黑（程序自带）", paths.cjk_font_path(), 0)


def available_fonts() -> list[FontChoice]:
    """The bundled font first, then every known Chinese TrueType font installed on this computer."""
    found = [bundled_choice()]
    if sys.platform.startswith("win"):
        folder = _windows_font_dir()
        for name, label, _roles in SYSTEM_CANDIDATES:
            path = folder / name
            if path.is_file():
                found.append(FontChoice(str(path), label, path))
    else:
        for name, label, _roles in LINUX_CANDIDATES:
            path = Path(name)
            if path.is_file():
                found.append(FontChoice(str(path), label, path))
    return found


def default_choices() -> dict[str, str]:
    """On Windows prefer 仿宋 / 黑体 / 宋体 when present; else the bundled font for every role."""
    result = {role: BUNDLED for role in ROLES}
    if sys.platform.startswith("win"):
        folder = _windows_font_dir()
        for role in ROLES:
            for name, _label, roles in SYSTEM_CANDIDATES:
                if role in roles and (folder / name).is_file():
                    result[role] = str(folder / name)
                    break
    return result


class FontMetrics:
    """A registered font plus its advance widths (1/1000 em) for fast Python-side measuring."""

    def __init__(self, name: str, widths: dict[int, float], default: float, ascent: float):
        self.name = name
        self._by_code = widths
        self._default = default
        self.ascent = ascent / 1000.0
        self._cache: dict[str, float] = {}

    def char_width(self, ch: str) -> float:
        """Width of one character at size 1000."""
        w = self._cache.get(ch)
        if w is None:
            w = self._by_code.get(ord(ch), self._default)
            self._cache[ch] = w
        return w

    def widths(self, text: str) -> list[float]:
        cache = self._cache
        get = cache.get
        out = [get(ch) for ch in text]
        if None in out:
            out = [self.char_width(ch) for ch in text]
        return out

    def width(self, text: str, size: float) -> float:
        return sum(self.widths(text)) * size / 1000.0


_lock = threading.Lock()
_registered: dict[tuple[str, int], FontMetrics] = {}


def _register(path: Path, subfont: int) -> FontMetrics:
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - reportlab loads only when printing
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    key = (str(path), subfont)
    with _lock:
        found = _registered.get(key)
        if found is not None:
            return found
        name = f"F{len(_registered) + 1}-{path.stem}"
        font = TTFont(name, str(path), subfontIndex=subfont)
        pdfmetrics.registerFont(font)
        metrics = FontMetrics(name, font.face.charWidths, font.face.defaultWidth, font.face.ascent)
        _registered[key] = metrics
        return metrics


def unusable_reason(choice_key: str) -> str | None:
    """Why a chosen font file cannot go into a PDF (None when it can)."""
    if not choice_key or choice_key == BUNDLED:
        return None
    path = Path(choice_key)
    if not path.is_file():
        return f"找不到字体文件 {path}"
    try:
        _register(path, 0)
    except Exception as exc:  # noqa: BLE001 - reportlab raises plain exceptions for unsupported fonts
        return f"字体文件 {path.name} 无法嵌入 PDF（{exc}）。请选择 TrueType 字体（.ttf/.ttc）。"
    return None


def load(choice_key: str) -> FontMetrics:
    """Register the chosen font; an unusable file (missing, PostScript outlines) falls back to the bundled one."""
    if choice_key and choice_key != BUNDLED:
        path = Path(choice_key)
        try:
            if path.is_file():
                return _register(path, 0)
        except Exception as exc:  # noqa: BLE001 - any unreadable font means: use the bundled one
            log.warning("font %s unusable for PDF (%s); using the bundled font", path, exc)
    return _register(paths.cjk_font_path(), 0)


@dataclass(frozen=True)
class FontSet:
    body: FontMetrics
    heading: FontMetrics
    title: FontMetrics


def configured_choices() -> dict[str, str]:
    """The font per role from 设置 (database), falling back to the platform defaults."""
    result = default_choices()
    try:
        from desk_app.services import settings  # noqa: PLC0415

        stored = settings.get(SETTING_KEY, {}) or {}
    except Exception:  # noqa: BLE001 - no database open (e.g. a unit test of the layout): use defaults
        stored = {}
    for role in ROLES:
        if stored.get(role):
            result[role] = stored[role]
    return result


def font_set(choices: dict[str, str] | None = None) -> FontSet:
    choices = choices or configured_choices()
    return FontSet(*(load(choices.get(role, BUNDLED)) for role in ROLES))
