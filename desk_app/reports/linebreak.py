"""Chinese line breaking for printed cells and paragraphs.

Rules offices expect (GB/T 15834 practice): no line starts with a closing punctuation mark
(，。、；：？！）》” …) and no line ends with an opening one (（《“ …). We move the offending
character together with its neighbour to the next line, as word processors do, so nothing hangs
outside the cell border. Latin words and numbers (ZG-2022-0001, 2022) are kept whole when they fit.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from .fonts import FontMetrics

NO_LINE_START = frozenset(
    "，。、；：？！）》」』】〕〉〗”’…—～·%‰℃"
    ",.;:?!)]}>'\"%"
    "︰︱︳︴﹀﹂﹄﹏､｡｣ｰﾞﾟ）］｝〙〛"
)
NO_LINE_END = frozenset("（《「『【〔〈〖“‘([{<［｛〘〚")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@#&+=")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
# What follows a number as its unit: a line never breaks between the two ("95%", "30天", "5个工作日").
UNITS = frozenset("%‰℃°％年月日时分秒天周个件条项人次名户家元角万亿千百倍岁吨亩米克升度期批轮届号页版")


def glued(text: str, i: int, *, strong_only: bool = False) -> bool:
    """True when a line must not break before text[i]: punctuation, words, numbers with their units,
    and (unless `strong_only`) inside dates such as 2026年12月31日 and 第3次."""
    a, b = text[i - 1], text[i]
    if b in NO_LINE_START or a in NO_LINE_END:
        return True
    if a in _WORD_CHARS and b in _WORD_CHARS:
        return True
    if a in _DIGITS:
        return b in UNITS or b in _DIGITS or (b == " " and i + 1 < len(text) and text[i + 1] in UNITS)
    if b in _DIGITS:
        if a in _DIGITS or (a == "," and i >= 2 and text[i - 2] in _DIGITS):
            return True
        return not strong_only and (a == "第" or (a in "年月" and i >= 2 and text[i - 2] in _DIGITS))
    return a == " " and b in UNITS and i >= 2 and text[i - 2] in _DIGITS


def _punctuation_only(text: str, i: int) -> bool:
    return text[i] in NO_LINE_START or text[i - 1] in NO_LINE_END


def _adjust_break(text: str, start: int, end: int) -> int:
    """Move a break at `end` (text[end] begins the next line) back to a place the rules allow,
    loosening them step by step when a run longer than the line allows no break at all."""
    original = end
    for strong_only in (False, True):
        end = original
        while end > start + 1 and glued(text, end, strong_only=strong_only):
            end -= 1
        if not glued(text, end, strong_only=strong_only):
            return end
    # One unbreakable run (a long code or number): after a hyphen or slash inside it if there is one,
    # else keep only the punctuation rules.
    for i in range(original, start + 1, -1):
        if text[i - 1] in "-/_" and not _punctuation_only(text, i):
            return i
    end = original
    while end > start + 1 and _punctuation_only(text, end):
        end -= 1
    if end == start + 1 and _punctuation_only(text, end):
        # A line of nothing but punctuation: let the closing marks hang instead.
        end = original
        while end < len(text) and text[end] in NO_LINE_START:
            end += 1
    return end


def longest_run(text: str, metrics: FontMetrics, size: float, *, strong_only: bool = False) -> float:
    """Width of the widest piece of `text` no line may break inside (a code, a date, 95%);
    `strong_only` lets a long date break after 年 or 月."""
    if not text:
        return 0.0
    widths = metrics.widths(text)
    best = run = widths[0]
    for i in range(1, len(text)):
        if text[i] == "\n" or text[i - 1] == "\n":
            run = 0.0 if text[i] == "\n" else widths[i]
        elif glued(text, i, strong_only=strong_only):
            run += widths[i]
        else:
            run = widths[i]
        if run > best:
            best = run
    return best * size / 1000.0


def break_paragraph(text: str, metrics: FontMetrics, size: float, max_width: float) -> list[str]:
    """Lines of one paragraph (no newlines inside) that fit `max_width` points."""
    if not text:
        return [""]
    n = len(text)
    limit = max_width * 1000.0 / size
    cum = list(accumulate(metrics.widths(text), initial=0.0))
    if cum[-1] <= limit:
        return [text]
    lines: list[str] = []
    start = 0
    while start < n:
        end = bisect_right(cum, cum[start] + limit + 1e-6, lo=start + 1) - 1
        if end <= start:
            end = start + 1
        if end >= n:
            lines.append(text[start:])
            break
        end = _adjust_break(text, start, end)
        lines.append(text[start:end].rstrip(" "))
        start = end
        while start < n and text[start] == " ":
            start += 1
    return lines


def break_text(text: str, metrics: FontMetrics, size: float, max_width: float) -> list[str]:
    """Lines of a text that may contain newlines (each starts a new paragraph)."""
    if "\n" not in text and "\r" not in text:
        return break_paragraph(text, metrics, size, max_width)
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(break_paragraph(paragraph.strip(" "), metrics, size, max_width))
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines
