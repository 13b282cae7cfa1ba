"""Rows of an imported Excel ledger that name an entry we already have (same 问题编号, our own entry
in the same campaign): they update that entry instead of becoming a copy under a new number.

Sub-units return the ledger we sent them as Excel; importing it back must change only what they
changed, through the ledger's own validation, and never close an entry behind the 销号 review."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from desk_app.db.models import LedgerEntry, ProgressUpdate
from desk_app.domain import DeadlineType, Status
from desk_app.services.entry_records import load_records
from desk_app.services.ledger import FIELD_LABELS, EntryInput, EntryRecord, normalise

CHUNK = 500
# Statuses only the 申请销号 → 审核 steps may give or take away.
REVIEWED_STATUSES = (Status.PENDING_CLOSE.value, Status.CLOSED.value)
REFERENCE_FIELDS = ("owner_id", "leader_id", "responsible_id", "department_id", "task_force_id")
LABELS = FIELD_LABELS | {"owner_id": "所属人员", "leader_id": "责任领导", "responsible_id": "责任人",
                         "department_id": "责任单位", "task_force_id": "所属专班", "deadline_type": "整改时限",
                         "status": "状态", "progress": "整改进展"}


class ExistingEntries:
    """Our own entries of one campaign, looked up by 问题编号 (only the codes the file names)."""

    def __init__(self, campaign_id: int, codes: set[str]):
        ids: list[int] = []
        wanted = sorted(c for c in codes if c)
        for start in range(0, len(wanted), CHUNK):
            ids.extend(i for (i,) in LedgerEntry.select(LedgerEntry.id).where(
                LedgerEntry.campaign == campaign_id, LedgerEntry.source_unit == "",
                LedgerEntry.code.in_(wanted[start:start + CHUNK])).tuples())
        self.by_code: dict[str, EntryRecord] = {r.code: r for r in load_records(ids)}
        self.latest_progress: dict[int, str] = {}
        for start in range(0, len(ids), CHUNK):
            query = (ProgressUpdate.select(ProgressUpdate.entry, ProgressUpdate.text)
                     .where(ProgressUpdate.entry.in_(ids[start:start + CHUNK]))
                     .order_by(ProgressUpdate.date, ProgressUpdate.id).tuples())
            for entry_id, text in query:
                self.latest_progress[entry_id] = text  # ordered: the last one wins
        self.claimed: dict[str, int] = {}  # code -> sheet row that already matched it

    def get(self, code: str) -> EntryRecord | None:
        return self.by_code.get(code) if code else None


def merge_for_update(existing: EntryRecord, values: dict) -> EntryInput:
    """The entry as the row would leave it. A blank date, name or 时限 cell keeps what we have:
    a returned ledger often leaves out what the sub-unit did not touch. Text cells are taken as written."""
    kept = {}
    for name, value in values.items():
        if (name in REFERENCE_FIELDS or name == "found_date") and value is None:
            continue
        kept[name] = value
    if kept.get("deadline_type") == DeadlineType.DATE.value and kept.get("deadline") is None:
        kept.pop("deadline_type", None)
        kept.pop("deadline", None)
    input_names = {f.name for f in fields(EntryInput)}
    base = existing.as_input()
    for name, value in kept.items():
        if name in input_names:
            setattr(base, name, value)
    return normalise(base)


def field_changes(existing: EntryRecord, merged: EntryInput) -> list[str]:
    """Labels of the fields the row changes (for the preview; the service logs the values)."""
    before = normalise(existing.as_input())
    changed = []
    for f in fields(EntryInput):
        if getattr(before, f.name) != getattr(merged, f.name):
            label = LABELS.get(f.name, f.name)
            if label not in changed:
                changed.append(label)
    return changed


def status_problem(existing: EntryRecord, wanted: str) -> str:
    """Why an import may not move this entry to `wanted` ('' when it may)."""
    if not wanted or wanted == existing.status:
        return ""
    if wanted in REVIEWED_STATUSES:
        return (f"状态需经销号审核：本机为“{existing.status}”，表格为“{wanted}”。"
                "请在台账中申请销号并审核；导入不会改动这条事项的状态")
    if existing.status in REVIEWED_STATUSES:
        return (f"状态需经销号审核：本机已“{existing.status}”，表格为“{wanted}”。"
                "如需重新整改，请在台账中“重新打开”或“退回”；导入不会改动这条事项的状态")
    return ""


def completed_date_differs(existing: EntryRecord, completed: date | None) -> bool:
    return completed is not None and completed != existing.completed_date
