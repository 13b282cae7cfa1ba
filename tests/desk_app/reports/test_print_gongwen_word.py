"""The Word 纪要 on the GB/T 9704-2012 page: margins, line grid, "— N —" PAGE fields in odd and even
footers, masthead 35 mm down, 版记 framed at the foot of the text block."""

from __future__ import annotations

from docx import Document
from docx.shared import Mm

from desk_app.exchange.docx_export import export_meeting_docx
from desk_app.services import meetings, settings

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _minutes(demo, tmp_path):
    m = next(r for r in (meetings.get_meeting(x.id) for x in meetings.list_meetings(demo.campaign_id))
             if r.attendance and r.minutes)
    settings.put("gongwen_record", {"cc": "市委督查室", "printer": ""})
    return Document(export_meeting_docx(m.id, "minutes", tmp_path / "纪要.docx"))


def test_word_minutes_number_pages_on_the_outer_side(demo, tmp_path):
    doc = _minutes(demo, tmp_path)
    section = doc.sections[0]
    def near(a, b):
        return abs(a - b) < Mm(0.1)

    assert near(section.top_margin, Mm(37)) and near(section.left_margin, Mm(28))
    assert near(section.page_width - section.left_margin - section.right_margin, Mm(156))
    assert near(section.page_height - section.top_margin - section.bottom_margin, Mm(225))
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")
        assert f'w:jc w:val="{align}"' in xml
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid is not None and int(grid.get(f"{W}linePitch")) * 22 <= 225 / 25.4 * 72 * 20


def test_word_minutes_masthead_and_record(demo, tmp_path):
    doc = _minutes(demo, tmp_path)
    masthead = doc.paragraphs[0]
    assert masthead.text.endswith("纪要")
    assert Mm(25) < masthead.paragraph_format.space_before < Mm(35)  # 35 mm less the line's lead
    record = [p for p in doc.paragraphs if p._p.find(f"{W}pPr/{W}framePr") is not None]
    assert [p.text.split("：")[0] for p in record][0] == "抄送" and record[-1].text.endswith("印发")
    frame = record[-1]._p.find(f"{W}pPr/{W}framePr")
    assert frame.get(f"{W}yAlign") == "bottom" and frame.get(f"{W}vAnchor") == "margin"
    body = [p for p in doc.paragraphs if p.text.startswith("出席")]
    assert body  # 出席 follows the body, kept with it
