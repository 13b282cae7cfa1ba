"""专班 monthly reports (工作进展 / 存在问题 / 下步计划): entered once, used by the 推进会 and by print."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from desk_app.db.models import TaskForce, TaskForceReport
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context, roles

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MAX_TEXT = 20000
REPORT_PARTS = (("progress", "工作进展"), ("problems", "存在问题"), ("next_steps", "下步计划"))


@dataclass(frozen=True)
class MonthlyReportRecord:
    id: int
    task_force_id: int
    task_force_name: str
    month: str  # YYYY-MM
    progress: str
    problems: str
    next_steps: str
    updated_at: datetime


def month_of(day: date) -> str:
    return day.strftime("%Y-%m")


def previous_month(month: str) -> str:
    year, mon = (int(x) for x in month.split("-"))
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


def check_month(month: str) -> str:
    month = (month or "").strip()
    m = MONTH_RE.match(month)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError(f"月份“{month}”格式不正确，应写成 YYYY-MM，例如 2026-11", "month")
    if month > month_of(context.today()):
        raise ValidationError(f"不能填写未来月份（{month}）的月度报告", "month")
    return month


def _record(r: TaskForceReport, name: str) -> MonthlyReportRecord:
    return MonthlyReportRecord(r.id, r.task_force_id, name, r.month, r.progress, r.problems, r.next_steps,
                               r.updated_at)


def _tf(tf_id: int) -> TaskForce:
    tf = TaskForce.get_or_none((TaskForce.id == tf_id) & TaskForce.deleted_at.is_null())
    if tf is None:
        raise NotFoundError(f"找不到编号为 {tf_id} 的专班，可能已被删除")
    return tf


def get_report(tf_id: int, month: str) -> MonthlyReportRecord | None:
    tf = _tf(tf_id)
    r = TaskForceReport.get_or_none(TaskForceReport.task_force == tf_id, TaskForceReport.month == month)
    return _record(r, tf.name) if r else None


def list_reports(tf_id: int) -> list[MonthlyReportRecord]:
    """One 专班's reports, newest month first."""
    tf = _tf(tf_id)
    return [_record(r, tf.name) for r in TaskForceReport.select().where(TaskForceReport.task_force == tf_id)
            .order_by(TaskForceReport.month.desc())]


def reports_for_month(campaign_id: int, month: str) -> dict[int, MonthlyReportRecord]:
    """Reports of every 专班 of the campaign for one month, by task force id."""
    rows = (TaskForceReport.select(TaskForceReport, TaskForce.name).join(TaskForce)
            .where(TaskForce.campaign == campaign_id, TaskForce.deleted_at.is_null(),
                   TaskForceReport.month == month).objects())
    return {r.task_force_id: _record(r, r.name) for r in rows}


@context.writes(allow=roles.Allow(roles.PROGRESS, "tf_id", scope="task_force"))
def save_report(tf_id: int, month: str, progress: str = "", problems: str = "",
                next_steps: str = "") -> MonthlyReportRecord:
    """Enter or correct the report of one 专班 for one month (one report per month)."""
    tf = _tf(tf_id)
    month = check_month(month)
    values = {}
    for (name, label), raw in zip(REPORT_PARTS, (progress, problems, next_steps), strict=True):
        text = str(raw or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_TEXT:
            raise ValidationError(f"{label}超过 {MAX_TEXT} 字，请精简", name)
        values[name] = text
    if not values["progress"]:
        raise ValidationError("工作进展不能为空：请至少写明本月做了什么", "progress")
    existing = TaskForceReport.get_or_none(TaskForceReport.task_force == tf, TaskForceReport.month == month)
    if existing is None:
        r = TaskForceReport.create(task_force=tf, month=month, updated_at=context.now(), **values)
        changelog.record("task_force_report", r.id, "create", "month", None, f"{tf.name} {month}")
        return _record(r, tf.name)
    changes = {k: (getattr(existing, k), v) for k, v in values.items() if getattr(existing, k) != v}
    if changes:
        for k, (_, v) in changes.items():
            setattr(existing, k, v)
        existing.updated_at = context.now()
        existing.save()
        changelog.record_changes("task_force_report", existing.id, changes)
    return _record(existing, tf.name)


@context.writes(allow=roles.Allow(roles.PROGRESS, "tf_id", scope="task_force"))
def delete_report(tf_id: int, month: str) -> None:
    tf = _tf(tf_id)
    r = TaskForceReport.get_or_none(TaskForceReport.task_force == tf, TaskForceReport.month == month)
    if r is None:
        raise NotFoundError(f"{tf.name}没有 {month} 的月度报告")
    changelog.record("task_force_report", r.id, "delete", "month", f"{tf.name} {month}", None)
    r.delete_instance()
