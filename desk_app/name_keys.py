"""Pinyin keys of people's names: the order clerks expect (拼音, as a printed roster) and the initials they
type to find someone (gym → 郭一鸣).

A name is read character by character from pypinyin's single-character dictionary, never through its
phrase dictionary: a name is not a word (建行 would read as the bank "jian hang", 行长 as "hang zhang"),
and loading the phrases (and training the segmenter on them) took some 0.25 s of every new person's save.
pypinyin is imported only when a key is computed: when a person is created or renamed, or when keys are
missing (people written around the program). Lists and pickers read the keys stored on the person.
"""

from __future__ import annotations

import os
import sys
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
# Characters of given names whose dictionary-first reading is the rare one in names: 长 of 长江, 长青,
# 长春 is cháng (the dictionary puts zhǎng first); 朝 of 朝阳, 朝晖, 朝霞 is zhāo (it puts cháo first).
GIVEN_NAME_READINGS = {"长": "chang", "朝": "zhao"}


def _pypinyin():
    """pypinyin, loaded without its phrase dictionary when it is not loaded yet (the switch its FAQ
    documents). Names are read one character at a time, so either way the readings are the same."""
    if "pypinyin" not in sys.modules:
        before = os.environ.get("PYPINYIN_NO_PHRASES")
        os.environ["PYPINYIN_NO_PHRASES"] = "1"
        try:
            import pypinyin  # noqa: F401, PLC0415 - only when a key is computed
        finally:
            if before is None:
                os.environ.pop("PYPINYIN_NO_PHRASES", None)
            else:
                os.environ["PYPINYIN_NO_PHRASES"] = before
    import pypinyin  # noqa: PLC0415

    return pypinyin


def _pieces(text: str, readable) -> list[str]:
    """Each character pypinyin can read on its own; runs of anything else (letters, digits) kept whole."""
    pieces: list[str] = []
    run = ""
    for char in text:
        if ord(char) in readable:
            if run:
                pieces.append(run)
                run = ""
            pieces.append(char)
        else:
            run += char
    if run:
        pieces.append(run)
    return pieces


def _syllables(name: str) -> list[str]:
    pypinyin = _pypinyin()
    from pypinyin.constants import PINYIN_DICT  # noqa: PLC0415

    def read(text: str) -> list[str]:
        pieces = _pieces(text, PINYIN_DICT)
        if not pieces:
            return []
        words = pypinyin.lazy_pinyin(pieces, style=pypinyin.Style.NORMAL, errors="default")
        return [GIVEN_NAME_READINGS.get(piece, word) for piece, word in zip(pieces, words, strict=True)]

    for surname, reading in SURNAME_READINGS.items():
        if name.startswith(surname):
            return list(reading) + read(name[len(surname):])
    return read(name)


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
