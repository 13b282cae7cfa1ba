"""The list's figures: 共 N 条，逾期 M 条，完成率 X%, 待审核销号 — without reading every entry.

Most filters of the ledger page (campaign, bin, 类型, 层级, 责任单位, 所属人员, 问题类别, 状态) are answered
from ledger_tally (migration 7: entry counts per combination of those columns, kept by SQL triggers)
plus one index range for 逾期 (open, dated, deadline before today). Other filters (search text,
责任人, 专班, dates …) count in one query over covering indexes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from peewee import Case, fn

from desk_app.db.models import LedgerEntry, database
from desk_app.domain import DONE_STATUSES, OPEN_STATUSES, Status

from . import context, ledger_cache, search
from .ledger_filter import LedgerFilter, overdue_condition, where_clause
from .ledger_paging import filter_index, kind_clause, with_index

_DONE = frozenset(s.value for s in DONE_STATUSES)
_OPEN = frozenset(s.value for s in OPEN_STATUSES)


@dataclass(frozen=True)
class LedgerSummary:
    total: int
    done: int
    overdue: int
    pending_close: int
    open: int
    partial: bool = False  # first_summary: only total is known yet (the other figures are 0, not to be shown)

    @property
    def completion_rate(self) -> float:
        return self.done / self.total if self.total else 0.0


def tally_can_answer(f: LedgerFilter) -> bool:
    """Only when every condition of the filter is one the tally keeps (a new filter field is thus
    counted by a query until the tally learns it, never silently ignored)."""
    rest = replace(f, campaign_id=None, deleted=False, kinds=[], layers=[], department_ids=[], owner_ids=[],
                   categories=[], statuses=[], open_only=False)
    return rest == LedgerFilter()


_TALLY_COLUMNS = ("kind", "layer", "department_id", "owner_id", "category", "status")


def _tally_counts(f: LedgerFilter, column: str = "status") -> dict:
    """Entries per value of a tally column for a filter the tally can answer (kept while nothing changes:
    a filter change asks for the campaign's whole tally several times)."""
    key = ("tally", column, f.campaign_id, f.deleted, f.open_only, *(tuple(v) for v in (
        f.kinds, f.layers, f.department_ids, f.owner_ids, f.categories, f.statuses)))
    return ledger_cache.cached(key, lambda: _read_tally(f, column))


def _read_tally(f: LedgerFilter, column: str) -> dict:
    conds, params = ['"live" = ?'], [0 if f.deleted else 1]
    if f.campaign_id is not None:
        conds.append('"campaign_id" = ?')
        params.append(f.campaign_id)
    for name, values in (("kind", f.kinds), ("layer", f.layers), ("department_id", f.department_ids),
                         ("owner_id", f.owner_ids), ("category", f.categories), ("status", f.statuses)):
        if values:
            conds.append(f'"{name}" IN ({", ".join("?" * len(values))})')
            params.extend(values)
    if f.open_only:
        conds.append(f'"status" NOT IN ({", ".join("?" * len(_DONE))})')
        params.extend(sorted(_DONE))
    rows = database.execute_sql(f'SELECT "{column}", SUM("n") FROM "ledger_tally" WHERE {" AND ".join(conds)} '
                                f'GROUP BY "{column}"', params).fetchall()
    return {value: n for value, n in rows if n}


def counts_by(f: LedgerFilter, column: str) -> dict:
    """How many entries of the filter have each value of one column (类型, 层级, 责任单位, 所属人员, 问题类别 or
    状态; ids for the last two kinds of person and department, 0 for none): from the tally when it can
    answer, else one grouped query."""
    if column not in _TALLY_COLUMNS:
        raise ValueError(f"not a tally column: {column}")
    if tally_can_answer(f):
        return _tally_counts(f, column)
    field = getattr(LedgerEntry, column.removesuffix("_id"))
    key = fn.COALESCE(field, 0) if column.endswith("_id") else field  # ids: 0 for none (text never is NULL)
    query = LedgerEntry.select(key, fn.COUNT(LedgerEntry.id)).where(where_clause(f)).group_by(field)
    return dict(query.tuples())


def _overdue(f: LedgerFilter) -> int:
    """逾期 by the list index: open, dated, deadline before today (a range, not a scan); kept while nothing is
    written (ledger_cache), as the tally's counts beside it are."""
    if f.statuses and not _OPEN.intersection(f.statuses):
        return 0
    today = context.today()
    key = ("overdue", today, *((name, tuple(v) if isinstance(v, list) else v) for name, v in vars(f).items()))
    return ledger_cache.cached(key, lambda: _count_overdue(f, today))


def _count_overdue(f: LedgerFilter, today) -> int:
    query = LedgerEntry.select(fn.COUNT(LedgerEntry.id)).where(where_clause(f) & overdue_condition(today))
    if f.campaign_id is None:
        return query.scalar() or 0
    sql, params = query.sql()  # (campaign, bin, status IN open, type IN dated, deadline < today): one index range
    return database.execute_sql(with_index(sql, "ledger_entry_live_filter"), params).fetchone()[0] or 0


def _scan(f: LedgerFilter) -> LedgerSummary:
    """Every other filter: one pass over the matching entries, read from covering indexes."""
    today = context.today()
    done = sorted(_DONE)
    sql, params = LedgerEntry.select(
        fn.COUNT(LedgerEntry.id),
        fn.SUM(Case(None, [(LedgerEntry.status.in_(done), 1)], 0)),
        fn.SUM(Case(None, [(overdue_condition(today), 1)], 0)),
        fn.SUM(Case(None, [(LedgerEntry.status == Status.PENDING_CLOSE, 1)], 0)),
    ).where(kind_clause(f)).sql()
    row = database.execute_sql(with_index(sql, filter_index(f)), params).fetchone()
    total, done_n, overdue, pending = (v or 0 for v in row)
    return LedgerSummary(total, done_n, overdue, pending, total - done_n)


def _text_only(f: LedgerFilter) -> bool:
    """Only the search box (within a campaign, in the bin or not)."""
    rest = replace(f, text="", campaign_id=None, deleted=False)
    return bool(f.text.strip()) and f.campaign_id is not None and rest == LedgerFilter()


def _engine_counts(f: LedgerFilter) -> tuple[dict[str, int], int] | None:
    """A whole campaign's counts per 状态 and its 逾期 where the engine keeps them (PostgreSQL: one round
    trip to its counters instead of two queries); None otherwise."""
    if f.campaign_id is None or f != LedgerFilter(campaign_id=f.campaign_id, deleted=f.deleted):
        return None
    if database.engine_name == "postgresql":  # with the list's first page in the same round trip
        from . import ledger_pg_cache  # noqa: PLC0415 - PostgreSQL only

        return ledger_pg_cache.live_counts(f.campaign_id, not f.deleted, context.today())
    return database.live_counts(f.campaign_id, not f.deleted, context.today())


def summarize(f: LedgerFilter) -> LedgerSummary:
    """'共 N 条，逾期 M 条，完成率 X%' for a filter."""
    if _text_only(f):  # the search box alone: counted in the search index (its tags column)
        counts = search.summary_counts(f.text.strip(), f.campaign_id, f.deleted, context.today())
        if counts is not None:
            total, done, pending, overdue = counts
            return LedgerSummary(total, done, overdue, pending, total - done)
    if not tally_can_answer(f):
        return _scan(f)
    kept = _engine_counts(f)
    counts = kept[0] if kept else _tally_counts(f)
    total = sum(counts.values())
    done = sum(n for status, n in counts.items() if status in _DONE)
    overdue = kept[1] if kept else _overdue(f) if total else 0
    return LedgerSummary(total, done, overdue, counts.get(Status.PENDING_CLOSE.value, 0), total - done)


def total_of(f: LedgerFilter) -> int:
    """How many entries the filter lists (the summary's 共 alone: no 逾期 range read from the tally's filters)."""
    if tally_can_answer(f):
        return sum(_tally_counts(f).values())
    return summarize(f).total


# A search over a list this long shows its count with its first rows and its other figures a moment later.
FIGURES_LATER_FROM = 20_000


def first_summary(f: LedgerFilter) -> LedgerSummary:
    """What a list shows with its first rows: summarize(f), or for a search over a long list its total alone
    (partial; summarize(f) gives the rest), which the index counts in one or two reads instead of five or six."""
    if _text_only(f) and total_of(LedgerFilter(campaign_id=f.campaign_id, deleted=f.deleted)) >= FIGURES_LATER_FROM:
        total = search.total_count(f.text.strip(), f.campaign_id, f.deleted)
        if total is not None:
            return LedgerSummary(total, 0, 0, 0, total, partial=True)
    return summarize(f)


def count_entries(f: LedgerFilter) -> int:
    return total_of(f)
