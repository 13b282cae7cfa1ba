from datetime import date, datetime

import pytest

from desk_app.domain import Attendance, EntryKind, MeetingType, Role, Status
from desk_app.errors import ValidationError
from desk_app.services import (
    campaigns,
    context,
    ledger_query,
    meeting_agenda,
    meeting_attendance,
    meeting_decisions,
    meetings,
    org,
    taskforce_reports,
    taskforces,
    workflow,
)
from desk_app.services.meeting_decisions import DecisionInput
from desk_app.services.meetings import MeetingInput


@pytest.fixture
def office(db):
    c = campaigns.create_campaign("2026年作风建设年", 2026, date(2026, 1, 1), date(2026, 12, 31))
    dept = org.create_department("办公室")
    people = {n: org.create_person(n, dept.id, "科长") for n in ("张三", "李四", "王五", "赵六", "钱七")}
    tf = taskforces.create_task_force(c.id, "营商环境专班")
    taskforces.add_member(tf.id, people["张三"].id, Role.LEAD)
    taskforces.add_member(tf.id, people["李四"].id, Role.LIAISON)
    taskforces.add_member(tf.id, people["王五"].id, Role.SECONDED)
    return c, dept, people, tf


def _meeting(c, day, mtype=MeetingType.TASK_FORCE):
    return meetings.create_meeting(c.id, MeetingInput(mtype, datetime(2026, day[0], day[1], 15, 0), place="三楼"))


def test_numbers_are_per_type_and_year_and_stay_stable(office):
    c, *_ = office
    m1 = _meeting(c, (9, 20))
    m2 = _meeting(c, (10, 20))
    s1 = _meeting(c, (9, 10), MeetingType.STUDY_GROUP)
    assert (m1.number, m2.number, s1.number) == (1, 2, 1)
    assert m1.title == "专班第1次推进会" and m2.issue_no == 2 and s1.issue_no is None
    meetings.delete_meeting(m1.id)
    m3 = _meeting(c, (11, 20))
    assert m3.number == 3  # the deleted meeting's number is not reused
    edited = meetings.update_meeting(m2.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 10, 21, 9, 0),
                                                         "改名的推进会", "二楼"))
    assert edited.number == 2 and edited.title == "改名的推进会"
    assert [m.id for m in meetings.list_meetings(c.id, meeting_type=MeetingType.TASK_FORCE)] == [m3.id, m2.id]
    with pytest.raises(ValidationError, match="会议时间不能为空"):
        meetings.create_meeting(c.id, MeetingInput(MeetingType.TASK_FORCE, None))


def test_attendance_from_rosters_marking_and_totals(office):
    c, _, people, tf = office
    m = _meeting(c, (11, 20))
    assert meeting_attendance.build_from_rosters(m.id) == 2  # lead and liaison by default
    assert meeting_attendance.build_from_rosters(m.id, roles=None) == 1  # the whole roster adds 王五
    rows = meeting_attendance.list_attendance(m.id)
    assert [r.name for r in rows] == ["张三", "李四", "王五"]
    meeting_attendance.set_statuses([(rows[0].id, Attendance.PRESENT, "ignored"),
                                     (rows[1].id, Attendance.LEAVE, "出差")])
    guest = meeting_attendance.add_attendee(m.id, name="孙八", unit="市活动办", status=Attendance.OBSERVER)
    rec = meetings.get_meeting(m.id)
    assert rec.totals.as_dict() == {"应到": 3, "实到": 1, "请假": 1, "缺席": 0, "列席": 1, "未签到": 1}
    assert rec.attendance[0].reason == "" and rec.leave_lines == ["李四（出差）"]
    assert guest.name in rec.names_with(Attendance.OBSERVER)
    with pytest.raises(ValidationError):
        meeting_attendance.set_statuses([(rows[0].id, "迟到", "")])


def test_roll_call_parses_common_shapes():
    lines = meeting_attendance.parse_roll_call("#接龙 会议签到\n1. 张三\n李四 钱七\n2、王五（请假：出差）\n赵  六")
    assert [(x.name, x.status, x.reason) for x in lines] == [
        ("张三", "出席", ""), ("李四", "出席", ""), ("钱七", "出席", ""), ("王五", "请假", "出差"), ("赵六", "出席", "")]


