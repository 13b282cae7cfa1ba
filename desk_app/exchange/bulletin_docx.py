"""A 通报 (reports.bulletin_notice.Notice) as an editable Word file on the GB/T 9704 page of docx_gongwen:
2号小标宋 title, 主送, 3号仿宋 body with the 28-character grid, 黑体 / 楷体 headings, ruled tables in 五号
with the header row repeated on every page, 署名 and 成文日期, 版记, "— N —".

The file is the same, byte for byte, each time the same Notice is written: its dates are the Notice's,
and the zip members carry that date too (python-docx would stamp the time of saving)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, time
from pathlib import Path

from desk_app.reports.bulletin_notice import DATE, TEXT, Heading, Notice, Para, TableBlock, cell_text
from desk_app.reports.gongwen_blocks import record_settings
from desk_app.services.ledger_columns import cn_date

from . import docx_gongwen
from .cells import strip_controls
from .out_path import publish

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
BODY_PT = 16
TITLE_PT = 22
TABLE_PT = 10.5
LEADING_PT = 28.95  # 22 lines in the 225 mm text block
TEXT_WIDTH_PT = 156 * 72 / 25.4
WIDE_SHARE = 0.32


def _font(run, name: str, size: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str = "", *, font: str = BODY_FONT, size: float = BODY_PT, align=None,
               first_indent: float | None = 2 * BODY_PT, right_indent: float | None = None, grid: bool = True):
    from docx.enum.text import WD_LINE_SPACING  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(LEADING_PT, size * 1.3))
    fmt.space_before = fmt.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    if first_indent:
        fmt.first_line_indent = Pt(first_indent)
    if right_indent:
        fmt.right_indent = Pt(right_indent)
    if text:
        run = p.add_run(strip_controls(text))
        _font(run, font, size)
        if grid and size == BODY_PT:
            docx_gongwen.grid_spacing(run)
    return p


def _text_pt(text: str, size: float) -> float:
    """Generous widths: WPS and LibreOffice substitute fonts on machines without 仿宋_GB2312."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def _widths(block: TableBlock, texts: list[list[str]]) -> list[float]:
    """Narrow columns as wide as their longest value or header line; the wide one takes the rest."""
    pad = 2 * 5.4 + 1  # Word's default cell margins, and some slack
    need = []
    for i, c in enumerate(block.columns):
        values = [_text_pt(r[i], TABLE_PT) for r in texts] + [_text_pt(p, TABLE_PT) for p in c.label.split("\n")]
        longest = max(values)
        if c.max_chars:
            longest = min(longest, c.max_chars * TABLE_PT)
        need.append(longest + pad)
    wide = [i for i, c in enumerate(block.columns) if c.wide]
    # The text column keeps what it needs up to a share of the page: the other text columns (names,
    # dates) wrap to make room; numbers never do.
    keep = sum(min(need[i], TEXT_WIDTH_PT * WIDE_SHARE) for i in wide)
    squeezable = [i for i, c in enumerate(block.columns) if not c.wide and c.kind in (TEXT, DATE)]
    over = sum(w for i, w in enumerate(need) if i not in wide) - (TEXT_WIDTH_PT - keep)
    if wide and squeezable and over > 0:
        room = sum(need[i] for i in squeezable)
        factor = max(0.5, (room - over) / room)
        for i in squeezable:
            need[i] *= factor
    rest = TEXT_WIDTH_PT - sum(w for i, w in enumerate(need) if i not in wide)
    if wide and rest > 0:
        for i in wide:
            need[i] = max(rest / len(wide), 3 * TABLE_PT + pad)
    if sum(need) > TEXT_WIDTH_PT:
        need = [w * TEXT_WIDTH_PT / sum(need) for w in need]
    return need


