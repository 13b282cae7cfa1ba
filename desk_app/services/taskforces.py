"""专班 (task forces): their rosters and the versioned 行动方案. Monthly reports: taskforce_reports.py."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN, fn

from desk_app.db.models import (
    ActionPlanVersion,
    Campaign,
    Department,
    LedgerEntry,
    Person,
    TaskForce,
    TaskForceMember,
    TaskForceReport,
)
from desk_app.domain import DONE_STATUSES, Role
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context, roles
from .ledger_query import overdue_condition

ROLE_ORDER = {r.value: i for i, r in enumerate(Role)}
MAX_PLAN_TEXT = 20000
PLAN_PARTS = (("composition", "人员组成"), ("targets", "目标任务"), ("measures", "工作举措"),
              ("safeguards", "作风保障"))


@dataclass(frozen=True)
class MemberRecord:
    id: int
    task_force_id: int
    person_id: int
    name: str
    department_name: str
    title: str
    phone: str
    role: str
    sort_order: int
    active: bool = True  # False: the person has left the bureau (科室与人员 › 仍在本单位工作 unticked)


@dataclass(frozen=True)
class PlanVersionRecord:
    id: int
    task_force_id: int
    version: int
    composition: str
    targets: str
    measures: str
    safeguards: str
    note: str
    created_by: str
    created_at: datetime

    def part(self, name: str) -> str:
        return getattr(self, name)


@dataclass(frozen=True)
class TaskForceRecord:
    id: int
    campaign_id: int
    name: str
    goal: str
    plan_due_date: date | None
    sort_order: int
    members: tuple[MemberRecord, ...]  # everyone still on the roster, including people who have left
    plan_version: int | None  # None: no 行动方案 yet
    open_entries: int
    overdue_entries: int
    last_report_month: str | None

    @property
    def current_members(self) -> list[MemberRecord]:
        """The members who still work here: what the 专班 counts, prints and calls to meetings. A person
        who left stays in `members` (history stays) until the clerk takes them off the roster."""
        return [m for m in self.members if m.active]

    @property
    def left_members(self) -> list[MemberRecord]:
        return [m for m in self.members if not m.active]

    def members_in(self, *roles: str) -> list[MemberRecord]:
        return [m for m in self.current_members if m.role in roles]

    @property
    def leads(self) -> list[MemberRecord]:
        return self.members_in(Role.LEAD)

    @property
    def people_count(self) -> int:
        return len({m.person_id for m in self.current_members})


@dataclass
class PlanInput:
    composition: str = ""
    targets: str = ""
    measures: str = ""
    safeguards: str = ""
    note: str = ""


@dataclass(frozen=True)
class PlanPartDiff:
    part: str  # field name
    label: str  # 人员组成 …
    changed: bool
    lines: tuple[str, ...]  # unified-diff lines without headers ("+…", "-…", " …")


def _clean(text) -> str:
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch >= " " or ch in "\n\t").strip()


def _model(tf_id: int) -> TaskForce:
    tf = TaskForce.get_or_none((TaskForce.id == tf_id) & TaskForce.deleted_at.is_null())
    if tf is None:
        raise NotFoundError(f"找不到编号为 {tf_id} 的专班，可能已被删除")
    return tf


# -- reading ----------------------------------------------------------------------------------

def _members(tf_ids: list[int]) -> dict[int, list[MemberRecord]]:
    rows = (TaskForceMember.select(TaskForceMember, Person.name, Person.title, Person.phone, Person.active,
                                   Department.name.alias("dept_name"))
            .join(Person).join(Department, JOIN.LEFT_OUTER, on=(Person.department == Department.id))
            .where(TaskForceMember.task_force.in_(tf_ids)).objects())
    out: dict[int, list[MemberRecord]] = {i: [] for i in tf_ids}
    for r in rows:
        out[r.task_force_id].append(MemberRecord(r.id, r.task_force_id, r.person_id, r.name, r.dept_name or "",
                                                 r.title, r.phone, r.role, r.sort_order, bool(r.active)))
    for members in out.values():
        members.sort(key=lambda m: (ROLE_ORDER.get(m.role, 99), m.sort_order, m.id))
    return out


def _entry_counts(tf_ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    base = (LedgerEntry.task_force.in_(tf_ids)) & LedgerEntry.deleted_at.is_null()
    open_q = (LedgerEntry.select(LedgerEntry.task_force, fn.COUNT(LedgerEntry.id))
              .where(base & LedgerEntry.status.not_in([s.value for s in DONE_STATUSES]))
              .group_by(LedgerEntry.task_force).tuples())
    overdue_q = (LedgerEntry.select(LedgerEntry.task_force, fn.COUNT(LedgerEntry.id))
                 .where(base & overdue_condition(context.today())).group_by(LedgerEntry.task_force).tuples())
    return dict(open_q), dict(overdue_q)


def _records(query) -> list[TaskForceRecord]:
    forces = list(query)
    ids = [t.id for t in forces]
    if not ids:
        return []
    members = _members(ids)
    open_n, overdue_n = _entry_counts(ids)
    versions = dict(ActionPlanVersion.select(ActionPlanVersion.task_force, fn.MAX(ActionPlanVersion.version))
                    .where(ActionPlanVersion.task_force.in_(ids)).group_by(ActionPlanVersion.task_force).tuples())
    months = dict(TaskForceReport.select(TaskForceReport.task_force, fn.MAX(TaskForceReport.month))
                  .where(TaskForceReport.task_force.in_(ids)).group_by(TaskForceReport.task_force).tuples())
    return [TaskForceRecord(t.id, t.campaign_id, t.name, t.goal, t.plan_due_date, t.sort_order,
                            tuple(members[t.id]), versions.get(t.id), open_n.get(t.id, 0),
                            overdue_n.get(t.id, 0), months.get(t.id)) for t in forces]


def list_task_forces(campaign_id: int) -> list[TaskForceRecord]:
    """Every 专班 of the campaign in the clerk's order, each with its roster and figures."""
    return _records(TaskForce.select().where(TaskForce.campaign == campaign_id, TaskForce.deleted_at.is_null())
                    .order_by(TaskForce.sort_order, TaskForce.id))


