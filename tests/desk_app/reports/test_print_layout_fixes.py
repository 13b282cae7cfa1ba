"""Layout faults a review found: blocks running off the page, texts drawn over each other."""

from __future__ import annotations

import pytest
from print_helpers import page_texts

from desk_app.reports import registry
from desk_app.reports.layout import JUSTIFIED, TEXT
from desk_app.reports.options import PrintOptions
from desk_app.services import settings


def squash(text: str) -> str:
    return "".join(text.split())


def text_boxes(doc) -> list[tuple[int, float, float, float, str]]:
    """(page, x_left, x_right, baseline, text) of every line of text the document draws."""
    fonts = {f.name: f for f in (doc.fonts.body, doc.fonts.heading, doc.fonts.title)}
    boxes = []
    for number, page in enumerate(doc.pages):
        for op in page.ops:
            if op[0] in (TEXT, JUSTIFIED):
                width = fonts[op[1]].width(op[5], op[2])
                if op[0] == JUSTIFIED:
                    width += op[6] * (len(op[5]) - 1)
                boxes.append((number, op[3], op[3] + width, op[4], op[5]))
    return boxes


def assert_inside_frame(doc) -> None:
    right = doc.setup.width - doc.setup.right + 0.5
    outside = [b[4] for b in text_boxes(doc) if b[1] < doc.setup.left - 0.5 or b[2] > right]
    assert not outside


@pytest.mark.parametrize("kind,a3", [("stats", False), ("rosters", False), ("stats", True), ("ledger", False),
                                     ("dispatch", False), ("key-tasks", False), ("problem-list", False)])
def test_header_block_keeps_the_whole_phone_number_on_the_page(demo, kind, a3):
    header = settings.report_header()
    settings.save_report_header(settings.ReportHeader(
        unit="市财政局“观念能力作风建设年”活动办公室", filled_by=header.filled_by or "易春燕",
        reviewed_by=header.reviewed_by or "赖晓东", phone="0797-13471234567"))
    doc = registry.get_kind(kind).build(PrintOptions(a3=a3))
    flat = squash(page_texts(doc.render())[0])
    for part in ("市财政局“观念能力作风建设年”活动办公室", "联系电话：0797-13471234567", "填报日期："):
        assert part in flat
    assert_inside_frame(doc)


LONG_OFFICE = "市财政局“观念能力作风建设年”活动办公室"
VERY_LONG_OFFICE = "中共某某市财政局党组“观念能力作风建设年”活动领导小组办公室（专班工作推进组）"


def _meeting_with_minutes(demo):
    from desk_app.services import meetings

    return meetings.get_meeting(next(s.id for s in meetings.list_meetings(demo.campaign_id)
                                     if s.meeting_type == "专班推进会" and s.present))


def _set_issuer(unit: str) -> None:
    settings.save_report_header(settings.ReportHeader(unit=unit))


@pytest.mark.parametrize("office", ["活动办", LONG_OFFICE, VERY_LONG_OFFICE])
def test_minutes_issuer_and_date_never_overlap(demo, tmp_path, office):
    from print_helpers import overlapping_words, word_boxes

    from desk_app.services.ledger_columns import cn_date

    _set_issuer(office)
    m = _meeting_with_minutes(demo)
    path = tmp_path / "minutes.pdf"
    registry.render_to_file("minutes", PrintOptions(meeting_id=m.id), path)
    boxes = word_boxes(path)
    assert not overlapping_words(boxes)
    date_text = cn_date(m.start_at.date())
    date_box = next(b for b in boxes if b[4] == date_text)
    issuer_boxes = [b for b in boxes if b[4] and b[4] in office and b[1] < date_box[3]]
    assert "".join(b[4] for b in issuer_boxes) == office  # every character printed, none lost
    page_width, right_margin = 595.28, 26 * 72 / 25.4
    assert date_box[2] <= page_width - right_margin  # the date stays inside the text block
    issuer_right = max(b[2] for b in issuer_boxes)
    if office == VERY_LONG_OFFICE:  # too long to share a line: the date goes below, at the right
        assert date_box[1] > max(b[3] for b in issuer_boxes) - 1
        assert date_box[2] > issuer_right - 1
    else:
        assert abs(date_box[1] - issuer_boxes[0][1]) < 2 and date_box[0] - issuer_right >= 2 * 14


