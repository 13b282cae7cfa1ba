"""Which font file fills which role in print: the system's 方正小标宋 / 黑体 / 楷体_GB2312 / 仿宋_GB2312 / 宋体
where installed (Windows, 统信UOS, 麒麟), else the faces bundled with the program.

Offices expect, after GB/T 9704-2012 §7.3.1 and §7.3.3: the title in 2号小标宋, first-level headings
(一、) in 黑体, second-level headings (（一）) in 楷体, body text in 3号仿宋; tables usually in 宋体.
The bundled faces keep those roles visibly apart without a system font: AR PL SungtiL GB (宋, thickened
for titles), WenQuanYi Micro Hei (黑) and AR PL KaitiM GB (楷). No free 仿宋 exists among the TrueType
faces reportlab can embed, so the bundled body face is the 宋 one.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desk_app import paths

ROLES = ("title", "heading", "heading2", "body", "table")
ROLE_LABELS = {"title": "标题（小标宋）", "heading": "一级标题（黑体）", "heading2": "二级标题（楷体）",
               "body": "正文（仿宋）", "table": "表格（宋体）"}
SETTING_KEY = "print_fonts"

BUNDLED = "bundled"  # WenQuanYi Micro Hei, the program's own 黑体 (also the UI font)
BUNDLED_SONG = "bundled:song"
BUNDLED_KAI = "bundled:kai"
BUNDLED_FILES = {BUNDLED: ("wqy-microhei.ttc", "文泉驿微米黑（程序自带，黑体）", "hei"),
                 BUNDLED_SONG: ("gbsn00lp.ttf", "文鼎宋体 AR PL SungtiL GB（程序自带）", "song"),
                 BUNDLED_KAI: ("gkai00mp.ttf", "文鼎楷体 AR PL KaitiM GB（程序自带）", "kai")}

# System font files by lower-case file name: (label, family). Family "xbs" is 小标宋 (or 中宋), the
# title face; "song" faces are thickened when they print a title. Within a family the first found wins.
SYSTEM_FILES: dict[str, tuple[str, str]] = {
    # Windows (C:\Windows\Fonts, per-user fonts) and copies of them on Linux
    "fzxbsjw.ttf": ("方正小标宋简体", "xbs"), "fzxbsk.ttf": ("方正小标宋_GBK", "xbs"),
    "方正小标宋简体.ttf": ("方正小标宋简体", "xbs"), "fzxiaobiaosong-b05s.ttf": ("方正小标宋简体", "xbs"),
    "stzhongs.ttf": ("华文中宋", "xbs"),
    "simhei.ttf": ("黑体", "hei"), "fzhtjw.ttf": ("方正黑体简体", "hei"),
    "楷体_gb2312.ttf": ("楷体_GB2312", "kai"), "kaiti_gb2312.ttf": ("楷体_GB2312", "kai"),
    "simkai.ttf": ("楷体", "kai"), "stkaiti.ttf": ("华文楷体", "kai"),
    "仿宋_gb2312.ttf": ("仿宋_GB2312", "fang"), "fangsong_gb2312.ttf": ("仿宋_GB2312", "fang"),
    "fs_gb2312.ttf": ("仿宋_GB2312", "fang"), "simfang.ttf": ("仿宋", "fang"), "stfangso.ttf": ("华文仿宋", "fang"),
    "simsun.ttc": ("宋体", "song"), "simsun.ttf": ("宋体", "song"), "stsong.ttf": ("华文宋体", "song"),
    # 统信UOS / 麒麟: the CESI faces (中国电子技术标准化研究院) in GB2312, GB13000 and GB18030 sets
    "cesi_xbs_gb2312.ttf": ("CESI小标宋", "xbs"), "cesi_xbs_gb18030.ttf": ("CESI小标宋", "xbs"),
    "cesi_xbs_gb13000.ttf": ("CESI小标宋", "xbs"),
    "cesi_ht_gb2312.ttf": ("CESI黑体", "hei"), "cesi_ht_gb18030.ttf": ("CESI黑体", "hei"),
    "cesi_ht_gb13000.ttf": ("CESI黑体", "hei"),
    "cesi_kt_gb2312.ttf": ("CESI楷体", "kai"), "cesi_kt_gb18030.ttf": ("CESI楷体", "kai"),
    "cesi_kt_gb13000.ttf": ("CESI楷体", "kai"),
    "cesi_fs_gb2312.ttf": ("CESI仿宋", "fang"), "cesi_fs_gb18030.ttf": ("CESI仿宋", "fang"),
    "cesi_fs_gb13000.ttf": ("CESI仿宋", "fang"),
    "cesi_ss_gb2312.ttf": ("CESI宋体", "song"), "cesi_ss_gb18030.ttf": ("CESI宋体", "song"),
    "cesi_ss_gb13000.ttf": ("CESI宋体", "song"),
    # Debian / Ubuntu packages
    "wqy-zenhei.ttc": ("文泉驿正黑", "hei"), "uming.ttc": ("AR PL UMing（明体）", "song"),
    "ukai.ttc": ("AR PL UKai（楷体）", "kai"), "lxgwwenkai-regular.ttf": ("霞鹜文楷", "kai"),
}
# Families each role takes, best first; the bundled key closes every list.
ROLE_FAMILIES = {"title": ("xbs", "song"), "heading": ("hei",), "heading2": ("kai",),
                 "body": ("fang", "song"), "table": ("song", "fang"), "number": ("song",)}
ROLE_BUNDLED = {"title": BUNDLED_SONG, "heading": BUNDLED, "heading2": BUNDLED_KAI, "body": BUNDLED_SONG,
                "table": BUNDLED_SONG, "number": BUNDLED_SONG}


@dataclass(frozen=True)
class FontChoice:
    key: str  # a BUNDLED* key or a file path
    label: str
    path: Path
    family: str  # xbs / hei / kai / fang / song
    subfont: int = 0

    @property
    def bundled(self) -> bool:
        return self.key.startswith(BUNDLED)


def bundled_choice(key: str = BUNDLED) -> FontChoice:
    file_name, label, family = BUNDLED_FILES.get(key, BUNDLED_FILES[BUNDLED])
    return FontChoice(key if key in BUNDLED_FILES else BUNDLED, label, paths.resource("fonts", file_name), family)


def font_folders() -> list[Path]:
    """Where this computer keeps its fonts (system-wide and the user's own)."""
    if sys.platform.startswith("win"):
        folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return folders
    home = Path.home()
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
            home / ".fonts"]


@functools.lru_cache(maxsize=4)
def _scan(folders: tuple[Path, ...]) -> tuple[FontChoice, ...]:
    found: dict[str, FontChoice] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                known = SYSTEM_FILES.get(name.lower())
                if known and name.lower() not in found:
                    path = Path(root) / name
                    found[name.lower()] = FontChoice(str(path), known[0], path, known[1])
    order = list(SYSTEM_FILES)
    return tuple(sorted(found.values(), key=lambda c: order.index(c.path.name.lower())))


def system_fonts() -> list[FontChoice]:
    """The known Chinese fonts installed on this computer, in the order offices prefer them."""
    return list(_scan(tuple(font_folders())))


def available_fonts() -> list[FontChoice]:
    """The bundled faces first, then every known Chinese font installed on this computer."""
    return [bundled_choice(key) for key in BUNDLED_FILES] + system_fonts()


def default_for(role: str, installed: list[FontChoice] | None = None) -> str:
    """The best installed face for a role, else the bundled one that looks most like it."""
    installed = system_fonts() if installed is None else installed
    for family in ROLE_FAMILIES[role]:
        for choice in installed:
            if choice.family == family:
                return choice.key
    return ROLE_BUNDLED[role]


def default_choices() -> dict[str, str]:
    installed = system_fonts()
    return {role: default_for(role, installed) for role in ROLES}


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


def choice_for(key: str) -> FontChoice:
    """The FontChoice behind a stored key (a bundled key or a file path)."""
    if not key or key.startswith(BUNDLED):
        return bundled_choice(key or BUNDLED)
    path = Path(key)
    for choice in system_fonts():
        if choice.path == path:
            return choice
    known = SYSTEM_FILES.get(path.name.lower(), (path.stem, ""))
    return FontChoice(key, known[0], path, known[1])
