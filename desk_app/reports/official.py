"""Sizes and blocks of documents in the GB/T 9704-2012 style (通知, 纪要, 方案): 3号 (16 pt) 仿宋 body,
黑体 first-level headings, 2号 (22 pt) 小标宋 titles, 22 lines of 28 characters on a page."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from .layout import Document
from .linebreak import break_text

BODY = 16.0  # 三号
LEADING = 28.95  # 225 mm ÷ 22 lines
TITLE = 22.0  # 二号
INDENT = 2 * BODY  # 首行缩进二字
# 纪要's 发文机关 and date shrink from 三号 at most to 四号 to share a line; past that they take two.
ISSUER_LINE_SIZES = (BODY, 15.0, 14.0)


def title(doc: Document, text: str) -> None:
    doc.paragraph(text, doc.fonts.title, TITLE, leading=TITLE * 1.6, align="c")
    doc.advance(LEADING * 0.5)


def heading(doc: Document, text: str) -> None:
    """A first-level heading (一、…) in 黑体, kept with the first line that follows."""
    doc.ensure(LEADING * 2)
    doc.paragraph(text, doc.fonts.heading, BODY, leading=LEADING, first_indent=INDENT)


def labelled(doc: Document, label: str, text: str) -> None:
    """"一、会议时间：…": the label in 黑体, the text after it in 仿宋, wrapping back to the margin."""
    doc.ensure(LEADING * 2)
    font, head = doc.fonts.body, doc.fonts.heading
    label_w = head.width(label, BODY)
    lines = doc.paragraph_lines(text, font, BODY, doc.width - INDENT - label_w, doc.width) if text else [""]
    baseline = doc.y(LEADING * 0.72)
    doc.text_at(label, head, BODY, doc.x0 + INDENT, baseline)
    for i, line in enumerate(lines):
        if i:
            doc.ensure(LEADING)
            baseline = doc.y(LEADING * 0.72)
        doc.text_at(line, font, BODY, doc.x0 + (INDENT + label_w if i == 0 else 0), baseline)
        doc.advance(LEADING)


def body(doc: Document, text: str, *, indent: bool = True) -> None:
    for para in (p.strip() for p in (text or "").replace("\r\n", "\n").split("\n")):
        if para:
            doc.paragraph(para, doc.fonts.body, BODY, leading=LEADING,
                          first_indent=INDENT if indent else 0.0, align="justify")


def signature(doc: Document, issuer: str, date_text: str) -> None:
    """Issuer and date at the right, the date right-aligned and the issuer centred above it."""
    doc.advance(LEADING)
    doc.ensure(LEADING * 2)
    font = doc.fonts.body
    date_w = font.width(date_text, BODY)
    right = doc.x0 + doc.width - 4 * BODY  # 右空四字
    baseline = doc.y(LEADING * 0.72)
    doc.text_at(issuer, font, BODY, right - date_w / 2, baseline, "c")
    doc.advance(LEADING)
    doc.text_at(date_text, font, BODY, right, doc.y(LEADING * 0.72), "r")
    doc.advance(LEADING)


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


def issuer_and_date(doc: Document, issuer: str, date_text: str) -> None:
    """The line over the 纪要's red rule: issuer left, date right; two lines (date on the second, at
    the right) when the issuer is too long to share one even in 四号."""
    font = doc.fonts.body
    size = issuer_line_size(issuer, date_text, doc.width, font.width)
    step = LEADING * 0.9
    if size is not None:
        baseline = doc.y(LEADING * 0.72)
        doc.text_at(issuer, font, size, doc.x0 + size, baseline)
        doc.text_at(date_text, font, size, doc.x0 + doc.width - size, baseline, "r")
        doc.advance(step)
        return
    for line in break_text(issuer, font, BODY, doc.width - 2 * BODY):
        doc.text_at(line, font, BODY, doc.x0 + BODY, doc.y(LEADING * 0.72))
        doc.advance(step)
    doc.text_at(date_text, font, BODY, doc.x0 + doc.width - BODY, doc.y(LEADING * 0.72), "r")
    doc.advance(step)
