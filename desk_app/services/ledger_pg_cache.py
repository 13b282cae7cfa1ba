"""The ledger list on PostgreSQL: what this client already holds is not read again.

The ledger page lists the same rows again and again: every few seconds when others write, after each of
the clerk's own writes, on every return to the page. On a LAN server each statement is a round trip, and
what the server reads and the client decodes is shared by every clerk of the office. So a listing here is

* one round trip: the campaign's figures (live_counts) bring along the first page of the statement that
  followed them last time (a companion, taken by page_rows only if the page asked next is exactly that
  statement, within AHEAD_SECONDS, with no other statement in between);
* a page statement that gives each row's change stamp (pg_stamps: the entry row's xmin, its records' stamp,
  the names' stamp) and the whole record only for rows whose stamp differs from the one this client holds
  for them (sent along: the ids the same statement gave last time, with the stamps of those still kept);
* records kept per entry with their stamp (KEEP_RECORDS, least recently used dropped), handed out only for a
  page whose statement just now gave that same stamp.

A record is thus taken from memory only when the server says in the same statement that nothing it shows
changed: the listing is what an uncached one gives at that moment. Nothing is kept inside a transaction
(a row updated twice in one transaction keeps its xmin), nor across databases.
"""

from __future__ import annotations

import functools
import json
import threading
from collections import OrderedDict
from datetime import date, datetime

from desk_app.db.models import database

from . import entry_records_pg as records_sql

KEEP_RECORDS = 2000  # entries' records kept (a few pages of every list the clerk goes back and forth between)
KEEP_PAGES = 64  # page statements whose last ids are kept
_PAGE_AHEAD = "listing page"

_lock = threading.Lock()
_local = threading.local()  # .pending: the figures' key whose page statement comes next
_records: OrderedDict[int, tuple[str, object]] = OrderedDict()  # entry id -> (stamp, EntryRecord)
_pages: OrderedDict[bytes, list] = OrderedDict()  # a page statement -> [ids, stamps, known's text] it gave last
_companions: dict[tuple, tuple[bytes, int]] = {}  # (campaign, live, today) -> (page statement, width)
_scope: list = [None]  # the engine the kept rows came from
# Records a listing handed out from memory, and read from the server (bench/shared.py prints the share kept).
counts = {"kept": 0, "read": 0}

# A row's stamp over ledger_entry row {e} and its entry_list_stamp row {c}.
_STAMP = ("{e}.xmin::text || '.' || COALESCE({c}.\"n\", 0) || '.' || "
          "COALESCE((SELECT \"n\" FROM \"list_names_stamp\"), 0)")
# The page statement's rows p ("#", its columns p1 … pN, the entry id last), each row's stamp, and the record's
# columns where the stamp differs from the one known (the parameter: {"id": stamp, …}), else NULLs: as columns
# (entry_records_pg.RECORD_FIELDS) when nothing is known, else as one JSON array (a listing again: 200 rows of
# fifty NULL columns cost the client more to take in than the few changed records' JSON to parse).
_PAGE_SQL = ('SELECT p.*, x."s", r.* FROM (SELECT row_number() OVER () AS "#", q.* FROM ({page}) AS q({names})) AS p '
             'JOIN "ledger_entry" k ON k."id" = p.{last} LEFT JOIN "entry_list_stamp" c ON c."entry_id" = p.{last} '
             'CROSS JOIN LATERAL (SELECT ' + _STAMP.format(e="k", c="c") + ' AS "s") AS x '
             # OFFSET 0: the subquery stays one, its condition a one-time filter (no joins for rows held)
             'LEFT JOIN LATERAL ({records} FROM "ledger_entry" e{joins} WHERE e."id" = p.{last} '
             'AND (%s::jsonb ->> p.{last}::text) IS DISTINCT FROM x."s" OFFSET 0) AS r ON true')
# The campaign's figures as one JSON row before the page's rows: [{状态: n}, 逾期] (engine live_counts' numbers).
_FIGURES_SQL = ('SELECT 0::bigint AS "#", {nulls_before}json_build_array('
                '(SELECT json_object_agg("status", "n") FROM "ledger_status_count" '
                'WHERE "campaign_id" = {c} AND "live" = {l} AND "n" <> 0), '
                '(SELECT COALESCE(SUM("n"), 0)::int FROM "ledger_dated_count" '
                "WHERE \"campaign_id\" = {c} AND \"live\" = {l} AND \"deadline\" < '{d}'))::text, {nulls_after}")
