from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from desk_app.domain import Role
from desk_app.services import org, taskforce_reports, taskforces


@pytest.fixture
def start_page():
    return "taskforces"  # the window opens on the page these tests use (not on 首页 first)


@pytest.fixture
def messages(monkeypatch):
    """Record the warnings the pages show instead of opening modal boxes."""
    shown = []
    monkeypatch.setattr("ui.views.meeting_common.QMessageBox.warning",
                        lambda parent, title, text: shown.append(text))
    return shown


def _home_warnings(window):
    lst = window.pages["home"].compliance_list
    return [lst.item(i).text() for i in range(lst.count())]


@pytest.mark.parametrize("start_page", ["home"])  # 首页's reminders follow the page
def test_task_force_with_members_plan_versions_and_report(main_window, qtbot, messages):
    page = main_window.show_page("taskforces")
    tf = page.new_task_force("测试提升专班", "争创一流", date(2026, 10, 31))
    assert page.current_task_force_id() == tf.id
    assert any("测试提升专班尚未制定行动方案" in t for t in _home_warnings(main_window))

    lead, liaison = org.list_people()[:2]
    page.members_tab.add_member(lead.id, Role.LEAD)
    page.members_tab.add_member(liaison.id, Role.LIAISON)
    assert page.members_tab.add_member(lead.id, Role.LEAD) is None
    assert "同一人在同一专班中不能重复担任同一角色" in messages[-1]
    assert [(m.name, m.role) for m in page.members_tab.model.rows] == [(lead.name, Role.LEAD),
                                                                       (liaison.name, Role.LIAISON)]
    page.undo_action.trigger()  # takes the liaison off again
    assert [m.role for m in taskforces.get_task_force(tf.id).members] == [Role.LEAD]
    page.redo_action.trigger()
    assert len(taskforces.get_task_force(tf.id).members) == 2

    page.tabs.setCurrentWidget(page.plan_tab)
    page.plan_tab.fill_composition()
    assert lead.name in page.plan_tab.editors["composition"].toPlainText()
    page.plan_tab.editors["targets"].setPlainText("全年完成十项改革")
    page.plan_tab.editors["measures"].setPlainText("一是周调度")
    qtbot.mouseClick(page.plan_tab.save_button, Qt.MouseButton.LeftButton)
    page.plan_tab.editors["targets"].setPlainText("全年完成十二项改革")
    page.plan_tab.note.setText("年中调整")
    qtbot.mouseClick(page.plan_tab.save_button, Qt.MouseButton.LeftButton)
    versions = taskforces.plan_versions(tf.id)
    assert [(v.version, v.targets) for v in versions] == [(1, "全年完成十项改革"), (2, "全年完成十二项改革")]
    assert page.plan_tab.left_version.count() == 2
    compare = page.plan_tab.compare.toPlainText()
    assert "第 1 版" in compare and "第 2 版" in compare and "年中调整" in compare
    row = page.model.row_of(tf.id)
    assert page.model.data(page.model.index(row, 4)) == "第2版"
    assert not any("测试提升专班尚未制定行动方案" in t for t in _home_warnings(main_window))

    assert any("测试提升专班未报送2026年10月" in t for t in _home_warnings(main_window))
    page.tabs.setCurrentWidget(page.report_tab)
    tab = page.report_tab
    tab.month.setCurrentIndex(tab.month.findData("2026-10"))
    tab.progress.setPlainText("完成三项改革")
    tab.problems.setPlainText("协调难")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert taskforce_reports.get_report(tf.id, "2026-10").progress == "完成三项改革"
    assert not any("测试提升专班未报送2026年10月" in t for t in _home_warnings(main_window))


@pytest.mark.parametrize("start_page", ["home"])  # 首页's reminders follow the page
def test_home_warning_opens_the_task_force(main_window, qtbot):
    home = main_window.pages["home"]
    item = next(home.compliance_list.item(i) for i in range(home.compliance_list.count())
                if "行动方案" in home.compliance_list.item(i).text())
    home._open_warning(item)
    page = main_window.pages["taskforces"]
    assert main_window.stack.currentWidget() is page
    assert page.tabs.currentWidget() is page.plan_tab
    assert taskforces.current_plan(page.current_task_force_id()) is None


def _fill_and_accept(fill):
    """A stand-in for QDialog.exec: fill the real dialog's fields the way a clerk would, then accept."""
    def fake_exec(dialog):
        fill(dialog)
        return QDialog.DialogCode.Accepted
    return fake_exec


def test_new_task_force_from_the_toolbar_and_ctrl_n_opens_the_dialog(main_window, qtbot, monkeypatch, messages):
    from ui.views.taskforce_page import TaskForceDialog

    page = main_window.show_page("taskforces")
    names = iter(["工具栏新建专班", "快捷键新建专班"])
    monkeypatch.setattr(TaskForceDialog, "exec", _fill_and_accept(lambda d: d.name.setText(next(names))))
    qtbot.mouseClick(page.toolbar.widgetForAction(page.new_action), Qt.MouseButton.LeftButton)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert messages == []
    made = [tf.name for tf in taskforces.list_task_forces(main_window.state.campaign_id)]
    assert "工具栏新建专班" in made and "快捷键新建专班" in made
    assert page.task_force.name == "快捷键新建专班"


def test_add_member_button_opens_the_dialog(main_window, qtbot, monkeypatch, messages):
    from ui.views.taskforce_members_tab import AddMemberDialog

    page = main_window.show_page("taskforces")
    tf = page.new_task_force("按钮加成员专班")
    person = org.list_people()[0]

    def pick(dialog):
        dialog.person.set_person(person.id)
        dialog.role.setCurrentIndex(dialog.role.findData(Role.LEAD))
    monkeypatch.setattr(AddMemberDialog, "exec", _fill_and_accept(pick))
    qtbot.mouseClick(page.members_tab.findChild(QPushButton, "add_member"), Qt.MouseButton.LeftButton)
    assert messages == []
    assert [(m.name, m.role) for m in taskforces.get_task_force(tf.id).members] == [(person.name, Role.LEAD)]


def test_task_force_page_fits_1280_wide_with_every_tab(main_window):
    page = main_window.show_page("taskforces")
    main_window.resize(1280, 800)
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        assert page.minimumSizeHint().width() <= 1280 - 200, page.tabs.tabText(i)  # room for the sidebar
        assert main_window.width() == 1280, page.tabs.tabText(i)
    tf = page.task_force
    page.heading.setText(tf.name + "（" + "、".join(["欧阳长名字"] * 30) + "）")  # many leads
    QApplication.processEvents()
    assert page.minimumSizeHint().width() <= 1280 - 200


def test_a_member_who_left_is_shown_greyed_and_not_counted(main_window):
    page = main_window.show_page("taskforces")
    tf = page.new_task_force("离职测试专班")
    stay, gone = org.list_people()[:2]
    page.members_tab.add_member(stay.id, Role.LEAD)
    page.members_tab.add_member(gone.id, Role.LIAISON)
    org.update_person(gone.id, active=False)
    page.refresh()
    model = page.members_tab.model
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == [stay.name, f"{gone.name}（已离开）"]
    assert model.data(model.index(1, 1), Qt.ItemDataRole.ForegroundRole) is not None
    assert page.model.data(page.model.index(page.model.row_of(tf.id), 1)) == "1"
