"""The change history as a clerk reads it: filters, paging, Chinese names for tables, fields, actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desk_app.db.models import ChangeLog, LedgerEntry

from . import history_labels as labels

ENTITY_LABELS = {
    "ledger_entry": "台账事项", "task_force": "专班", "meeting": "会议", "attachment": "附件",
    "setting": "设置", "person": "人员", "department": "科室", "campaign": "活动", "unit": "下级单位",
    "choice_item": "选项", "progress_update": "进展", "entry_event": "办理环节", "task_force_member": "专班成员",
    "action_plan_version": "行动方案", "task_force_report": "专班月报", "meeting_attendance": "签到",
    "meeting_report": "会议汇报", "package_receipt": "数据包", "monthly_snapshot": "月度快照",
    "ranking_kind": "排名活动", "ranking_round": "排名轮次", "interview": "提醒约谈", "register_item": "制度与目标清单",
}
ACTION_LABELS = {"create": "新增", "update": "修改", "delete": "删除（移入回收站）", "restore": "从回收站恢复",
                 "purge": "彻底删除", "import": "导入"}


@dataclass(frozen=True)
class HistoryFilter:
    entity: str | None = None
    entity_id: int | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class HistoryRow:
    id: int
    at: datetime
    actor: str
    entity: str
    entity_label: str
    entity_id: int
    subject: str  # 问题编号 / 专班名 / … of the changed item
    action: str
    action_label: str
    field: str
    field_label: str
    old: str  # as a clerk reads it: names instead of ids, setting values as 标签：值
    new: str
    actor_label: str = ""  # the person, with a hint when it is only the computer's login name


def _query(flt: HistoryFilter):
    query = ChangeLog.select()
    if flt.entity:
        query = query.where(ChangeLog.entity == flt.entity)
    if flt.entity_id is not None:
        query = query.where(ChangeLog.entity_id == flt.entity_id)
    if flt.actor:
        query = query.where(ChangeLog.actor == flt.actor)
    if flt.since:
        query = query.where(ChangeLog.at >= datetime.combine(flt.since, datetime.min.time()))
    if flt.until:
        query = query.where(ChangeLog.at <= datetime.combine(flt.until, datetime.max.time()))
    return query


def count(flt: HistoryFilter = HistoryFilter()) -> int:
    return _query(flt).count()


def page(flt: HistoryFilter = HistoryFilter(), offset: int = 0, limit: int = 200) -> list[HistoryRow]:
    """One page of the history, newest first."""
    rows = list(_query(flt).order_by(ChangeLog.id.desc()).offset(offset).limit(limit))
    subjects = labels.subjects(rows)
    names = labels.referenced_names(rows)
    clerk, login = _clerk_name(), labels.login_name()
    out = []
    for r in rows:
        old, new = r.old or "", r.new or ""
        subject = subjects.get((r.entity, r.entity_id)) or labels.fallback_subject(r.action, old, new)
        out.append(HistoryRow(r.id, r.at, r.actor, r.entity, ENTITY_LABELS.get(r.entity, r.entity), r.entity_id,
                              subject, r.action, ACTION_LABELS.get(r.action, r.action), r.field,
                              labels.field_label(r.entity, r.field),
                              labels.value_text(r.entity, r.field, old, names),
                              labels.value_text(r.entity, r.field, new, names),
                              labels.actor_label(r.actor, clerk, login)))
    return out


def _clerk_name() -> str:
    from . import settings  # noqa: PLC0415

    return settings.preferences().clerk_name


def actors() -> list[str]:
    return [a for (a,) in ChangeLog.select(ChangeLog.actor).distinct().order_by(ChangeLog.actor).tuples() if a]


def actor_choices() -> list[tuple[str, str]]:
    """(actor as logged, how the person filter shows it) for everyone in the history."""
    clerk, login = _clerk_name(), labels.login_name()
    return [(a, labels.actor_label(a, clerk, login).split("（未设置", 1)[0]) for a in actors()]


def entities() -> list[tuple[str, str]]:
    """(entity, Chinese label) of every kind that has history."""
    found = [e for (e,) in ChangeLog.select(ChangeLog.entity).distinct().tuples()]
    return sorted(((e, ENTITY_LABELS.get(e, e)) for e in found), key=lambda p: p[1])


def find_entry_id(code: str) -> int | None:
    """The ledger entry with this 问题编号 (own entries first), for the per-entry history."""
    code = code.strip()
    if not code:
        return None
    entry = (LedgerEntry.select(LedgerEntry.id).where(LedgerEntry.code == code)
             .order_by(LedgerEntry.source_unit, LedgerEntry.id).first())
    return entry.id if entry else None
