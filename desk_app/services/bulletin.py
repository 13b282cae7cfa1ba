"""月度通报: what a frozen month says, and how it moved since the previous frozen month.

Read from the frozen months only (month_freeze), never from the live ledger, so the 通报 of a month comes
out the same whatever changed since:
- 完成率, 按期办结率 and 逾期 by 科室 and by 专班, ranked: higher 完成率 first, then higher 按期办结率, then
  fewer 逾期; equal on all three share a place; entries of no 科室 / no 专班 are no group to rank: their
  figures stand apart (no_department / no_task_force) for a note under the table;
- the change against the previous frozen month: points of 完成率 and 按期办结率 (↑↓), 逾期 up or down,
  places moved;
- the entries overdue in this month and the calendar month before (both frozen): "连续两个月逾期";
- the 科室 with open entries (未启动 / 推进中) none of which got a 本月进展 this month: "未报送本月进展".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from desk_app.domain import OPEN_STATUSES
from desk_app.errors import NotFoundError, ValidationError

from . import campaigns, month_freeze
from .month_freeze import FrozenEntry, FrozenMonth, GroupFigures
from .rankings_periods import previous_month

T = TypeVar("T")
_OPEN = frozenset(s.value for s in OPEN_STATUSES)


@dataclass(frozen=True)
class RankedGroup:
    rank: int
    now: GroupFigures
    before: GroupFigures | None  # the same 科室 / 专班 in the previous frozen month
    previous_rank: int | None = None

    @property
    def key(self) -> str:
        return self.now.key

    @property
    def completion_change(self) -> float | None:
        """Points of 完成率 since the previous frozen month (2.5 = up 2.5 percentage points)."""
        return None if self.before is None else round((self.now.completion_rate - self.before.completion_rate) * 100, 1)

    @property
    def on_time_change(self) -> float | None:
        return None if self.before is None else round((self.now.on_time_rate - self.before.on_time_rate) * 100, 1)

    @property
    def overdue_change(self) -> int | None:
        return None if self.before is None else self.now.overdue - self.before.overdue

    @property
    def rank_change(self) -> int | None:
        return None if self.previous_rank is None else self.previous_rank - self.rank


@dataclass(frozen=True)
class OverdueEntry:
    id: int
    code: str
    description: str  # 问题表现 as frozen (filled in by describe(); '' until then)
    kind: str
    department_name: str
    responsible_name: str
    deadline: date | None
    days: int  # days past the deadline on the report day


@dataclass(frozen=True)
class SilentDepartment:
    name: str
    open_entries: int


@dataclass(frozen=True)
class Bulletin:
    campaign_id: int
    campaign_name: str
    month: str
    report_day: date
    issued_on: date  # the day the month was frozen: the 通报's date, the same at every reprint
    previous_month: str | None  # the previous frozen month, compared against
    total: GroupFigures
    total_before: GroupFigures | None
    pending_close: int
    by_kind: tuple[GroupFigures, ...]
    departments: tuple[RankedGroup, ...]
    task_forces: tuple[RankedGroup, ...]
    overdue_twice: tuple[OverdueEntry, ...]
    overdue_compared: bool  # the calendar month before is frozen, so 连续两个月逾期 could be checked
    silent: tuple[SilentDepartment, ...]
    # Entries with no 科室 / no 专班: counted in the 总体情况, never ranked as if they were one
    no_department: GroupFigures | None = None
    no_task_force: GroupFigures | None = None

    @property
    def completion_change(self) -> float | None:
        if self.total_before is None:
            return None
        return round((self.total.completion_rate - self.total_before.completion_rate) * 100, 1)

    @property
    def on_time_change(self) -> float | None:
        if self.total_before is None:
            return None
        return round((self.total.on_time_rate - self.total_before.on_time_rate) * 100, 1)

    @property
    def overdue_change(self) -> int | None:
        return None if self.total_before is None else self.total.overdue - self.total_before.overdue


def _order_key(g: GroupFigures) -> tuple:
    return (-round(g.completion_rate, 6), -round(g.on_time_rate, 6), g.overdue)


def rank_groups(now: tuple[GroupFigures, ...], before: tuple[GroupFigures, ...] | None) -> tuple[RankedGroup, ...]:
    """Groups ranked (ties share a place); each with its figures in the previous month, matched by id
    (a renamed 科室 is still itself), else by name."""
    def ranks(groups) -> dict:
        ordered = sorted(groups, key=lambda g: (_order_key(g), g.key))
        out, place = {}, 0
        for i, g in enumerate(ordered):
            if i == 0 or _order_key(g) != _order_key(ordered[i - 1]):
                place = i + 1
            out[(g.id, g.key)] = place
        return out

    def find(g: GroupFigures, pool) -> GroupFigures | None:
        if g.id is not None:
            return next((p for p in pool if p.id == g.id), None)
        return next((p for p in pool if p.id is None and p.key == g.key), None)

    now_ranks = ranks(now)
    before_ranks = ranks(before) if before is not None else {}
    rows = []
    for g in sorted(now, key=lambda g: (now_ranks[(g.id, g.key)], g.key)):
        old = find(g, before) if before is not None else None
        rows.append(RankedGroup(now_ranks[(g.id, g.key)], g, old,
                                before_ranks.get((old.id, old.key)) if old is not None else None))
    return tuple(rows)


def _ranked(groups: tuple[GroupFigures, ...]) -> tuple[GroupFigures, ...]:
    return tuple(g for g in groups if g.id is not None)


def _unassigned(groups: tuple[GroupFigures, ...]) -> GroupFigures | None:
    return next((g for g in groups if g.id is None), None)


def _overdue_twice(now: FrozenMonth, before: FrozenMonth | None) -> tuple[OverdueEntry, ...]:
    if before is None:
        return ()
    earlier = {e.id for e in before.entries if e.overdue}
    found = [e for e in now.entries if e.overdue and e.id in earlier]
    return tuple(OverdueEntry(e.id, e.code, "", e.kind, e.department_name, e.responsible_name, e.deadline,
                              (now.report_day - e.deadline).days if e.deadline else 0) for e in found)


def _silent(now: FrozenMonth, department_order: dict[int, int]) -> tuple[SilentDepartment, ...]:
    open_by: dict[tuple[int | None, str], list[FrozenEntry]] = {}
    for e in now.entries:
        if e.status in _OPEN:
            open_by.setdefault((e.department_id, e.department_name), []).append(e)
    silent = [(key, entries) for key, entries in open_by.items()
              if key[0] is not None and not any(e.month_progress.strip() for e in entries)]
    silent.sort(key=lambda item: (department_order.get(item[0][0], 0), item[0][1]))
    return tuple(SilentDepartment(name, len(entries)) for (_id, name), entries in silent)


def chosen_month(campaign_id: int, month: str = "") -> str:
    """`month` if it is frozen, else a clear error; without one, the latest frozen month."""
    frozen = month_freeze.frozen_months(campaign_id)
    if month:
        month = month_freeze.check_month(month)
        if month not in frozen:
            listed = "、".join(frozen) or "（还没有）"
            raise ValidationError(f"{month_freeze.cn_month(month)}尚未封账，不能出月度通报。已封账的月份：{listed}。"
                                  f"先封账：desk-app freeze {month}", "month")
        return month
    if not frozen:
        raise NotFoundError("还没有封账的月份，月度通报由封账的数字生成。请先在报送日封账"
                            "（文件 › 月度封账，或命令行 desk-app freeze YYYY-MM）。")
    return frozen[-1]


def bulletin(campaign_id: int, month: str) -> Bulletin:
    """The 通报 of a frozen month, compared with the previous frozen month (descriptions not yet read:
    see describe())."""
    month = chosen_month(campaign_id, month)
    now = month_freeze.frozen_month(campaign_id, month)
    frozen = month_freeze.frozen_months(campaign_id)
    earlier = [m for m in frozen if m < month]
    before = month_freeze.frozen_month(campaign_id, earlier[-1]) if earlier else None
    calendar_before = before if before is not None and before.month == previous_month(month) else None
    figures = now.figures
    old = before.figures if before is not None else None
    order = {g.id: i for i, g in enumerate(figures.by_department) if g.id is not None}
    return Bulletin(
        campaign_id, campaigns.get_campaign(campaign_id).name, month, now.report_day, now.frozen_at.date(),
        before.month if before is not None else None, figures.total, old.total if old else None,
        figures.pending_close, figures.by_kind,
        rank_groups(_ranked(figures.by_department), _ranked(old.by_department) if old else None),
        rank_groups(_ranked(figures.by_task_force), _ranked(old.by_task_force) if old else None),
        _overdue_twice(now, calendar_before), calendar_before is not None, _silent(now, order),
        _unassigned(figures.by_department), _unassigned(figures.by_task_force))


def in_month(campaign_id: int, month: str, make: Callable[[Bulletin], T], progress=None) -> T:
    """make(bulletin) run as of the frozen month (month_view): the 问题表现 filled in from the frozen
    entries, and the names, settings and 'today' of the report day for whatever `make` lays out."""
    from .month_view import run_as_of  # noqa: PLC0415

    data = bulletin(campaign_id, month)

    def inside() -> T:
        return make(describe(data))

    return run_as_of(campaign_id, data.month, inside, progress)


def describe(data: Bulletin) -> Bulletin:
    """The overdue entries with their 问题表现, read in batches from the ledger (inside month_view: the
    frozen rows)."""
    if not data.overdue_twice:
        return data
    from desk_app.db.models import LedgerEntry  # noqa: PLC0415

    ids = [e.id for e in data.overdue_twice]
    texts: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        texts.update(LedgerEntry.select(LedgerEntry.id, LedgerEntry.description)
                     .where(LedgerEntry.id.in_(chunk)).tuples())
    return replace(data, overdue_twice=tuple(replace(e, description=texts.get(e.id, "")) for e in data.overdue_twice))
