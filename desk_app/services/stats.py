"""Statistics: 完成率, 逾期, 按期办结率 and breakdowns by layer, department, 专班 and category."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from peewee import JOIN, Case, fn

from desk_app.db.models import Department, LedgerEntry, Person, TaskForce, database
from desk_app.domain import DATED_DEADLINES, DONE_STATUSES, MIN_PROBLEMS_PER_PERSON, EntryKind, Layer, Status

from . import assists, context
from .ledger_query import LedgerFilter, overdue_condition, summarize, where_clause


@dataclass(frozen=True)
class GroupStats:
    key: str
    total: int
    done: int
    overdue: int

    @property
    def completion_rate(self) -> float:
        return self.done / self.total if self.total else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "completion_rate": round(self.completion_rate, 4)}


DIMENSIONS = {
    "layer": "层级", "department": "责任单位", "task_force": "专班", "category": "问题类别",
    "status": "状态", "kind": "类型", "source": "问题来源", "assist_department": "配合单位",
}


def _group_expr(dimension: str):
    return {
        "layer": (LedgerEntry.layer, None),
        "department": (fn.COALESCE(Department.name, "（未指定）"), Department.sort_order),
        "task_force": (fn.COALESCE(TaskForce.name, "（未归专班）"), TaskForce.sort_order),
        "category": (LedgerEntry.category, None),
        "status": (LedgerEntry.status, None),
        "kind": (LedgerEntry.kind, None),
        "source": (LedgerEntry.source, None),
    }[dimension]


def breakdown(f: LedgerFilter, dimension: str) -> list[GroupStats]:
    if dimension == "assist_department":  # entries each 配合 department assists (services/assists)
        return [GroupStats(r.key, r.assisted, r.assisted_done, r.assisted_overdue)
                for r in assists.department_roles(f) if r.assisted]
    key, order = _group_expr(dimension)
    done = [s.value for s in DONE_STATUSES]
    query = (LedgerEntry
             .select(key.alias("k"), fn.COUNT(LedgerEntry.id),
                     fn.SUM(Case(None, [(LedgerEntry.status.in_(done), 1)], 0)),
                     fn.SUM(Case(None, [(overdue_condition(context.today()), 1)], 0)),
                     fn.MIN(order) if order is not None else fn.MIN(0))
             .join_from(LedgerEntry, Department, JOIN.LEFT_OUTER, on=(LedgerEntry.department == Department.id))
             .join_from(LedgerEntry, TaskForce, JOIN.LEFT_OUTER, on=(LedgerEntry.task_force == TaskForce.id))
             .where(where_clause(f)).group_by(key))
    rows = [(GroupStats(k or "（未填）", t, d or 0, o or 0), rank) for k, t, d, o, rank in query.tuples()]
    if dimension in ("layer", "status"):
        ranks = {v.value: i for i, v in enumerate(Layer if dimension == "layer" else Status)}
        rows.sort(key=lambda r: ranks.get(r[0].key, 99))
    elif dimension in ("department", "task_force"):
        # The clerk's fixed order; '（未指定）' (no department) last.
        rows.sort(key=lambda r: (r[1] is None, r[1] or 0, r[0].key))
    else:
        rows.sort(key=lambda r: (-r[0].total, r[0].key))
    return [g for g, _ in rows]


def on_time_rate(f: LedgerFilter) -> float:
    """按期办结率: entries closed by their deadline ÷ entries whose deadline has come."""
    today = context.today()
    on_time = (LedgerEntry.status == Status.CLOSED) & (LedgerEntry.completed_date <= LedgerEntry.deadline)
    due, closed = (LedgerEntry.select(fn.COUNT(LedgerEntry.id), fn.SUM(Case(None, [(on_time, 1)], 0)))
                   .where(where_clause(f) & LedgerEntry.deadline_type.in_([t.value for t in DATED_DEADLINES])
                          & (LedgerEntry.deadline <= today)).tuples().first())
    return (closed or 0) / due if due else 0.0


def average_days_to_close(f: LedgerFilter) -> float | None:
    value = (LedgerEntry.select(fn.AVG(database.days_between(LedgerEntry.closed_date, LedgerEntry.found_date)))
             .where(where_clause(f) & (LedgerEntry.status == Status.CLOSED)
                    & LedgerEntry.closed_date.is_null(False) & LedgerEntry.found_date.is_null(False)).scalar())
    return round(value, 1) if value is not None else None


@dataclass(frozen=True)
class PersonCount:
    person_id: int
    name: str
    department_name: str
    level: str
    count: int


def people_short_of_problems(campaign_id: int, minimum: int = MIN_PROBLEMS_PER_PERSON) -> list[PersonCount]:
    """People (active) whose own problem list has fewer than `minimum` entries in this campaign."""
    from .ledger_pickers import owner_counts  # noqa: PLC0415

    have = owner_counts(campaign_id)  # from the tally: a group-by over every entry took half a second at 100,000
    people = (Person.select(Person, Department.name.alias("dept_name"))
              .join(Department, JOIN.LEFT_OUTER, on=(Person.department == Department.id))
              .where(Person.active == True)  # noqa: E712
              .order_by(Department.sort_order, Person.pinyin, Person.name, Person.id).objects())
    return [PersonCount(p.id, p.name, p.dept_name or "", p.level, have.get(p.id, 0))
            for p in people if have.get(p.id, 0) < minimum]


@dataclass(frozen=True)
class Overview:
    """What 首页 shows: cheap enough to recompute after every edit, even on 100,000 entries."""

    total: int
    done: int
    overdue: int
    pending_close: int
    due_within_7_days: int
    people_short: list[PersonCount]

    @property
    def completion_rate(self) -> float:
        return self.done / self.total if self.total else 0.0


def overview(campaign_id: int) -> Overview:
    s = summarize(LedgerFilter(campaign_id=campaign_id))
    soon = summarize(LedgerFilter(campaign_id=campaign_id, due_within_days=7)).total
    return Overview(s.total, s.done, s.overdue, s.pending_close, soon, people_short_of_problems(campaign_id))


def campaign_stats(campaign_id: int) -> dict:
    """The figures `desk-app stats` prints and 首页 shows."""
    f = LedgerFilter(campaign_id=campaign_id)
    s = summarize(f)
    return {
        "total": s.total, "done": s.done, "open": s.open, "overdue": s.overdue,
        "pending_close": s.pending_close, "completion_rate": round(s.completion_rate, 4),
        "on_time_rate": round(on_time_rate(f), 4),
        "average_days_to_close": average_days_to_close(f),
        "due_within_7_days": summarize(LedgerFilter(campaign_id=campaign_id, due_within_days=7)).total,
        "people_short_of_6": len(people_short_of_problems(campaign_id)),
        "by_status": {g.key: g.total for g in breakdown(f, "status")},
        "by_kind": {g.key: g.total for g in breakdown(f, "kind")},
        "by_layer": [g.as_dict() for g in breakdown(LedgerFilter(campaign_id=campaign_id,
                                                                 kinds=[EntryKind.RECTIFICATION]), "layer")],
        "by_department": [g.as_dict() for g in breakdown(f, "department")],
        # Each department both ways: the entries it leads (牵头) and those it assists (配合).
        "by_department_role": [r.as_dict() for r in assists.department_roles(f)],
        "by_task_force": [g.as_dict() for g in breakdown(f, "task_force")],
        "by_category": [g.as_dict() for g in breakdown(f, "category")],
    }