def test_roll_call_reports_unknown_names_and_adds_known_people(office):
    c, *_ = office
    m = _meeting(c, (11, 20))
    meeting_attendance.build_from_rosters(m.id, roles=None)
    result = meeting_attendance.apply_roll_call(m.id, "1. 张三\n2、王五（请假：出差）\n3. 钱七\n4. 查无此人")
    assert result.marked == ("张三", "王五") and result.added == ("钱七",) and result.unknown == ("查无此人",)
    by_name = {a.name: a for a in meetings.get_meeting(m.id).attendance}
    assert by_name["张三"].status == "出席" and by_name["王五"].status == "请假" and by_name["王五"].reason == "出差"
    assert by_name["钱七"].status == "出席" and by_name["李四"].status == ""
    with pytest.raises(ValidationError, match="没有找到姓名"):
        meeting_attendance.apply_roll_call(m.id, "\n#接龙\n")


def test_decisions_are_ledger_entries_numbered_within_the_meeting(office):
    c, dept, people, tf = office
    m = _meeting(c, (11, 20))
    d1 = meeting_decisions.add_decision(m.id, DecisionInput("加快审批", dept.id, people["张三"].id, date(2026, 12, 31),
                                                            task_force_id=tf.id))
    d2 = meeting_decisions.add_decision(m.id, DecisionInput("报送方案", dept.id, None, date(2026, 12, 10)))
    assert (d1.number, d2.number) == (1, 2) and d1.code.startswith("YD-2026-")
    found = ledger_query.fetch_entries(ledger_query.LedgerFilter(campaign_id=c.id, meeting_id=m.id))
    assert {(e.kind, e.description, e.decision_no) for e in found} == {
        (EntryKind.DECISION, "加快审批", 1), (EntryKind.DECISION, "报送方案", 2)}
    updated = meeting_decisions.update_decision(d2.entry_id, DecisionInput("报送方案（修改）", dept.id, None,
                                                                            date(2026, 12, 15)))
    assert updated.deadline == date(2026, 12, 15) and updated.number == 2
    meeting_decisions.delete_decision(d1.entry_id)
    assert [(d.text, d.number) for d in meetings.get_meeting(m.id).decisions] == [("报送方案（修改）", 1)]
    with pytest.raises(ValidationError, match="时限"):
        meeting_decisions.add_decision(m.id, DecisionInput("无时限", dept.id))
    with pytest.raises(ValidationError, match="不能早于会议日期"):
        meeting_decisions.add_decision(m.id, DecisionInput("早于会议", dept.id, None, date(2026, 11, 1)))


def test_deadline_error_quotes_the_meeting_day_not_today(office):
    c, dept, *_ = office
    context.set_today(date(2026, 12, 1))
    try:
        m = _meeting(c, (12, 24))  # a meeting set for later in the month
        with pytest.raises(ValidationError) as info:
            meeting_decisions.add_decision(m.id, DecisionInput("早于会议", dept.id, None, date(2026, 12, 10)))
        assert "会议日期（2026-12-24）" in info.value.message and "2026-12-01" not in info.value.message
        d = meeting_decisions.add_decision(m.id, DecisionInput("会后一月", dept.id, None, date(2027, 1, 31)))
        assert d.deadline == date(2027, 1, 31)
    finally:
        context.set_today(None)