def _cell(cell, text: str, *, head: bool = False, centre: bool = True) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(TABLE_PT * 1.35)
    docx_gongwen.off_grid(p)
    for i, line in enumerate(text.split("\n")):
        run = p.add_run(strip_controls(line))
        _font(run, HEADING_FONT if head else BODY_FONT, TABLE_PT)
        if i < len(text.split("\n")) - 1:
            run.add_break()


def _table(doc, block: TableBlock) -> None:
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    texts = [[cell_text(c.kind, v) for c, v in zip(block.columns, row, strict=True)] for row in block.rows]
    widths = _widths(block, texts)
    table = doc.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    table.autofit = False
    for cell, c in zip(table.rows[0].cells, block.columns, strict=True):
        _cell(cell, c.label, head=True)
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    for values in texts:
        cells = table.add_row().cells
        for cell, c, text in zip(cells, block.columns, values, strict=True):
            _cell(cell, text, centre=not c.wide)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Pt(width)


def _signature(doc, issuer: str, date_text: str) -> None:
    """§7.3.5.1: the date 右空四字, the issuer centred over it, two blank lines above for the seal."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415

    date_w, issuer_w = _text_pt(date_text, BODY_PT), _text_pt(issuer, BODY_PT)
    for _ in range(2):
        docx_gongwen.keep_with_next(_paragraph(doc, first_indent=None))
    right = 4 * BODY_PT + (date_w - issuer_w) / 2
    if issuer_w + right > TEXT_WIDTH_PT:
        right = 2 * BODY_PT
    docx_gongwen.keep_with_next(_paragraph(doc, issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, first_indent=None,
                                           right_indent=max(right, 0), grid=False))
    _paragraph(doc, date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, first_indent=None, right_indent=4 * BODY_PT,
               grid=False)


def build_notice_docx(notice: Notice):
    from docx import Document  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415

    doc = Document()
    docx_gongwen.official_page(doc)
    docx_gongwen.page_numbers(doc)
    stamp = datetime.combine(notice.date, time())
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = notice.title, notice.issuer, notice.issuer
    props.created = props.modified = stamp
    props.revision = 1
    _paragraph(doc, notice.title, font=TITLE_FONT, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=None)
    _paragraph(doc, first_indent=None)
    _paragraph(doc, notice.addressee, first_indent=None)
    for block in notice.blocks:
        if isinstance(block, Para):
            _paragraph(doc, block.text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        elif isinstance(block, Heading):
            font = HEADING_FONT if block.level == 1 else HEADING2_FONT
            docx_gongwen.keep_with_next(_paragraph(doc, block.text, font=font))
        elif isinstance(block, TableBlock) and block.on_paper:
            if block.rows:
                _table(doc, block)
            else:
                _paragraph(doc, block.empty)
    day = cn_date(notice.date)
    _signature(doc, notice.issuer, day)
    cc, printer = record_settings(notice.issuer)
    docx_gongwen.record(doc, printer, day, cc, BODY_FONT)
    return doc


def _stable_zip(data: bytes, when: datetime) -> bytes:
    """The same members with the same date on each: saving twice gives the same bytes."""
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def notice_docx_bytes(notice: Notice) -> bytes:
    buffer = io.BytesIO()
    build_notice_docx(notice).save(buffer)
    return _stable_zip(buffer.getvalue(), datetime.combine(notice.date, time()))


def write_bytes(data: bytes, out: str | Path) -> Path:
    """All or nothing: a temporary file beside `out`, renamed into place (a file open in WPS is named)."""
    import os  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    from desk_app.errors import InputFileError  # noqa: PLC0415

    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".export-", suffix=out.suffix)
    except OSError as exc:
        raise InputFileError(f"无法在 {out.parent} 写入文件：{exc.strerror}。请换一个文件夹。") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        publish(tmp)
        os.replace(tmp, out)
    except PermissionError as exc:
        raise InputFileError(f"无法写入 {out.name}：文件可能正在 WPS/Excel/Word 中打开，请关闭后重试。") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
