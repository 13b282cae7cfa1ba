from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from desk_app.domain import Attendance, EntryKind, MeetingType
from desk_app.services import ledger_query, meeting_decisions, meetings, org
from desk_app.services.meeting_decisions import DecisionInput
from desk_app.services.meetings import MeetingInput


@pytest.fixture
def start_page():
    return "meetings"  # the window opens on the page these tests use (not on 首页 first)


@pytest.fixture
def quiet(monkeypatch):
    shown = []
    monkeypatch.setattr("ui.views.meeting_common.QMessageBox.warning", lambda p, t, text: shown.append(text))
    monkeypatch.setattr("ui.views.meeting_attendance_tab.QMessageBox.information", lambda *a: shown.append(a[2]))
    return shown


def test_progress_meeting_agenda_attendance_and_decisions(main_window, qtbot, demo, quiet):
    page = main_window.show_page("meetings")
    previous = meetings.list_meetings(demo.campaign_id, meeting_type=MeetingType.TASK_FORCE)[0]
    open_before = [d for d in meeting_decisions.decisions_of(previous.id) if d.is_open]
    assert open_before, "the demo's last meeting should have open decisions"

    record = page.new_meeting(MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 11, 23, 9, 30), place="三楼"))
    assert page.current_meeting_id() == record.id and record.number == previous.number + 1
    agenda = meetings.get_meeting(record.id).agenda
    assert agenda.startswith("一、上次议定事项落实情况")
    for d in open_before:
        assert d.text.rstrip("。") in agenda
    page.tabs.setCurrentWidget(page.agenda_tab)
    first = page.agenda_tab.tree.topLevelItem(0)
    codes = {first.child(i).text(0).split()[0] for i in range(first.childCount())}
    assert {d.code for d in open_before} <= codes

    tab = page.attendance_tab
    page.tabs.setCurrentWidget(tab)
    tab.build(whole=False)
    rows = tab.model.rows
    assert rows and all(r.status == "" for r in rows)
    tab.table.setFocus()
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_1)
    qtbot.keyClick(tab.table, Qt.Key.Key_3)  # marking moved on to the second row
    assert [r.status for r in tab.model.rows[:2]] == [Attendance.PRESENT, Attendance.ABSENT]
    page.undo_action.trigger()
    assert tab.model.rows[1].status == ""
    third, fourth = tab.model.rows[2].name, tab.model.rows[3].name
    result = tab.paste_roll_call(f"#接龙\n1. {third}\n2、{fourth}（请假：出差）\n3. 查无此人")
    assert result.unknown == ("查无此人",)
    assert "查无此人" in tab.roll_call_box.text()
    by_name = {r.name: r for r in tab.model.rows}
    assert by_name[third].status == Attendance.PRESENT
    assert (by_name[fourth].status, by_name[fourth].reason) == (Attendance.LEAVE, "出差")
    assert "实到 2 人" in tab.totals.text() and "请假 1 人" in tab.totals.text()
    page.undo_action.trigger()  # the whole pasted list is undone at once
    assert {r.name: r.status for r in tab.model.rows}[fourth] == ""
    page.redo_action.trigger()

    page.tabs.setCurrentWidget(page.minutes_tab)
    dept = org.list_departments()[0]
    person = org.list_people()[0]
    page.minutes_tab.add_decision(DecisionInput("加快专项债券发行", dept.id, person.id, date(2026, 12, 31)))
    page.minutes_tab.add_decision(DecisionInput("月底前报送整改方案", dept.id, None, date(2026, 11, 30)))
    assert page.minutes_tab.table.rowCount() == 2
    found = ledger_query.fetch_entries(ledger_query.LedgerFilter(campaign_id=demo.campaign_id, meeting_id=record.id))
    assert sorted((e.decision_no, e.kind, e.description) for e in found) == [
        (1, EntryKind.DECISION, "加快专项债券发行"), (2, EntryKind.DECISION, "月底前报送整改方案")]
    text_hits = ledger_query.fetch_entries(ledger_query.LedgerFilter(campaign_id=demo.campaign_id,
                                                                     kinds=[EntryKind.DECISION], text="专项债券发行"))
    assert [e.meeting_id for e in text_hits] == [record.id]


