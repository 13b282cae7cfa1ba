from datetime import date

import pytest

from desk_app.domain import Role
from desk_app.errors import NotFoundError, ValidationError
from desk_app.services import campaigns, changelog, org, taskforce_reports, taskforces
from desk_app.services.taskforces import PlanInput


@pytest.fixture
def setup(db):
    c = campaigns.create_campaign("2026年作风建设年", 2026, date(2026, 1, 1), date(2026, 12, 31))
    dept = org.create_department("办公室")
    people = [org.create_person(n, dept.id, "科员") for n in ("张三", "李四", "王五")]
    return c, people


def test_create_task_force_with_members_and_roles(setup):
    c, (a, b, _) = setup
    tf = taskforces.create_task_force(c.id, " 营商环境专班 ", "争创一流", date(2026, 1, 31))
    assert tf.name == "营商环境专班" and tf.plan_version is None
    taskforces.add_member(tf.id, b.id, Role.SECONDED)
    taskforces.add_member(tf.id, a.id, Role.LEAD)
    taskforces.add_member(tf.id, b.id, Role.LIAISON)  # one person, two roles
    tf = taskforces.get_task_force(tf.id)
    assert [(m.name, m.role) for m in tf.members] == [("张三", "牵头局领导"), ("李四", "抽调人员"), ("李四", "联络员")]
    assert tf.people_count == 2 and tf.leads[0].department_name == "办公室"
    with pytest.raises(ValidationError, match="同一人在同一专班中不能重复担任同一角色"):
        taskforces.add_member(tf.id, a.id, Role.LEAD)
    assert [h.entity for h in changelog.history("task_force_member")].count("task_force_member") == 3


def test_task_force_names_are_unique_and_required(setup):
    c, _ = setup
    taskforces.create_task_force(c.id, "债券专班")
    with pytest.raises(ValidationError, match="已有名为"):
        taskforces.create_task_force(c.id, "债券专班")
    with pytest.raises(ValidationError, match="不能为空"):
        taskforces.create_task_force(c.id, "  ")


def test_remove_member_and_change_role(setup):
    c, (a, b, _) = setup
    tf = taskforces.create_task_force(c.id, "专班A")
    m1 = taskforces.add_member(tf.id, a.id, Role.SECONDED)
    taskforces.add_member(tf.id, a.id, Role.LIAISON)
    with pytest.raises(ValidationError):
        taskforces.change_member_role(m1.id, Role.LIAISON)
    assert taskforces.change_member_role(m1.id, Role.DEPT_HEAD).role == Role.DEPT_HEAD
    removed = taskforces.remove_member(m1.id)
    assert removed.name == "张三"
    assert [m.role for m in taskforces.get_task_force(tf.id).members] == [Role.LIAISON]
    with pytest.raises(NotFoundError):
        taskforces.remove_member(m1.id)


def test_action_plan_versions_are_kept_and_diffed(setup):
    c, (a, _, _) = setup
    tf = taskforces.create_task_force(c.id, "专班B", plan_due_date=date(2026, 1, 31))
    taskforces.add_member(tf.id, a.id, Role.LEAD)
    assert "牵头局领导：张三" in taskforces.suggested_composition(tf.id)
    with pytest.raises(ValidationError, match="不能全部为空"):
        taskforces.save_plan(tf.id, PlanInput())
    v1 = taskforces.save_plan(tf.id, PlanInput("张三牵头", "目标一", "举措一\n举措二", "作风"))
    with pytest.raises(ValidationError, match="相同"):
        taskforces.save_plan(tf.id, PlanInput("张三牵头", "目标一", "举措一\n举措二", "作风"))
    v2 = taskforces.save_plan(tf.id, PlanInput("张三牵头", "目标一（调整）", "举措一\n举措三", "作风", "年中修订"))
    assert (v1.version, v2.version) == (1, 2) and v2.created_by == "测试员"
    versions = taskforces.plan_versions(tf.id)
    assert [v.targets for v in versions] == ["目标一", "目标一（调整）"]  # history unchanged
    assert taskforces.current_plan(tf.id).version == 2
    assert taskforces.get_task_force(tf.id).plan_version == 2
    diff = {d.part: d for d in taskforces.plan_diff(v1, v2)}
    assert not diff["composition"].changed and diff["targets"].changed
    assert "-举措二" in diff["measures"].lines and "+举措三" in diff["measures"].lines


def test_monthly_report_once_per_month(setup):
    c, _ = setup
    tf = taskforces.create_task_force(c.id, "专班C")
    r = taskforce_reports.save_report(tf.id, "2026-10", "进展", "问题", "计划")
    again = taskforce_reports.save_report(tf.id, "2026-10", "进展（更正）", "问题", "计划")
    assert again.id == r.id and again.progress == "进展（更正）"
    assert taskforce_reports.get_report(tf.id, "2026-10").progress == "进展（更正）"
    assert taskforces.get_task_force(tf.id).last_report_month == "2026-10"
    assert list(taskforce_reports.reports_for_month(c.id, "2026-10")) == [tf.id]
    with pytest.raises(ValidationError, match="YYYY-MM"):
        taskforce_reports.save_report(tf.id, "2026-13", "x")
    with pytest.raises(ValidationError, match="未来"):
        taskforce_reports.save_report(tf.id, "2027-01", "x")
    with pytest.raises(ValidationError, match="工作进展不能为空"):
        taskforce_reports.save_report(tf.id, "2026-09", "", "问题")


def test_list_task_forces_counts_open_and_overdue_entries(demo):
    forces = taskforces.list_task_forces(demo.campaign_id)
    assert len(forces) == 7
    assert all(f.members for f in forces)
    assert sum(f.overdue_entries for f in forces) > 0
    assert all(f.open_entries >= f.overdue_entries for f in forces)
    assert [f.plan_version is None for f in forces].count(True) == 1


def test_a_person_who_left_stays_in_history_but_not_in_the_current_roster(setup):
    c, (a, b, d) = setup
    tf = taskforces.create_task_force(c.id, "营商环境专班")
    taskforces.add_member(tf.id, a.id, Role.LEAD)
    taskforces.add_member(tf.id, b.id, Role.SECONDED)
    taskforces.add_member(tf.id, b.id, Role.LIAISON)
    taskforces.add_member(tf.id, d.id, Role.SECONDED)
    org.update_person(b.id, active=False)  # 李四 leaves the bureau
    tf = taskforces.get_task_force(tf.id)
    assert [(m.name, m.active) for m in tf.members] == [("张三", True), ("李四", False), ("王五", True),
                                                        ("李四", False)]
    assert [m.name for m in tf.current_members] == ["张三", "王五"]
    assert tf.people_count == 2 and tf.members_in(Role.LIAISON) == []
    assert "李四" not in taskforces.suggested_composition(tf.id)
