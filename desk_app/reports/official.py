"""Sizes and blocks of documents in the GB/T 9704-2012 style (通知, 纪要, 方案): 3号 (16 pt) 仿宋 body,
黑体 first-level headings, 2号 (22 pt) 小标宋 titles, 22 lines of 28 characters on a page."""

from __future__ import annotations

from .layout import Document

BODY = 16.0  # 三号
LEADING = 28.95  # 225 mm ÷ 22 lines
TITLE = 22.0  # 二号
INDENT = 2 * BODY  # 首行缩进二字


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
