"""会议纪要 and 签到表 as editable Word files, laid out like the PDFs (desk_app/reports/meeting_pdf.py):
纪要 after GB/T 9704-2012 §10.3 — red masthead 35 mm below the top of the text block, （第X期）, issuer
left and date right over a red rule, body in 仿宋 三号 on the 22 × 28 grid, then 出席：/请假：/列席： with
wrapped names aligned under the first name, the 版记 on the foot of the last page and "— N —" page
numbers (docx_gongwen)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desk_app.domain import Attendance
from desk_app.errors import InputFileError, ValidationError
from desk_app.reports import official
from desk_app.reports.gongwen_blocks import record_settings
from desk_app.reports.meeting_pdf import minutes_body
from desk_app.services import context, meeting_attendance, meetings, settings
from desk_app.services.ledger_columns import cn_date

from . import docx_gongwen
from .cells import strip_controls
from .out_path import publish

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
BODY_PT = 16  # 三号
LEADING_PT = 28.95  # 579 twips: 22 lines fill the 225 mm text block (GB/T 9704-2012 §5.2.3)
MASTHEAD_PT = 36
RED = "C00000"
WEEKDAYS = "一二三四五六日"
SIGN_IN_HEADERS = ("序号", "姓名", "单位", "职务", "联系电话", "签名", "备注")
SIGN_IN_WIDTHS_CM = (1.4, 1.9, 3.0, 3.1, 3.3, 2.5, 2.2)  # 17.4 cm: the text width; minimums below
SIGN_IN_EM_CM = 0.40  # one 11 pt CJK character, with a little room; Latin digits about 0.6 of it
SIGN_IN_PAD_CM = 0.5  # Word's cell margins on both sides


def _text_cm(text: str) -> float:
    return sum(SIGN_IN_EM_CM if ord(ch) > 0x2E7F else SIGN_IN_EM_CM * 0.62 for ch in text) + SIGN_IN_PAD_CM


def _sign_in_widths(rows: list[tuple[str, ...]]) -> list[float]:
    """序号, 姓名, 职务 and 联系电话 as wide as their longest value (党组成员、副局长 and a phone number on
    one line); 单位, 签名 and 备注 share the rest: 签名 and 备注 keep room for handwriting, and 单位
    (then 备注) wraps when the page is too narrow."""
    total = sum(SIGN_IN_WIDTHS_CM)
    need = [max([_text_cm(h)] + [_text_cm(r[i]) for r in rows]) for i, h in enumerate(SIGN_IN_HEADERS)]
    unit, sign, note = 2, 5, 6
    need[sign] = max(need[sign], 2.5)
    need[note] = max(need[note], 2.2)
    spare = total - sum(need)
    if spare >= 0:
        need[sign] += spare * 0.6
        need[note] += spare * 0.4
        return need
    for column, floor in ((note, 2.2), (unit, 4 * SIGN_IN_EM_CM + SIGN_IN_PAD_CM), (sign, 2.2)):
        cut = min(sum(need) - total, max(0.0, need[column] - floor))
        need[column] -= cut
    if sum(need) > total:
        need = [w * total / sum(need) for w in need]
    return need
    cut = min(-spare, max(0.0, need[unit] - 4 * SIGN_IN_EM_CM - SIGN_IN_PAD_CM))
    need[unit] -= cut
    if sum(need) > total:
        need = [w * total / sum(need) for w in need]
    return need


def _issuer() -> str:
    return settings.report_header().unit or "活动办公室"


def _when(start) -> str:
    hour = start.hour if start.hour <= 12 else start.hour - 12
    return (f"{cn_date(start.date())}（星期{WEEKDAYS[start.weekday()]}）"
            f"{'上午' if start.hour < 12 else '下午'}{hour}:{start.minute:02d}")


def _font(run, name: str, size: float, *, bold: bool = False, color: str | None = None) -> None:
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Pt, RGBColor  # noqa: PLC0415

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def _paragraph(doc, text: str = "", *, font: str = BODY_FONT, size: float = BODY_PT, align=None,
               first_indent: float | None = None, bold: bool = False, color: str | None = None,
               grid: bool = False):
    from docx.enum.text import WD_LINE_SPACING  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(LEADING_PT, size * 1.5))
    fmt.space_before = fmt.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    if first_indent is not None:
        fmt.first_line_indent = Pt(first_indent)
    if text:
        run = p.add_run(strip_controls(text))
        _font(run, font, size, bold=bold, color=color)
        if grid:
            docx_gongwen.grid_spacing(run)
    return p


def _red_rule(paragraph) -> None:
    """The red rule under the 纪要's issuer line (§7.2.7: 4 mm below it)."""
    borders = docx_gongwen._el("pBdr")
    borders.append(docx_gongwen._el("bottom", val="single", sz=16, space=11, color=RED))  # 11 pt ≈ 4 mm
    docx_gongwen.set_borders(paragraph._p.get_or_add_pPr(), borders)


