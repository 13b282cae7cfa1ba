"""季度办结率 by 科室 (seed 003: "按季度对文件办结率进行通报"), from the quarter's frozen months.

For a quarter, read from its last frozen month (the latest report day in it):
- 应办结: entries whose dated 整改时限 falls in the quarter and has come by that report day;
- 已办结: of those, done (已销号 or 长期坚持) on the report day; 按期办结: 已销号 by the deadline;
- 办结率 = 已办结 ÷ 应办结, 按期办结率 = 按期办结 ÷ 应办结; ranked by 办结率, then 按期办结率;
- the change against the previous quarter's last frozen month, in points;
- each frozen month's cumulative 完成率 for the 科室 (the quarter's course, for the Excel sheet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk_app.domain import DONE_STATUSES
from desk_app.errors import NotFoundError

from . import campaigns, month_freeze
from .month_freeze import FrozenMonth
from .rankings_periods import parse_quarter, period_label, previous_quarter, quarter_months, quarter_of

_DONE = frozenset(s.value for s in DONE_STATUSES)
NO_DEPARTMENT = "（未指定）"


@dataclass(frozen=True)
class QuarterFigures:
    key: str
    id: int | None
    due: int
    done: int
    on_time: int
    still_open: int  # 应办结 but not done on the report day

    @property
    def rate(self) -> float | None:
        return self.done / self.due if self.due else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class QuarterRow:
    rank: int | None  # None: nothing fell due in the quarter
    now: QuarterFigures
    before: QuarterFigures | None
    monthly: tuple[float | None, ...]  # cumulative 完成率 at each month of the quarter (None: not frozen)

    @property
    def key(self) -> str:
        return self.now.key

    @property
    def change(self) -> float | None:
        if self.before is None or self.before.rate is None or self.now.rate is None:
            return None
        return round((self.now.rate - self.before.rate) * 100, 1)


@dataclass(frozen=True)
class QuarterReport:
    campaign_id: int
    campaign_name: str
    quarter: str
    months: tuple[str, ...]  # the quarter's three months
    frozen: tuple[str, ...]  # those of them frozen
    report_day: date  # the last frozen month's report day: the figures stand as of it
    issued_on: date
    previous_quarter: str | None
    total: QuarterFigures
    total_before: QuarterFigures | None
    rows: tuple[QuarterRow, ...]

    @property
    def label(self) -> str:
        return period_label(self.quarter)

    @property
    def complete(self) -> bool:
        return len(self.frozen) == 3

    @property
    def change(self) -> float | None:
        if self.total_before is None or self.total_before.rate is None or self.total.rate is None:
            return None
        return round((self.total.rate - self.total_before.rate) * 100, 1)


def _figures(fm: FrozenMonth, quarter: str) -> tuple[QuarterFigures, dict[tuple, QuarterFigures]]:
    start = date.fromisoformat(quarter_months(quarter)[0] + "-01")
    groups: dict[tuple, list] = {}
    every = []
    for e in fm.entries:
        if not e.due or e.deadline is None or e.deadline < start:
            continue
        every.append(e)
        groups.setdefault((e.department_id, e.department_name or NO_DEPARTMENT), []).append(e)

    def figures(key, group_id, entries) -> QuarterFigures:
        done = sum(1 for e in entries if e.status in _DONE)
        return QuarterFigures(key, group_id, len(entries), done, sum(1 for e in entries if e.closed_on_time),
                              len(entries) - done)

    by_group = {(gid, name): figures(name, gid, entries) for (gid, name), entries in groups.items()}
    return figures("合计", None, every), by_group


def _last_frozen(campaign_id: int, quarter: str) -> FrozenMonth | None:
    frozen = [m for m in month_freeze.frozen_months(campaign_id) if m in quarter_months(quarter)]
    return month_freeze.frozen_month(campaign_id, frozen[-1]) if frozen else None


def chosen_quarter(campaign_id: int, quarter: str = "") -> str:
    """`quarter` (checked), else the latest quarter with a frozen month."""
    if quarter:
        return parse_quarter(quarter)
    frozen = month_freeze.frozen_months(campaign_id)
    if not frozen:
        raise NotFoundError("还没有封账的月份，季度办结率由各月封账的数字生成。请先封账（desk-app freeze YYYY-MM）。")
    return quarter_of(frozen[-1])


def _sort_key(row: QuarterFigures) -> tuple:
    return (-(row.rate or 0.0), -(row.on_time_rate or 0.0), -row.due)


def quarter_report(campaign_id: int, quarter: str = "") -> QuarterReport:
    quarter = chosen_quarter(campaign_id, quarter)
    months = tuple(quarter_months(quarter))
    frozen_all = month_freeze.frozen_months(campaign_id)
    frozen = tuple(m for m in months if m in frozen_all)
    last = _last_frozen(campaign_id, quarter)
    if last is None:
        listed = "、".join(frozen_all) or "（还没有）"
        raise NotFoundError(f"{period_label(quarter)}还没有封账的月份，无法出季度办结率通报。已封账的月份：{listed}")
    total, groups = _figures(last, quarter)
    before_month = _last_frozen(campaign_id, previous_quarter(quarter))
    total_before, groups_before = _figures(before_month, previous_quarter(quarter)) if before_month else (None, {})
    monthly_rates = []
    for m in months:
        fm = month_freeze.frozen_month(campaign_id, m) if m in frozen else None
        monthly_rates.append({(g.id, g.key): g.completion_rate for g in fm.figures.by_department} if fm else None)
    order = {g.id: i for i, g in enumerate(last.figures.by_department)}
    for g in last.figures.by_department:  # sections with entries but none due in the quarter are listed too
        groups.setdefault((g.id, g.key), QuarterFigures(g.key, g.id, 0, 0, 0, 0))
    present = sorted(groups.values(), key=lambda g: (g.id is None, order.get(g.id, 0), g.key))
    ranked = sorted((g for g in present if g.due), key=lambda g: (_sort_key(g), order.get(g.id, 0)))
    places: dict[tuple, int] = {}
    for i, g in enumerate(ranked):
        same = i and _sort_key(g) == _sort_key(ranked[i - 1])
        places[(g.id, g.key)] = places[(ranked[i - 1].id, ranked[i - 1].key)] if same else i + 1

    def before_of(g: QuarterFigures) -> QuarterFigures | None:
        return next((b for (bid, bkey), b in groups_before.items() if (bid == g.id if g.id else bkey == g.key)), None)

    rows = [QuarterRow(places.get((g.id, g.key)), g, before_of(g),
                       tuple(None if rates is None else rates.get((g.id, g.key)) for rates in monthly_rates))
            for g in ranked + [g for g in present if not g.due]]
    return QuarterReport(campaign_id, campaigns.get_campaign(campaign_id).name, quarter, months, frozen,
                         last.report_day, last.frozen_at.date(),
                         quarter_of(before_month.month) if before_month else None, total, total_before, tuple(rows))