_DATES = frozenset(("found_date", "deadline", "completed_date", "closed_date", "assigned_date"))
_TIMES = frozenset(("created_at", "updated_at", "deleted_at"))
_CONVERT = [(i, name in _TIMES) for i, name in enumerate(records_sql.RECORD_FIELDS) if name in _DATES | _TIMES]


def _record_columns(compact: bool) -> str:
    columns = records_sql.RECORD_COLUMNS_LITERAL
    return f'SELECT json_build_array({columns[len("SELECT "):]})::text AS "j"' if compact else columns


def _from_json(text: str) -> tuple:
    """A record's columns from the compact statement's JSON array (dates and timestamps as ISO text there)."""
    values = json.loads(text)
    for i, is_time in _CONVERT:
        value = values[i]
        if value is not None:
            values[i] = datetime.fromisoformat(value) if is_time else date.fromisoformat(value)
    return tuple(values)


_RECORDS_SQL = ("{records}, " + _STAMP.format(e="e", c="c") + ' FROM "ledger_entry" e{joins} '
                'LEFT JOIN "entry_list_stamp" c ON c."entry_id" = e."id" WHERE e."id" = ANY(%s::text::integer[])')


@functools.cache
def _page_parts(width: int, compact: bool) -> tuple[bytes, bytes]:
    names = ", ".join(f"p{i}" for i in range(1, width + 1))
    text = _PAGE_SQL.format(page="\0", names=names, last=f"p{width}", records=_record_columns(compact),
                            joins=records_sql.NAME_JOINS)
    head, tail = text.split("\0")
    return head.encode(), tail.encode()


def _page_statement(page: bytes, width: int, compact: bool) -> bytes:
    head, tail = _page_parts(width, compact)
    return head + page.replace(b"%", b"%%") + tail  # the page's own percent signs are no placeholders


def _with_figures(page: bytes, width: int, compact: bool, campaign_id: int, live: bool, today) -> bytes:
    nulls = 1 if compact else len(records_sql.RECORD_FIELDS)
    figures = _FIGURES_SQL.format(nulls_before="NULL, " * width, c=int(campaign_id), l=int(live),
                                  d=today.isoformat(), nulls_after=", ".join(["NULL"] * nulls))
    return b"SELECT * FROM (" + figures.encode() + b" UNION ALL (" + _page_statement(page, width, compact) + b')) AS u ORDER BY 1'


def _usable() -> bool:
    """Whether rows may be kept and used now (the stamps exist, no transaction is open, the same database)."""
    _same_database()
    return not database.in_transaction() and database.has_table("entry_list_stamp")


def _same_database() -> None:
    """Forget everything kept when the program now works on another database."""
    engine = database.obj
    if _scope[0] is not engine:
        clear()
        _scope[0] = engine


def clear() -> None:
    with _lock:
        _records.clear()
        _pages.clear()
        _companions.clear()


def _known(page: bytes) -> str:
    """The {"id": stamp} of the records kept for the rows this page statement gave last time (its text kept
    while those are all still kept at the stamps it gave)."""
    with _lock:
        last = _pages.get(page)
        if last is None:
            return "{}"
        ids, stamps, text = last
        kept = {i: _records[i][0] for i in ids if i in _records}
        if text is None or len(kept) != len(ids) or any(kept[i] != s for i, s in zip(ids, stamps, strict=True)):
            text = json.dumps({str(i): s for i, s in kept.items()})
            if len(kept) == len(ids):
                last[2] = text
        return text


def live_counts(campaign_id: int, live: bool, today) -> tuple[dict[str, int], int] | None:
    """engine live_counts (a campaign's counts per 状态 and its 逾期), with the first page that followed them last
    time read along (for page_rows)."""
    if not _usable() or not database.has_table("ledger_dated_count"):
        return database.live_counts(campaign_id, live, today)
    key = (campaign_id, live, today)
    _local.pending = key
    with _lock:
        companion = _companions.get(key)
    if companion is None:
        return database.live_counts(campaign_id, live, today)
    page, width = companion
    known = _known(page)
    compact = known != "{}"
    cursor = database.execute_bound(_with_figures(page, width, compact, campaign_id, live, today), [known],
                                    prepare=True)
    rows = cursor.fetchall()
    by_status, overdue = json.loads(rows[0][width + 1])
    database.keep_ahead(_PAGE_AHEAD, (page, rows[1:], _types(cursor, width), compact))
    return by_status or {}, overdue


