"""Filtering, sorting and counting ledger entries in the database, for lists, prints and exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from peewee import JOIN, SQL, Case, fn

from desk_app.db.models import Department, LedgerEntry, Person, ProgressUpdate
from desk_app.domain import DATED_DEADLINES, DONE_STATUSES, OPEN_STATUSES, Light, Status

from . import context
from .entry_records import extension_counts, joined_select, to_record


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


def where_clause(f: LedgerFilter):
    today = context.today()
    conds = [LedgerEntry.deleted_at.is_null(not f.deleted)]
    if f.campaign_id is not None:
        conds.append(LedgerEntry.campaign == f.campaign_id)
    for values, column in ((f.kinds, LedgerEntry.kind), (f.layers, LedgerEntry.layer),
                           (f.categories, LedgerEntry.category), (f.sources, LedgerEntry.source),
                           (f.department_ids, LedgerEntry.department),
                           (f.responsible_ids, LedgerEntry.responsible), (f.owner_ids, LedgerEntry.owner),
                           (f.task_force_ids, LedgerEntry.task_force), (f.statuses, LedgerEntry.status),
                           (f.source_units, LedgerEntry.source_unit)):
        if values:
            conds.append(column.in_(list(values)))
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
    clause = conds[0]
    for cond in conds[1:]:
        clause &= cond
    return clause


def _person_name(column):
    return fn.IFNULL(Person.select(Person.name).where(Person.id == column), "")


# Sort keys a list may ask for; each maps to SQL so sorting happens in the database.
SORT_KEYS = {
    "code": [LedgerEntry.code],
    "deadline": [LedgerEntry.deadline.is_null(), LedgerEntry.deadline, LedgerEntry.code],
    "status": [LedgerEntry.status, LedgerEntry.code],
    "layer": [Case(LedgerEntry.layer, [(v, i) for i, v in enumerate(
        ("局领导班子", "班子成员", "处级干部", "科长(主任)", "主要业务经办人员"))], 9), LedgerEntry.code],
    "department": [Department.sort_order, LedgerEntry.code],
    "category": [LedgerEntry.category, LedgerEntry.code],
    "source": [LedgerEntry.source, LedgerEntry.code],
    "found_date": [LedgerEntry.found_date, LedgerEntry.code],
    "updated_at": [LedgerEntry.updated_at, LedgerEntry.code],
    # 问题整改 first (the ledger's main business). Literals, not parameters: migration 5 indexes this expression.
    "kind": [Case(LedgerEntry.kind, [(SQL(f"'{v}'"), SQL(str(i))) for i, v in enumerate(
        ("问题整改", "重点任务", "议定事项", "督办事项"))], SQL("9")), LedgerEntry.code],
    # By the person's name (a list grouped by who, not by when they were entered); no one last.
    "owner": [LedgerEntry.owner.is_null(), _person_name(LedgerEntry.owner), LedgerEntry.code],
    "responsible": [LedgerEntry.responsible.is_null(), _person_name(LedgerEntry.responsible),
                    LedgerEntry.code],
    "description": [LedgerEntry.description],
}


def _order(sort: str, descending: bool):
    columns = SORT_KEYS.get(sort, SORT_KEYS["code"])
    return [c.desc() if descending else c.asc() for c in columns] + [LedgerEntry.id]


def count_entries(f: LedgerFilter) -> int:
    query = LedgerEntry.select(fn.COUNT(LedgerEntry.id)).where(where_clause(f))
    return query.scalar()


def entry_ids(f: LedgerFilter, sort: str = "code", descending: bool = False, *, offset: int = 0,
              limit: int | None = None) -> list[int]:
    query = LedgerEntry.select(LedgerEntry.id)
    if sort == "department":  # the only sort key outside ledger_entry; joining costs time on 100k rows
        query = query.join(Department, join_type=JOIN.LEFT_OUTER, on=(LedgerEntry.department == Department.id))
    query = query.where(where_clause(f)).order_by(*_order(sort, descending))
    if limit is not None:
        query = query.offset(offset).limit(limit)
    return [row[0] for row in query.tuples()]


def fetch_page(f: LedgerFilter, *, sort: str = "code", descending: bool = False, offset: int = 0,
               limit: int = 200):
    """One page of EntryRecords: ids are sorted and cut in SQL first, names joined for that page only."""
    from .entry_records import load_records  # noqa: PLC0415

    return load_records(entry_ids(f, sort, descending, offset=offset, limit=limit))


def fetch_entries(f: LedgerFilter, *, sort: str = "code", descending: bool = False, offset: int = 0,
                  limit: int | None = None):
    """EntryRecords of one page of the filtered, sorted list."""
    query = joined_select().where(where_clause(f)).order_by(*_order(sort, descending))
    if limit is not None:
        query = query.offset(offset).limit(limit)
    rows = list(query.objects())
    ext = extension_counts([r.id for r in rows])
    return [to_record(r, ext.get(r.id, 0)) for r in rows]


@dataclass(frozen=True)
class LedgerSummary:
    total: int
    done: int
    overdue: int
    pending_close: int
    open: int

    @property
    def completion_rate(self) -> float:
        return self.done / self.total if self.total else 0.0


def summarize(f: LedgerFilter) -> LedgerSummary:
    """'共 N 条，逾期 M 条，完成率 X%' for a filter, in one query."""
    today = context.today()
    done = [s.value for s in DONE_STATUSES]
    row = (LedgerEntry.select(
        fn.COUNT(LedgerEntry.id),
        fn.SUM(Case(None, [(LedgerEntry.status.in_(done), 1)], 0)),
        fn.SUM(Case(None, [(overdue_condition(today), 1)], 0)),
        fn.SUM(Case(None, [(LedgerEntry.status == Status.PENDING_CLOSE, 1)], 0)),
    ).where(where_clause(f)).tuples().first())
    total, done_n, overdue, pending = (v or 0 for v in row)
    return LedgerSummary(total, done_n, overdue, pending, total - done_n)


def latest_progress(entry_ids: list[int], month: str | None = None) -> dict[int, str]:
    """The newest progress text per entry (of one month if given), for lists and prints."""
    if not entry_ids:
        return {}
    query = ProgressUpdate.select(ProgressUpdate.entry, ProgressUpdate.text).where(
        ProgressUpdate.entry.in_(entry_ids))
    if month:
        query = query.where(ProgressUpdate.month == month)
    result: dict[int, str] = {}
    for entry_id, text in query.order_by(ProgressUpdate.date, ProgressUpdate.id).tuples():
        result[entry_id] = text
    return result
