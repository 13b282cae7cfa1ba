"""封账: on the report day the clerk freezes the month, and that month's figures, prints and exports
come out the same ever after, whatever changes in the ledger (状态, 进展, deletions, new entries).

    freeze_month(campaign_id, "2026-05")            -> FrozenMonth (report day: 设置's day, e.g. the 25th)
    frozen_month(campaign_id, "2026-05")            -> FrozenMonth | None
    frozen_months(campaign_id)                      -> ["2026-04", "2026-05", …]
    unfreeze_month(campaign_id, "2026-05", reason)  (the reason goes to the 修改记录)

A frozen month holds every entry of the campaign found (or entered) by the report day and not in the
recycle bin, with its 状态, 整改时限, light, 逾期 and 按期办结 as of the report day and the month's
本月进展; the figures by 层级, 责任单位, 专班, 问题类别 and 类型; and the names and settings of that day.
services/month_view prints and exports a frozen month from it.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime

from desk_app.db.models import Campaign, MonthlySnapshot, database
from desk_app.db.models import FrozenEntry as FrozenEntryRow
from desk_app.errors import NotFoundError, ValidationError
from desk_app.exchange.progress import Progress, report

from . import changelog, context, settings
from .month_freeze_capture import (
    capture_entries,
    capture_tables,
    drop_unused_records,
    store_entries,
    store_records,
)
from .month_freeze_figures import GroupFigures, MonthFigures, compute

__all__ = ["FrozenEntry", "FrozenMonth", "GroupFigures", "MonthFigures", "freeze_month", "unfreeze_month",
           "frozen_month", "frozen_months", "default_report_day", "check_month", "cn_month"]

ENTITY = "monthly_snapshot"  # how freezes and unfreezes appear in the 修改记录
MAX_REASON = 500
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class FrozenEntry:
    """One entry as it stood on the report day."""

    id: int
    code: str
    kind: str
    layer: str
    department_id: int | None
    department_name: str
    task_force_id: int | None
    task_force_name: str
    category: str
    status: str
    deadline: date | None
    deadline_type: str
    light: str  # red / yellow / green / grey (domain.Light values)
    overdue: bool
    due: bool  # a dated deadline on or before the report day
    closed_on_time: bool  # 已销号 with 完成日期 on or before a dated deadline
    month_progress: str  # the month's latest 本月进展 ('' when none was reported)
    found_date: date | None
    completed_date: date | None
    closed_date: date | None
    responsible_id: int | None
    responsible_name: str


@dataclass(frozen=True)
class FrozenMonth:
    campaign_id: int
    month: str  # YYYY-MM
    report_day: date
    frozen_at: datetime
    frozen_by: str
    entries: tuple[FrozenEntry, ...]  # in 问题编号 order
    figures: MonthFigures


def check_month(text: str) -> str:
    """'2026-05' (also '2026-5'); a clear message for anything else."""
    value = (text or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(f"月份应写作 YYYY-MM，例如 2026-05，而不是“{value}”。", "month")
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def cn_month(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:7])}月"


def report_day_of(month: str, day_of_month: int | None = None) -> date:
    """The month's report day from 设置 (default the 25th), the month's last day if it is shorter."""
    day = day_of_month or settings.preferences().report_day or 25
    year, mon = int(month[:4]), int(month[5:7])
    return date(year, mon, min(max(day, 1), calendar.monthrange(year, mon)[1]))


def default_report_day(month: str) -> date:
    """The report day a freeze uses unless told: 设置's day of the month, or today if that is still to
    come (a month frozen early is frozen as it stands today)."""
    return min(report_day_of(month), context.today())


def _campaign(campaign_id: int) -> Campaign:
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise NotFoundError(f"找不到编号为 {campaign_id} 的活动。")
    return campaign


def _snapshot(campaign_id: int, month: str) -> MonthlySnapshot | None:
    return MonthlySnapshot.get_or_none(MonthlySnapshot.campaign == campaign_id, MonthlySnapshot.month == month)


@context.writes
def freeze_month(campaign_id: int, month: str, *, report_day: date | None = None,
                 progress: Progress | None = None) -> FrozenMonth:
    """Freeze `month` of the campaign as of `report_day` (default: default_report_day)."""
    month = check_month(month)
    campaign = _campaign(campaign_id)
    existing = _snapshot(campaign_id, month)
    if existing is not None:
        raise ValidationError(f"{cn_month(month)}已于{existing.created_at:%Y-%m-%d %H:%M}封账（报送日 "
                              f"{existing.report_day}）。如需重新封账，请先解除封账并说明原因。", "month")
    if month > context.today().strftime("%Y-%m"):
        raise ValidationError(f"{cn_month(month)}还没到，不能封账（今天是 {context.today()}）。", "month")
    report_day = report_day or default_report_day(month)
    if report_day.strftime("%Y-%m") != month:
        raise ValidationError(f"报送日 {report_day} 不在{cn_month(month)}内。", "report_day")
    if report_day > context.today():
        raise ValidationError(f"报送日 {report_day} 还没到，不能按它封账（今天是 {context.today()}）。",
                              "report_day")
    report(progress, 0, 0, f"正在读取{cn_month(month)}的台账")
    due_soon_days = settings.preferences().due_soon_days
    tables = capture_tables(campaign.id)
    captured = capture_entries(campaign.id, month, report_day, due_soon_days)
    report(progress, 1, 3, f"正在保存 {len(captured)} 条事项")
    record_ids = store_records(campaign.id, captured)
    frozen_at = context.now()
    snapshot = MonthlySnapshot.create(campaign=campaign.id, month=month, report_day=report_day, data="{}",
                                      created_at=frozen_at)
    store_entries(snapshot.id, captured, record_ids)
    report(progress, 2, 3, "正在计算统计数字")
    entries = _entries(((c.row["id"], c.row["code"], c.row["kind"], c.row["layer"], c.row["department_id"],
                         c.row["task_force_id"], c.row["category"], c.row["status"], c.row["deadline"],
                         c.row["deadline_type"], c.light, c.overdue, c.due, c.closed_on_time, c.month_progress,
                         c.row["found_date"], c.row["completed_date"], c.row["closed_date"], c.row["responsible_id"])
                        for c in captured), tables)
    figures = compute(list(entries), *_orders(tables))
    data = {"frozen_by": context.actor(), "due_soon_days": due_soon_days, "tables": tables,
            "figures": figures.as_dict()}
    MonthlySnapshot.update(data=json.dumps(data, ensure_ascii=False, default=str)).where(
        MonthlySnapshot.id == snapshot.id).execute()
    changelog.record(ENTITY, snapshot.id, "create", "封账", None,
                     f"{cn_month(month)}（报送日 {report_day}，{len(entries)} 条事项）")
    report(progress, 3, 3, "封账完成")
    return FrozenMonth(campaign.id, month, report_day, frozen_at, data["frozen_by"], entries, figures)


@context.writes
def unfreeze_month(campaign_id: int, month: str, reason: str) -> None:
    """Undo a freeze; the reason is required and logged with the month."""
    month = check_month(month)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("解除封账需要说明原因（例如：报送后发现进展录错，需重新封账）。", "reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(f"原因太长（{len(reason)} 字），请控制在 {MAX_REASON} 字以内。", "reason")
    snapshot = _snapshot(campaign_id, month)
    if snapshot is None:
        raise NotFoundError(f"{cn_month(month)}尚未封账，无需解除。")
    FrozenEntryRow.delete().where(FrozenEntryRow.snapshot == snapshot.id).execute()
    snapshot.delete_instance()
    drop_unused_records(campaign_id)
    changelog.record(ENTITY, snapshot.id, "delete", "解除封账",
                     f"{cn_month(month)}（报送日 {snapshot.report_day}）", reason)


def freeze_of(campaign_id: int, month: str) -> tuple[datetime, date] | None:
    """When the month was frozen and its report day, without reading its entries; None if not frozen."""
    snapshot = _snapshot(campaign_id, check_month(month))
    return None if snapshot is None else (snapshot.created_at, snapshot.report_day)


def frozen_months(campaign_id: int) -> list[str]:
    """The campaign's frozen months, oldest first."""
    return [m for (m,) in MonthlySnapshot.select(MonthlySnapshot.month)
            .where(MonthlySnapshot.campaign == campaign_id).order_by(MonthlySnapshot.month).tuples()]


