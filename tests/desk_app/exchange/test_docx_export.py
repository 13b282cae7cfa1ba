"""会议纪要 and 签到表 as Word files: the layout of the PDFs, editable text, the attendance lines."""

import pytest
from docx import Document

from desk_app.domain import Attendance
from desk_app.errors import DeskAppError, ValidationError
from desk_app.exchange.docx_export import export_meeting_docx
from desk_app.services import meetings, settings
from desk_app.services.meeting_attendance import DEFAULT_ROLES


@pytest.fixture
def meeting(demo):
    settings.save_report_header(settings.ReportHeader(unit="市财政局活动办"))
    summaries = meetings.list_meetings(demo.campaign_id)
    return meetings.get_meeting(next(s.id for s in summaries if s.meeting_type == "专班推进会" and s.present))


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_minutes_follow_the_official_layout(meeting, tmp_path):
    out = export_meeting_docx(meeting.id, "minutes", tmp_path / "纪要.docx")
    doc = Document(out)
    texts = _texts(doc)
    assert texts[0] == "专班推进会纪要"
    masthead = doc.paragraphs[0].runs[0]
    assert str(masthead.font.color.rgb) == "C00000" and masthead.font.size.pt == 36
    assert texts[1] == f"（第{meeting.issue_no or meeting.number}期）"
    assert texts[2].startswith("市财政局活动办\t") and texts[2].endswith(f"{meeting.start_at.year}年"
                                                                   f"{meeting.start_at.month}月{meeting.start_at.day}日")
    assert "w:pBdr" in doc.paragraphs[2]._p.xml  # the red rule under issuer and date
    present = [t for t in texts if t.startswith("出席：")]
    assert present and present[0] == "出席：" + "、".join(meeting.names_with(Attendance.PRESENT))
    body = doc.paragraphs[4]
    assert body.paragraph_format.first_line_indent.pt == 32
    section = doc.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28


def test_sign_in_table_and_totals(meeting, tmp_path):
    out = export_meeting_docx(meeting.id, "signin", tmp_path / "签到表.docx")
    doc = Document(out)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "姓名", "单位", "职务", "联系电话", "签名", "备注"]
    assert len(table.rows) == len(meeting.attendance) + 2  # the header, a row each, the totals
    assert [table.rows[i + 1].cells[1].text for i in range(len(meeting.attendance))] == [
        a.name for a in meeting.attendance]
    assert all(row.cells[5].text == "" for row in table.rows[1:-1])  # 签名 left blank
    assert "w:tblHeader" in table.rows[0]._tr.xml
    totals, recorder = (p.text for p in table.rows[-1].cells[0].paragraphs)
    assert f"应到：{meeting.totals.expected} 人" in totals and f"请假：{meeting.totals.leave} 人" in totals
    assert recorder.startswith("记录人：")


def test_a_sign_in_sheet_without_a_list_yet_lists_the_rosters_as_the_pdf_does(demo, tmp_path):
    from datetime import datetime

    from desk_app.domain import MeetingType
    from desk_app.services import taskforces

    m = meetings.create_meeting(demo.campaign_id, meetings.MeetingInput(MeetingType.TASK_FORCE,
                                                                        datetime(2026, 12, 20, 15)))
    doc = Document(export_meeting_docx(m.id, "signin", tmp_path / "签到表.docx"))
    names = [row.cells[1].text for row in doc.tables[0].rows[1:-1]]  # the last row: the totals
    members = {mem.person_id: mem.name for mem in sorted(
        (mem for tf in taskforces.list_task_forces(demo.campaign_id) for mem in tf.members_in(*DEFAULT_ROLES)),
        key=lambda mem: DEFAULT_ROLES.index(mem.role))}
    assert names == list(members.values())
    totals = doc.tables[0].rows[-1].cells[0].paragraphs[0].text
    assert totals.startswith(f"应到：{len(members)} 人") and "请假：＿＿ 人" in totals
    rows = doc.tables[0].rows
    kept = ["w:keepNext" in row._tr.xml for row in rows]
    assert kept[-4:-1] == [True] * 3 and not any(kept[:-4])  # the last rows go over with the totals row


def test_the_sign_in_totals_are_the_tables_last_row_so_libreoffice_keeps_them_with_the_rows(meeting, tmp_path):
    """After the table, LibreOffice let 应到/实到… and 记录人 stand alone on the last page (it drops keep-with-next
    from a table broken across pages to the paragraph after it); as a row that cannot split they stay."""
    doc = Document(export_meeting_docx(meeting.id, "signin", tmp_path / "签到表.docx"))
    last = doc.tables[0].rows[-1]
    assert "w:cantSplit" in last._tr.xml and len({id(c._tc) for c in last.cells}) == 1
    after = [p.text for p in doc.paragraphs if p._p.getprevious() is doc.tables[0]._tbl or p.text.startswith(
        ("应到", "记录人"))]
    assert after == [""]  # only the paragraph a Word body ends with, one point high


def test_bad_requests(meeting, tmp_path):
    with pytest.raises(ValidationError):
        export_meeting_docx(meeting.id, "agenda", tmp_path / "x.docx")
    with pytest.raises(DeskAppError):
        export_meeting_docx(99999, "minutes", tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_sign_in_columns_keep_titles_and_phones_on_one_line():
    from desk_app.exchange.docx_export import SIGN_IN_WIDTHS_CM, _sign_in_widths, _text_cm

    rows = [("1", "欧阳建国", "政府采购监督管理科", "党组成员、副局长", "13891731190", "", "请假（参加省厅培训）"),
            ("21", "易春燕", "办公室", "记录", "0371-63312345", "", "列席")]
    widths = _sign_in_widths(rows)
    assert abs(sum(widths) - sum(SIGN_IN_WIDTHS_CM)) < 1e-6  # exactly the text width of the page
    for column in (0, 1, 3, 4):  # 序号, 姓名, 职务, 联系电话 never wrap
        assert widths[column] >= max(_text_cm(r[column]) for r in rows) - 1e-6
    assert widths[5] >= 2.2 and widths[6] >= 2.2  # room to sign and to note by hand
