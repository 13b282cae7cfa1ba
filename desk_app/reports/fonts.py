"""Fonts for printing: registering TrueType faces once, fast width lookups, a fallback face for the
characters a GB2312 face lacks, and the set of faces one document prints with.

reportlab embeds TrueType outlines as subsets, so every font here is a .ttf/.ttc file. Which file fills
which role (title, headings, body, table) is decided in font_choices.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from .font_choices import (  # noqa: F401 - the names callers have always used from here
    BUNDLED,
    BUNDLED_KAI,
    BUNDLED_SONG,
    ROLE_BUNDLED,
    ROLE_LABELS,
    ROLES,
    SETTING_KEY,
    FontChoice,
    available_fonts,
    bundled_choice,
    choice_for,
    configured_choices,
    default_choices,
    default_for,
)

log = logging.getLogger(__name__)

# Titles printed in a plain 宋体 (no 小标宋 installed) are thickened by stroking the outline with this
# fraction of the type size, which gives the heavier 小标宋 colour (GB/T 9704-2012 §7.3.1).
TITLE_STROKE = 0.028


class FontMetrics:
    """A registered font plus its advance widths (1/1000 em) for fast Python-side measuring.

    A face limited to GB2312 (仿宋_GB2312, the bundled Arphic faces) lacks characters people's names
    use (喆, 堃, 玥 …); those are measured and drawn in the `fallback` face instead of printing blank."""

    def __init__(self, name: str, widths: dict[int, float], default: float, ascent: float,
                 descent: float = -200.0, fallback: FontMetrics | None = None, label: str = ""):
        self.name = name
        self.label = label or name
        self._by_code = widths
        self._default = default
        self.ascent = ascent / 1000.0
        self.descent = descent / 1000.0
        self.fallback = fallback
        self._cache: dict[str, float] = {}
        self._covered: frozenset[str] | None = None

    def has(self, ch: str) -> bool:
        return ord(ch) in self._by_code

    def covers(self, text: str) -> bool:
        """True when every character of `text` is in this face (or there is no fallback to use)."""
        if self.fallback is None:
            return True
        if self._covered is None:
            self._covered = frozenset(map(chr, self._by_code))
        return self._covered.issuperset(text)

    def char_width(self, ch: str) -> float:
        """Width of one character at size 1000."""
        w = self._cache.get(ch)
        if w is None:
            code = ord(ch)
            if code in self._by_code or self.fallback is None or ch in "\n\r\t":
                w = self._by_code.get(code, self._default)
            else:
                w = self.fallback.char_width(ch)
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

    def runs(self, text: str) -> list[tuple[FontMetrics, str]]:
        """`text` cut into pieces drawn in this face or, for missing characters, in the fallback."""
        if self.covers(text):
            return [(self, text)]
        runs: list[tuple[FontMetrics, str]] = []
        for ch in text:
            face = self if self.has(ch) or self.fallback is None else self.fallback
            if runs and runs[-1][0] is face:
                runs[-1] = (face, runs[-1][1] + ch)
            else:
                runs.append((face, ch))
        return runs


_lock = threading.Lock()
_registered: dict[tuple[str, int], FontMetrics] = {}
_by_name: dict[str, FontMetrics] = {}


def _register(path: Path, subfont: int = 0, label: str = "") -> FontMetrics:
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - reportlab loads only when printing
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    key = (str(path), subfont)
    with _lock:
        found = _registered.get(key)
        if found is not None:
            return found
    hei = bundled_choice()
    bundled_hei = None if Path(path) == hei.path else _register(hei.path, 0, hei.label)
    with _lock:
        found = _registered.get(key)
        if found is not None:
            return found
        name = f"F{len(_registered) + 1}-{path.stem}"
        font = TTFont(name, str(path), subfontIndex=subfont)
        pdfmetrics.registerFont(font)
        face = font.face
        metrics = FontMetrics(name, face.charWidths, face.defaultWidth, face.ascent, face.descent,
                              fallback=bundled_hei, label=label or path.stem)
        _registered[key] = metrics
        _by_name[name] = metrics
        return metrics


def registered(name: str) -> FontMetrics | None:
    return _by_name.get(name)


def unusable_reason(choice_key: str) -> str | None:
    """Why a chosen font file cannot go into a PDF (None when it can)."""
    if not choice_key or choice_key.startswith(BUNDLED):
        return None
    path = Path(choice_key)
    if not path.is_file():
        return f"找不到字体文件 {path}"
    try:
        _register(path, 0)
    except Exception as exc:  # noqa: BLE001 - reportlab raises plain exceptions for unsupported fonts
        return f"字体文件 {path.name} 无法嵌入 PDF（{exc}）。请选择 TrueType 字体（.ttf/.ttc）。"
    return None


def load(choice_key: str, role: str = "body") -> FontMetrics:
    """Register the chosen font; an unusable file (missing, PostScript outlines) falls back to the
    bundled face for the role."""
    choice = choice_for(choice_key)
    if not choice.bundled:
        try:
            if choice.path.is_file():
                return _register(choice.path, choice.subfont, choice.label)
        except Exception as exc:  # noqa: BLE001 - any unreadable font means: use the bundled one
            log.warning("font %s unusable for PDF (%s); using the bundled font", choice.path, exc)
        choice = bundled_choice(ROLE_BUNDLED.get(role, BUNDLED))
    return _register(choice.path, 0, choice.label)


@dataclass(frozen=True)
class FontSet:
    """The faces one document prints with. `body` is what running text (and table cells) use: the
    仿宋 role for 公文, the table role for ledgers (see font_set / document_fonts)."""

    body: FontMetrics
    heading: FontMetrics
    title: FontMetrics
    heading2: FontMetrics | None = None
    table: FontMetrics | None = None
    number: FontMetrics | None = None  # page numbers: 宋体 (GB/T 9704-2012 §7.5)
    title_stroke: float = 0.0  # > 0: thicken the title (a 宋体 standing in for 小标宋)


def _faces(choices: dict[str, str] | None) -> tuple[dict[str, FontMetrics], float]:
    choices = choices or configured_choices()
    faces = {role: load(choices.get(role) or default_for(role), role) for role in ROLES}
    faces["number"] = load(default_for("number"), "number")
    stroke = TITLE_STROKE if choice_for(choices.get("title") or default_for("title")).family in ("song", "") \
        else 0.0
    if faces["title"] is faces["heading"]:  # a 黑体 title needs no thickening
        stroke = 0.0
    return faces, stroke


def font_set(choices: dict[str, str] | None = None) -> FontSet:
    """Faces for ledgers and forms: cells in the table face, headers in 黑体."""
    faces, stroke = _faces(choices)
    return FontSet(body=faces["table"], heading=faces["heading"], title=faces["title"],
                   heading2=faces["heading2"], table=faces["table"], number=faces["number"],
                   title_stroke=stroke)


def document_fonts(choices: dict[str, str] | None = None) -> FontSet:
    """Faces for 公文 (通知, 纪要, 方案, 通报): body in the 仿宋 role."""
    faces, stroke = _faces(choices)
    return FontSet(body=faces["body"], heading=faces["heading"], title=faces["title"],
                   heading2=faces["heading2"], table=faces["table"], number=faces["number"],
                   title_stroke=stroke)


def show_text(text_obj, font_name: str, size: float, text: str) -> None:
    """textOut with the fallback face for characters the font lacks (the font is set again after)."""
    font = _by_name.get(font_name)
    if font is None or font.covers(text):
        text_obj.textOut(text)
        return
    for face, part in font.runs(text):
        text_obj.setFont(face.name, size)
        text_obj.textOut(part)
    text_obj.setFont(font_name, size)