def get_task_force(tf_id: int) -> TaskForceRecord:
    return _records(TaskForce.select().where(TaskForce.id == _model(tf_id).id))[0]


def _plan(v: ActionPlanVersion) -> PlanVersionRecord:
    return PlanVersionRecord(v.id, v.task_force_id, v.version, v.composition, v.targets, v.measures,
                             v.safeguards, v.note, v.created_by, v.created_at)


def plan_versions(tf_id: int) -> list[PlanVersionRecord]:
    """All versions of the 行动方案, oldest first."""
    _model(tf_id)
    return [_plan(v) for v in ActionPlanVersion.select().where(ActionPlanVersion.task_force == tf_id)
            .order_by(ActionPlanVersion.version)]


def current_plan(tf_id: int) -> PlanVersionRecord | None:
    v = (ActionPlanVersion.select().where(ActionPlanVersion.task_force == tf_id)
         .order_by(ActionPlanVersion.version.desc()).first())
    return _plan(v) if v else None


def plan_diff(old: PlanVersionRecord | None, new: PlanVersionRecord) -> list[PlanPartDiff]:
    """What changed between two versions, part by part (line-level, like a 修订对照)."""
    result = []
    for name, label in PLAN_PARTS:
        before = old.part(name).splitlines() if old else []
        after = new.part(name).splitlines()
        lines = [ln for ln in difflib.unified_diff(before, after, lineterm="", n=1)
                 if not ln.startswith(("---", "+++", "@@"))]
        result.append(PlanPartDiff(name, label, before != after, tuple(lines)))
    return result


def suggested_composition(tf_id: int) -> str:
    """A first draft of 人员组成 from the roster, grouped by role."""
    tf = get_task_force(tf_id)
    parts = []
    for role in Role:
        names = [m.name for m in tf.members_in(role)]
        if names:
            parts.append(f"{role}：{'、'.join(names)}")
    return "；\n".join(parts) + ("。" if parts else "")


# -- writing ----------------------------------------------------------------------------------

def _validate_tf(campaign_id: int, name: str, exclude_id: int | None = None) -> None:
    if not name:
        raise ValidationError("专班名称不能为空", "name")
    if len(name) > 60:
        raise ValidationError("专班名称不能超过 60 字", "name")
    clash = TaskForce.select().where(TaskForce.campaign == campaign_id, TaskForce.name == name)
    if exclude_id is not None:
        clash = clash.where(TaskForce.id != exclude_id)
    if clash.exists():
        raise ValidationError(f"本次活动中已有名为“{name}”的专班（含已删除的），请换一个名称", "name")


@context.writes
def create_task_force(campaign_id: int, name: str, goal: str = "",
                      plan_due_date: date | None = None) -> TaskForceRecord:
    if not Campaign.select().where(Campaign.id == campaign_id).exists():
        raise NotFoundError("找不到所选活动，请先新建活动")
    name = _clean(name)
    _validate_tf(campaign_id, name)
    order = (TaskForce.select(fn.MAX(TaskForce.sort_order)).where(TaskForce.campaign == campaign_id).scalar()
             or 0) + 1
    tf = TaskForce.create(campaign=campaign_id, name=name, goal=_clean(goal), plan_due_date=plan_due_date,
                          sort_order=order)
    changelog.record("task_force", tf.id, "create", "name", None, name)
    return get_task_force(tf.id)


@context.writes
def update_task_force(tf_id: int, *, name: str | None = None, goal: str | None = None,
                      plan_due_date: date | None | bool = False) -> TaskForceRecord:
    """Change name, goal or 方案截止日期 (pass plan_due_date=None to clear it; False leaves it)."""
    tf = _model(tf_id)
    changes = {}
    if name is not None:
        name = _clean(name)
        _validate_tf(tf.campaign_id, name, tf.id)
        if name != tf.name:
            changes["name"] = (tf.name, name)
            tf.name = name
    if goal is not None and _clean(goal) != tf.goal:
        changes["goal"] = (tf.goal, _clean(goal))
        tf.goal = _clean(goal)
    if plan_due_date is not False and plan_due_date != tf.plan_due_date:
        changes["plan_due_date"] = (tf.plan_due_date, plan_due_date)
        tf.plan_due_date = plan_due_date
    if changes:
        tf.save()
        changelog.record_changes("task_force", tf.id, changes)
    return get_task_force(tf.id)


