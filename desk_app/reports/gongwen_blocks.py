"""The 公文 blocks around the body: 纪要标志 and 版头 lines, 署名 and 成文日期, 出席/请假/列席 and 版记
(GB/T 9704-2012 §7.2, §7.3.5, §7.4, §10.3)."""

from __future__ import annotations

from . import official
from .fonts import FontMetrics
from .gongwen import (
    BODY,
    GRID,
    INDENT,
    MM,
    PITCH,
    TITLE,
    Gongwen,
    Line,
    baseline_in,
    rule_op,
    stroked_text,
    text_ops,
    wrap,
)
from .gongwen_flow import Group
from .layout import RED

MASTHEAD_DROP = 35 * MM  # §7.2.4 / §10.3: 标志上边缘至版心上边缘 35 mm
MASTHEAD_SIZES = (42.0, 39.0, 36.0, 32.0, 28.0, 26.0, TITLE)  # shrink to fit the text block, never cut
RULE_GAP = 4 * MM  # §7.2.7: the red rule 4 mm below the line above it
RED_RULE = 2.0  # pt
RECORD = 14.0  # §7.4.2 / §7.4.3: 版记 in 4号仿宋
RECORD_ROW = 7.5 * MM
THICK = 0.35 * MM  # §7.4.1: first and last 版记 rules 0.35 mm, the ones between 0.25 mm
THIN = 0.25 * MM


def masthead(gw: Gongwen, text: str, color=RED) -> Group:
    """The red 发文机关标志 / 纪要标志 in 小标宋, centred, its top edge 35 mm below the top of the text block;
    a long name shrinks to fit the block and, at 2号, wraps."""
    face, stroke = gw.fonts.title, gw.fonts.title_stroke
    size = next((s for s in MASTHEAD_SIZES if face.width(text, s) <= gw.width), TITLE)
    rows = ["".join(t for _f, t in r) for r in wrap([(face, text)], gw.width, gw.width, size)]
    line_h = size * 1.15

    def render(a, b, top, scale, _bottom):
        ops = []
        for i, row in enumerate(rows):
            x = gw.x0 + (gw.width - face.width(row, size)) / 2
            baseline = top - MASTHEAD_DROP - face.ascent * size - i * line_h
            ops.append(stroked_text(face, size, x, baseline, row, stroke=stroke or 0.0, color=color))
        return ops

    height = MASTHEAD_DROP + (face.ascent - face.descent) * size + (len(rows) - 1) * line_h
    return gw.add(Group([height], render, keep_together=True, keep_with_next=True, kind="masthead"))


def centred_line(gw: Gongwen, text: str, face: FontMetrics | None = None, size: float = BODY) -> Group:
    face = face or gw.fonts.body

    def render(a, b, top, scale, _bottom):
        x = gw.x0 + (gw.width - face.width(text, size)) / 2
        return text_ops([(face, text)], x, baseline_in(top, GRID * scale, size), size)

    return gw.add(Group([GRID], render, keep_together=True, keep_with_next=True, kind="centred"))


def issuer_and_date_rule(gw: Gongwen, issuer: str, date_text: str, color=RED) -> Group:
    """The 纪要's line over its red rule: issuer one character in from the left, date one character in
    from the right, shrinking from 3号 to 4号 to share the line (official.issuer_line_size, which the
    Word 纪要 uses too); a longer issuer takes its own lines, the date at the right of the last. The red
    rule follows 4 mm below (§7.2.7)."""
    face = gw.fonts.body
    size = official.issuer_line_size(issuer, date_text, gw.width, face.width)
    if size is not None:
        rows, heights = [issuer], [GRID]
    else:
        size = BODY
        rows = ["".join(t for _f, t in r) for r in wrap([(face, issuer)], gw.width - 2 * PITCH, gw.width, BODY)]
        heights = [GRID] * (len(rows) + 1)  # the date on a line of its own
    date_w = face.width(date_text, size)

    def render(a, b, top, scale, _bottom):
        ops = []
        for i, row in enumerate(rows):
            ops += text_ops([(face, row)], gw.x0 + size, baseline_in(top - i * GRID * scale, GRID * scale, size),
                            size)
        last = top - (len(heights) - 1) * GRID * scale
        baseline = baseline_in(last, GRID * scale, size)
        ops += text_ops([(face, date_text)], gw.x0 + gw.width - size - date_w, baseline, size)
        rule_y = baseline + face.descent * size - RULE_GAP
        ops += rule_op(gw.x0, gw.x0 + gw.width, rule_y, RED_RULE, color)
        return ops

    heights[-1] += RULE_GAP
    return gw.add(Group(heights, render, keep_together=True, keep_with_next=True, kind="issuer"))


