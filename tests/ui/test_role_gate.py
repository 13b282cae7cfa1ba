"""Pages that write offer only what the acting clerk's role may do; the rest is disabled with the reason."""

from desk_app.db.models import Person, TaskForceMember
from desk_app.services import context, org, roles, roles_admin


def _act_as(name: str) -> None:
    context.set_actor(name)
    roles.forget_cached()


def _leader_reads_only() -> None:
    roles_admin.set_role(org.create_person("测试员").id, "活动办")
    roles_admin.set_role(org.create_person("局领导甲").id, "只读")
    _act_as("局领导甲")


def test_a_read_only_leader_is_offered_no_writes_on_any_page(qtbot, main_window):
    _leader_reads_only()
    main_window.state.data_changed.emit()
    meetings = main_window.show_page("meetings")
    assert not meetings.new_action.isEnabled() and not meetings.delete_action.isEnabled()
    assert "只读" in meetings.new_action.toolTip()
    assert meetings.tabs.tabBar().isEnabled()  # the meeting stays readable tab by tab
    assert not any(meetings.tabs.widget(i).isEnabled() for i in range(meetings.tabs.count()))
    forces = main_window.show_page("taskforces")
    assert not forces.new_action.isEnabled() and not forces.edit_action.isEnabled()
    assert not forces.members_tab.isEnabled() and not forces.report_tab.isEnabled()
    settings = main_window.show_page("settings")
    shared = {type(s).__name__: s for s in settings.sections}
    assert not shared["CampaignSettings"].isEnabled() and not shared["OrgSettings"].isEnabled()
    assert "只读" in shared["RoleSettings"].toolTip()
    assert shared["DatabaseSettings"].isEnabled()  # this PC's own choice
    menu = main_window.exchange_menu
    menu.apply_role()
    for action in (menu.import_xlsx_action, menu.import_package_action, menu.monthly.freeze_action,
                   menu.monthly.fillin_import_action):
        assert not action.isEnabled() and "只读" in action.toolTip()
    assert menu.export_action.isEnabled()  # reading out is everyone's


def test_a_liaison_keeps_their_own_task_force_and_the_office_gets_everything_back(qtbot, main_window):
    me = org.create_person("测试员")
    roles_admin.set_role(me.id, "活动办")
    member = TaskForceMember.select().order_by(TaskForceMember.id).first()
    roles_admin.set_role(member.person_id, "专班联络员")
    _act_as(Person.get_by_id(member.person_id).name)
    forces = main_window.show_page("taskforces")
    forces.refresh()
    assert forces.select_task_force(member.task_force_id)
    assert forces.members_tab.isEnabled() and forces.report_tab.isEnabled()
    assert not forces.new_action.isEnabled() and not forces.plan_tab.isEnabled()
    assert "活动办" in forces.edit_action.toolTip()
    other = TaskForceMember.select().where(TaskForceMember.task_force != member.task_force_id).first()
    assert forces.select_task_force(other.task_force_id)
    assert not forces.members_tab.isEnabled() and "专班" in forces.members_tab.toolTip()
    menu = main_window.exchange_menu
    menu.apply_role()
    assert not menu.import_xlsx_action.isEnabled() and menu.monthly.fillin_import_action.isEnabled()

    _act_as("测试员")
    forces.refresh()
    menu.apply_role()
    assert forces.new_action.isEnabled() and forces.plan_tab.isEnabled() and forces.members_tab.isEnabled()
    assert "活动办" not in forces.edit_action.toolTip()
    assert menu.import_xlsx_action.isEnabled() and menu.monthly.freeze_action.isEnabled()
