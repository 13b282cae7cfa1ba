"""Cell text for spreadsheets: no formula injection, no control characters, widths of Chinese text."""

from __future__ import annotations

import re

# A spreadsheet program treats a cell typed with one of these first as a formula (or DDE call).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text: str) -> str:
    """Drop control characters (keeping newline and tab): they corrupt xlsx XML and confuse WPS."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch >= " " or ch in "\n\t")


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def has_controls(text: str) -> bool:
    return _CONTROLS.search(text) is not None


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def csv_safe(text: str) -> str:
    """CSV has no cell types: a leading quote makes Excel and WPS show the text as typed."""
    return "'" + text if looks_like_formula(text) else text


def one_line(text: str) -> str:
    """Upward templates forbid line breaks typed inside cells: join the lines with '；'."""
    parts = [p.strip() for p in text.split("\n")]
    return "；".join(p for p in parts if p)


def text_width(text: str) -> float:
    """Width in Excel column units (a '0' of the body font is 1): CJK characters count 2.

    Counted from the UTF-8 length because a per-character loop over 100,000 cells is too slow:
    every CJK character and full-width mark takes three bytes, ASCII one.
    """
    n = len(text)
    wide = (len(text.encode("utf-8")) - n) / 2
    return wide * 2.0 + (n - wide) * 1.1


def wrapped_lines(text: str, column_width: float) -> int:
    """How many lines a wrapped cell needs; errs high so rows never overlap when printed."""
    usable = max(column_width - 1.2, 2.0)  # cell padding eats about one character
    per_line = max(usable - 1.5, 1.0)  # a line breaks before a character that does not fit
    lines = 0
    for paragraph in text.split("\n"):
        width = text_width(paragraph)
        lines += 1 if width <= usable else -(-width // per_line)
    return max(int(lines), 1)