@pytest.mark.parametrize("office,one_line", [("活动办", True), (LONG_OFFICE, True), (VERY_LONG_OFFICE, False)])
def test_minutes_in_word_keep_the_date_on_one_line(demo, tmp_path, office, one_line):
    from docx import Document
    from docx.shared import Mm

    from desk_app.exchange.docx_export import export_meeting_docx
    from desk_app.reports.official import full_width_measure
    from desk_app.services.ledger_columns import cn_date

    _set_issuer(office)
    m = _meeting_with_minutes(demo)
    doc = Document(export_meeting_docx(m.id, "minutes", tmp_path / "纪要.docx"))
    date_text = cn_date(m.start_at.date())
    width = Mm(156).pt
    if one_line:
        line = doc.paragraphs[2]
        assert line.text == f"{office}\t{date_text}" and "w:pBdr" in line._p.xml
        size = line.runs[0].font.size.pt
        assert 14 <= size <= 16
        tab = line.paragraph_format.tab_stops[0].position.pt
        assert tab <= width
        # Word wraps the date when it does not fit between the issuer and the right tab stop.
        issuer_end = line.paragraph_format.left_indent.pt + full_width_measure(office, size)
        assert issuer_end + size <= tab - full_width_measure(date_text, size)
    else:
        issuer, date_line = doc.paragraphs[2], doc.paragraphs[3]
        assert issuer.text == office and "\t" not in issuer.text
        assert date_line.text == date_text and "w:pBdr" in date_line._p.xml
        assert date_line.alignment == 2  # right


def test_sign_in_sheet_keeps_each_title_on_one_line_and_room_for_notes(demo):
    from print_helpers import laid_out_lines

    m = _meeting_with_minutes(demo)
    doc = registry.get_kind("sign-in").build(PrintOptions(meeting_id=m.id))
    lines = laid_out_lines(doc)
    titles = {a.title for a in m.attendance if a.title}
    assert any(len(t) >= 8 for t in titles)  # 党组成员、副局长
    assert titles <= set(lines)  # each one drawn whole, never 副局/长
    header = next(page.ops for page in doc.pages)
    note_label = next(op for op in header if op[0] == TEXT and op[5] == "备注")
    frame_right = doc.setup.width - doc.setup.right
    # The label is centred in its column: column width = 2 × (right edge − label start) − label width.
    note_width = 2 * (frame_right - note_label[3]) - doc.fonts.heading.width("备注", note_label[2])
    assert note_width >= 4 * 9  # at least four characters for a hand-written note
    assert_inside_frame(doc)


def test_sign_in_layout_shrinks_then_wraps_only_the_long_columns():
    from desk_app.reports.fonts import font_set
    from desk_app.reports.meeting_pdf import sign_in_columns, sign_in_layout
    from desk_app.services.meeting_attendance import SignInRow

    fonts = font_set()
    columns = sign_in_columns()
    width = 493.0
    short = [SignInRow("张三", "办公室", "科员", "13800000000")]
    size, widths = sign_in_layout(columns, short, fonts.body, fonts.heading, width)
    assert size == 11 and sum(widths) == pytest.approx(width)
    long = [SignInRow("欧阳子健", "政府采购监督管理科（行政审批服务科）", "党组成员、副局长、一级调研员",
                      "0797-8888888-123", "请假", "参加省财政厅举办的全省财政系统业务培训班")]
    size, widths = sign_in_layout(columns, long, fonts.body, fonts.heading, width)
    assert size == 9 and sum(widths) <= width + 0.01
    title = [c.label for c in columns].index("职务")
    assert widths[title] >= fonts.body.width(long[0].title, size) + 8  # the title still on one line
    assert widths[[c.label for c in columns].index("签名")] >= 5 * size


@pytest.mark.parametrize("kinds,layers,expected", [
    ([], [], "台账"),  # the demo holds 问题整改 and 督办/议定/重点任务 together
    (["问题整改"], [], "问题整改台账"),
    ([], ["处级干部"], "问题整改台账"),  # only 问题整改 have a layer
    (["重点任务"], [], "重点任务分工台账"),
    (["督办事项"], [], "督办事项台账"),
    (["议定事项"], [], "议定事项台账"),
    (["督办事项", "重点任务"], [], "台账"),
])
def test_ledger_title_names_what_the_filter_holds(demo, kinds, layers, expected):
    from desk_app.reports.options import campaign_name, with_campaign
    from desk_app.services.ledger_query import LedgerFilter

    f = with_campaign(LedgerFilter(kinds=kinds, layers=layers))
    doc = registry.get_kind("ledger").build(PrintOptions(filter=f))
    assert doc.title == f"{campaign_name(f)}{expected}"
    assert doc.title in squash(page_texts(doc.render())[0])
