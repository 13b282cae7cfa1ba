"""Blocks shared by the ledger-style documents: the title, the header block 填报单位 / 填报人 / 审核人 /
联系电话 / 填报日期, and the signature foot."""

from __future__ import annotations

from desk_app.services import context, settings
from desk_app.services.ledger_columns import cn_date

from .layout import Document
from .linebreak import break_text

GAP = "\u3000\u3000"
SIGNATURE_FOOT_HEIGHT = 6 + 2 * 10.5 * 2.4  # what signature_foot() needs with its date line


def report_header() -> settings.ReportHeader:
    try:
        return settings.report_header()
    except Exception:  # noqa: BLE001 - no database (layout tests): a blank header block
        return settings.ReportHeader()


TITLE_SHRINK = 0.75  # a long title shrinks to three quarters of its size before it wraps


def title_lines(text: str, font, size: float, width: float) -> tuple[float, list[str]]:
    """Fit or shrink: the size and lines of a title that never runs past the page edge. It keeps one
    line down to TITLE_SHRINK of its size, then wraps at that size."""
    for step in range(11):
        fitted = size * (1 - (1 - TITLE_SHRINK) * step / 10)
        if font.width(text, fitted) <= width:
            return fitted, [text]
    fitted = size * TITLE_SHRINK
    return fitted, break_text(text, font, fitted, width)


def title(doc: Document, text: str, *, size: float = 18.0, subtitle: str = "") -> None:
    fitted, lines = title_lines(text, doc.fonts.title, size, doc.width)
    doc.ensure(size * 1.8 + fitted * 1.4 * (len(lines) - 1))
    for i, line in enumerate(lines):
        doc.line_of_text(line, doc.fonts.title, fitted, align="c",
                         leading=size * 1.8 if len(lines) == 1 else fitted * (1.6 if i == len(lines) - 1 else 1.4))
    if subtitle:
        doc.paragraph(subtitle, doc.fonts.body, 10.5, align="c", leading=15)
    doc.advance(4)


def header_block(doc: Document, header: settings.ReportHeader | None = None, *, size: float = 10.5,
                 extra: str = "") -> None:
    """填报单位 … on the left, 填报日期 on the right, as the office above asks on every ledger."""
    header = header or report_header()
    items = [f"填报单位：{header.unit or '　' * 6}", f"填报人：{header.filled_by or '　' * 3}",
             f"审核人：{header.reviewed_by or '　' * 3}", f"联系电话：{header.phone or '　' * 5}"]
    right = f"填报日期：{cn_date(context.today())}"
    if extra:
        right = f"{extra}{GAP}{right}"
    font = doc.fonts.body
    leading = size * 1.6
    # Items are never cut: on a narrow (portrait) page they flow onto as many lines as needed,
    # and the date sits at the right of the last line when it still fits there.
    lines = pack_items(items, font, size, doc.width)
    last = lines.pop()
    if font.width(last + GAP + right, size) > doc.width:
        lines.append(last)
        last = ""
    for line in lines:
        doc.line_of_text(line, font, size, leading=leading)
    doc.ensure(leading)
    baseline = doc.y(leading * 0.7)
    doc.text_at(last, font, size, doc.x0, baseline)
    doc.text_at(right, font, size, doc.x0 + doc.width, baseline, "r")
    doc.advance(leading)
    doc.advance(2)


def pack_items(items: list[str], font, size: float, width: float) -> list[str]:
    """Items joined by a wide gap, as many on a line as fit; an item too long for a line is broken."""
    lines: list[str] = []
    for item in items:
        if lines and font.width(lines[-1] + GAP + item, size) <= width:
            lines[-1] += GAP + item
        else:
            lines.extend(break_text(item, font, size, width) or [""])
    return lines


def signature_foot(doc: Document, labels: list[str] | None = None, *, size: float = 10.5,
                   with_date: bool = True) -> None:
    """The foot each signer fills in by hand, kept together on one page."""
    labels = labels or ["填报人（签字）", "审核人（签字）", "单位负责人（签字）"]
    font = doc.fonts.body
    leading = size * 2.4
    doc.advance(6)
    doc.ensure(leading * (2 if with_date else 1))
    slot = doc.width / len(labels)
    baseline = doc.y(leading * 0.7)
    for i, label in enumerate(labels):
        room = slot - font.width(f"{label}：", size) - size
        blank = "＿" * max(3, min(8, int(room // font.width("＿", size))))
        doc.text_at(f"{label}：{blank}", font, size, doc.x0 + i * slot, baseline)
    doc.advance(leading)
    if with_date:
        doc.line_of_text("　　　　年　　月　　日", font, size, align="r", leading=leading)
