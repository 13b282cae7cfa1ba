"""The agenda of a 推进会, built for the clerk: 上次议定事项落实情况, then each 专班's monthly report."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.db.models import Meeting, MeetingReport, TaskForce
from desk_app.domain import DeadlineType, MeetingType
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context
from .meeting_decisions import DecisionRecord, open_decisions_before, previous_meeting_id
from .meetings import MeetingReportRecord, list_reports, set_agenda
from .taskforce_reports import MAX_TEXT, REPORT_PARTS, month_of, reports_for_month

CHINESE_NUMBERS = "一二三四五六七八九十"
CLOSING_ITEMS = ("研究解决难点堵点问题", "局领导讲话")


@dataclass(frozen=True)
class AgendaResult:
    meeting_id: int
    month: str
    open_decisions: tuple[DecisionRecord, ...]
    reports: tuple[MeetingReportRecord, ...]
    missing_reports: tuple[str, ...]  # 专班 names with no monthly report for the month
    text: str


def ordinal(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    if n < 20:
        return "十" + (CHINESE_NUMBERS[n - 11] if n > 10 else "")
    tens, units = divmod(n, 10)
    return CHINESE_NUMBERS[tens - 1] + "十" + (CHINESE_NUMBERS[units - 1] if units else "")


def _deadline_words(d: DecisionRecord) -> str:
    """时限 as papers write it: 2026年12月31日 (or 立行立改 / 长期坚持)."""
    if d.deadline_type == DeadlineType.DATE and d.deadline is not None:
        return f"{d.deadline.year}年{d.deadline.month}月{d.deadline.day}日"
    return d.deadline_text


def decision_line(d: DecisionRecord) -> str:
    who = "；".join(x for x in (f"责任单位：{d.department_name}" if d.department_name else "",
                               f"责任人：{d.responsible_name}" if d.responsible_name else "",
                               f"时限：{_deadline_words(d)}") if x)
    state = d.status + ("（逾期）" if d.overdue else "")
    return f"{d.text.rstrip('。')}。（{who}）——{state}"


def agenda_text(open_decisions, reports, missing, previous_id: int | None = None) -> str:
    """The agenda in the levels of GB/T 9704 §7.3.3: 一、 items (the notice prints them as （一）), their
    sub-items 1. 2. 3. Under 上次议定事项 go the decisions of the last meeting (previous_id) still open;
    those of older meetings still open are counted, not listed (they fill the ledger, not the notice)."""
    last = [d for d in open_decisions if previous_id is None or d.meeting_id == previous_id]
    older = len(open_decisions) - len(last)
    lines = ["一、上次议定事项落实情况"]
    if last:
        lines.append("上次会议议定、尚未落实的事项：")
        lines += [f"{i}. {decision_line(d)}" for i, d in enumerate(last, start=1)]
    else:
        lines.append("上次会议议定事项均已落实。")
    if older:
        lines.append(f"此前各次会议议定、尚未落实的事项另有 {older} 项，详见整改台账（议定事项）。")
    lines.append("二、各专班汇报本月工作进展")
    for i, r in enumerate(reports, start=1):
        lines.append(f"{i}. {r.task_force_name}")
        for name, label in REPORT_PARTS:
            text = getattr(r, name)
            if text:
                lines.append(f"{label}：{text}")
    if missing:
        lines.append(f"未报送月度报告：{'、'.join(missing)}")
    for i, item in enumerate(CLOSING_ITEMS, start=3):
        lines.append(f"{ordinal(i)}、{item}")
    return "\n".join(lines)


@context.writes
def build_agenda(meeting_id: int, month: str | None = None) -> AgendaResult:
    """(Re)build a 推进会's agenda: copy each 专班's monthly report into the meeting (reports edited at
    the meeting are kept), list the open decisions of earlier meetings, and store the agenda text."""
    m = Meeting.get_or_none((Meeting.id == meeting_id) & Meeting.deleted_at.is_null())
    if m is None:
        raise NotFoundError(f"找不到编号为 {meeting_id} 的会议，可能已被删除")
    if m.meeting_type != MeetingType.TASK_FORCE:
        raise ValidationError("只有专班推进会需要生成汇报议程；其他会议请直接填写议程", "meeting_type")
    month = month or month_of(m.start_at.date())
    monthly = reports_for_month(m.campaign_id, month)
    already = {r.task_force_id for r in MeetingReport.select().where(MeetingReport.meeting == m)}
    forces = list(TaskForce.select().where(TaskForce.campaign == m.campaign_id, TaskForce.deleted_at.is_null())
                  .order_by(TaskForce.sort_order, TaskForce.id))
    missing = []
    for tf in forces:
        rep = monthly.get(tf.id)
        if tf.id in already:
            continue
        if rep is None:
            missing.append(tf.name)
            continue
        row = MeetingReport.create(meeting=m, task_force=tf, progress=rep.progress, problems=rep.problems,
                                   next_steps=rep.next_steps, sort_order=tf.sort_order)
        changelog.record("meeting_report", row.id, "create", "task_force", None, f"{tf.name} {month}")
    decisions = open_decisions_before(m.id)
    reports = list_reports(m.id)
    text = agenda_text(decisions, reports, missing, previous_meeting_id(m.id))
    set_agenda(m.id, text)
    return AgendaResult(m.id, month, tuple(decisions), tuple(reports), tuple(missing), text)


@context.writes
def update_meeting_report(meeting_id: int, task_force_id: int, *, progress: str, problems: str,
                          next_steps: str) -> MeetingReportRecord:
    """Correct what a 专班 reported at this meeting (the monthly report itself stays as entered)."""
    row = MeetingReport.get_or_none(MeetingReport.meeting == meeting_id, MeetingReport.task_force == task_force_id)
    values = {"progress": progress, "problems": problems, "next_steps": next_steps}
    for name, label in REPORT_PARTS:
        values[name] = (values[name] or "").replace("\r\n", "\n").strip()
        if len(values[name]) > MAX_TEXT:
            raise ValidationError(f"{label}超过 {MAX_TEXT} 字，请精简", name)
    if row is None:
        if not TaskForce.select().where(TaskForce.id == task_force_id).exists():
            raise NotFoundError("找不到该专班")
        row = MeetingReport.create(meeting=meeting_id, task_force=task_force_id,
                                   sort_order=TaskForce.get_by_id(task_force_id).sort_order, **values)
        changelog.record("meeting_report", row.id, "create", "task_force", None, str(task_force_id))
    else:
        changes = {k: (getattr(row, k), v) for k, v in values.items() if getattr(row, k) != v}
        for k, (_, v) in changes.items():
            setattr(row, k, v)
        if changes:
            row.save()
            changelog.record_changes("meeting_report", row.id, changes)
    return next(r for r in list_reports(meeting_id) if r.id == row.id)
