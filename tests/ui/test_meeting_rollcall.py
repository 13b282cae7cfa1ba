"""A WeChat 接龙 list pasted into 签到, and its unknown names added in one click (1366×768)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desk_app.domain import Attendance
from desk_app.services import meeting_attendance, org


@pytest.fixture
def start_page():
    return "meetings"  # the window opens on the page these tests use (not on 首页 first)


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    shown = []
    monkeypatch.setattr("ui.views.meeting_common.QMessageBox.warning", lambda p, t, text: shown.append(text))
    monkeypatch.setattr("ui.views.meeting_attendance_tab.QMessageBox.information", lambda *a: shown.append(a[2]))
    return shown


def _tab(main_window):
    page = main_window.show_page("meetings")
    tab = page.attendance_tab
    page.tabs.setCurrentWidget(tab)
    tab.build(whole=False)
    return tab


def test_a_wechat_list_marks_leave_and_offers_unknown_names_as_observers(main_window, qtbot, demo):
    tab = _tab(main_window)
    first, second, third = (r.name for r in tab.model.rows[:3])
    text = (f"#接龙\n12月推进会参会\n例 张三 办公室\n1. {first} 办公室\n2. @{second}👍\n3. {third} 请假 外出培训\n"
            "4. 外单位甲 列席\n5. 新来的 ")
    tab.paste_roll_call(text)
    by_name = {r.name: r for r in tab.model.rows}
    assert by_name[first].status == by_name[second].status == Attendance.PRESENT
    assert (by_name[third].status, by_name[third].reason) == (Attendance.LEAVE, "外出培训")
    report = tab.roll_call_box
    assert report.isVisible() and "12月推进会参会" in report.text()
    assert [report.unknown.item(i).text() for i in range(report.unknown.count())] == ["外单位甲（列席）", "新来的（出席）"]
    report.unknown.item(1).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(report.findChild(QPushButton, "admit_observers"), Qt.MouseButton.LeftButton)
    assert not report.isVisible()
    rows = {r.name: r for r in tab.model.rows}
    assert rows["外单位甲"].status == Attendance.OBSERVER and rows["外单位甲"].person_id is None
    assert "新来的" not in rows


def test_unknown_names_become_people_of_a_department(main_window, qtbot, demo):
    tab = _tab(main_window)
    tab.paste_roll_call("1. 新同志 病假")
    report = tab.roll_call_box
    report.department.setCurrentIndex(1)
    department = report.department.currentText()
    qtbot.mouseClick(report.findChild(QPushButton, "admit_people"), Qt.MouseButton.LeftButton)
    person = org.find_people_by_name("新同志")[0]
    assert person.department_name == department and person.initials == "xtz"
    row = next(r for r in meeting_attendance.list_attendance(tab.meeting_id) if r.name == "新同志")
    assert (row.status, row.reason, row.person_id) == (Attendance.LEAVE, "病假", person.id)