def frozen_month(campaign_id: int, month: str) -> FrozenMonth | None:
    """The frozen month, or None when it is not frozen."""
    snapshot = _snapshot(campaign_id, check_month(month))
    if snapshot is None:
        return None
    data = _data(snapshot)
    entries = _load_entries(snapshot.id, data["tables"])
    figures = (MonthFigures.from_dict(data["figures"]) if "figures" in data
               else compute(list(entries), *_orders(data["tables"])))
    return FrozenMonth(campaign_id, snapshot.month, snapshot.report_day, snapshot.created_at,
                       data.get("frozen_by", ""), entries, figures)


def _data(snapshot: MonthlySnapshot) -> dict:
    """The snapshot's data; a row from before 封账 existed (never written by the program) holds none."""
    data = json.loads(snapshot.data or "{}")
    data.setdefault("tables", {})
    for name in ("department", "task_force", "person", "campaign", "setting"):
        data["tables"].setdefault(name, [])
    return data


def snapshot_data(campaign_id: int, month: str) -> tuple[MonthlySnapshot, dict]:
    """The frozen month's row and its data (names, settings, figures): for month_view."""
    snapshot = _snapshot(campaign_id, check_month(month))
    if snapshot is None:
        raise ValidationError(f"{cn_month(month)}尚未封账。已封账的月份："
                              f"{'、'.join(frozen_months(campaign_id)) or '（无）'}。", "month")
    return snapshot, _data(snapshot)