def build_minutes(meeting_id: int):
    from docx import Document  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    m = meetings.get_meeting(meeting_id)
    doc = Document()
    docx_gongwen.official_page(doc)
    docx_gongwen.page_numbers(doc)
    doc.core_properties.title = f"{m.meeting_type}纪要（{m.title}）"
    doc.core_properties.author = _issuer()
    masthead = _paragraph(doc, f"{m.meeting_type}纪要", font=TITLE_FONT, size=MASTHEAD_PT,
                          align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    # §10.3: the 纪要标志's top edge 35 mm below the top of the text block. In a line box of exactly
    # 1.2 × the size the glyphs' top lies 0.6 × the size below the box's top (measured in LibreOffice).
    masthead.paragraph_format.space_before = Mm(35) - Pt(MASTHEAD_PT * 0.6)
    masthead.paragraph_format.line_spacing = Pt(MASTHEAD_PT * 1.2)
    docx_gongwen.off_grid(masthead)
    _paragraph(doc, f"（第{m.issue_no or m.number}期）", align=WD_ALIGN_PARAGRAPH.CENTER)
    width = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    issuer, date_text = _issuer(), cn_date(m.start_at.date())
    size = official.issuer_line_size(issuer, date_text, width / Pt(1), official.full_width_measure)
    if size is not None:  # one line, shrunk at most to 四号 (the PDF decides the same way)
        issuer_line = _paragraph(doc)
        issuer_line.paragraph_format.left_indent = Pt(size)
        issuer_line.paragraph_format.tab_stops.add_tab_stop(width - Pt(size), WD_TAB_ALIGNMENT.RIGHT)
        _font(issuer_line.add_run(f"{issuer}\t{date_text}"), BODY_FONT, size)
    else:  # issuer on its own line, the date at the right of the next
        _paragraph(doc, issuer).paragraph_format.left_indent = Pt(BODY_PT)
        issuer_line = _paragraph(doc, date_text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        issuer_line.paragraph_format.right_indent = Pt(BODY_PT)
    _red_rule(issuer_line)
    docx_gongwen.off_grid(issuer_line)  # its own size (shrunk to 四号 at most), not the 3号 grid pitch
    _paragraph(doc)
    body = [_paragraph(doc, text, first_indent=2 * BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, grid=True)
            for text in minutes_body(m)]
    if body:  # the last paragraph goes with 出席/请假/列席 (never a closing block alone on a page)
        docx_gongwen.keep_with_next(body[-1])
    docx_gongwen.keep_with_next(_paragraph(doc))
    rows = [(label, names) for label, names in (("出席", m.names_with(Attendance.PRESENT)), ("请假", m.leave_lines),
                                                ("列席", m.names_with(Attendance.OBSERVER))) if names]
    for n, (label, names) in enumerate(rows):
        p = _paragraph(doc)
        if n < len(rows) - 1:
            docx_gongwen.keep_with_next(p)
        # Wrapped lines start under the first name: hanging indent the width of "出席：".
        p.paragraph_format.left_indent = Pt(2 * BODY_PT + 3 * BODY_PT)
        p.paragraph_format.first_line_indent = Pt(-3 * BODY_PT)
        _font(p.add_run(f"{label}："), HEADING_FONT, BODY_PT)
        names_run = p.add_run("、".join(strip_controls(n) for n in names))
        _font(names_run, BODY_FONT, BODY_PT)
        docx_gongwen.grid_spacing(names_run)
    cc, printer = record_settings(_issuer())
    docx_gongwen.record(doc, printer, cn_date(context.today()), cc, BODY_FONT)
    return doc


def _cell_text(cell, text: str, *, bold: bool = False) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(strip_controls(text)), HEADING_FONT if bold else BODY_FONT, 11)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


KEEP_ROWS_WITH_TOTALS = 3  # the last rows of the 签到表 share the page of its totals


def _totals_row(table, totals: str, recorder: str) -> None:
    """应到/实到/请假/缺席 and 记录人 as the table's last row, across all its columns. As paragraphs after the
    table they could stand alone on the last page: LibreOffice does not carry a table's keep-with-next over
    to the paragraph after it once the table has broken across a page (Word and WPS do); rows it keeps."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT  # noqa: PLC0415
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cell = row.cells[0].merge(row.cells[-1])
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    first = cell.paragraphs[0]
    _font(first.add_run(totals), HEADING_FONT, 12)
    second = cell.add_paragraph()
    _font(second.add_run(recorder), BODY_FONT, 12)
    for paragraph in (first, second):
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(3)


def _closing_paragraph(doc) -> None:
    """The paragraph a Word body must end with, after the table: one point high, so a table that fills its last
    page does not push an empty page after it."""
    from docx.shared import Pt  # noqa: PLC0415

    paragraph = _paragraph(doc)
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)  # exactly (_paragraph's rule)


def build_sign_in(meeting_id: int):
    from docx import Document  # noqa: PLC0415
    from docx.enum.table import WD_ROW_HEIGHT_RULE  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Cm, Mm  # noqa: PLC0415

    m = meetings.get_meeting(meeting_id)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(18)
    title = f"{m.title}签到表"
    doc.core_properties.title = title
    _paragraph(doc, title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
    line = f"时间：{_when(m.start_at)}　　地点：{m.place or '　' * 6}"
    if m.host_name:
        line += f"　　主持：{m.host_name}"
    _paragraph(doc, line, size=12)
    table = doc.add_table(rows=1, cols=len(SIGN_IN_HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, SIGN_IN_HEADERS, strict=True):
        _cell_text(cell, header, bold=True)
    _repeat_header(table.rows[0])
    rows: list[tuple[str, ...]] = []
    people, from_roster = meeting_attendance.sign_in_rows(m)  # the rows the PDF 签到表 prints
    for n, a in enumerate(people, start=1):
        note = (f"请假（{a.reason}）" if a.reason else "请假") if a.status == Attendance.LEAVE else (
            "列席" if a.status == Attendance.OBSERVER else "")
        cells = table.add_row().cells
        values = (str(n), a.name, a.unit, a.title, a.phone, "", note)
        rows.append(values)
        for cell, text in zip(cells, values, strict=True):
            _cell_text(cell, text)
    widths = _sign_in_widths(rows)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice and WPS follow
    for row in table.rows:
        row.height = Cm(1.0)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    for row in table.rows[-KEEP_ROWS_WITH_TOTALS:] if people else ():  # the totals never stand on a page alone
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    t = m.totals
    marked = any(a.status for a in people)
    blank = "＿＿"
    _totals_row(table, "　　".join([f"应到：{len(people) if from_roster else t.expected} 人",
                                   f"实到：{t.present if marked else blank} 人",
                                   f"请假：{t.leave if marked else blank} 人", f"缺席：{t.absent if marked else blank} 人"]
                                  + ([f"列席：{t.observer} 人"] if t.observer else [])),
                f"记录人：{m.recorder_name or '＿＿＿＿'}")
    _closing_paragraph(doc)
    return doc


def export_meeting_docx(meeting_id: int, document: str, out: str | os.PathLike[str]) -> Path:
    """document: 'minutes' (会议纪要) or 'signin' (签到表). Written atomically."""
    builders = {"minutes": build_minutes, "signin": build_sign_in}
    if document not in builders:
        raise ValidationError("只能导出会议纪要（minutes）或签到表（signin）", "document")
    doc = builders[document](meeting_id)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".export-", suffix=".docx")
        os.close(fd)
    except OSError as exc:
        raise InputFileError(f"无法在 {out.parent} 写入文件：{exc.strerror}。请换一个文件夹。") from exc
    try:
        doc.save(tmp)
        publish(tmp)  # 0644 under the usual umask, not mkstemp's 0600
        os.replace(tmp, out)
    except PermissionError as exc:
        raise InputFileError(f"无法写入 {out.name}：文件可能正在 WPS/Word 中打开，请关闭后重试。") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