@pytest.mark.parametrize("start_page", ["home"])  # 首页 shown, then the meetings page: both follow the change
def test_compliance_warnings_change_when_a_study_session_is_held(main_window, demo, quiet):
    page = main_window.show_page("meetings")

    def texts(widget):
        return [widget.item(i).text() for i in range(widget.count())]

    assert any("中心组学习研讨" in t for t in texts(page.warnings))
    assert any("中心组学习研讨" in t for t in texts(main_window.pages["home"].compliance_list))
    page.new_meeting(MeetingInput(MeetingType.STUDY_GROUP, datetime(2026, 11, 22, 9, 0)))
    assert not any("中心组学习研讨" in t for t in texts(page.warnings))
    assert not any("中心组学习研讨" in t for t in texts(main_window.pages["home"].compliance_list))


def test_filters_by_type_and_year(main_window, demo):
    page = main_window.show_page("meetings")
    page.type_filter.setCurrentIndex(page.type_filter.findData(MeetingType.STUDY_GROUP))
    assert {m.meeting_type for m in page.model.rows} == {MeetingType.STUDY_GROUP}
    page.year_filter.setCurrentIndex(page.year_filter.findData(2025))
    assert [m.start_at.year for m in page.model.rows] == [2025]


def _fill_and_accept(fill):
    """A stand-in for QDialog.exec: fill the real dialog's fields the way a clerk would, then accept."""
    def fake_exec(dialog):
        fill(dialog)
        return QDialog.DialogCode.Accepted
    return fake_exec


def test_new_meeting_from_the_toolbar_and_ctrl_n_opens_the_dialog(main_window, qtbot, demo, monkeypatch, quiet):
    from ui.views.meeting_info_tab import NewMeetingDialog

    page = main_window.show_page("meetings")
    places = iter(["工具栏会议室", "快捷键会议室"])
    monkeypatch.setattr(NewMeetingDialog, "exec", _fill_and_accept(lambda d: d.form.place.setText(next(places))))
    before = len(meetings.list_meetings(demo.campaign_id))
    qtbot.mouseClick(page.toolbar.widgetForAction(page.new_action), Qt.MouseButton.LeftButton)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert quiet == []
    places_now = [m.place for m in meetings.list_meetings(demo.campaign_id)]
    assert len(places_now) == before + 2
    assert "工具栏会议室" in places_now and "快捷键会议室" in places_now
    assert page.meeting.place == "快捷键会议室"


def test_paste_roll_call_button_opens_the_dialog(main_window, qtbot, demo, monkeypatch, quiet):
    from ui.views.meeting_attendance_tab import RollCallDialog

    page = main_window.show_page("meetings")
    tab = page.attendance_tab
    page.tabs.setCurrentWidget(tab)
    tab.build(whole=False)
    name = tab.model.rows[0].name
    opened = []

    def paste(dialog):
        opened.append(dialog)
        dialog.text.setPlainText(f"1. {name}")
    monkeypatch.setattr(RollCallDialog, "exec", _fill_and_accept(paste))
    qtbot.mouseClick(tab.findChild(QPushButton, "paste_roll_call"), Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and quiet[-1:] != ["粘贴的内容中没有找到姓名"]
    assert {r.name: r.status for r in tab.model.rows}[name] == Attendance.PRESENT


def test_add_decision_button_opens_the_dialog(main_window, qtbot, demo, monkeypatch, quiet):
    from ui.views.meeting_minutes_tab import DecisionDialog

    page = main_window.show_page("meetings")
    before = len(page.meeting.decisions)

    def fill(dialog):
        dialog.text.setPlainText("按钮新增的议定事项")
        dialog.department.setCurrentIndex(1)
    monkeypatch.setattr(DecisionDialog, "exec", _fill_and_accept(fill))
    qtbot.mouseClick(page.minutes_tab.findChild(QPushButton, "add_decision"), Qt.MouseButton.LeftButton)
    assert quiet == []
    decisions = meetings.get_meeting(page.meeting.id).decisions
    assert len(decisions) == before + 1 and decisions[-1].text == "按钮新增的议定事项"


def _fits_1280(window, page):
    window.resize(1280, 800)
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        assert window.minimumSizeHint().width() <= 1280, page.tabs.tabText(i)
        assert window.width() == 1280, page.tabs.tabText(i)


def test_meeting_page_fits_1280_wide_with_every_tab(main_window):
    _fits_1280(main_window, main_window.show_page("meetings"))


def test_meeting_list_shows_dates_with_year_and_the_name_takes_the_rest(main_window):
    page = main_window.show_page("meetings")
    main_window.resize(1280, 800)
    QApplication.processEvents()
    header = page.list.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(page.model.columnCount())]
    assert sum(widths) <= page.list.viewport().width()  # nothing scrolled out of sight
    assert not page.list.horizontalScrollBar().isVisible()
    date_col = page.model.COLUMNS.index("date")
    assert widths[date_col] >= page.list.sizeHintForColumn(date_col)
    years = {page.model.data(page.model.index(r, date_col))[:4] for r in range(page.model.rowCount())}
    assert {"2025", "2026"} <= years
    title_col = page.model.COLUMNS.index("title")
    assert widths[title_col] == max(widths)
    assert widths[title_col] >= page.list.fontMetrics().horizontalAdvance("七大专班第11次推进会")


