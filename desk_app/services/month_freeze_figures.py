"""The figures of a frozen month, computed from its frozen entries (never from the live ledger).

They follow the same rules as services/stats on the report day: 完成率 = (已销号 + 长期坚持) ÷ 总数;
按期办结率 = entries 已销号 by their deadline ÷ entries whose dated deadline has come (整改时限 on or
before the report day); 逾期 = open with a dated deadline before the report day. 按层级 counts
问题整改 only (层级 belongs to them), as the 统计 page does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from desk_app.domain import DONE_STATUSES, EntryKind, Layer, Status

NO_DEPARTMENT = "（未指定）"
NO_TASK_FORCE = "（未归专班）"
BLANK = "（未填）"
TOTAL = "合计"
_DONE = frozenset(s.value for s in DONE_STATUSES)


@dataclass(frozen=True)
class GroupFigures:
    """One row of a breakdown (or the 合计): counts and rates of the entries in the group."""

    key: str  # the group's name as printed (科室, 专班, 层级, 类别, 类型)
    id: int | None  # the 科室 or 专班 id; None for the other dimensions and for "none"
    total: int
    done: int
    completion_rate: float
    due: int  # dated deadline on or before the report day
    closed_on_time: int  # of those, 已销号 by the deadline
    on_time_rate: float
    overdue: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class MonthFigures:
    total: GroupFigures
    pending_close: int  # 申请销号, awaiting review
    by_status: tuple[tuple[str, int], ...]
    by_layer: tuple[GroupFigures, ...]
    by_department: tuple[GroupFigures, ...]
    by_task_force: tuple[GroupFigures, ...]
    by_category: tuple[GroupFigures, ...]
    by_kind: tuple[GroupFigures, ...]

    def as_dict(self) -> dict:
        return {"total": self.total.as_dict(), "pending_close": self.pending_close,
                "by_status": dict(self.by_status),
                **{name: [g.as_dict() for g in getattr(self, name)] for name in BREAKDOWNS}}

    @classmethod
    def from_dict(cls, data: dict) -> MonthFigures:
        return cls(total=GroupFigures(**data["total"]), pending_close=data["pending_close"],
                   by_status=tuple(data["by_status"].items()),
                   **{name: tuple(GroupFigures(**g) for g in data[name]) for name in BREAKDOWNS})


BREAKDOWNS = ("by_layer", "by_department", "by_task_force", "by_category", "by_kind")


def group(key: str, group_id: int | None, entries: Iterable) -> GroupFigures:
    """The figures of some frozen entries (anything with status / due / closed_on_time / overdue)."""
    total = done = due = on_time = overdue = 0
    for e in entries:
        total += 1
        done += e.status in _DONE
        overdue += bool(e.overdue)
        if e.due:
            due += 1
            on_time += bool(e.closed_on_time)
    return GroupFigures(key, group_id, total, done, done / total if total else 0.0, due, on_time,
                        on_time / due if due else 0.0, overdue)


def _breakdown(entries: list, key: Callable, order: Callable) -> tuple[GroupFigures, ...]:
    groups: dict[tuple, list] = {}
    for e in entries:
        groups.setdefault(key(e), []).append(e)
    rows = [group(name, group_id, members) for (name, group_id), members in groups.items()]
    return tuple(sorted(rows, key=order))


def compute(entries: list, department_order: dict[int, int], task_force_order: dict[int, int]) -> MonthFigures:
    """Figures of the frozen entries; `*_order` are the clerk's fixed orders (id → sort_order) as frozen."""
    layer_rank = {v.value: i for i, v in enumerate(Layer)}
    kind_rank = {v.value: i for i, v in enumerate(EntryKind)}
    status_counts = {s.value: 0 for s in Status}
    for e in entries:
        status_counts[e.status] = status_counts.get(e.status, 0) + 1
    rectification = [e for e in entries if e.kind == EntryKind.RECTIFICATION]

    def fixed(order: dict[int, int]):  # the clerk's order; "none" last
        return lambda g: (g.id is None, order.get(g.id, 0) if g.id is not None else 0, g.key)

    return MonthFigures(
        total=group(TOTAL, None, entries),
        pending_close=status_counts.get(Status.PENDING_CLOSE.value, 0),
        by_status=tuple((k, n) for k, n in status_counts.items() if n),
        by_layer=_breakdown(rectification, lambda e: (e.layer or BLANK, None),
                            lambda g: (layer_rank.get(g.key, 99), g.key)),
        by_department=_breakdown(entries, lambda e: (e.department_name or NO_DEPARTMENT, e.department_id),
                                 fixed(department_order)),
        by_task_force=_breakdown(entries, lambda e: (e.task_force_name or NO_TASK_FORCE, e.task_force_id),
                                 fixed(task_force_order)),
        by_category=_breakdown(entries, lambda e: (e.category or BLANK, None), lambda g: (-g.total, g.key)),
        by_kind=_breakdown(entries, lambda e: (e.kind, None), lambda g: (kind_rank.get(g.key, 99), g.key)),
    )