def test_agenda_lists_open_decisions_of_earlier_meetings_then_reports(office):
    c, dept, people, tf = office
    first = _meeting(c, (10, 20))
    done = meeting_decisions.add_decision(first.id, DecisionInput("已办完的事", dept.id, None, date(2026, 11, 1)))
    meeting_decisions.add_decision(first.id, DecisionInput("还在推进的事", dept.id, None, date(2026, 12, 1)))
    workflow.set_status([done.entry_id], Status.ONGOING)  # a done status: no longer open
    taskforce_reports.save_report(tf.id, "2026-11", "本月进展甲", "问题乙", "计划丙")
    other = taskforces.create_task_force(c.id, "债券专班")
    second = _meeting(c, (11, 20))
    agenda = meeting_agenda.build_agenda(second.id)
    assert [d.text for d in agenda.open_decisions] == ["还在推进的事"]
    assert agenda.missing_reports == (other.name,)
    text = meetings.get_meeting(second.id).agenda
    # Sub-items 1. 2. under the 一、 items (the notice prints those as （一）), dates as papers write them.
    assert text.startswith("一、上次议定事项落实情况\n上次会议议定、尚未落实的事项：\n1. 还在推进的事")
    assert "时限：2026年12月1日" in text and "（一）" not in text
    assert "\n1. 营商环境专班\n" in text
    assert text.index("上次议定事项") < text.index("营商环境专班") < text.index("本月进展甲")
    assert meetings.get_meeting(second.id).reports[0].progress == "本月进展甲"
    meeting_agenda.update_meeting_report(second.id, tf.id, progress="会上更正", problems="", next_steps="")
    meeting_agenda.build_agenda(second.id)  # rebuilding keeps what was corrected at the meeting
    assert meetings.get_meeting(second.id).reports[0].progress == "会上更正"
    assert taskforce_reports.get_report(tf.id, "2026-11").progress == "本月进展甲"


def test_agenda_lists_the_last_meetings_open_decisions_and_counts_older_ones(office):
    """Review 2 #7: the 上次议定事项 are the last meeting's, not every open one back to February."""
    c, dept, people, tf = office
    first = _meeting(c, (9, 20))
    meeting_decisions.add_decision(first.id, DecisionInput("九月议定的事", dept.id, None, date(2026, 12, 1)))
    last = _meeting(c, (10, 20))
    meeting_decisions.add_decision(last.id, DecisionInput("十月议定的事", dept.id, None, date(2026, 12, 1)))
    now = _meeting(c, (11, 20))
    meeting_agenda.build_agenda(now.id)
    text = meetings.get_meeting(now.id).agenda
    assert "1. 十月议定的事" in text and "九月议定的事" not in text
    assert "此前各次会议议定、尚未落实的事项另有 1 项" in text


def test_get_meeting_on_demo_data_has_everything_print_needs(demo):
    latest = meetings.list_meetings(demo.campaign_id, meeting_type=MeetingType.TASK_FORCE)[0]
    rec = meetings.get_meeting(latest.id)
    assert rec.totals.expected == latest.expected and rec.totals.present == latest.present
    assert rec.decisions and all(d.meeting_id == rec.id for d in rec.decisions)
    assert rec.reports and rec.host_name and rec.minutes
    counts = meetings.meeting_counts(demo.campaign_id)
    assert counts["by_type"][MeetingType.TASK_FORCE]["total"] == 12 and counts["decisions"] > 0


def test_a_notice_is_dated_when_printed_but_never_after_its_meeting(office):
    c = office[0]
    with context.today_in_this_thread(date(2026, 12, 1)):
        m = _meeting(c, (12, 24))  # arranged on 12-01 for the 24th
        assert meetings.notice_date(m.id) == date(2026, 12, 1)
    with context.today_in_this_thread(date(2026, 12, 10)):
        assert meetings.notice_date(m.id) == date(2026, 12, 10)  # printed again before the meeting
    with context.today_in_this_thread(date(2027, 1, 5)):
        assert meetings.notice_date(m.id) == date(2026, 12, 1)  # a copy for the file: the day it was arranged
        late = _meeting(c, (12, 28))  # recorded only after it was held
        assert meetings.notice_date(late.id) == date(2026, 12, 28)


def test_a_new_meeting_continues_the_series_title_unless_given_one(office):
    c = office[0]
    assert _meeting(c, (9, 20)).title == "专班第1次推进会"
    meetings.create_meeting(c.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 10, 20, 15), "七大专班第2次推进会"))
    assert _meeting(c, (11, 20)).title == "七大专班第3次推进会"
    assert meetings.create_meeting(c.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 12, 20, 15),
                                                      "年终推进会")).title == "年终推进会"
    assert _meeting(c, (12, 28)).title == "专班第5次推进会"  # the last title names no number: the default
    previous = meetings.previous_input(c.id, MeetingType.TASK_FORCE)
    assert (previous.place, previous.start_at) == ("三楼", datetime(2026, 12, 28, 15))
    assert meetings.previous_input(c.id, MeetingType.STUDY_GROUP) is None
