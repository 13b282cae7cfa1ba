"""Multi-level sorts of the ledger (责任单位, then 整改时限 descending, then 问题编号 …) and an entry's place in
any sort.

A sort is a list of levels (key, descending) over ledger_paging.SORT_LEADS; 问题编号 (code_key) and the id
always close it, in the first level's direction, so the order is total. Levels may go different ways,
so "the rows after this one" is the expanded keyset condition — (a > x) OR (a = x AND b < y) OR … —
rather than one row-value comparison; no index walks such an order, so SQLite finds the filter's rows
and keeps the top of them (a bounded sort), which is what a page needs.
"""

from __future__ import annotations

from peewee import JOIN, fn

from desk_app.db.models import Department, LedgerEntry, database

from .ledger_filter import LedgerFilter, where_clause

Level = tuple[str, bool]  # (sort key, descending)


def normalise(sort, descending: bool = False) -> list[Level]:
    """A sort as levels: "deadline" with a direction, or already a list of (key, descending)."""
    from .ledger_paging import SORT_LEADS  # noqa: PLC0415 - ledger_paging imports this module

    levels = [(sort, descending)] if isinstance(sort, str) else [(k, bool(d)) for k, d in sort]
    seen, kept = set(), []
    for key, desc in levels:
        if key in SORT_LEADS and key not in seen:
            seen.add(key)
            kept.append((key, desc))
    return kept or [("code", descending)]


def order_columns(levels: list[Level]) -> list[tuple[object, bool]]:
    """(column, descending) of the whole order: each level's lead values, then code_key and id."""
    from .ledger_paging import SORT_LEADS  # noqa: PLC0415

    columns: list[tuple[object, bool]] = []
    for key, desc in levels:
        if key == "code":
            columns.append((LedgerEntry.code_key, desc))
            break  # 问题编号 is (nearly) unique: levels after it change nothing
        columns.extend((column, desc) for column in SORT_LEADS[key])
    if not any(c is LedgerEntry.code_key for c, _ in columns):
        columns.append((LedgerEntry.code_key, levels[0][1]))
    columns.append((LedgerEntry.id, levels[0][1]))
    return columns


def _needs_department(levels: list[Level]) -> bool:
    return any(key == "department" for key, _ in levels)


def _select(levels: list[Level], *fields):
    query = LedgerEntry.select(*fields)
    if _needs_department(levels):
        query = query.join(Department, join_type=JOIN.LEFT_OUTER, on=(LedgerEntry.department == Department.id))
    return query


def before_condition(columns: list[tuple[object, bool]], values: tuple, *, after: bool = False):
    """Rows that sort before (or, with after=True, after) the row with these values. NULLs sort first
    ascending and last descending, as SQLite orders them."""
    expanded = None
    for n, (column, desc) in enumerate(columns):
        value = values[n]
        smaller = desc == after  # ascending "before" means smaller; descending "before" means larger
        if value is None:
            step = None if smaller else column.is_null(False)
        else:
            step = ((column < value) | column.is_null()) if smaller else (column > value)
        if step is None:
            continue
        for prior, prior_value in zip(columns[:n], values[:n], strict=False):
            step = (prior[0].is_null() if prior_value is None else (prior[0] == prior_value)) & step
        expanded = step if expanded is None else (expanded | step)
    return expanded


def page_ids(f: LedgerFilter, levels: list[Level], *, limit: int, offset: int = 0,
             after: tuple | None = None) -> tuple[list[int], tuple | None]:
    """One page of a multi-level sort: ids and the last row's sort values (for the next page)."""
    columns = order_columns(levels)
    clause = where_clause(f)
    if after is not None:
        condition = before_condition(columns, after, after=True)
        if condition is not None:
            clause &= condition
    order = [c.desc() if desc else c.asc() for c, desc in columns]
    query = _select(levels, *[c for c, _ in columns]).where(clause).order_by(*order).limit(limit)
    if offset and after is None:
        query = query.offset(offset)
    sql, params = query.sql()
    rows = database.execute_sql(sql, params).fetchall()
    return [r[-1] for r in rows], (tuple(rows[-1]) if rows else None)


def position(f: LedgerFilter, entry_id: int, levels: list[Level]) -> int | None:
    """Where an entry stands in the sorted list (0 = first); None when the filter leaves it out."""
    columns = order_columns(levels)
    row = _select(levels, *[c for c, _ in columns]).where(where_clause(f) & (LedgerEntry.id == entry_id)) \
        .tuples().first()
    if row is None:
        return None
    earlier = before_condition(columns, tuple(row))
    if earlier is None:
        return 0
    return _select(levels, fn.COUNT(LedgerEntry.id)).where(where_clause(f) & earlier).scalar() or 0