def signature(gw: Gongwen, issuer: str, date_text: str, *, sealed: bool = True) -> Group:
    """发文机关署名 and 成文日期 (§7.3.5), always inside the text block and never alone on a page.

    sealed (§7.3.5.1, the office stamps the paper): the date 右空四字, the issuer centred over the date,
    two blank lines above for the seal (its top within one line of the body). Not sealed (§7.3.5.2):
    one blank line, the issuer 右空二字, the date's first character two characters right of the
    issuer's; when the date is the longer, the date 右空二字 and the issuer moves left. A name longer than
    the room wraps onto several lines, each ending at the issuer's right edge."""
    face = gw.fonts.body
    right = gw.x0 + gw.width
    date_w = face.width(date_text, PITCH)
    rows = ["".join(t for _f, t in r) for r in wrap([(face, issuer)], gw.width - 4 * PITCH,
                                                     gw.width - 4 * PITCH, PITCH)] if issuer else []
    widths = [face.width(r, PITCH) for r in rows]
    issuer_w = max(widths, default=0.0)
    if sealed:
        date_x = right - 4 * PITCH - date_w
        issuer_x = date_x + date_w / 2 - issuer_w / 2
        issuer_x = max(gw.x0, min(issuer_x, right - 2 * PITCH - issuer_w))
    else:
        issuer_x = right - 2 * PITCH - issuer_w
        date_x = issuer_x + 2 * PITCH
        if date_x + date_w > right - 2 * PITCH:
            date_x = right - 2 * PITCH - date_w
            issuer_x = max(gw.x0, date_x - 2 * PITCH)
    blanks = 2 if sealed else 1
    lines = [Line([], 0.0, True)] * blanks
    lines += [Line([(face, r)], issuer_x - gw.x0 + (issuer_w - w if len(rows) > 1 else 0.0), True)
              for r, w in zip(rows, widths, strict=True)]
    lines.append(Line([(face, date_text)], date_x - gw.x0, True))
    # keep_with_next: the 版记 that follows on the same last page brings the signature along.
    return gw.lines_group(lines, kind="signature", closing=True, keep_together=True, keep_with_next=True)


def attendance(gw: Gongwen, rows: list[tuple[str, list[str]]]) -> list[Group]:
    """§10.3: "出席" in 3号黑体 左空二字 with a full-width colon, the names in 3号仿宋 after it, wrapped
    lines aligned under the first name; then 请假 and 列席 the same way. The block closes the 纪要."""
    body, head = gw.fonts.body, gw.fonts.heading
    groups = []
    for label, names in rows:
        if not names:
            continue
        prefix = f"{label}："
        hang = INDENT + head.width(prefix, PITCH)
        lines = wrap([(head, prefix), (body, "、".join(names))], gw.width - INDENT, gw.width - hang, PITCH)
        groups.append(gw.lines_group([Line(r, INDENT if i == 0 else hang, True) for i, r in enumerate(lines)],
                                     justify=False, kind="attendance", closing=True, keep_with_next=True))
    if groups:
        groups[-1].keep_with_next = False
        total = sum(g.lines for g in groups)
        for g in groups:
            g.keep_together = total <= 6
    return groups


def printer_rows(face, printer: str, room: float, date_room: float) -> list[str]:
    """印发机关 lines, the last one sharing its line with the date. A name too long to sit beside the date
    takes the whole width (a lone last character under a full line reads as a typo) and, when its last line
    leaves no room, the date gets a line of its own (an empty last row here)."""
    beside = wrap([(face, printer)], room - date_room, room - date_room, RECORD)
    if len(beside) == 1:
        return ["".join(t for _f, t in beside[0])]
    rows = ["".join(t for _f, t in r) for r in wrap([(face, printer)], room, room, RECORD)]
    if face.width(rows[-1], RECORD) > room - date_room:
        rows.append("")
    return rows


def record(gw: Gongwen, printer: str, date_text: str, cc: str = "") -> Group:
    """版记 (§7.4) against the foot of the last page: a 0.35 mm rule above its first element, 抄送 in
    4号仿宋 左右各空一字 with wrapped lines under the first name and a full stop at the end, a 0.25 mm
    rule, then 印发机关 左空一字 and "YYYY年M月D日印发" 右空一字; the last 0.35 mm rule lies on the foot of
    the text block."""
    face = gw.fonts.body
    one = RECORD
    cc_rows = []
    if cc.strip():
        text = cc.strip().rstrip("。.；;，,") + "。"
        prefix = "抄送："
        hang = one + face.width(prefix, RECORD)
        cc_rows = wrap([(face, prefix + text)], gw.width - 2 * one, gw.width - one - hang, RECORD)
    printed = f"{date_text}印发"
    printed_w = face.width(printed, RECORD)
    printer_lines = printer_rows(face, printer, gw.width - 2 * one, printed_w + one)
    heights = [RECORD_ROW] * (len(cc_rows) + len(printer_lines))

    def render(a, b, top, scale, bottom):
        ops = []
        y = bottom
        ops += rule_op(gw.x0, gw.x0 + gw.width, y, THICK)
        base = baseline_in(y + RECORD_ROW, RECORD_ROW, RECORD)
        ops += text_ops([(face, printed)], gw.x0 + gw.width - one - printed_w, base, RECORD)
        for row in reversed(printer_lines):
            ops += text_ops([(face, row)], gw.x0 + one, baseline_in(y + RECORD_ROW, RECORD_ROW, RECORD), RECORD)
            y += RECORD_ROW
        if cc_rows:
            ops += rule_op(gw.x0, gw.x0 + gw.width, y, THIN)
            for i, row in enumerate(reversed(cc_rows)):
                indent = one if i == len(cc_rows) - 1 else one + face.width("抄送：", RECORD)
                ops += text_ops(row, gw.x0 + indent, baseline_in(y + RECORD_ROW, RECORD_ROW, RECORD), RECORD)
                y += RECORD_ROW
        ops += rule_op(gw.x0, gw.x0 + gw.width, y, THICK)
        return ops

    return gw.add(Group(heights, render, keep_together=True, closing=True, fill_bottom=True, kind="record"))


RECORD_SETTING = "gongwen_record"  # {"cc": 抄送机关, "printer": 印发机关} from 设置 › 打印


def record_settings(issuer: str) -> tuple[str, str]:
    """(抄送, 印发机关) for the 版记: as set in 设置 › 打印, the 印发机关 defaulting to the issuer."""
    try:
        from desk_app.services import settings  # noqa: PLC0415

        stored = settings.get(RECORD_SETTING, {}) or {}
    except Exception:  # noqa: BLE001 - no database (layout tests)
        stored = {}
    return (stored.get("cc") or "").strip(), (stored.get("printer") or "").strip() or issuer
