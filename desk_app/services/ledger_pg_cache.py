"""The ledger list on PostgreSQL: records this client already holds are neither read nor decoded again.

The ledger page lists the same rows again and again: after each of the clerk's own writes, whenever others
write, on every return to the page. Under eight clerks' load every millisecond of a listing's work (the
server's reading and sending, the client's decoding and building) waits several times over for a core, and
most of it went into the page's 200 records of fifty columns each, mostly unchanged since the last listing.

So a page's statement, the paging's own (its ORDER BY with the id as the last key, its keyset, its filter:
the page's ids and their order come from it on every listing), is read with each row's change stamp
(db/pg_stamps: the entry row's xmin, its records' counter, the global counter of names):

* the first time this client runs that statement text, with every row's record read along (one round trip,
  as without the cache), and the records kept with their stamps;
* after that, with the stamps alone; the records whose kept stamp is the same are handed out as kept, and
  only the others are read (a second round trip, when a row of the page changed or is new);
* and a whole campaign's figures (engine live_counts, asked just before the page) bring that page's statement
  along, the one that followed them last time (the same text, run in the same round trip): page_rows takes its
  rows if the paging now asks for exactly that statement, before any other statement ran and within
  AHEAD_SECONDS. A listing in which nothing changed is then one round trip of small rows.

A record kept is used only when the server says, in the statement that lists the page, that nothing it shows
changed: the listing is what an uncached one gives at that moment. Nothing is kept or used inside a
transaction (a row updated twice in one transaction keeps its xmin), nor across databases.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from collections import OrderedDict

from desk_app.db.engine_postgres import Prepared
from desk_app.db.models import database
from desk_app.db.pg_stamps import STAMP_JOINS, STAMP_SQL

from . import entry_records_pg as records_sql

KEEP_RECORDS = 3000  # entries' records kept (a few pages of every list the clerk goes back and forth between)
KEEP_PAGES = 256  # page statements this client has run (the next run reads their stamps alone)
AHEAD_SECONDS = 1.0  # a page read along with the figures is used only this soon after (never an old answer)
_LISTING = "listing page"

_lock = threading.Lock()
_records: OrderedDict[int, tuple[str, object]] = OrderedDict()  # entry id -> (stamp, EntryRecord)
_pages: OrderedDict[bytes, None] = OrderedDict()  # page statements run since the records were kept
_companions: dict[tuple, tuple[bytes, int]] = {}  # (campaign, live, today) -> (page statement, width) after them
_scope: list = [None]  # the engine the kept records came from
_local = threading.local()  # .pending: the figures' key whose page statement comes next
# Records a listing handed out as kept, and read from the server (bench/shared.py prints the share kept).
counts = {"kept": 0, "read": 0}

_STAMP = STAMP_SQL.format(e="e", c="sc", g="sg")
_JOINS = STAMP_JOINS.format(e="e", c="sc", g="sg")
# The page's statement (its columns p1 … pN, the entry id last) numbered in its own order ("#"), each row's
# stamp after its columns, then (when read along) its record's columns; in the page's order.
_PAGE_SQL = ('SELECT p.*, ' + _STAMP + '{columns} FROM (SELECT row_number() OVER () AS "#", q.* FROM ({page}) '
             'AS q({names})) AS p JOIN ledger_entry e ON e.id = p.{last}{joins}' + _JOINS + ' ORDER BY p."#"')
# A whole campaign's figures as the first row ("#" 0, the page's columns NULL) before the page's stamped rows:
# [{状态: n}, 逾期], engine live_counts' numbers from the same counters.
_FIGURES_SQL = ('SELECT 0::bigint, {nulls}json_build_array((SELECT json_object_agg("status", "n") FROM '
                '"ledger_status_count" WHERE "campaign_id" = {c} AND "live" = {l} AND "n" <> 0), (SELECT '
                'COALESCE(SUM("n"), 0)::int FROM "ledger_dated_count" WHERE "campaign_id" = {c} AND "live" = {l} '
                "AND \"deadline\" < '{d}'))::text")
# The records of some entries, each with its stamp (the one parameter after the 延期 kind: the ids' array).
RECORDS_SQL = Prepared(f"{records_sql.RECORD_COLUMNS_SQL}, {_STAMP} FROM ledger_entry e{records_sql.NAME_JOINS}"
                       f"{_JOINS} WHERE e.id = ANY(%s::text::integer[])")


@functools.cache
def _page_parts(width: int, with_records: bool) -> tuple[bytes, bytes]:
    """_PAGE_SQL before and after the page's statement, for a page of `width` columns."""
    names = ", ".join(f"p{i}" for i in range(1, width + 1))
    text = _PAGE_SQL.format(columns=", " + records_sql.RECORD_COLUMNS_LITERAL if with_records else "", page="\0",
                            names=names, last=f"p{width}", joins=records_sql.NAME_JOINS if with_records else "")
    head, tail = text.split("\0")
    return head.encode(), tail.encode()


