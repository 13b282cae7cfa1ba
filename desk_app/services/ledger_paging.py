"""Sorted pages of the ledger: sorting in SQL, keyset paging, and the query plan for small results.

Every sort ends with code_key (问题编号 in numeric order) and the entry id, so the order is total and
a page's last row says exactly where the next one starts: ``page(after=last_key)`` continues there
(keyset paging) instead of counting past every row above with OFFSET.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from peewee import JOIN, SQL, Case, NodeList, Tuple, fn

from desk_app.db.models import Department, LedgerEntry, Person

from .entry_records import load_records
from .ledger_filter import LedgerFilter, where_clause


def _person_name(column):
    return fn.IFNULL(Person.select(Person.name).where(Person.id == column), "")


# Sort keys a list may ask for; each maps to SQL so sorting happens in the database. The indexes of
# migration 6 follow these expressions exactly (literals, not parameters, in the CASEs).
SORT_KEYS = {
    "code": [LedgerEntry.code_key],
    "deadline": [LedgerEntry.deadline.is_null(), LedgerEntry.deadline, LedgerEntry.code_key],
    "status": [LedgerEntry.status, LedgerEntry.code_key],
    "layer": [Case(LedgerEntry.layer, [(v, i) for i, v in enumerate(
        ("局领导班子", "班子成员", "处级干部", "科长(主任)", "主要业务经办人员"))], 9), LedgerEntry.code_key],
    "department": [Department.sort_order, LedgerEntry.code_key],
    "category": [LedgerEntry.category, LedgerEntry.code_key],
    "source": [LedgerEntry.source, LedgerEntry.code_key],
    "found_date": [LedgerEntry.found_date, LedgerEntry.code_key],
    "updated_at": [LedgerEntry.updated_at, LedgerEntry.code_key],
    # 问题整改 first (the ledger's main business).
    "kind": [Case(LedgerEntry.kind, [(SQL(f"'{v}'"), SQL(str(i))) for i, v in enumerate(
        ("问题整改", "重点任务", "议定事项", "督办事项"))], SQL("9")), LedgerEntry.code_key],
    # By the person's name (a list grouped by who, not by when they were entered); no one last.
    "owner": [LedgerEntry.owner.is_null(), _person_name(LedgerEntry.owner), LedgerEntry.code_key],
    "responsible": [LedgerEntry.responsible.is_null(), _person_name(LedgerEntry.responsible),
                    LedgerEntry.code_key],
    "description": [LedgerEntry.description],
}
# A filter matching at most this many entries is read whole and then sorted (its own index finds them);
# a bigger one walks the sort's index in order and stops after one page.
SELECTIVE = 1500


def _columns(sort: str) -> list:
    return [*SORT_KEYS.get(sort, SORT_KEYS["code"]), LedgerEntry.id]


def _order(sort: str, descending: bool, walk_index: bool = True) -> list:
    columns = _columns(sort)
    if not walk_index:
        # "+(x)" sorts the same but matches no index (SQLite's documented hint), so the rows are found by
        # the filter's own index first and only those are sorted.
        columns = [NodeList((SQL("+("), columns[0], SQL(")")), glue=""), *columns[1:]]
    return [c.desc() if descending else c.asc() for c in columns]


def _query(f: LedgerFilter, sort: str, descending: bool, walk_index: bool):
    query = LedgerEntry.select(*_columns(sort))
    if sort == "department":  # the only sort key outside ledger_entry; joining costs time on 100k rows
        query = query.join(Department, join_type=JOIN.LEFT_OUTER, on=(LedgerEntry.department == Department.id))
    return query.where(where_clause(f)).order_by(*_order(sort, descending, walk_index))


@dataclass(frozen=True)
class Page:
    """One page of a sorted list: the ids, and the last row's sort values (where the next page starts)."""

    ids: list[int]
    last_key: tuple | None

    @property
    def continues(self) -> bool:
        """Whether page(after=last_key) can continue from here (row values with NULLs cannot)."""
        return self.last_key is not None and None not in self.last_key


def page(f: LedgerFilter, sort: str = "code", descending: bool = False, *, limit: int = 200, offset: int = 0,
         after: tuple | None = None, expected: int | None = None) -> Page:
    """A page of the sorted list.

    after: a previous Page's last_key (Page.continues must be true): the rows right after it, by keyset.
    offset: for jumps to a place no loaded page borders on.
    expected: the filter's count when the caller knows it; a small result is read whole and sorted.
    """
    if expected == 0:
        return Page([], None)
    walk = expected is None or expected > SELECTIVE
    query = _query(f, sort, descending, walk)
    if after is not None:
        if None in after:
            raise ValueError("keyset paging needs a last key without NULLs; use offset")
        columns = Tuple(*_columns(sort))
        query = query.where(columns < Tuple(*after) if descending else columns > Tuple(*after))
    elif offset:
        query = query.offset(offset)
    rows = list(query.limit(limit).tuples())
    return Page([r[-1] for r in rows], tuple(rows[-1]) if rows else None)


def entry_ids(f: LedgerFilter, sort: str = "code", descending: bool = False, *, offset: int = 0,
              limit: int | None = None) -> list[int]:
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