def page_rows(sql: str, params, width: int) -> list[tuple] | None:
    """entry_records_pg.page_rows: the page statement's rows, read with the stamps and changed records."""
    pending, _local.pending = getattr(_local, "pending", None), None
    if not database.has_table("entry_list_stamp"):  # an older program's database, opened read-only
        return None
    page = database.bind_literal(sql, params)
    if page is None:
        return None
    usable = _usable()
    ahead = database.take_ahead(_PAGE_AHEAD)
    if ahead is not None and ahead[0] == page:
        rows, types, compact = ahead[1:]
    else:
        known = _known(page) if usable else "{}"
        compact = known != "{}"
        cursor = database.execute_bound(_page_statement(page, width, compact), [known], prepare=True)
        rows, types = cursor.fetchall(), _types(cursor, width)
    ids = tuple(row[width] for row in rows)
    if usable:
        stamps = tuple(row[width + 1] for row in rows)
        with _lock:
            last = _pages.get(page)
            if last is None or last[0] != ids or last[1] != stamps:  # (else its known text stays)
                _pages[page] = [ids, stamps, None]
            _pages.move_to_end(page)
            while len(_pages) > KEEP_PAGES:
                _pages.popitem(last=False)
            if pending is not None:
                _companions[pending] = (page, width)
    start = width + 2  # "#", the page's columns, the stamp
    if compact:
        found = {row[width]: (row[width + 1], row[start] and _from_json(row[start])) for row in rows}
    else:
        found = {row[width]: (row[width + 1], row[start:] if row[start] is not None else None) for row in rows}
    database.keep_ahead(records_sql.AHEAD, (ids, found))
    return records_sql.page_columns(rows, types, width)


def _types(cursor, width: int) -> list[int]:
    """The type oids of the page statement's own columns (after "#"; not cursor.description, which makes a
    column object for each of the record's fifty columns)."""
    result = cursor.pgresult
    return [result.ftype(i) for i in range(1, width + 1)]


def take_records(entry_ids: list[int]) -> list | None:
    """The records of the page page_rows just read, if these are its ids and nothing ran since; else None."""
    ahead = database.take_ahead(records_sql.AHEAD)
    if ahead is None or ahead[0] != tuple(entry_ids):
        return None
    keep = _usable()
    out, missing = {}, []
    with _lock:
        for entry_id, (stamp, row) in ahead[1].items():
            if row is not None:
                out[entry_id] = record = records_sql.record_of(row)
                if keep:
                    _keep(entry_id, stamp, record)
            else:
                kept = _records.get(entry_id)
                if kept is not None and kept[0] == stamp:
                    _records.move_to_end(entry_id)
                    out[entry_id] = kept[1]
                else:  # dropped meanwhile (another list filled the memory): read it
                    missing.append(entry_id)
    if missing:
        out.update(_read(missing, keep))
    came = sum(1 for _, row in ahead[1].values() if row is not None)
    counts["read"] += came + len(missing)
    counts["kept"] += len(ahead[1]) - came - len(missing)
    return [out[i] for i in entry_ids if i in out]


def _keep(entry_id: int, stamp: str, record) -> None:
    _records[entry_id] = (stamp, record)
    _records.move_to_end(entry_id)
    while len(_records) > KEEP_RECORDS:
        _records.popitem(last=False)


def _read(entry_ids: list[int], keep: bool) -> dict:
    statement = _RECORDS_SQL.format(records=records_sql.RECORD_COLUMNS_SQL, joins=records_sql.NAME_JOINS)
    rows = database.execute_bound(statement.encode(), [records_sql.EXTEND, records_sql.id_array(entry_ids)]).fetchall()
    out = {}
    with _lock:
        for row in rows:
            out[row[0]] = record = records_sql.record_of(row[:-1])
            if keep:
                _keep(row[0], row[-1], record)
    return out
