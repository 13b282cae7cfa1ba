"""月度序时进度 of a 重点任务: the share of the work planned by the end of each month, the share reported,
and the lag flag (滞后: reported below planned by more than the tolerance set in 设置).

As of a month M the plan is the latest planned % of a month up to M, the actual the latest % reported
up to M (0 when nothing has been reported): a task planned at 30% by March and reported at 10% in
February lags in March. A finished task never lags. The plan is data per month (progress_plan), so the
lag filter is one SQL condition; plans written as text ("3月底完成30%，6月底完成60%") are read into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from peewee import SQL, NodeList

from desk_app.db.models import LedgerEntry, ProgressPlan
from desk_app.domain import DONE_STATUSES
from desk_app.errors import NotFoundError, ValidationError, WorkflowError

from . import changelog, context, settings

DEFAULT_TOLERANCE = 5.0  # percentage points
TOLERANCE_KEY = "progress_plan_tolerance"
MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def tolerance() -> float:
    value = settings.get(TOLERANCE_KEY, DEFAULT_TOLERANCE)
    return float(value) if isinstance(value, (int, float)) else DEFAULT_TOLERANCE


def set_tolerance(points: float) -> None:
    if not 0 <= points <= 100:
        raise ValidationError("滞后容差应在 0 到 100 个百分点之间", "tolerance")
    settings.put(TOLERANCE_KEY, float(points))


def this_month() -> str:
    return context.today().strftime("%Y-%m")


@dataclass(frozen=True)
class PlanMonth:
    month: str
    planned: float | None
    actual: float | None


@dataclass(frozen=True)
class PlanState:
    """A task's 序时进度 as of a month: what was planned by then, what was reported, whether it lags."""

    month: str
    planned: float | None
    actual: float | None
    lagging: bool

    @property
    def gap(self) -> float:
        return (self.planned or 0.0) - (self.actual or 0.0)

    def text(self) -> str:
        """"计划60%，实际45%，滞后15个百分点" ('' without a plan)."""
        if self.planned is None:
            return ""
        out = f"计划{_pct(self.planned)}，实际{_pct(self.actual) if self.actual is not None else '未报'}"
        return out + (f"，滞后{_pct(self.gap, sign=False)}个百分点" if self.lagging else "")


def _pct(value: float | None, sign: bool = True) -> str:
    if value is None:
        return ""
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return f"{text}%" if sign else text


def plans_of(entry_ids: list[int]) -> dict[int, list[PlanMonth]]:
    out: dict[int, list[PlanMonth]] = {}
    for start in range(0, len(entry_ids), 900):
        chunk = list(entry_ids[start:start + 900])
        for entry_id, month, planned, actual in (ProgressPlan.select(ProgressPlan.entry, ProgressPlan.month,
                                                                     ProgressPlan.planned, ProgressPlan.actual)
                                                 .where(ProgressPlan.entry.in_(chunk))
                                                 .order_by(ProgressPlan.entry, ProgressPlan.month).tuples()):
            out.setdefault(entry_id, []).append(PlanMonth(month, planned, actual))
    return out


def plan_of(entry_id: int) -> list[PlanMonth]:
    return plans_of([entry_id]).get(entry_id, [])


def state(plan: list[PlanMonth], month: str, status: str, tol: float | None = None) -> PlanState:
    tol = tolerance() if tol is None else tol
    planned = next((p.planned for p in reversed(plan) if p.month <= month and p.planned is not None), None)
    actual = next((p.actual for p in reversed(plan) if p.month <= month and p.actual is not None), None)
    lagging = (planned is not None and status not in DONE_STATUSES and (actual or 0.0) < planned - tol)
    return PlanState(month, planned, actual, lagging)


def states(records, month: str | None = None) -> dict[int, PlanState]:
    """PlanState per entry record (with .id and .status) that has a plan."""
    month = month or this_month()
    tol = tolerance()
    plans = plans_of([r.id for r in records])
    return {r.id: state(plans[r.id], month, r.status, tol) for r in records if r.id in plans}


# The entries lagging as of a month: one subquery over progress_plan (rows exist for planned tasks only).
_LAGGING_SQL = (
    'IN (SELECT p."entry_id" FROM "progress_plan" AS p WHERE p."planned" IS NOT NULL AND p."month" = '
    '(SELECT MAX(q."month") FROM "progress_plan" AS q WHERE q."entry_id" = p."entry_id" AND q."month" <= ? '
    'AND q."planned" IS NOT NULL) AND p."planned" - COALESCE((SELECT r."actual" FROM "progress_plan" AS r '
    'WHERE r."entry_id" = p."entry_id" AND r."month" <= ? AND r."actual" IS NOT NULL '
    'ORDER BY r."month" DESC LIMIT 1), 0) > ?)')


def lagging_condition(month: str | None = None, tol: float | None = None):
    """SQL: open entries whose reported progress is below plan (the ledger filter's 滞后)."""
    month = month or this_month()
    tol = tolerance() if tol is None else tol
    return (NodeList((LedgerEntry.id, SQL(_LAGGING_SQL, [month, month, tol])))
            & LedgerEntry.status.not_in([s.value for s in DONE_STATUSES]))


# -- writing -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlanChange:
    entry_id: int
    code: str
    before: tuple[PlanMonth, ...]
    after: tuple[PlanMonth, ...]


