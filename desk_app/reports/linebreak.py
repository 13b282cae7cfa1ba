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


def _is_word(ch: str) -> bool:
    return ch in _WORD_CHARS


def _adjust_break(text: str, start: int, end: int) -> int:
    """Move a break at `end` (text[end] begins the next line) back to a place the rules allow."""
    original = end
    if _is_word(text[end]) and _is_word(text[end - 1]):
        word_start = end - 1
        while word_start > start and _is_word(text[word_start - 1]):
            word_start -= 1
        if word_start > start:
            end = word_start
        else:  # a word longer than the line: break after a hyphen or slash inside it if there is one
            for i in range(end - 1, start, -1):
                if text[i - 1] in "-/_":
                    end = i
                    break
    while end > start + 1 and (text[end] in NO_LINE_START or text[end - 1] in NO_LINE_END):
        end -= 1
    if end == start + 1 and (text[end] in NO_LINE_START or text[end - 1] in NO_LINE_END):
        # A line of nothing but punctuation: let the closing marks hang instead.
        end = original
        while end < len(text) and text[end] in NO_LINE_START:
            end += 1
    return end


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