def usable() -> bool:
    """Whether records may be kept and used now: the database has the stamps, no transaction is open (the
    kept records are of the database the program works on now)."""
    engine = database.obj
    if _scope[0] is not engine:
        clear()
        _scope[0] = engine
    return not database.in_transaction() and engine.has_table("list_global_stamp")


def clear() -> None:
    with _lock:
        _records.clear()
        _pages.clear()
        _companions.clear()


def live_counts(campaign_id: int, live: bool, today) -> tuple[dict[str, int], int] | None:
    """engine live_counts (a whole campaign's counts per 状态 and its 逾期), with the page statement that
    followed them last time run along (for page_rows)."""
    if not usable() or not database.has_table("ledger_dated_count"):
        return database.live_counts(campaign_id, live, today)
    key = (campaign_id, live, today)
    _local.pending = key
    with _lock:
        companion = _companions.get(key)
    if companion is None:
        return database.live_counts(campaign_id, live, today)
    page, width = companion
    head, tail = _page_parts(width, False)
    figures = _FIGURES_SQL.format(nulls="NULL, " * width, c=int(campaign_id), l=int(live), d=today.isoformat())
    cursor = database.execute_bound(b"SELECT * FROM (" + figures.encode() + b" UNION ALL (" + head + page + tail
                                    + b')) AS u ORDER BY 1')
    rows = cursor.fetchall()
    database.keep_ahead(_LISTING, (page, rows[1:], records_sql.column_types(cursor, width),
                                   time.monotonic() + AHEAD_SECONDS))
    by_status, overdue = json.loads(rows[0][width + 1])
    return by_status or {}, overdue


def page_rows(sql: str, params, width: int) -> list[tuple] | None:
    """entry_records_pg.page_rows with the rows' stamps: the records read along the first time this statement
    runs, else the stamps alone (records_of hands out the records). None when it cannot be wrapped."""
    pending, _local.pending = getattr(_local, "pending", None), None
    page = database.bind_literal(sql, params)
    if page is None:
        return None
    ahead = database.take_ahead(_LISTING)
    if ahead is not None and ahead[0] == page and time.monotonic() <= ahead[3]:
        rows, types, along = ahead[1], ahead[2], False  # run along with the figures, just now
    else:
        along = _first_run(page)
        head, tail = _page_parts(width, along)
        cursor = database.execute_bound(head + page + tail)
        rows, types = cursor.fetchall(), records_sql.column_types(cursor, width)
    if pending is not None:
        with _lock:
            _companions[pending] = (page, width)
    if along:
        read = {row[width]: (row[width + 1], row[width + 2:]) for row in rows}
    else:
        read = {row[width]: (row[width + 1], None) for row in rows}
    database.keep_ahead(records_sql.AHEAD, (tuple(read), read, "stamped"))
    return records_sql.page_columns(rows, types, width)


def _first_run(page: bytes) -> bool:
    """Whether this client runs this page statement for the first time (since its records were kept)."""
    with _lock:
        if page in _pages:
            _pages.move_to_end(page)
            return False
        _pages[page] = None
        while len(_pages) > KEEP_PAGES:
            _pages.popitem(last=False)
        return True


def records_of(along: dict[int, tuple]) -> list:
    """The records of the page page_rows just listed (load_records, asked for its ids before any other
    statement ran): the kept ones whose stamp the page gave, the others read along or read now."""
    out, missing = {}, []
    with _lock:
        for entry_id, (stamp, row) in along.items():
            if row is not None:
                out[entry_id] = record = records_sql.record_of(row)
                _keep(entry_id, stamp, record)
                continue
            kept = _records.get(entry_id)
            if kept is not None and kept[0] == stamp:
                _records.move_to_end(entry_id)
                out[entry_id] = kept[1]
            else:  # changed since, new on this page, or no longer kept
                missing.append(entry_id)
    if missing:
        out.update(_read(missing))
    came = sum(1 for _, row in along.values() if row is not None)
    counts["kept"] += len(along) - came - len(missing)
    counts["read"] += came + len(missing)
    return [out[i] for i in along if i in out]


def _keep(entry_id: int, stamp: str, record) -> None:
    _records[entry_id] = (stamp, record)
    _records.move_to_end(entry_id)
    while len(_records) > KEEP_RECORDS:
        _records.popitem(last=False)


def _read(entry_ids: list[int]) -> dict:
    rows = database.execute_sql(RECORDS_SQL, (records_sql.EXTEND, records_sql.id_array(entry_ids))).fetchall()
    out = {}
    with _lock:
        for row in rows:
            out[row[0]] = record = records_sql.record_of(row[:-1])
            _keep(row[0], row[-1], record)
    return out
