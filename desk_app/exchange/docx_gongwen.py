"""GB/T 9704-2012 page set-up for Word files (the 纪要): the same 版心, 22 × 28 grid, "— N —" page
numbers on the outer side and a 版记 on the foot of the last page as the PDF (reports/gongwen.py)."""

from __future__ import annotations

from desk_app.reports.gongwen import CHARS_PER_LINE, GRID, LINES_PER_PAGE  # noqa: F401 - the figures cited there

BODY_PT = 16  # 3号
NUMBER_PT = 14  # 4号
SONG = "宋体"
# §7.5: the 一字线 7 mm below the text block, i.e. 35 − 7 = 28 mm above the paper's foot. Word puts the
# foot of the footer's line box at the footer distance; the 14 pt line box is centred on the dash.
FOOTER_MM = 28 - (NUMBER_PT * 25.4 / 72) / 2


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    element = OxmlElement(tag if ":" in tag else f"w:{tag}")
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def official_page(doc) -> None:
    """A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; a document grid of 22 lines × 28 characters."""
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(FOOTER_MM)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.name = "仿宋_GB2312"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    # A line grid (linePitch in twentieths of a point, rounded down so 22 lines fit). The 28 characters
    # come from the runs' letter-spacing (grid_spacing): LibreOffice reads Word's character grid
    # (linesAndChars) differently, spreading 3号 text to 16 characters a line.
    sect.append(_el("docGrid", type="lines", linePitch=int(GRID * 20)))


def grid_spacing(run) -> None:
    """Letter-spacing that puts 28 characters of 3号 on a 156 mm line (−0.2 pt, as Word's grid does)."""
    pitch = 156 * 72 / 25.4 / CHARS_PER_LINE
    rpr = run._r.get_or_add_rPr()
    rpr.append(_el("spacing", val=round((pitch - BODY_PT) * 20)))


def _page_field(paragraph) -> None:
    from docx.oxml.ns import qn  # noqa: PLC0415

    def run_with(*children):
        run = paragraph.add_run()
        for child in children:
            run._r.append(child)
        _number_font(run)
        return run

    run_with(_el("fldChar", fldCharType="begin"))
    instr = _el("instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    run_with(_el("fldChar", fldCharType="separate"))
    run_with(_el("t")).text = "1"
    run_with(_el("fldChar", fldCharType="end"))


def _number_font(run) -> None:
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    run.font.size = Pt(NUMBER_PT)
    run.font.name = SONG
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), SONG)


def page_numbers(doc) -> None:
    """§7.5 "— N —" in 4号 半角宋体 (a PAGE field): odd pages right less one character, even pages left
    plus one character (odd and even footers)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        fmt = p.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(NUMBER_PT)
        off_grid(p)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(NUMBER_PT)
        else:
            fmt.left_indent = Pt(NUMBER_PT)
        _number_font(p.add_run("— "))
        _page_field(p)
        _number_font(p.add_run(" —"))


def off_grid(paragraph) -> None:
    """The paragraph keeps its own line height instead of snapping to the 22-line grid (masthead, 版记)."""
    paragraph._p.get_or_add_pPr().insert_element_before(_el("snapToGrid", val="0"), *AFTER_BORDERS[12:])


def keep_with_next(paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def record(doc, printer: str, date_text: str, cc: str, font_name: str) -> None:
    """版记 (§7.4) in a frame against the foot of the text block on the last page: a 0.35 mm rule above
    抄送 (4号仿宋, 左右各空一字), a 0.25 mm rule, 印发机关 左空一字 and "…印发" 右空一字, a 0.35 mm rule."""
    from docx.enum.text import WD_TAB_ALIGNMENT  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    width = Mm(156)
    rows = ([f"抄送：{cc.strip().rstrip('。')}。"] if cc.strip() else []) + [f"{printer}\t{date_text}印发"]
    for i, text in enumerate(rows):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Mm(7.5)
        fmt.left_indent = fmt.right_indent = Pt(NUMBER_PT)
        fmt.tab_stops.add_tab_stop(width - Pt(2 * NUMBER_PT), WD_TAB_ALIGNMENT.RIGHT)
        off_grid(p)
        run = p.add_run(text)
        run.font.size = Pt(NUMBER_PT)
        run.font.name = font_name
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font_name)
        ppr = p._p.get_or_add_pPr()
        # One frame for all 版记 lines, anchored to the foot of the text block (margin, bottom).
        ppr.insert_element_before(_el("framePr", w=round(width / 635), wrap="notBeside", vAnchor="margin",
                                      hAnchor="margin", xAlign="center", yAlign="bottom"),
                                  "w:widowControl", "w:numPr", "w:suppressLineNumbers", *AFTER_BORDERS)
        borders = _el("pBdr")
        if i == 0:
            borders.append(_el("top", val="single", sz=8, space=1, color="000000"))  # 0.35 mm ≈ 1 pt
        thick = i == len(rows) - 1
        borders.append(_el("bottom", val="single", sz=8 if thick else 6, space=1, color="000000"))  # 0.25 mm
        set_borders(ppr, borders)


# pPr children that come after pBdr in the schema (Word refuses files with them out of order).
AFTER_BORDERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                 "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                 "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                 "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                 "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def set_borders(ppr, borders) -> None:
    """Put a w:pBdr where the schema wants it in the paragraph properties."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    ppr.insert_element_before(borders, "w:shd", *AFTER_BORDERS[1:])
