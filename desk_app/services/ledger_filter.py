"""The ledger's filter: every way a clerk narrows the list, and its SQL condition."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import fn

from desk_app.db.models import LedgerEntry
from desk_app.domain import DATED_DEADLINES, DONE_STATUSES, OPEN_STATUSES, Light

from . import context


@dataclass
class LedgerFilter:
    """Every way a clerk narrows the ledger. Empty lists mean 'any'."""

    campaign_id: int | None = None
    kinds: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    department_ids: list[int] = field(default_factory=list)
    responsible_ids: list[int] = field(default_factory=list)
    owner_ids: list[int] = field(default_factory=list)
    task_force_ids: list[int] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    deadline_from: date | None = None
    deadline_to: date | None = None
    overdue_only: bool = False
    due_within_days: int | None = None  # open and due from today to today + N
    person_id: int | None = None  # 我负责的: responsible, owner or leader
    meeting_id: int | None = None
    source_units: list[str] = field(default_factory=list)
    open_only: bool = False
    text: str = ""
    deleted: bool = False  # True lists the recycle bin
    found_to: date | None = None  # as of a past day (--today): entries found (or entered) by then only
    supervision: str = ""  # 督办节点: "due_today", "missed" or "attention" (supervision_overview)
    # What department_ids means (services/assists): '' the entry's own (牵头) department, "lead_or_assist"
    # it leads or is a 配合 department, "assist" a 配合 department only.
    department_role: str = ""
    lagging: bool = False  # 月度序时进度 behind plan this month (services/progress_plan)


def is_overdue(status: str, deadline_type: str, deadline: date | None, today: date | None = None) -> bool:
    today = today or context.today()
    return (status in OPEN_STATUSES and deadline_type in DATED_DEADLINES and deadline is not None
            and deadline < today)


def light(status: str, deadline_type: str, deadline: date | None, due_soon_days: int = 7,
          today: date | None = None) -> Light:
    today = today or context.today()
    if status in DONE_STATUSES:
        return Light.GREY
    if is_overdue(status, deadline_type, deadline, today):
        return Light.RED
    if deadline_type in DATED_DEADLINES and deadline is not None and deadline <= today + timedelta(
            days=due_soon_days):
        return Light.YELLOW
    return Light.GREEN


def overdue_condition(today: date | None = None):
    today = today or context.today()
    return ((LedgerEntry.status.in_([s.value for s in OPEN_STATUSES]))
            & LedgerEntry.deadline_type.in_([t.value for t in DATED_DEADLINES])
            & (LedgerEntry.deadline < today))


def text_condition(text: str):
    """Substring match over the texts and names a clerk searches. search.py may replace this."""
    from . import search  # noqa: PLC0415 - search is optional and imports the index lazily

    return search.condition(text)


def department_condition(f: LedgerFilter):
    if not f.department_role:
        return LedgerEntry.department.in_(list(f.department_ids))
    from .assists import condition  # noqa: PLC0415 - assists imports this module

    return condition(f.department_ids, f.department_role)


def where_clause(f: LedgerFilter):
    today = context.today()
    conds = [LedgerEntry.deleted_at.is_null(not f.deleted)]
    if f.campaign_id is not None:
        conds.append(LedgerEntry.campaign == f.campaign_id)
    for values, column in ((f.kinds, LedgerEntry.kind), (f.layers, LedgerEntry.layer),
                           (f.categories, LedgerEntry.category), (f.sources, LedgerEntry.source),
                           (f.responsible_ids, LedgerEntry.responsible), (f.owner_ids, LedgerEntry.owner),
                           (f.task_force_ids, LedgerEntry.task_force), (f.statuses, LedgerEntry.status),
                           (f.source_units, LedgerEntry.source_unit)):
        if values:
            conds.append(column.in_(list(values)))
    if f.department_ids:
        conds.append(department_condition(f))
    if f.lagging:
        from .progress_plan import lagging_condition  # noqa: PLC0415 - progress_plan reads settings

        conds.append(lagging_condition(today.strftime("%Y-%m")))
    if f.deadline_from:
        conds.append(LedgerEntry.deadline >= f.deadline_from)
    if f.deadline_to:
        conds.append(LedgerEntry.deadline <= f.deadline_to)
    if f.found_to:
        conds.append(fn.COALESCE(LedgerEntry.found_date, fn.date(LedgerEntry.created_at)) <= f.found_to)
    if f.overdue_only:
        conds.append(overdue_condition(today))
    if f.open_only:
        conds.append(LedgerEntry.status.not_in([s.value for s in DONE_STATUSES]))
    if f.due_within_days is not None:
        conds.append(LedgerEntry.status.in_([s.value for s in OPEN_STATUSES])
                     & LedgerEntry.deadline_type.in_([t.value for t in DATED_DEADLINES])
                     & (LedgerEntry.deadline >= today)
                     & (LedgerEntry.deadline <= today + timedelta(days=f.due_within_days)))
    if f.person_id is not None:
        conds.append((LedgerEntry.responsible == f.person_id) | (LedgerEntry.owner == f.person_id)
                     | (LedgerEntry.leader == f.person_id))
    if f.meeting_id is not None:
        conds.append(LedgerEntry.meeting == f.meeting_id)
    if f.text.strip():
        conds.append(text_condition(f.text.strip()))
    if f.supervision:
        from .supervision_overview import entry_ids  # noqa: PLC0415 - due dates are computed, not stored

        conds.append(LedgerEntry.id.in_(entry_ids(f.campaign_id, f.supervision)))
    clause = conds[0]
    for cond in conds[1:]:
        clause &= cond
    return clause
