"""公文 papers read back from the rendered PDF (GB/T 9704-2012): text block, 22 × 28 grid, "— N —" page
numbers, 纪要标志 position, 版记 rules, signature never alone, role fonts, long names."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from print_helpers import fonts_of, gongwen_page_numbers, page_texts, word_boxes

from desk_app.reports import gongwen, gongwen_blocks, registry
from desk_app.reports.fonts import document_fonts
from desk_app.reports.gongwen import GRID, TEXT_HEIGHT, Gongwen
from desk_app.reports.layout import LINES
from desk_app.reports.options import PrintOptions
from desk_app.services import meetings, settings

PT = 25.4 / 72  # mm per point
LEFT, RIGHT, TOP, BOTTOM = 28.0, 184.0, 37.0, 262.0  # the 156 × 225 mm text block, from the paper's corner


def _render(kind: str, options: PrintOptions, tmp_path):
    path = tmp_path / f"{kind}.pdf"
    pages = registry.render_to_file(kind, options, path)
    return path, pages


def _mm(boxes):
    return [(a * PT, b * PT, c * PT, d * PT, t) for a, b, c, d, t in boxes]


def _meeting(demo, minutes: str | None = None, contact: str | None = None):
    for m in meetings.list_meetings(demo.campaign_id):
        record = meetings.get_meeting(m.id)
        if record.attendance and record.minutes:
            break
    if minutes is not None or contact is not None:
        from desk_app.db.models import Meeting

        Meeting.update(**{k: v for k, v in (("minutes", minutes), ("contact", contact)) if v is not None}) \
            .where(Meeting.id == record.id).execute()
    return meetings.get_meeting(record.id)


LONG_UNIT = "市财政局“观念能力作风建设年”活动领导小组办公室暨优化营商环境提升专项行动工作专班综合协调组"


@pytest.fixture
def long_issuer(demo):
    header = settings.report_header()
    header.unit = LONG_UNIT
    settings.save_report_header(header)
    settings.put(gongwen_blocks.RECORD_SETTING, {"cc": "市委督查室，市政府督查室，各县（区）财政局", "printer": ""})
    return LONG_UNIT


def test_notice_stays_in_the_text_block_with_outer_page_numbers_7mm_below(demo, long_issuer, tmp_path):
    m = _meeting(demo, contact="易春燕 13471029019。" + "请各单位按要求报送材料。" * 40)
    path, pages = _render("notice", PrintOptions(meeting_id=m.id), tmp_path)
    assert pages >= 2
    for page in range(1, pages + 1):
        boxes = _mm(word_boxes(path, page))
        dashes = [b for b in boxes if b[4] == "—"]
        body = [b for b in boxes if b not in dashes and not b[4].isdigit()]
        assert body and min(b[0] for b in body) >= LEFT - 0.3 and max(b[2] for b in body) <= RIGHT + 0.3
        assert min(b[1] for b in body) >= TOP - 0.5 and max(b[3] for b in body) <= BOTTOM + 0.5
        assert len(dashes) == 2
        centre = (dashes[0][1] + dashes[0][3]) / 2
        assert centre == pytest.approx(BOTTOM + 7, abs=0.5)  # §7.5: 一字线 7 mm below the text block
        one = 14 * PT  # 空一字 of 4号
        if page % 2:
            assert max(d[2] for d in dashes) == pytest.approx(RIGHT - one, abs=0.3)
        else:
            assert min(d[0] for d in dashes) == pytest.approx(LEFT + one, abs=0.3)
    texts = page_texts(path.read_bytes())
    assert gongwen_page_numbers(texts) == list(range(1, pages + 1))
    flat = "".join("".join(t.split()) for t in texts)
    assert "抄送：市委督查室，市政府督查室，各县（区）财政局。" in flat and "印发" in flat
    assert "".join(LONG_UNIT.split()) in flat  # the long issuer wraps, all of it printed


def test_full_pages_hold_22_lines_of_28_characters(demo, tmp_path):
    m = _meeting(demo, minutes="会议强调，" + "各专班要压实责任抓好整改落实确保按期完成" * 150)
    path, pages = _render("minutes", PrintOptions(meeting_id=m.id), tmp_path)
    boxes = _mm(word_boxes(path, 2))
    rows = Counter(round(b[3], 2) for b in boxes if b[4] != "—" and not b[4].isdigit())
    assert len(rows) == 22
    tops = sorted(rows)
    steps = {round(b - a, 2) for a, b in zip(tops, tops[1:], strict=False)}
    assert all(abs(s - 225 / 22) < 0.05 for s in steps), steps
    doc = registry.get_kind("minutes").build(PrintOptions(meeting_id=m.id))
    page_two = "".join(op[5] for op in doc.pages[1].ops if op[0] == 1)
    full = [line for line in _lines(doc.pages[1]) if len(line) >= 27]
    assert full and all(len(line) == 28 for line in full[:-1])
    assert len(page_two) > 22 * 27


def _lines(page) -> list[str]:
    by_y: dict[float, str] = {}
    for op in page.ops:
        if op[0] == 1:
            by_y[round(op[4], 1)] = by_y.get(round(op[4], 1), "") + op[5]
    return [by_y[y] for y in sorted(by_y, reverse=True)]


def test_minutes_masthead_35mm_below_the_block_and_record_rules_on_its_foot(demo, tmp_path):
    m = _meeting(demo)
    path, pages = _render("minutes", PrintOptions(meeting_id=m.id), tmp_path)
    boxes = _mm(word_boxes(path, 1))
    mast = next(b for b in boxes if b[4].endswith("纪要"))
    assert mast[1] == pytest.approx(TOP + 35, abs=1.0)  # §10.3: 上边缘至版心上边缘 35 mm
    doc = registry.get_kind("minutes").build(PrintOptions(meeting_id=m.id))
    rules = [op for op in doc.pages[-1].ops if op[0] == LINES and op[1][0][1] == op[1][0][3]]
    foot = doc.setup.bottom
    thick = [r for r in rules if r[2] == pytest.approx(gongwen_blocks.THICK)]
    assert len(thick) == 2 and min(r[1][0][1] for r in thick) == pytest.approx(foot)  # the last rule on the foot
    assert all(r[1][0][0] == pytest.approx(doc.setup.left) and r[1][0][2] - r[1][0][0] == pytest.approx(gongwen.TEXT_WIDTH)
               for r in thick)
    assert "印发" in "".join(page_texts(path.read_bytes())[-1].split())


def _paper(body_lines: int, closing: str = "signature"):
    """A 公文 whose body is `body_lines` one-line paragraphs, then its closing block and 版记."""
    gw = Gongwen("测试", fonts=document_fonts({}))
    gw.title("关于测试的通知")
    gw.blank()
    for i in range(body_lines):
        gw.paragraph(f"第{i + 1}段。" + "正文" * 8)
    gongwen_blocks.signature(gw, "某某活动办公室", "2026年11月23日")
    gongwen_blocks.record(gw, "某某活动办公室", "2026年11月23日", "市委督查室")
    return gw.build()


@pytest.mark.parametrize("body_lines", range(14, 44))
def test_signature_never_stands_alone_on_a_page(body_lines):
    doc = _paper(body_lines)
    last = _lines(doc.pages[-1])
    body = [line for line in last if line.startswith("第")]
    assert "2026年11月23日" in last and "某某活动办公室" in last
    assert len(body) >= 2, f"{body_lines} lines: the signature page holds {body}"
    for page in doc.pages[:-1]:  # every other page is full or ends where the rules moved the cut
        assert len([line for line in _lines(page) if line.startswith("第")]) >= 2


def test_one_line_too_many_is_fitted_onto_the_page_instead():
    gw = Gongwen("测试", fonts=document_fonts({}))
    for i in range(22):
        gw.paragraph(f"第{i + 1}段。")
    gw.paragraph("最后一段。")
    doc = gw.build()
    assert len(doc.pages) == 1  # 23 lines on one page: GB/T 9704-2012 §7.3.5.5 allows the squeeze
    assert gw.used_height() == pytest.approx(TEXT_HEIGHT + GRID)


def test_role_fonts_are_embedded_and_distinct(demo, tmp_path):
    m = _meeting(demo)
    path, _pages = _render("notice", PrintOptions(meeting_id=m.id), tmp_path)
    names = " ".join(name for name, emb in fonts_of(path) if emb == "yes")
    for face in ("BousungEG-Light-GB", "GBZenKai-Medium", "WenQuanYiMicroHei"):  # 宋/仿宋, 楷, 黑
        assert face in names
    assert all(emb == "yes" for _n, emb in fonts_of(path))


def test_a_name_outside_gb2312_prints_through_the_fallback_face(demo, tmp_path):
    from desk_app.db.models import Person

    person = Person.select().first()
    Person.update(name="张喆堃").where(Person.id == person.id).execute()
    m = _meeting(demo)
    path, _pages = _render("minutes", PrintOptions(meeting_id=m.id), tmp_path)
    flat = "".join(page_texts(path.read_bytes()))
    names = {a.name for a in m.attendance}
    if "张喆堃" in names:
        assert "张喆堃" in "".join(flat.split())
    face = document_fonts({}).body
    assert not face.has("喆") and face.width("喆", 10) == pytest.approx(10.0)
    assert [f.name for f, _t in face.runs("张喆同志")] == [face.name, face.fallback.name, face.name]


def test_overdue_headings_wrap_and_continued_groups_repeat_them(demo, tmp_path):
    from desk_app.db.models import Department

    dept = Department.select().first()
    Department.update(name=LONG_UNIT + "第一科").where(Department.id == dept.id).execute()
    path, pages = _render("overdue", PrintOptions(), tmp_path)
    texts = page_texts(path.read_bytes())
    flat = "".join("".join(t.split()) for t in texts)
    assert "".join((LONG_UNIT + "第一科").split()) in flat
    for page in range(1, pages + 1):
        boxes = _mm(word_boxes(path, page))
        assert max(b[2] for b in boxes) <= RIGHT + 0.3
    doc = registry.get_kind("overdue").build(PrintOptions())
    for page in doc.pages[1:]:
        lines = _lines(page)
        has_rows = any(line.startswith(("ZG-", "DB-", "RW-", "YD-")) for line in lines)
        if has_rows:
            assert "、" in lines[0] and "条）" in "".join(lines[:3]), lines[:3]  # a heading tops the page
    assert any("（续）" in "".join(_lines(p)[:3]) for p in doc.pages[1:]) or len(doc.pages) < 3


def test_long_supervision_sheet_keeps_its_border_and_name_on_continued_pages(demo):
    from desk_app.db.models import LedgerEntry

    entry = LedgerEntry.select().first()
    LedgerEntry.update(description="问题表现很长。" * 500).where(LedgerEntry.id == entry.id).execute()
    doc = registry.get_kind("supervision").build(PrintOptions(entry_id=entry.id))
    assert len(doc.pages) >= 2
    for page in doc.pages[1:]:
        texts = [op[5] for op in page.ops if op[0] == 0]
        assert texts and texts[0].startswith("督办单（续）") and entry.code in texts[0]
        first_rule = next(op for op in page.ops if op[0] == LINES)
        (x0, y0, x1, y1), = first_rule[1][:1]
        assert y0 == y1 and x1 - x0 == pytest.approx(doc.setup.frame_width)  # the top border


def test_sign_in_title_of_a_long_meeting_fits_the_page(demo, tmp_path):
    from desk_app.db.models import Meeting

    m = _meeting(demo)
    Meeting.update(title="七大专班暨优化营商环境提升专项行动第十次推进会议" * 3).where(Meeting.id == m.id).execute()
    path, pages = _render("sign-in", PrintOptions(meeting_id=m.id), tmp_path)
    boxes = _mm(word_boxes(path, 1))
    width = 210.0
    assert all(b[0] > 0 and b[2] < width for b in boxes)
    flat = "".join("".join(t.split()) for t in page_texts(path.read_bytes()))
    assert "七大专班暨优化营商环境提升专项行动第十次推进会议" * 3 + "签到表" in flat
    last = "".join(page_texts(path.read_bytes())[-1].split())
    assert "应到" in last and any(a.name in last for a in meetings.get_meeting(m.id).attendance)



@pytest.mark.parametrize(("printer", "rows"), [
    ("市财政局办公室", ["市财政局办公室"]),  # beside the date
    ("市财政局“观念能力作风建设年”活动办公室", ["市财政局“观念能力作风建设年”活动办公室", ""]),  # date below
    (LONG_UNIT, [LONG_UNIT[:29], LONG_UNIT[29:]]),  # whole lines, the date beside the last
])
def test_a_printer_too_long_for_the_date_line_takes_whole_lines(printer, rows):
    """A 印发机关 that does not fit beside the date is never broken before a lone last character."""
    gw = Gongwen("测试", fonts=document_fonts({}))
    one = gongwen_blocks.RECORD
    date_room = gw.fonts.body.width("2026年11月25日印发", one) + one
    assert gongwen_blocks.printer_rows(gw.fonts.body, printer, gw.width - 2 * one, date_room) == rows


def test_notice_agenda_numbers_items_and_sub_items_apart_and_leaves_out_report_texts(demo, tmp_path):
    """Review 2 #7: 一、 items print as （一）, their sub-items as 1. 2.; the notice names the 专班 reports
    without their text, and the decision dates read 2026年12月31日."""
    from desk_app.db.models import Meeting, MeetingReport
    from desk_app.services import meeting_agenda

    m = next(x for x in meetings.list_meetings(demo.campaign_id)
             if MeetingReport.select().where(MeetingReport.meeting == x.id).exists())
    Meeting.update(agenda="").where(Meeting.id == m.id).execute()
    text = meeting_agenda.build_agenda(m.id).text
    path, _pages = _render("notice", PrintOptions(meeting_id=m.id), tmp_path)
    flat = "".join("".join(t.split()) for t in page_texts(path.read_bytes()))
    assert "（一）上次议定事项落实情况" in flat and "（二）各专班汇报本月工作进展" in flat
    assert "（三）" in flat and "（五）" not in flat  # four agenda items, nothing numbered at their level
    report = MeetingReport.select().where(MeetingReport.meeting == m.id).first()
    assert report.progress and "".join(report.progress.split()) not in flat
    assert "时限：" not in text or re.search(r"时限：\d{4}年\d{1,2}月\d{1,2}日", text)
    assert not re.search(r"时限：\d{4}-", text)
