"""Compliance warnings: the gaps an office must see before the office above does.

- a month of the campaign (up to today) without a 专班推进会 ("每月召开1次");
- a quarter without a 中心组学习研讨 ("每季度至少1次");
- a 专班 without a 行动方案 past its due date;
- a 专班 without its monthly report for the month just reported on;
- a month whose report day has passed without 封账;
- a 专班 whose roster still holds people who have left the bureau.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from desk_app.db.models import ActionPlanVersion, Campaign, Meeting, TaskForce, TaskForceReport
from desk_app.domain import MeetingType, Role
from desk_app.errors import NotFoundError

from . import context

WARNING = "warning"  # a gap that has happened
REMINDER = "reminder"  # the current period is still open: not late yet, but nothing done so far


@dataclass(frozen=True)
class ComplianceWarning:
    kind: str  # no_progress_meeting / no_study_session / no_action_plan / no_monthly_report / member_left /
    # month_not_frozen
    severity: str  # WARNING or REMINDER
    period: str  # YYYY-MM, YYYY-Qn, or '' for a plan
    message: str  # Chinese, ready to show
    page: str  # the page that fixes it: "meetings" or "taskforces" ("freeze": the 封账 dialog)
    task_force_id: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _months(first: date, last: date) -> list[tuple[int, int]]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _range(campaign: Campaign, today: date) -> tuple[date, date] | None:
    first = campaign.start_date or date(campaign.year, 1, 1)
    last = min(campaign.end_date or today, today)
    return (first, last) if first <= last else None


def _meeting_dates(campaign_id: int, meeting_type: str, today: date) -> list[date]:
    return [m.start_at.date() for m in Meeting.select(Meeting.start_at)
            .where(Meeting.campaign == campaign_id, Meeting.meeting_type == meeting_type,
                   Meeting.deleted_at.is_null())
            if m.start_at.date() <= today]


def meeting_gaps(campaign: Campaign, today: date) -> list[ComplianceWarning]:
    span = _range(campaign, today)
    if span is None:
        return []
    held = {(d.year, d.month) for d in _meeting_dates(campaign.id, MeetingType.TASK_FORCE, today)}
    out = []
    for y, m in _months(*span):
        if (y, m) in held:
            continue
        if (y, m) == (today.year, today.month):
            out.append(ComplianceWarning("no_progress_meeting", REMINDER, f"{y}-{m:02d}",
                                         f"本月（{y}年{m}月）尚未召开专班推进会", "meetings"))
        else:
            out.append(ComplianceWarning("no_progress_meeting", WARNING, f"{y}-{m:02d}",
                                         f"{y}年{m}月没有召开专班推进会（要求每月召开1次）", "meetings"))
    return out


def study_gaps(campaign: Campaign, today: date) -> list[ComplianceWarning]:
    span = _range(campaign, today)
    if span is None:
        return []
    held = {(d.year, (d.month - 1) // 3 + 1) for d in _meeting_dates(campaign.id, MeetingType.STUDY_GROUP, today)}
    quarters = []
    for y, m in _months(*span):
        q = (y, (m - 1) // 3 + 1)
        if q not in quarters:
            quarters.append(q)
    out = []
    current = (today.year, (today.month - 1) // 3 + 1)
    for y, q in quarters:
        if (y, q) in held:
            continue
        if (y, q) == current:
            out.append(ComplianceWarning("no_study_session", REMINDER, f"{y}-Q{q}",
                                         f"本季度（{y}年第{q}季度）尚未开展中心组学习研讨", "meetings"))
        else:
            out.append(ComplianceWarning("no_study_session", WARNING, f"{y}-Q{q}",
                                         f"{y}年第{q}季度没有开展中心组学习研讨（要求每季度至少1次）", "meetings"))
    return out


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def plan_gaps(campaign: Campaign, today: date) -> list[ComplianceWarning]:
    with_plan = ActionPlanVersion.select(ActionPlanVersion.task_force).distinct()
    late = (TaskForce.select().where(TaskForce.campaign == campaign.id, TaskForce.deleted_at.is_null(),
                                     TaskForce.plan_due_date.is_null(False), TaskForce.plan_due_date < today,
                                     TaskForce.id.not_in(with_plan))
            .order_by(TaskForce.sort_order, TaskForce.id))
    return [ComplianceWarning("no_action_plan", WARNING, "",
                              f"{tf.name}尚未制定行动方案（应于{_cn_date(tf.plan_due_date)}前完成）",
                              "taskforces", tf.id) for tf in late]


def report_months(campaign: Campaign, today: date) -> list[str]:
    """Months whose report is due by today: last month, and this month once its 推进会 has been held."""
    y, m = today.year, today.month
    months = [f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"]
    held = [d for d in _meeting_dates(campaign.id, MeetingType.TASK_FORCE, today) if (d.year, d.month) == (y, m)]
    if held:
        months.append(f"{y}-{m:02d}")
    span = _range(campaign, today)
    if span is None:
        return []
    first = f"{span[0]:%Y-%m}"
    return [mo for mo in months if mo >= first]


def report_gaps(campaign: Campaign, today: date) -> list[ComplianceWarning]:
    out = []
    forces = list(TaskForce.select().where(TaskForce.campaign == campaign.id, TaskForce.deleted_at.is_null())
                  .order_by(TaskForce.sort_order, TaskForce.id))
    for month in report_months(campaign, today):
        have = {r.task_force_id for r in TaskForceReport.select(TaskForceReport.task_force)
                .where(TaskForceReport.month == month)}
        y, m = month.split("-")
        for tf in forces:
            if tf.id not in have:
                out.append(ComplianceWarning("no_monthly_report", WARNING, month,
                                             f"{tf.name}未报送{y}年{int(m)}月月度报告", "taskforces", tf.id))
    return out


def freeze_gaps(campaign: Campaign, today: date) -> list[ComplianceWarning]:
    """The month whose report day has passed without 封账 (services/month_freeze)."""
    from .month_freeze import cn_month, freeze_reminder  # noqa: PLC0415

    due = freeze_reminder(campaign.id, today)
    if due is None:
        return []
    month, day = due
    return [ComplianceWarning("month_not_frozen", WARNING, month,
                              f"{cn_month(month)}的报送日（{day.month}月{day.day}日）已过，尚未封账：封账后该月的台账、"
                              "统计和打印不再随修改变化", "freeze")]


def roster_gaps(campaign: Campaign) -> list[ComplianceWarning]:
    """A 专班 whose roster names someone who has left: its papers no longer list them, so the clerk must
    know (and hand their role, above all 牵头局领导 or 联络员, to someone else)."""
    from .taskforces import list_task_forces  # noqa: PLC0415

    out = []
    for tf in list_task_forces(campaign.id):
        if not tf.left_members:
            continue
        held: dict[int, tuple[str, list[str]]] = {}
        for m in tf.left_members:  # one name with all its roles: 廖刚（抽调人员、联络员）
            held.setdefault(m.person_id, (m.name, []))[1].append(m.role)
        gone = "、".join(f"{name}（{'、'.join(roles)}）" for name, roles in held.values())
        vacant = [role for role in (Role.LEAD, Role.LIAISON)
                  if any(m.role == role for m in tf.left_members) and not tf.members_in(role)]
        out.append(ComplianceWarning(
            "member_left", WARNING, "",
            f"{tf.name}名单中的{gone}已离开本单位，不再列入名单和签到表"
            + (f"；该专班现在没有{'和'.join(vacant)}" if vacant else "") + "：请在专班页面调整成员",
            "taskforces", tf.id))
    return out


def _unmatched_assists(campaign: Campaign) -> list[ComplianceWarning]:
    from .assists import unmatched_warnings  # noqa: PLC0415 - assists reads the ledger

    return unmatched_warnings(campaign.id)


def campaign_warnings(campaign_id: int, today: date | None = None) -> list[ComplianceWarning]:
    """Every warning of the campaign, gaps first, then reminders about the current month or quarter."""
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise NotFoundError(f"找不到编号为 {campaign_id} 的活动")
    today = today or context.today()
    found = (meeting_gaps(campaign, today) + study_gaps(campaign, today) + plan_gaps(campaign, today)
             + report_gaps(campaign, today) + roster_gaps(campaign) + freeze_gaps(campaign, today)
             + _unmatched_assists(campaign))
    return sorted(found, key=lambda w: w.severity != WARNING)
