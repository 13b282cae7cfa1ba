"""接龙 lists as WeChat groups really write them."""

from datetime import datetime

import pytest

from desk_app.domain import Attendance, MeetingType
from desk_app.services import campaigns, meeting_attendance, meetings, org
from desk_app.services.meetings import MeetingInput
from desk_app.services.roll_call import read_roll_call

KNOWN = {"张三", "李四", "范琳", "王五", "赵六", "钱七", "周九", "吴十", "王伟", "郭一鸣", "代红"}

WECHAT = """#接龙
12月1日推进会参会人员
例 张三 办公室

1. 张三 办公室
2. @李四\u2005
3. 范琳 请假 外出培训
4. 王五（出差）
5. 赵六👍[强]
6、钱七病假
7. 周九 代吴十参会
8. 王  伟 公差-省厅
9. 查无此人 财务科
10. 代红
11. 郭一鸣 收到
"""


def _triples(lines):
    return [(x.name, x.status, x.reason) for x in lines]


def test_a_real_wechat_list():
    read = read_roll_call(WECHAT, Attendance.PRESENT, KNOWN)
    assert _triples(read.lines) == [
        ("张三", "出席", ""), ("李四", "出席", ""), ("范琳", "请假", "外出培训"), ("王五", "请假", "出差"),
        ("赵六", "出席", ""), ("钱七", "请假", "病假"), ("周九", "列席", "代吴十参会"), ("王伟", "请假", "公差：省厅"),
        ("查无此人", "出席", ""), ("代红", "出席", ""), ("郭一鸣", "出席", "")]
    assert read.skipped == ["12月1日推进会参会人员", "例 张三 办公室"]


@pytest.mark.parametrize("text, expected", [
    ("1. 张三\n2. 李四", [("张三", "出席", ""), ("李四", "出席", "")]),
    ("1.张三\n2.李四", [("张三", "出席", ""), ("李四", "出席", "")]),
    ("①张三\n②李四", [("张三", "出席", ""), ("李四", "出席", "")]),
    ("(1) 张三\n(2) 李四", [("张三", "出席", ""), ("李四", "出席", "")]),
    ("范琳 请假", [("范琳", "请假", "")]),
    ("范琳请假：孩子生病", [("范琳", "请假", "孩子生病")]),
    ("@范琳 病假", [("范琳", "请假", "病假")]),
    ("张三、李四（请假）、王五", [("张三", "出席", ""), ("李四", "请假", ""), ("王五", "出席", "")]),
    ("１．张三🎉🎉", [("张三", "出席", "")]),
    ("1. 王五 缺席", [("王五", "缺席", "")]),
    ("1. Tom 列席", [("Tom", "列席", "")]),
    ("2. 胡晓明 请假（出差）", [("胡晓明", "请假", "出差")]),
    ("2. 胡晓明 病假（住院）", [("胡晓明", "请假", "病假：住院")]),
])
def test_shapes(text, expected):
    assert _triples(read_roll_call(text, Attendance.PRESENT, KNOWN).lines) == expected


def test_without_known_names_the_old_shapes_still_read():
    lines = meeting_attendance.parse_roll_call("#接龙 会议签到\n1. 张三\n李四 钱七\n2、王五（请假：出差）\n赵  六")
    assert _triples(lines) == [("张三", "出席", ""), ("李四", "出席", ""), ("钱七", "出席", ""),
                               ("王五", "请假", "出差"), ("赵六", "出席", "")]


def test_a_line_with_no_name_is_reported_not_lost():
    read = read_roll_call("1. 张三\n👍👍\n[强]", Attendance.PRESENT, KNOWN)
    assert _triples(read.lines) == [("张三", "出席", "")] and read.skipped == ["👍👍", "[强]"]


@pytest.fixture
def meeting(db):
    c = campaigns.create_campaign("2026年作风建设年", 2026)
    dept = org.create_department("办公室")
    for name in ("张三", "范琳", "李四"):
        org.create_person(name, dept.id)
    m = meetings.create_meeting(c.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 12, 1, 15, 0)))
    return m, dept


def test_apply_marks_leave_and_offers_unknown_names(meeting):
    m, dept = meeting
    result = meeting_attendance.apply_roll_call(m.id, WECHAT)
    by_name = {a.name: a for a in meeting_attendance.list_attendance(m.id)}
    assert by_name["范琳"].status == "请假" and by_name["范琳"].reason == "外出培训"
    assert by_name["张三"].status == by_name["李四"].status == "出席"
    assert "查无此人" in result.unknown and "12月1日推进会参会人员" in result.skipped
    lines = [x for x in result.unknown_lines if x.name in ("查无此人", "周九")]
    ids = meeting_attendance.admit_unknown(m.id, lines, as_new_people=False)
    rows = {a.id: a for a in meeting_attendance.list_attendance(m.id)}
    assert [(rows[i].name, rows[i].status, rows[i].person_id) for i in ids] == [
        ("周九", "列席", None), ("查无此人", "列席", None)]
    assert rows[ids[0]].reason == "代吴十参会"


def test_unknown_names_become_people_in_one_step(meeting):
    m, dept = meeting
    result = meeting_attendance.apply_roll_call(m.id, "1. 张三\n2. 新同志 请假 出差")
    ids = meeting_attendance.admit_unknown(m.id, list(result.unknown_lines), as_new_people=True,
                                           department_id=dept.id)
    row = next(a for a in meeting_attendance.list_attendance(m.id) if a.id == ids[0])
    assert (row.name, row.status, row.reason, row.unit) == ("新同志", "请假", "出差", "办公室")
    assert org.find_people_by_name("新同志")[0].initials == "xtz"
