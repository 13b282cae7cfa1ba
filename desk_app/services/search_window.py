"""A search's first page read from the head of the list only (SQLite).

A search's page walks the sort's index and keeps the rows the search index lists for the query: SQLite first
builds that list in full, which costs far more than the walk (some 0.6 µs a match: 15 ms for the 25,000
entries holding 台账, while the page needs the first 64 of them in the list's order). Here the list is first
cut to its head, the first k entries of the list without the search text (k chosen so that, at the share of
the list the query matches, the head holds the page about twice over), and the search index is asked only
for the ids that head spans (FTS5 reads a rowid range of its doclists). The matches in the head are the first
ones of the whole list, since the head is its beginning: when they fill the page, the page is exact; when the
head was the whole list, so is what it holds. Otherwise (matches gathered elsewhere, as a name's entries
may be, or a head whose ids lie far apart) the caller reads the page the usual way.

Entries are numbered as they are entered, so the head of a list in 问题编号 (or 类型, 状态 …) order spans few
ids, and the range asked of the search index is short; where it is not, the answer is the same, only slower.
"""

from __future__ import annotations

import math

from desk_app.db.models import database

from . import search

HEAD_MARGIN = 2  # the head holds the page about this many times over, at the query's share of the list
MIN_HEAD = 256  # never fewer rows than this (a walk of a few hundred index rows costs ~0.1 ms)
MAX_HEAD = 8192  # nor more (~2 ms of walking, lost where the matches lie further down): rarer words the usual way
# The head's ids may lie this many times as far apart as it has rows (entries numbered out of the list's order,
# or deleted ones in between); beyond that the range holds so many matches that the usual way costs no more.
MAX_SPREAD = 16


def head_size(limit: int, matches: int, listed: int) -> int | None:
    """How many rows of the list (of `listed` without the search text) the head takes for a page of `limit` when
    `matches` of them contain the text; None when the head would be most of the list (nothing to gain) or long."""
    if matches <= 0 or listed <= 0:
        return None
    size = max(MIN_HEAD, math.ceil(limit * listed / matches * HEAD_MARGIN))
    return size if size * 2 <= listed and size <= MAX_HEAD else None


def first_rows(head_sql: str, head_params: list, names: list[str], descending: bool, text: str, limit: int,
               size: int) -> list[tuple] | None:
    """The page's rows (its sort values, the id last) from the head of the list, or None when the head cannot
    tell them. head_sql: the list without the search text in its order (every column in one direction), without
    LIMIT, its columns named `names` (the entry id last)."""
    expression = search.match_expression(text)
    if expression is None or database.engine_name != "sqlite" or not search.index_answers():
        return None
    head = f"{head_sql} LIMIT {int(size)}"
    entry = f"head.{names[-1]}"
    low, high, rows_in_head = database.execute_sql(
        f"SELECT MIN({entry}), MAX({entry}), COUNT(*) FROM ({head}) AS head", head_params).fetchone()
    if not rows_in_head:
        return []
    if high - low + 1 > MAX_SPREAD * rows_in_head:
        return None
    direction = " DESC" if descending else ""
    rows = database.execute_sql(
        f"SELECT {', '.join(f'head.{n}' for n in names)} FROM ({head}) AS head WHERE {entry} IN "
        "(SELECT rowid FROM ledger_search WHERE ledger_search MATCH ? AND rowid BETWEEN ? AND ?) "
        f"ORDER BY {', '.join(f'head.{n}{direction}' for n in names)} LIMIT {int(limit)}",
        [*head_params, expression, low, high]).fetchall()
    if len(rows) == limit or rows_in_head < size:
        return rows
    return None
