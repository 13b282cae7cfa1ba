from datetime import date, datetime

import pytest

from desk_app.domain import MeetingType
from desk_app.services import campaigns, compliance, meetings, taskforce_reports, taskforces
from desk_app.services.meetings import MeetingInput
from desk_app.services.taskforces import PlanInput


def _kinds(campaign_id):
    return [(w.kind, w.severity, w.period) for w in compliance.campaign_warnings(campaign_id)]


@pytest.fixture
def campaign(db):
    # Today is pinned to 2026-11-23 by conftest.
    return campaigns.create_campaign("活动", 2026, date(2026, 8, 1), date(2026, 12, 31))


def test_months_without_a_progress_meeting(campaign):
    meetings.create_meeting(campaign.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 9, 20, 15)))
    meetings.create_meeting(campaign.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 11, 30, 15)))  # later
    gaps = [(w.period, w.severity) for w in compliance.campaign_warnings(campaign.id) if w.kind == "no_progress_meeting"]
    assert gaps == [("2026-08", "warning"), ("2026-10", "warning"), ("2026-11", "reminder")]
    meetings.create_meeting(campaign.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 10, 20, 15)))
    gaps = [w.period for w in compliance.campaign_warnings(campaign.id) if w.kind == "no_progress_meeting"]
    assert gaps == ["2026-08", "2026-11"]


def test_quarters_without_a_study_session(campaign):
    assert [(w.period, w.severity) for w in compliance.campaign_warnings(campaign.id)
            if w.kind == "no_study_session"] == [("2026-Q3", "warning"), ("2026-Q4", "reminder")]
    meetings.create_meeting(campaign.id, MeetingInput(MeetingType.STUDY_GROUP, datetime(2026, 9, 2, 9)))
    assert [w.period for w in compliance.campaign_warnings(campaign.id) if w.kind == "no_study_session"] == ["2026-Q4"]


def test_task_force_without_plan_past_due_and_without_report(campaign):
    late = taskforces.create_task_force(campaign.id, "甲专班", plan_due_date=date(2026, 9, 30))
    taskforces.create_task_force(campaign.id, "乙专班", plan_due_date=date(2026, 12, 31))  # not due yet
    warnings = [w for w in compliance.campaign_warnings(campaign.id) if w.kind == "no_action_plan"]
    assert [(w.task_force_id, w.page) for w in warnings] == [(late.id, "taskforces")]
    assert "2026年9月30日" in warnings[0].message
    taskforces.save_plan(late.id, PlanInput(targets="目标"))
    assert not [w for w in compliance.campaign_warnings(campaign.id) if w.kind == "no_action_plan"]
    reports = [w.message for w in compliance.campaign_warnings(campaign.id) if w.kind == "no_monthly_report"]
    assert reports == ["甲专班未报送2026年10月月度报告", "乙专班未报送2026年10月月度报告"]
    taskforce_reports.save_report(late.id, "2026-10", "进展")
    assert len([w for w in compliance.campaign_warnings(campaign.id) if w.kind == "no_monthly_report"]) == 1


def test_current_month_report_is_due_once_its_meeting_was_held(campaign):
    tf = taskforces.create_task_force(campaign.id, "甲专班")
    taskforce_reports.save_report(tf.id, "2026-10", "进展")
    assert not [w for w in compliance.campaign_warnings(campaign.id) if w.kind == "no_monthly_report"]
    meetings.create_meeting(campaign.id, MeetingInput(MeetingType.TASK_FORCE, datetime(2026, 11, 20, 15)))
    assert [w.period for w in compliance.campaign_warnings(campaign.id) if w.kind == "no_monthly_report"] == ["2026-11"]


def test_demo_data_shows_its_deliberate_gaps(demo):
    kinds = {w.kind for w in compliance.campaign_warnings(demo.campaign_id) if w.severity == "warning"}
    assert {"no_action_plan", "no_monthly_report"} <= kinds


def test_a_member_who_left_is_a_warning_naming_the_vacant_role(campaign):
    from desk_app.domain import Role
    from desk_app.services import org

    dept = org.create_department("办公室")
    lead, liaison, other = (org.create_person(n, dept.id, "科员") for n in ("张三", "李四", "王五"))
    tf = taskforces.create_task_force(campaign.id, "甲专班")
    taskforces.add_member(tf.id, lead.id, Role.LEAD)
    taskforces.add_member(tf.id, liaison.id, Role.LIAISON)
    taskforces.add_member(tf.id, other.id, Role.SECONDED)
    taskforces.add_member(tf.id, other.id, Role.DEPT_HEAD)
    assert not [w for w in compliance.campaign_warnings(campaign.id) if w.kind == "member_left"]
    org.update_person(liaison.id, active=False)
    org.update_person(other.id, active=False)
    [w] = [w for w in compliance.campaign_warnings(campaign.id) if w.kind == "member_left"]
    assert (w.page, w.task_force_id, w.severity) == ("taskforces", tf.id, "warning")
    assert w.message == ("甲专班名单中的王五（科室负责人、抽调人员）、李四（联络员）已离开本单位，不再列入名单和签到表；"
                         "该专班现在没有联络员：请在专班页面调整成员")