@context.writes
def delete_task_force(tf_id: int) -> None:
    tf = _model(tf_id)
    tf.deleted_at = context.now()
    tf.save()
    changelog.record("task_force", tf.id, "delete", "deleted_at", None, tf.deleted_at)


@context.writes
def reorder_task_forces(ids_in_order: list[int]) -> None:
    for position, tf_id in enumerate(ids_in_order, start=1):
        TaskForce.update(sort_order=position).where(TaskForce.id == tf_id).execute()
    changelog.record("task_force", 0, "update", "sort_order", None, ",".join(map(str, ids_in_order)))


@context.writes(allow=roles.Allow(roles.ROSTER, "tf_id", scope="task_force"))
def add_member(tf_id: int, person_id: int, role: str) -> MemberRecord:
    tf = _model(tf_id)
    if role not in ROLE_ORDER:
        raise ValidationError(f"角色“{role}”不正确，应为：{'、'.join(Role)}", "role")
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise ValidationError("所选人员不存在，请先在设置中添加人员", "person_id")
    if TaskForceMember.select().where(TaskForceMember.task_force == tf, TaskForceMember.person == person,
                                      TaskForceMember.role == role).exists():
        raise ValidationError(f"同一人在同一专班中不能重复担任同一角色：{person.name}已是{tf.name}的{role}", "role")
    order = (TaskForceMember.select(fn.MAX(TaskForceMember.sort_order))
             .where(TaskForceMember.task_force == tf).scalar() or 0) + 1
    m = TaskForceMember.create(task_force=tf, person=person, role=role, sort_order=order)
    changelog.record("task_force_member", m.id, "create", "role", None, f"{tf.name}：{person.name}（{role}）")
    return next(r for r in _members([tf.id])[tf.id] if r.id == m.id)


@context.writes(allow=roles.Allow(roles.ROSTER, "member_id", scope="member"))
def change_member_role(member_id: int, role: str) -> MemberRecord:
    m = TaskForceMember.get_or_none(TaskForceMember.id == member_id)
    if m is None:
        raise NotFoundError("找不到该专班成员，可能已被移除")
    if role not in ROLE_ORDER:
        raise ValidationError(f"角色“{role}”不正确，应为：{'、'.join(Role)}", "role")
    if role != m.role:
        if TaskForceMember.select().where(TaskForceMember.task_force == m.task_force_id,
                                          TaskForceMember.person == m.person_id,
                                          TaskForceMember.role == role).exists():
            raise ValidationError(f"同一人在同一专班中不能重复担任同一角色：{m.person.name}已是{role}", "role")
        changelog.record("task_force_member", m.id, "update", "role", m.role, role)
        m.role = role
        m.save()
    return next(r for r in _members([m.task_force_id])[m.task_force_id] if r.id == m.id)


@context.writes(allow=roles.Allow(roles.ROSTER, "member_id", scope="member"))
def remove_member(member_id: int) -> MemberRecord:
    """Take someone off a roster; returns what was removed so the caller can offer to undo it."""
    m = TaskForceMember.get_or_none(TaskForceMember.id == member_id)
    if m is None:
        raise NotFoundError("找不到该专班成员，可能已被移除")
    record = next(r for r in _members([m.task_force_id])[m.task_force_id] if r.id == m.id)
    changelog.record("task_force_member", m.id, "delete", "role", f"{m.task_force.name}：{record.name}（{m.role}）",
                     None)
    m.delete_instance()
    return record


@context.writes
def save_plan(tf_id: int, data: PlanInput) -> PlanVersionRecord:
    """Save the 行动方案 as a new version; earlier versions stay as they were."""
    tf = _model(tf_id)
    values = {name: _clean(getattr(data, name)) for name, _ in PLAN_PARTS}
    note = _clean(data.note)
    if not any(values.values()):
        raise ValidationError("行动方案四个部分（人员组成、目标任务、工作举措、作风保障）不能全部为空", "targets")
    for name, label in PLAN_PARTS:
        if len(values[name]) > MAX_PLAN_TEXT:
            raise ValidationError(f"{label}超过 {MAX_PLAN_TEXT} 字，请精简", name)
    latest = current_plan(tf.id)
    if latest and all(latest.part(n) == values[n] for n, _ in PLAN_PARTS):
        raise ValidationError(f"行动方案与第 {latest.version} 版相同，没有需要保存的修改", "")
    version = (latest.version if latest else 0) + 1
    v = ActionPlanVersion.create(task_force=tf, version=version, note=note, created_by=context.actor(),
                                 created_at=context.now(), **values)
    changelog.record("action_plan_version", v.id, "create", "version", latest.version if latest else None,
                     f"{tf.name} 第{version}版")
    return _plan(v)
