"""A month's fill-in round (各科室报送本月进展): which departments were sent a workbook, which sent it
back, and the entries and progress texts a workbook shows. Kept in the settings table per campaign and
month, so the 未报 list holds across several import batches."""

from __future__ import annotations

from dataclasses import dataclass, field

from desk_app.db.models import Department, LedgerEntry, ProgressUpdate
from desk_app.domain import OPEN_STATUSES

from . import context, settings


def _key(campaign_id: int, month: str) -> str:
    return f"fillin/{campaign_id}/{month}"


@dataclass
class FillInRound:
    campaign_id: int
    month: str
    exported: dict[int, dict] = field(default_factory=dict)  # department id → {name, entries, file, at}
    returned: dict[int, dict] = field(default_factory=dict)  # department id → {name, file, rows, at}

    def not_returned(self) -> list[tuple[int, str, int]]:
        """(department id, name, entries sent) of departments sent a workbook that has not come back."""
        return [(d, info["name"], info["entries"]) for d, info in self.exported.items() if d not in self.returned]


def fill_in_round(campaign_id: int, month: str) -> FillInRound:
    stored = settings.get(_key(campaign_id, month), {}) or {}
    return FillInRound(campaign_id, month, {int(k): v for k, v in stored.get("exported", {}).items()},
                       {int(k): v for k, v in stored.get("returned", {}).items()})


def _save(r: FillInRound) -> None:
    settings.put(_key(r.campaign_id, r.month), {"exported": {str(k): v for k, v in r.exported.items()},
                                                "returned": {str(k): v for k, v in r.returned.items()}})


@context.writes
def record_export(campaign_id: int, month: str, sent: dict[int, dict]) -> None:
    """Departments sent a workbook (a new export of a department replaces its earlier one). A department
    that already sent the month's workbook back stays 已交回: its progress is in the ledger, and a second
    workbook (sent to everyone, or to correct a row) must not put it back on the 未报 list and the 催报通知."""
    r = fill_in_round(campaign_id, month)
    at = context.now().isoformat(sep=" ")
    for department_id, info in sent.items():
        r.exported[department_id] = {**info, "at": at}
    _save(r)


@context.writes
def record_return(campaign_id: int, month: str, returned: dict[int, dict]) -> None:
    r = fill_in_round(campaign_id, month)
    at = context.now().isoformat(sep=" ")
    for department_id, info in returned.items():
        r.returned[department_id] = {**info, "at": at}
    _save(r)


@dataclass(frozen=True)
class DepartmentOpen:
    id: int
    name: str
    entry_ids: list[int]


def departments_with_open_entries(campaign_id: int) -> tuple[list[DepartmentOpen], int]:
    """The departments (in the clerk's order) with their own open entries (未启动/推进中, not a
    sub-unit's, not in the bin), and how many open entries have no department."""
    rows = (LedgerEntry.select(LedgerEntry.id, LedgerEntry.department)
            .where(LedgerEntry.campaign == campaign_id, LedgerEntry.deleted_at.is_null(),
                   LedgerEntry.source_unit == "", LedgerEntry.status.in_([s.value for s in OPEN_STATUSES]))
            .order_by(LedgerEntry.code, LedgerEntry.id).tuples())
    by_department: dict[int | None, list[int]] = {}
    for entry_id, department_id in rows:
        by_department.setdefault(department_id, []).append(entry_id)
    departments = Department.select().where(Department.id.in_([d for d in by_department if d is not None]))
    ordered = sorted(departments, key=lambda d: (d.sort_order, d.id))
    return ([DepartmentOpen(d.id, d.name, by_department[d.id]) for d in ordered],
            len(by_department.get(None, [])))


def progress_before(entry_ids: list[int], month: str) -> dict[int, tuple[str, str]]:
    """Each entry's latest progress reported for a month before `month`: id → (month, text)."""
    result: dict[int, tuple[str, str]] = {}
    for start in range(0, len(entry_ids), 500):
        chunk = entry_ids[start:start + 500]
        query = (ProgressUpdate.select(ProgressUpdate.entry, ProgressUpdate.month, ProgressUpdate.text)
                 .where(ProgressUpdate.entry.in_(chunk), ProgressUpdate.month < month)
                 .order_by(ProgressUpdate.month, ProgressUpdate.date, ProgressUpdate.id).tuples())
        for entry_id, m, text in query:
            result[entry_id] = (m, text)
    return result


def not_reported(campaign_id: int, month: str) -> list[tuple[int, str, int]]:
    """(department id, name, entries) that have not sent back the month's workbook: of those sent one,
    or, before any export, of the departments with open entries."""
    r = fill_in_round(campaign_id, month)
    if r.exported:
        return r.not_returned()
    departments, _ = departments_with_open_entries(campaign_id)
    return [(d.id, d.name, len(d.entry_ids)) for d in departments if d.id not in r.returned]