def _orders(tables: dict) -> tuple[dict[int, int], dict[int, int]]:
    return ({d["id"]: d["sort_order"] for d in tables["department"]},
            {t["id"]: t["sort_order"] for t in tables["task_force"]})


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _load_entries(snapshot_id: int, tables: dict) -> tuple[FrozenEntry, ...]:
    cursor = database.execute_sql(
        'SELECT "entry_id", "code", "kind", "layer", "department_id", "task_force_id", "category", "status", '
        '"deadline", "deadline_type", "light", "overdue", "due", "closed_on_time", "month_progress", '
        '"found_date", "completed_date", "closed_date", "responsible_id" '
        'FROM "frozen_entry" WHERE "snapshot_id" = ? ORDER BY "id"', (snapshot_id,))
    return _entries(cursor.fetchall(), tables)


def _entries(rows, tables: dict) -> tuple[FrozenEntry, ...]:
    """FrozenEntry rows from (entry_id, code, … responsible_id) tuples in _load_entries' column order."""
    departments = {d["id"]: d["name"] for d in tables["department"]}
    task_forces = {t["id"]: t["name"] for t in tables["task_force"]}
    people = {p["id"]: p["name"] for p in tables["person"]}
    return tuple(
        FrozenEntry(id=r[0], code=r[1], kind=r[2], layer=r[3], department_id=r[4],
                    department_name=departments.get(r[4], ""), task_force_id=r[5],
                    task_force_name=task_forces.get(r[5], ""), category=r[6], status=r[7], deadline=_day(r[8]),
                    deadline_type=r[9], light=r[10], overdue=bool(r[11]), due=bool(r[12]),
                    closed_on_time=bool(r[13]), month_progress=r[14], found_date=_day(r[15]),
                    completed_date=_day(r[16]), closed_date=_day(r[17]), responsible_id=r[18],
                    responsible_name=people.get(r[18], ""))
        for r in rows)


def month_due_for_freeze(today: date | None = None) -> str:
    """The latest month whose report day has come: this month from its report day on, else last month."""
    today = today or context.today()
    this = today.strftime("%Y-%m")
    if today >= report_day_of(this):
        return this
    first = today.replace(day=1)
    return date.fromordinal(first.toordinal() - 1).strftime("%Y-%m")


def freeze_reminder(campaign_id: int, today: date | None = None) -> tuple[str, date] | None:
    """(month, report day) when that month's report day has passed and it is not frozen; None otherwise
    (nothing to freeze before the campaign starts or while its ledger is empty)."""
    from desk_app.db.models import LedgerEntry  # noqa: PLC0415

    today = today or context.today()
    month = month_due_for_freeze(today)
    campaign = _campaign(campaign_id)
    start = campaign.start_date or date(campaign.year, 1, 1)
    if month < start.strftime("%Y-%m") or month in frozen_months(campaign_id):
        return None
    if not LedgerEntry.select().where(LedgerEntry.campaign == campaign_id, LedgerEntry.deleted_at.is_null()).exists():
        return None
    return month, report_day_of(month)


@dataclass(frozen=True)
class MonthState:
    """A month as the 封账 list shows it."""

    month: str
    report_day: date  # the frozen one, or 设置's day for a month not frozen
    frozen: bool
    frozen_at: datetime | None = None
    frozen_by: str = ""
    total: GroupFigures | None = None  # the frozen 合计


def month_states(campaign_id: int, today: date | None = None, limit: int = 36) -> list[MonthState]:
    """The campaign's months up to this one, newest first: frozen or not, with the frozen totals."""
    today = today or context.today()
    campaign = _campaign(campaign_id)
    start = (campaign.start_date or date(campaign.year, 1, 1)).replace(day=1)
    frozen = {s.month: s for s in MonthlySnapshot.select().where(MonthlySnapshot.campaign == campaign_id)}
    if frozen:  # months frozen before the campaign's start (a ledger carried over) are listed too
        start = min(start, date.fromisoformat(min(frozen) + "-01"))
    months, cursor = [], today.replace(day=1)
    while len(months) < limit and cursor >= start:
        months.append(cursor.strftime("%Y-%m"))
        cursor = date.fromordinal(cursor.toordinal() - 1).replace(day=1)
    months = sorted(set(months) | set(frozen), reverse=True)
    out = []
    for month in months:
        snapshot = frozen.get(month)
        if snapshot is None:
            out.append(MonthState(month, report_day_of(month), False))
            continue
        data = _data(snapshot)
        total = GroupFigures(**data["figures"]["total"]) if "figures" in data else None
        out.append(MonthState(month, snapshot.report_day, True, snapshot.created_at, data.get("frozen_by", ""), total))
    return out
