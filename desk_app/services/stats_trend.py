"""The monthly trend of the ledger (new entries, closed entries, cumulative completion rate).

A read-only aggregate used by the 统计 page and the 统计汇总 print.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from desk_app.db.models import LedgerEntry, database
from desk_app.domain import DONE_STATUSES

from .ledger_query import LedgerFilter, where_clause


@dataclass(frozen=True)
class MonthPoint:
    month: str  # YYYY-MM
    new: int  # found (or created) this month
    closed: int  # closed this month (销号日期, else 完成日期; 长期坚持 without either: the month found)
    cumulative_total: int
    cumulative_done: int

    @property
    def completion_rate(self) -> float:
        return self.cumulative_done / self.cumulative_total if self.cumulative_total else 0.0


def _months_between(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def monthly_trend(f: LedgerFilter, last_months: int = 12) -> list[MonthPoint]:
    found_month = database.month_text(fn.COALESCE(LedgerEntry.found_date, LedgerEntry.created_at))
    # Every entry the 完成率 counts as done is closed in some month, so the last 累计完成率 is the same
    # 完成率 as everywhere else (a 长期坚持 entry has no 销号/完成日期: it counts from the month found).
    done_month = database.month_text(fn.COALESCE(LedgerEntry.closed_date, LedgerEntry.completed_date,
                                                 LedgerEntry.found_date, LedgerEntry.created_at))
    done = [s.value for s in DONE_STATUSES]
    new_by = dict(LedgerEntry.select(found_month, fn.COUNT(LedgerEntry.id)).where(where_clause(f))
                  .group_by(found_month).tuples())
    closed_by = dict(LedgerEntry.select(done_month, fn.COUNT(LedgerEntry.id))
                     .where(where_clause(f) & LedgerEntry.status.in_(done) & done_month.is_null(False))
                     .group_by(done_month).tuples())
    months = sorted(k for k in set(new_by) | set(closed_by) if k)
    if not months:
        return []
    points = []
    total = done_total = 0
    for month in _months_between(months[0], months[-1]):
        total += new_by.get(month, 0)
        done_total += closed_by.get(month, 0)
        points.append(MonthPoint(month, new_by.get(month, 0), closed_by.get(month, 0), total, done_total))
    return points[-last_months:]
