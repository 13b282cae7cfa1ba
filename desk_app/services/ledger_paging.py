"""Sorted pages of the ledger: sorting in SQL, keyset paging, and a query plan fit for each filter.

Every sort is (lead, code_key, id): a lead value (类型, 层级, 状态, 整改时限 … or none), then 问题编号 in
numeric order, then the entry id, so the order is total and a page's last row says exactly where the
next page starts. For the sorts that have an index (migration 6) the next page is read as "the rest
of the last row's lead group after its (code_key, id)" and then "the groups after it": two index
ranges, however deep the clerk has scrolled (keyset paging), instead of OFFSET counting past every
row above. Without statistics SQLite's planner likes to scan the widest covering index and sort
everything, so these queries name their index (INDEXED BY): a filter matching many entries walks
the sort's index in order and stops after a page; one matching few is found by its own index and
only those rows are sorted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from peewee import JOIN, SQL, Case, Tuple, fn

from desk_app.db.models import Department, LedgerEntry, Person, database

from .entry_records import load_records
from .ledger_filter import LedgerFilter, where_clause


def _person_name(column):
    return fn.IFNULL(Person.select(Person.name).where(Person.id == column), "")


def _none_last(column):
    """1 for no one, else 0: a number on both engines (PostgreSQL will not compare a boolean with the 0/1
    a page's last row brings back)."""
    return Case(None, [(column.is_null(), 1)], 0)


def _rank(column, values: tuple[str, ...]):
    """A domain order as a CASE of literals (parameters would keep SQLite from matching the index)."""
    return Case(column, [(SQL(f"'{v}'"), SQL(str(i))) for i, v in enumerate(values)], SQL("9"))


KINDS_IN_ORDER = ("问题整改", "重点任务", "议定事项", "督办事项")
KIND_RANK = _rank(LedgerEntry.kind, KINDS_IN_ORDER)
LAYERS_IN_ORDER = ("局领导班子", "班子成员", "处级干部", "科长(主任)", "主要业务经办人员")
LAYER_RANK = _rank(LedgerEntry.layer, LAYERS_IN_ORDER)
DEADLINE_OR_LAST = fn.IFNULL(LedgerEntry.deadline, SQL("'9999-12-31'"))  # no deadline sorts last

# Sort keys a list may ask for: the lead value(s) before code_key (the indexes of migration 6 follow the
# indexed ones exactly). Every order ends with code_key and id (see _columns).
SORT_LEADS = {
    "code": [],
    "kind": [KIND_RANK],  # 问题整改 first (the ledger's main business)
    "layer": [LAYER_RANK],
    "status": [LedgerEntry.status],
    "deadline": [DEADLINE_OR_LAST],
    "department": [Department.sort_order],
    "category": [LedgerEntry.category],
    "source": [LedgerEntry.source],
    "found_date": [LedgerEntry.found_date],
    "updated_at": [LedgerEntry.updated_at],
    # By the person's name (a list grouped by who, not by when they were entered); no one last.
    "owner": [_none_last(LedgerEntry.owner), _person_name(LedgerEntry.owner)],
    "responsible": [_none_last(LedgerEntry.responsible), _person_name(LedgerEntry.responsible)],
    "description": [LedgerEntry.description],
}
SORT_KEYS = {key: [*lead, LedgerEntry.code_key] for key, lead in SORT_LEADS.items()}
# The index each sort walks (migration 6).
SORT_INDEX = {"kind": "ledger_entry_live_kind", "code": "ledger_entry_live_code", "status": "ledger_entry_live_status",
              "deadline": "ledger_entry_live_deadline", "layer": "ledger_entry_live_layer"}
# A filter matching at most this many entries is found by its own index and then sorted.
SELECTIVE = 1500


def with_index(sql: str, index: str | None) -> str:
    """The query's ledger_entry read through the named index (SQLite; PostgreSQL's planner has statistics
    and takes the SQL as it is: see the engine's index_hint)."""
    return database.index_hint(sql, index)


def filter_index(f: LedgerFilter) -> str | None:
    """The index that finds a small result fastest (by its most selective condition)."""
    if f.campaign_id is None:
        return None
    if f.text.strip():
        from . import search  # noqa: PLC0415

        # Migration 7: a search's matches by entry id, with every filter column. While entries still wait
        # for the index, the search also scans them (an OR) and the planner chooses for itself.
        return "ledger_entry_by_id" if search.is_current() else None
    lead_only = not f.department_role  # 牵头或配合 is an OR the department index cannot answer alone
    for values, index in ((f.owner_ids, "ledger_entry_owner_id"), (f.responsible_ids, "ledger_entry_responsible_id"),
                          (f.task_force_ids, "ledger_entry_task_force_id"), (f.layers, "ledger_entry_live_layer_value"),
                          (f.department_ids if lead_only else [], "ledger_entry_department_id")):
        if values:
            return index
    if f.meeting_id is not None:
        return "ledger_entry_meeting_id"
    if f.kinds:  # 重点任务 are a few dozen among 100,000: found by their rank in the kind index (kind_clause)
        return "ledger_entry_live_kind"
    return "ledger_entry_live_filter"


def kind_clause(f: LedgerFilter):
    """where_clause with the kind filter stated on the kind index's rank (the same rows, every kind named
    being one of the four), so that SQLite seeks to them in ledger_entry_live_kind rather than reading the
    whole index. (Beside a plain kind = '重点任务', SQLite would put the constant into the CASE and no longer
    recognise the index's expression.)"""
    if not f.kinds or not set(f.kinds) <= set(KINDS_IN_ORDER):
        return where_clause(f)
    ranks = sorted({KINDS_IN_ORDER.index(k) for k in f.kinds})
    return where_clause(replace(f, kinds=[])) & KIND_RANK.in_([SQL(str(r)) for r in ranks])


def _columns(sort: str) -> list:
    return [*SORT_KEYS.get(sort, SORT_KEYS["code"]), LedgerEntry.id]


def _order(sort: str, descending: bool, walk_index: bool = True) -> list:
    columns = _columns(sort)
    if not walk_index:
        columns = [database.unordered(columns[0]), *columns[1:]]  # sorts the same, walks no index
    return [c.desc() if descending else c.asc() for c in columns]


def _query(f: LedgerFilter, sort: str, descending: bool, walk_index: bool, per_row_search: bool = False):
    query = LedgerEntry.select(*_columns(sort))
    if sort == "department":  # the only sort key outside ledger_entry; joining costs time on 100k rows
        query = query.join(Department, join_type=JOIN.LEFT_OUTER, on=(LedgerEntry.department == Department.id))
    if per_row_search:
        from . import search  # noqa: PLC0415

        clause = where_clause(replace(f, text="")) & search.condition(f.text.strip(), per_row=True)
    else:  # found by the filter's index, then sorted; a walk keeps the plain condition (SQLite would sort the
        # whole walk when the ORDER BY's lead is fixed by an equality on it)
        clause = where_clause(f) if walk_index else kind_clause(f)
    return query.where(clause).order_by(*_order(sort, descending, walk_index))


# When a search matches at least this share of the list, a walk in sort order asks the index about each row
# it reads (a few rows per page) rather than first listing every match (tens of thousands for "资").
DENSE_SEARCH = 0.4


def _dense_search(f: LedgerFilter, expected: int | None) -> bool:
    if not f.text.strip() or expected is None or f.campaign_id is None:
        return False
    from .ledger_summary import total_of  # noqa: PLC0415 - from the tally, a few hundred rows

    whole = total_of(LedgerFilter(campaign_id=f.campaign_id, deleted=f.deleted))
    return whole > 0 and expected >= DENSE_SEARCH * whole


def _seek(f: LedgerFilter, sort: str) -> tuple[str, object] | None:
    """(index, condition) for a list whose sort lead is the same on all its rows and whose filter picks one value
    of a column with an index ordered by 问题编号 within each value (层级, 状态, 类型, 责任单位): that index holds the
    filter's rows in the list's order, so a page is one seek. Walking the sort's own index instead reads past
    the rows of every other value first — all of them where a value's entries came in as a block (a layer's
    entries imported together): some 50,000 rows before the first page of 主要业务经办人员 sorted by 问题编号.
    The lead is the same on every row when the list is sorted by 问题编号, or by the filtered column itself, or
    by 类型 when the tally says the filter's rows are all of one kind. None: walk the sort's index."""
    if f.campaign_id is None or f.text.strip() or sort not in ("code", "kind", "layer", "status"):
        return None
    found = []
    if len(f.layers) == 1 and f.layers[0] in LAYERS_IN_ORDER:  # stated on the index's rank, as kind_clause does
        found.append(("layer", "ledger_entry_live_layer", where_clause(replace(f, layers=[])) & LAYER_RANK.in_(
            [SQL(str(LAYERS_IN_ORDER.index(f.layers[0])))])))
    if len(f.statuses) == 1:
        found.append(("status", "ledger_entry_live_status", where_clause(f)))
    if len(f.kinds) == 1 and f.kinds[0] in KINDS_IN_ORDER:
        found.append(("kind", "ledger_entry_live_kind", kind_clause(f)))
    if len(f.department_ids) == 1 and not f.department_role:  # its own (牵头) department: one column
        found.append(("department_id", "ledger_entry_live_department", where_clause(f)))
    for column, index, clause in found:
        if sort in ("code", column) or (sort == "kind" and _one_kind(f)):
            return index, clause
    return None


def _one_kind(f: LedgerFilter) -> bool:
    """Whether the filter's entries are all of one 类型 (from the tally, kept while nothing changes)."""
    from .ledger_summary import counts_by, tally_can_answer  # noqa: PLC0415 - ledger_summary imports this module

    return tally_can_answer(f) and len(counts_by(f, "kind")) <= 1


def _seek_page(f: LedgerFilter, sort: str, descending: bool, seek: tuple[str, object], after: tuple | None,
               offset: int, limit: int) -> list[tuple]:
    """A page by _seek's index: ordered by 问题编号 and id alone (the lead, the same on every row, is still read for
    the page's last key), the rows after a last key as one range of the index."""
    index, clause = seek
    tail = [LedgerEntry.code_key, LedgerEntry.id]
    if after is not None:
        clause &= _beyond(tail, after[-2:], descending)
    query = (LedgerEntry.select(*_columns(sort)).where(clause)
             .order_by(*[c.desc() if descending else c.asc() for c in tail]))
    return _fetch(query.offset(offset) if offset and after is None else query, index, limit)


def _fetch(query, index: str | None, limit: int) -> list[tuple]:
    sql, params = query.limit(limit).sql()
    sql = with_index(sql, index)
    if database.engine_name == "postgresql":  # the page's records read along (one round trip; entry_records_pg)
        from . import entry_records_pg  # noqa: PLC0415 - PostgreSQL only

        rows = entry_records_pg.page_rows(sql, params, len(query.selected_columns))
        if rows is not None:
            return rows
    return database.execute_sql(sql, params).fetchall()


@dataclass(frozen=True)
class Page:
    """One page of a sorted list: the ids, and the last row's sort values (where the next page starts)."""

    ids: list[int]
    last_key: tuple | None

    @property
    def continues(self) -> bool:
        """Whether page(after=last_key) can continue from here (sort values with NULLs cannot)."""
        return self.last_key is not None and None not in self.last_key


def page(f: LedgerFilter, sort="code", descending: bool = False, *, limit: int = 200, offset: int = 0,
         after: tuple | None = None, expected: int | None = None) -> Page:
    """A page of the sorted list.

    after: a previous Page's last_key (Page.continues must be true): the rows right after it, by keyset.
    sort: a SORT_KEYS name (with descending), or a list of levels [(key, descending), …] (ledger_sort).
    offset: for jumps to a place no loaded page borders on.
    expected: the filter's count when the caller knows it; it picks the plan (walk the sort's index, or
    find the few matching rows by the filter's index and sort them).
    """
    if expected == 0:
        return Page([], None)
    if not isinstance(sort, str):  # levels: (key, descending), …
        from . import ledger_sort  # noqa: PLC0415

        levels = ledger_sort.normalise(sort)
        if len(levels) > 1:
            ids, last = ledger_sort.page_ids(f, levels, limit=limit, offset=offset, after=after)
            return Page(ids, last)
        sort, descending = levels[0]
    walk = expected is None or expected > SELECTIVE
    if after is not None and None in after:
        raise ValueError("keyset paging needs a last key without NULLs; use offset")
    seek = _seek(f, sort) if walk else None
    if seek is not None:
        rows = _seek_page(f, sort, descending, seek, after, offset, limit)
        return Page([r[-1] for r in rows], tuple(rows[-1]) if rows else None)
    index = (SORT_INDEX.get(sort) if walk else filter_index(f)) if f.campaign_id is not None else None
    if walk and index is not None and after is None and not offset and f.text.strip():
        rows = _search_head(f, sort, descending, index, limit, expected)
        if rows is not None:
            return Page([r[-1] for r in rows], tuple(rows[-1]) if rows else None)
    per_row = walk and index is not None and _dense_search(f, expected)
    if after is None:
        query = _query(f, sort, descending, walk, per_row)
        rows = _fetch(query.offset(offset) if offset else query, index, limit)
    else:
        rows = _after(f, sort, descending, walk, index, after, limit, per_row)
    return Page([r[-1] for r in rows], tuple(rows[-1]) if rows else None)


def _search_head(f: LedgerFilter, sort: str, descending: bool, index: str, limit: int,
                 expected: int | None) -> list[tuple] | None:
    """A search's first page from the head of the list without the search text (search_window, SQLite), when the
    tally tells that list's length; None: read it the usual way."""
    if expected is None or database.engine_name != "sqlite":
        return None
    from . import search_window  # noqa: PLC0415
    from .ledger_summary import tally_can_answer, total_of  # noqa: PLC0415 - ledger_summary imports this module

    plain = replace(f, text="")
    if not tally_can_answer(plain):  # its length would be counted by a scan
        return None
    size = search_window.head_size(limit, expected, total_of(plain))
    if size is None:
        return None
    columns = _columns(sort)
    names = [f"s{i}" for i in range(len(columns))]
    sql, params = _query(plain, sort, descending, True).select(
        *[c.alias(n) for c, n in zip(columns, names, strict=True)]).sql()
    return search_window.first_rows(with_index(sql, index), params, names, descending, f.text, limit, size)


def _beyond(columns: list, values: tuple, descending: bool):
    return Tuple(*columns) < Tuple(*values) if descending else Tuple(*columns) > Tuple(*values)


def _after(f: LedgerFilter, sort: str, descending: bool, walk: bool, index: str | None, after: tuple,
           limit: int, per_row: bool = False) -> list[tuple]:
    """The rows after `after`. With one indexed lead value: the rest of its group by (code_key, id), then the
    next groups by the lead alone; each is one index range (SQLite uses a row value over an expression
    index only as a filter, so a single comparison on (lead, code_key, id) would scan from the start)."""
    lead = SORT_LEADS.get(sort, [])
    if not (walk and index and len(lead) == 1):
        return _fetch(_query(f, sort, descending, walk, per_row).where(_beyond(_columns(sort), after, descending)),
                      index, limit)
    value = after[0]
    tail = [LedgerEntry.code_key, LedgerEntry.id]
    # Within the group the lead is constant: ordering by it too would make SQLite sort the whole group.
    same = (_query(f, sort, descending, walk, per_row)
            .where((lead[0] == value) & _beyond(tail, after[1:], descending))
            .order_by(*[c.desc() if descending else c.asc() for c in tail]))
    rows = _fetch(same, index, limit)
    if len(rows) < limit:
        later = _query(f, sort, descending, walk, per_row).where(
            lead[0] < value if descending else lead[0] > value)
        rows += _fetch(later, index, limit - len(rows))
    return rows


def position(f: LedgerFilter, entry_id: int, sort="code", descending: bool = False) -> int | None:
    """Where an entry stands in the sorted list (0 = first), None when the filter leaves it out: how the
    list finds a new entry to select and show it, however far down it sorts. sort: a key or levels."""
    from . import ledger_sort  # noqa: PLC0415

    return ledger_sort.position(f, entry_id, ledger_sort.normalise(sort, descending))


def entry_ids(f: LedgerFilter, sort: str = "code", descending: bool = False, *, offset: int = 0,
              limit: int | None = None) -> list[int]:
    """The ids of the filtered list in order (or one part of it)."""
    query = LedgerEntry.select(LedgerEntry.id)
    if sort == "department":
        query = query.join(Department, join_type=JOIN.LEFT_OUTER, on=(LedgerEntry.department == Department.id))
    query = query.where(where_clause(f)).order_by(*_order(sort, descending))
    if limit is not None:
        query = query.offset(offset).limit(limit)
    return [row[0] for row in query.tuples()]


def fetch_page(f: LedgerFilter, *, sort: str = "code", descending: bool = False, offset: int = 0,
               limit: int = 200):
    """One page of EntryRecords: ids are sorted and cut in SQL first, names joined for that page only."""
    return load_records(entry_ids(f, sort, descending, offset=offset, limit=limit))


def fetch_entries(f: LedgerFilter, *, sort: str = "code", descending: bool = False, offset: int = 0,
                  limit: int | None = None):
    """EntryRecords of the filtered, sorted list (or one part of it)."""
    return load_records(entry_ids(f, sort, descending, offset=offset, limit=limit))


def iter_entries(f: LedgerFilter, sort: str = "code", descending: bool = False, chunk: int = 500) -> Iterator[list]:
    """The whole filtered list as chunks of EntryRecords, page after page by keyset (prints, exports)."""
    done = 0
    current = page(f, sort, descending, limit=chunk)
    while current.ids:
        yield load_records(current.ids)
        done += len(current.ids)
        if len(current.ids) < chunk:
            return
        if current.continues:
            current = page(f, sort, descending, limit=chunk, after=current.last_key)
        else:
            current = page(f, sort, descending, limit=chunk, offset=done)
