"""Pinyin keys of people's names: the order clerks expect (拼音, as a printed roster) and the initials they
type to find someone (gym → 郭一鸣).

pypinyin does the reading. Importing it costs about 0.8 s (its phrase dictionary), so it is imported
only when a key is computed: when a person is created or renamed, or when keys are missing (people
written around the program). Lists and pickers read the keys stored on the person and never import it.
"""

from __future__ import annotations

import unicodedata

# Surnames whose reading differs from the character's most common one (pypinyin reads 曾 as ceng, 单 as
# dan …). Only the first character of a name is read this way; compound surnames come first.
SURNAME_READINGS = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "长孙": ("zhang", "sun"), "澹台": ("tan", "tai"),
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "仇": ("qiu",), "区": ("ou",), "查": ("zha",),
    "朴": ("piao",), "盖": ("ge",), "乐": ("yue",), "覃": ("qin",), "缪": ("miao",), "翟": ("zhai",),
    "召": ("shao",), "种": ("chong",), "员": ("yun",), "繁": ("po",), "秘": ("bi",),
    "能": ("nai",), "句": ("gou",), "隗": ("wei",), "折": ("she",),
    "宓": ("fu",), "重": ("chong",), "藏": ("zang",), "黑": ("he",), "都": ("du",), "尉": ("yu",), "阚": ("kan",),
}


def _syllables(name: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415 - 0.8 s: only when a key is computed

    for surname, reading in SURNAME_READINGS.items():
        if name.startswith(surname):
            rest = name[len(surname):]
            return list(reading) + (lazy_pinyin(rest, style=Style.NORMAL, errors="default") if rest else [])
    return lazy_pinyin(name, style=Style.NORMAL, errors="default")


def name_keys(name: str) -> tuple[str, str]:
    """(pinyin, initials) of a name: ("guo yi ming", "gym"). Letters and digits keep their own form,
    lower-cased; a name with no Chinese sorts by its letters."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name:
        return "", ""
    syllables = [word.lower() for chunk in _syllables(name) for word in chunk.split()]
    pinyin = " ".join(syllables)
    initials = "".join(s[0] for s in syllables if s[0].isalnum())
    return pinyin, initials