def _check_value(value, what: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{what}“{value}”不是数字，请填写 0 到 100 之间的百分数", "plan") from None
    if not 0 <= number <= 100:
        raise ValidationError(f"{what}{_pct(number)}不在 0% 到 100% 之间", "plan")
    return round(number, 1)


def _entry(entry_id: int) -> LedgerEntry:
    entry = LedgerEntry.get_or_none(LedgerEntry.id == entry_id)
    if entry is None:
        raise NotFoundError(f"找不到编号为 {entry_id} 的台账事项，可能已被彻底删除")
    if entry.deleted_at is not None:
        raise WorkflowError(f"事项 {entry.code} 在回收站中，请先恢复再填写序时进度")
    return entry


def write(entry: LedgerEntry, months: list[PlanMonth], *, log: bool = True) -> tuple[tuple, tuple]:
    """The one write path: the entry's plan becomes exactly `months` (validated; logged unless a package
    brings its own history). Caller's transaction. Returns (before, after)."""
    wanted: dict[str, tuple] = {}
    for p in months:
        if not MONTH_RE.match(p.month or ""):
            raise ValidationError(f"月份“{p.month}”格式不正确，应为 YYYY-MM", "month")
        planned = _check_value(p.planned, f"{p.month} 计划进度")
        actual = _check_value(p.actual, f"{p.month} 实际进度")
        if planned is not None or actual is not None:
            wanted[p.month] = (planned, actual)
    rows = {r.month: r for r in ProgressPlan.select().where(ProgressPlan.entry == entry.id)}
    before = tuple(PlanMonth(m, r.planned, r.actual) for m, r in sorted(rows.items()))
    now = context.now()
    for month, row in rows.items():
        if month not in wanted:
            row.delete_instance()
            if log:
                changelog.record("ledger_entry", entry.id, "update", "schedule_month", f"{month}", None)
    for month, (planned, actual) in sorted(wanted.items()):
        row = rows.get(month)
        if row is None:
            ProgressPlan.create(entry=entry.id, month=month, planned=planned, actual=actual, updated_at=now)
        elif (row.planned, row.actual) == (planned, actual):
            continue
        else:
            row.planned, row.actual, row.updated_at = planned, actual, now
            row.save()
        if log:
            changelog.record("ledger_entry", entry.id, "update", "schedule_month", None,
                             f"{month} 计划{_pct(planned) or '—'} 实际{_pct(actual) or '—'}")
    after = tuple(PlanMonth(m, *wanted[m]) for m in sorted(wanted))
    return before, after


@context.writes
def set_plan(entry_id: int, months: list[PlanMonth]) -> PlanChange:
    entry = _entry(entry_id)
    before, after = write(entry, months)
    return PlanChange(entry.id, entry.code, before, after)


@context.writes
def set_month(entry_id: int, month: str, *, planned=..., actual=...) -> PlanChange:
    """One month's planned and/or reported % (… leaves that value as it is; None clears it)."""
    entry = _entry(entry_id)
    current = {p.month: p for p in plan_of(entry_id)}
    old = current.get(month, PlanMonth(month, None, None))
    current[month] = PlanMonth(month, old.planned if planned is ... else planned,
                               old.actual if actual is ... else actual)
    before, after = write(entry, list(current.values()))
    return PlanChange(entry.id, entry.code, before, after)


@context.writes
def replay(change: PlanChange, *, undo: bool) -> None:
    """Undo (or redo) a plan change, if the plan is still as the change (or the undo) left it."""
    entry = _entry(change.entry_id)
    expected, wanted = (change.after, change.before) if undo else (change.before, change.after)
    if tuple(plan_of(entry.id)) != tuple(expected):
        raise WorkflowError(f"事项 {entry.code} 的序时进度在此之后又被修改过，不能撤销或重做这一步")
    write(entry, list(wanted))


# -- plans written as text -------------------------------------------------------------------------
_MONTH_PERCENT = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:份|底|末|中旬|下旬|上旬)?(?:前|以前)?[，,]?"
                            r"(?:累计)?(?:完成|达到|推进|实现)?(?:总?(?:工作量|进度|任务)?的?)?\s*(\d{1,3}(?:\.\d)?)\s*[%％]")
_QUARTER_PERCENT = re.compile(r"(?:第?([一二三四1-4])季度)(?:末|底)?(?:前)?[，,]?(?:累计)?(?:完成|达到)?"
                              r"(?:总?(?:工作量|进度|任务)?的?)?\s*(\d{1,3}(?:\.\d)?)\s*[%％]")
_QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def parse_schedule(text: str, year: int) -> list[PlanMonth]:
    """"3月底完成30%，6月底完成60%，二季度末80%" → planned % per month ([] when the text gives none)."""
    found: dict[str, float] = {}
    for y, m, pct in _MONTH_PERCENT.findall(text or ""):
        if 1 <= int(m) <= 12 and float(pct) <= 100:
            found[f"{int(y) if y else year}-{int(m):02d}"] = float(pct)
    for q, pct in _QUARTER_PERCENT.findall(text or ""):
        if float(pct) <= 100:
            found.setdefault(f"{year}-{_QUARTERS[q]:02d}", float(pct))
    return [PlanMonth(m, p, None) for m, p in sorted(found.items())]


def plan_from_schedules(pairs: list[tuple[int, str, date | None]], year: int) -> int:
    """Plans read from 月度序时进度 texts of entries just created (caller's transaction): (id, text,
    found date). Returns how many entries got a plan."""
    count = 0
    entries = {e.id: e for e in LedgerEntry.select().where(LedgerEntry.id.in_([p[0] for p in pairs]))} if pairs else {}
    for entry_id, text, found in pairs:
        months = parse_schedule(text, found.year if found else year)
        if months:
            write(entries[entry_id], months)
            count += 1
    return count
