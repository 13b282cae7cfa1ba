"""What the PDF and the Word 纪要 decide alike: whether the 纪要's issuer and date share one line, and at
which size (GB/T 9704-2012 §10.3 leaves the 纪要's 版头 to the office; 3号 shrinking to 4号 at most)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

BODY = 16.0  # 三号
# 纪要's 发文机关 and date shrink from 三号 at most to 四号 to share a line; past that they take two.
ISSUER_LINE_SIZES = (BODY, 15.0, 14.0)


def issuer_line_size(issuer: str, date_text: str, width: float,
                     measure: Callable[[str, float], float]) -> float | None:
    """The largest size at which the 纪要's issuer (one character in from the left) and date (one
    character in from the right) share a line with at least two characters between them; None when
    they need two lines. `measure(text, size)` is the width of the text in the face it prints in."""
    for size in ISSUER_LINE_SIZES:
        if measure(issuer, size) + measure(date_text, size) + 4 * size <= width:
            return size
    return None


def full_width_measure(text: str, size: float) -> float:
    """Widths as Word sets 仿宋: Chinese characters and Chinese quotation marks one em, digits half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WFA" else size / 2 for ch in text)