def test_reminders_box_is_high_enough_for_every_line(main_window):
    page = main_window.show_page("meetings")
    main_window.resize(1280, 800)
    QApplication.processEvents()
    box = page.warnings
    assert box.count() >= 1
    one_line = box.height()
    viewport = box.viewport().rect()
    for i in range(box.count()):
        assert viewport.contains(box.visualItemRect(box.item(i)))
    for text in ("专班推进会超过一个月未召开，请尽快安排本月专班推进会并通知各专班牵头局领导和联络员参加",
                 "本季度尚未开展中心组学习研讨，请与办公室联系确定学习主题、时间和地点"):
        box.addItem(text)  # longer than the box is wide: they wrap and the box grows with them
    box.fit_height()
    QApplication.processEvents()
    assert box.height() > 2 * one_line
    assert box.fontMetrics().horizontalAdvance(box.item(box.count() - 2).text()) > box.viewport().width()
    for i in range(box.count()):
        assert box.viewport().rect().contains(box.visualItemRect(box.item(i)))


def test_agenda_items_get_the_full_width_of_the_tab(main_window):
    page = main_window.show_page("meetings")
    main_window.resize(1280, 800)
    page.tabs.setCurrentWidget(page.agenda_tab)
    QApplication.processEvents()
    tab = page.agenda_tab
    assert tab.tree.width() >= tab.width() - 40  # the short agenda text sits below, not beside it
    tree_bottom = tab.tree.mapTo(tab, tab.tree.rect().bottomLeft()).y()
    assert tab.text.mapTo(tab, tab.text.rect().topLeft()).y() > tree_bottom


def test_a_new_meeting_starts_from_the_last_one_of_its_type(main_window, demo, monkeypatch, quiet):
    from ui.views.meeting_info_tab import NewMeetingDialog

    page = main_window.show_page("meetings")
    last = meetings.get_meeting(meetings.list_meetings(demo.campaign_id, meeting_type=MeetingType.TASK_FORCE)[0].id)
    seen = {}

    def look(dialog):
        form = dialog.form
        seen["task force"] = (form.place.text(), form.host.person_id(), form.recorder.person_id(),
                              form.contact.text(), form.time.time().hour())
        form.meeting_type.setCurrentIndex(form.meeting_type.findData(MeetingType.STUDY_GROUP))
        seen["study"] = form.place.text()
        form.meeting_type.setCurrentIndex(form.meeting_type.findData(MeetingType.TASK_FORCE))
    monkeypatch.setattr(NewMeetingDialog, "exec", _fill_and_accept(look))
    record = page.new_meeting()
    assert seen["task force"] == (last.place, last.host_id, last.recorder_id, last.contact, last.start_at.hour)
    study = meetings.list_meetings(demo.campaign_id, meeting_type=MeetingType.STUDY_GROUP)[0]
    assert seen["study"] == meetings.get_meeting(study.id).place
    assert record.title == last.title.replace(f"第{last.number}次", f"第{record.number}次")
    assert quiet == []
