from datetime import date, datetime

from print_helpers import laid_out_lines

from desk_app.domain import MeetingType, Role
from desk_app.reports.meeting_pdf import build_sign_in
from desk_app.reports.options import PrintOptions
from desk_app.reports.roster_pdf import build_rosters
from desk_app.services import campaigns, meetings, org, taskforces
from desk_app.services.meetings import MeetingInput


def test_people_who_left_are_not_printed_on_the_roster_or_the_sign_in_sheet(db):
    c = campaigns.create_campaign("2026年作风建设年", 2026, date(2026, 1, 1), date(2026, 12, 31))
    dept = org.create_department("办公室")
    stay, gone = (org.create_person(n, dept.id, "科员") for n in ("张三丰", "李四海"))
    tf = taskforces.create_task_force(c.id, "营商环境专班")
    taskforces.add_member(tf.id, stay.id, Role.LEAD)
    taskforces.add_member(tf.id, gone.id, Role.LIAISON)
    meeting = meetings.create_meeting(c.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 11, 20, 15)))
    before = "\n".join(laid_out_lines(build_rosters(PrintOptions())))
    assert "李四海" in before and "（2 人）" in before
    org.update_person(gone.id, active=False)
    roster = "\n".join(laid_out_lines(build_rosters(PrintOptions())))
    assert "李四海" not in roster and "张三丰" in roster and "（1 人）" in roster
    sign_in = "\n".join(laid_out_lines(build_sign_in(PrintOptions(meeting_id=meeting.id))))
    assert "张三丰" in sign_in and "李四海" not in sign_in and "应到：1 人" in sign_in


def test_short_titles_and_double_roles_stay_on_one_line(db):
    c = campaigns.create_campaign("2026年作风建设年", 2026, date(2026, 1, 1), date(2026, 12, 31))
    dept = org.create_department("政府采购监督管理科")
    tf = taskforces.create_task_force(c.id, "营商环境专班")
    lead = org.create_person("赖晓东", dept.id, "党组成员、副局长")
    liaison = org.create_person("廖刚", dept.id, "科员")
    taskforces.add_member(tf.id, lead.id, Role.LEAD)
    taskforces.add_member(tf.id, liaison.id, Role.SECONDED)
    taskforces.add_member(tf.id, liaison.id, Role.LIAISON)
    lines = laid_out_lines(build_rosters(PrintOptions()))
    assert {"党组成员、副局长", "抽调人员、联络员", "政府采购监督管理科"} <= set(lines)


def test_one_task_forces_roster_is_titled_by_its_name(db):
    c = campaigns.create_campaign("2026年作风建设年", 2026, date(2026, 1, 1), date(2026, 12, 31))
    dept = org.create_department("办公室")
    first, second = (taskforces.create_task_force(c.id, n) for n in ("营商环境专班", "乡村振兴专班"))
    for tf, name in ((first, "张三丰"), (second, "李四海")):
        taskforces.add_member(tf.id, org.create_person(name, dept.id, "科员").id, Role.LEAD)
    lines = laid_out_lines(build_rosters(PrintOptions(task_force_id=second.id)))
    assert lines[0] == "乡村振兴专班人员名单" and "李四海" in lines and "张三丰" not in lines
    assert not any("个专班" in line for line in lines)
    every = laid_out_lines(build_rosters(PrintOptions()))
    assert every[0] == "2026年作风建设年专班人员名单" and {"张三丰", "李四海"} <= set(every)
