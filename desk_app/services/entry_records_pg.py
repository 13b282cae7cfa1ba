"""EntryRecords on PostgreSQL: a page of records in one prepared statement, built with little Python.

Under eight clerks' load every millisecond of a listing's own work (the client's and the server's) waits
several times over for a core, so the page's records cost as little as both sides can make them:

* one statement per page, prepared on the server (engine_postgres.Prepared: parsed and planned once per
  session; the ids are one array value, so every page length shares it, sent as the array's text: psycopg's
  dumping of a list of 200 ints cost more client time than the rest of sending the statement), with the names joined, the 延期
  count and the newest progress text as subqueries, and every value already in its record's form (names
  and progress '' for none);
* dates and timestamps loaded as Python objects by psycopg's C loaders (no ISO text parsed in Python);
* the columns in the order of RECORD_FIELDS, so a row becomes the record's fields by one zip straight into
  the new record (as entry_records._frozen builds it: the same frozen, equal and hashed record, without
  the generated __init__ or an interim dict).

A page of the ledger brings its records along (page_rows, for ledger_paging): the page's statement is
wrapped into one that also reads the records of its rows, and load_records takes them if it is asked for
exactly those ids before this session runs any other statement (engine keep_ahead / take_ahead) — the list's
page and its records in one round trip instead of two, read in one snapshot.

The same records as entry_records.load_records gives on SQLite (tests compare them field by field).

A save's write is one statement too (save_entry, for ledger.update_entry): the UPDATE of the fields it changed
with the version check and bump (db/versioned's rules), the change-log rows, and the saved record read back
from the UPDATE's own rows — where SQLite runs the UPDATE, the log's INSERT and the record's SELECT.
"""

from __future__ import annotations

import functools

from desk_app.db.engine_postgres import Prepared
from desk_app.db.models import LedgerEntry, database
from desk_app.db.versioned import VERSION, RowChangedError, bump_sql
from desk_app.domain import EventKind

from . import changelog, context

# Every EntryRecord field but `missing` (computed from the others), in the statement's column order (a test
# checks that together they are exactly the record's fields).
_ENTRY_COLUMNS = ("id", "uuid", "code", "campaign_id", "kind", "layer", "owner_id", "category", "source",
                  "description", "cause", "target", "measures", "standard", "leader_id", "department_id",
                  "co_departments", "responsible_id", "task_force_id", "meeting_id", "decision_no", "found_date",
                  "deadline_type", "deadline", "rectify_mode", "schedule", "status", "completed_date",
                  "completion_summary", "closed_date", "reviewer_id", "note", "source_unit", "created_at",
                  "updated_at", "deleted_at", "task_source", "doc_number", "instructing_leader", "assigned_date",
                  "version")
_NAMES = (("owner_name", "o"), ("leader_name", "l"), ("responsible_name", "r"), ("reviewer_name", "v"),
          ("department_name", "d"), ("task_force_name", "t"))
RECORD_FIELDS = (*_ENTRY_COLUMNS, *(name for name, _ in _NAMES), "extension_count", "latest_progress")

# The record's columns over rows "e" of ledger_entry (a table, or the rows an UPDATE returned), and the names'
# joins; the one parameter is the 延期 event kind.
RECORD_COLUMNS_SQL = ("SELECT " + ", ".join(f'e."{c}"' for c in _ENTRY_COLUMNS)
                       + "".join(f", COALESCE({alias}.name, '')" for _, alias in _NAMES)
                       + ", (SELECT COUNT(*)::int FROM entry_event x WHERE x.entry_id = e.id AND x.kind = %s),"
                       " COALESCE((SELECT p.text FROM progress_update p WHERE p.entry_id = e.id"
                       " ORDER BY p.date DESC, p.id DESC LIMIT 1), '')")
NAME_JOINS = (" LEFT JOIN person o ON o.id = e.owner_id LEFT JOIN person l ON l.id = e.leader_id"
              " LEFT JOIN person r ON r.id = e.responsible_id LEFT JOIN person v ON v.id = e.reviewer_id"
              " LEFT JOIN department d ON d.id = e.department_id LEFT JOIN task_force t ON t.id = e.task_force_id")
RECORDS_SQL = Prepared(f"{RECORD_COLUMNS_SQL} FROM ledger_entry e{NAME_JOINS} WHERE e.id = ANY(%s::text::integer[])")
EXTEND = EventKind.EXTEND.value


def id_array(ids) -> str:
    """An integer[] value as its text ('{1,2,3}'): the server parses it (a bad id is refused there)."""
    return "{" + ",".join(map(str, ids)) + "}"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# A page's statement (its columns p1 … pN, the entry id last) with its rows' records after its own columns, in
# the page's order (row_number over the ordered page).
_PAGE_RECORDS_SQL = ('SELECT p.*, {columns} FROM (SELECT row_number() OVER () AS "#", q.* FROM ({page}) AS q({names})) '
                     'AS p JOIN ledger_entry e ON e.id = p.{last}' + NAME_JOINS + ' ORDER BY p."#"')
RECORD_COLUMNS_LITERAL = RECORD_COLUMNS_SQL[len("SELECT "):].replace("%s", _literal(EXTEND))
AHEAD = "page records"
_DATE, _TIMESTAMP = 1082, 1114  # PostgreSQL's type oids


@functools.cache
def _page_records_parts(width: int) -> tuple[bytes, bytes]:
    """_PAGE_RECORDS_SQL before and after the page's statement, for a page of `width` columns."""
    names = ", ".join(f"p{i}" for i in range(1, width + 1))
    text = _PAGE_RECORDS_SQL.format(columns=RECORD_COLUMNS_LITERAL, page="\0", names=names, last=f"p{width}")
    head, tail = text.split("\0")
    return head.encode(), tail.encode()


def page_rows(sql: str, params, width: int) -> list[tuple] | None:
    """The rows of a page's statement (sql with ? placeholders, its `width` columns ending with the entry id),
    as execute_sql(sql, params).fetchall() gives them, read together with their EntryRecords' rows (or, where
    this client keeps records, their change stamps: ledger_pg_cache), which load_records takes for the same ids
    if it is asked next; None when the statement cannot be wrapped."""
    from . import ledger_pg_cache  # noqa: PLC0415 - it builds on this module's statements

    if ledger_pg_cache.usable():
        return ledger_pg_cache.page_rows(sql, params, width)
    head, tail = _page_records_parts(width)
    cursor = database.execute_literal(lambda page: head + page + tail, sql, params)
    if cursor is None:
        return None
    rows = cursor.fetchall()
    # (A page read in two parts, the rest of a group and then the next groups, keeps its second part's only:
    # load_records reads the whole page by its own statement then.)
    database.keep_ahead(AHEAD, (tuple(row[width] for row in rows), {row[width]: row[width + 1:] for row in rows}))
    return page_columns(rows, column_types(cursor, width), width)


def column_types(cursor, width: int) -> list[int]:
    """The type oids of a wrapped page statement's own columns (after "#"; not cursor.description, which makes
    a column object for each of the records' fifty columns)."""
    result = cursor.pgresult
    return [result.ftype(i) for i in range(1, width + 1)]


def page_columns(rows: list[tuple], types: list[int], width: int) -> list[tuple]:
    """The page statement's own columns of rows ("#", its `width` columns, then what was read along), as
    execute_sql gives them: dates and timestamps as the ISO text PostgreSQL sends (what other statements load
    them as: the page's last key goes back into the next page's statement as it came)."""
    texts = [i for i, oid in enumerate(types, 1) if oid in (_DATE, _TIMESTAMP)]
    return [_as_text(row[1:width + 1], texts) if texts else row[1:width + 1] for row in rows]


def _as_text(values: tuple, positions: list[int]) -> tuple:
    out = list(values)
    for i in positions:
        value = out[i - 1]
        if value is not None:
            text = value.isoformat(" ") if hasattr(value, "hour") else value.isoformat()
            out[i - 1] = text.rstrip("0").rstrip(".") if "." in text else text
    return tuple(out)


def load_records(entry_ids: list[int]):
    """EntryRecords for these ids, in the order given (ids that no longer exist are left out)."""
    ids = list(entry_ids)
    ahead = database.take_ahead(AHEAD)
    if ahead is not None and ahead[0] == tuple(ids) and len(ahead) == 3:  # with stamps: ledger_pg_cache's
        from . import ledger_pg_cache  # noqa: PLC0415 - it builds on this module's statements

        return ledger_pg_cache.records_of(ahead[1])
    if ahead is not None and ahead[0] == tuple(ids):
        rows = ahead[1]
    else:
        rows = {row[0]: row for row in database.execute_sql(RECORDS_SQL, (EXTEND, id_array(ids))).fetchall()}
    return [record_of(rows[entry_id]) for entry_id in ids if entry_id in rows]


def record_of(row: tuple):
    """The EntryRecord of a row of the record columns (RECORD_FIELDS)."""
    from .entry_input import EntryRecord, missing_essentials  # noqa: PLC0415 - entry_input imports models only

    return _record(row, EntryRecord, missing_essentials)


def _record(row: tuple, cls, missing_essentials):
    record = object.__new__(cls)
    fields = record.__dict__
    fields.update(zip(RECORD_FIELDS, row, strict=True))
    fields["missing"] = missing_essentials(record)  # from the record's own fields
    return record


def save_entry(entry: LedgerEntry, named_changes: dict[str, tuple[object, object]]):
    """entry.save() (the fields set since it was read, only while it still has the version it was read
    with: RowChangedError otherwise, nothing written), changelog.record_changes for named_changes, and the
    saved EntryRecord, in one statement. The entry was read whole (ledger.get_entry_model) and has changed
    fields (updated_at at least)."""
    from .entry_input import EntryRecord, missing_essentials  # noqa: PLC0415 - entry_input imports models only

    meta = entry._meta
    fields = [f for f in meta.sorted_fields
              if f is not meta.primary_key and f.name != VERSION and f.name in entry._dirty and f.name in entry.__data__]
    loaded = entry.__data__[VERSION]  # read with the entry (ledger.get_entry_model): the version check
    assignments = ", ".join(f'"{f.column_name}" = %s' for f in fields)
    names = list(named_changes)
    sql = Prepared(
        f'WITH e AS (UPDATE "ledger_entry" SET {assignments}, {bump_sql()} WHERE "id" = %s AND "{VERSION}" = %s '
        'RETURNING *), '
        'log AS (INSERT INTO "change_log" ("at", "actor", "entity", "entity_id", "action", "field", "old", "new") '
        "SELECT %s, %s, 'ledger_entry', e.\"id\", 'update', c.field, c.old, c.new FROM e, "
        'unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY AS c(field, old, new, n) ORDER BY c.n) '
        f"{RECORD_COLUMNS_SQL} FROM e{NAME_JOINS}")
    params = [*(f.db_value(entry.__data__[f.name]) for f in fields), entry.id, loaded,
              context.now(), context.actor(), names,
              [changelog.as_text(named_changes[n][0]) for n in names],
              [changelog.as_text(named_changes[n][1]) for n in names],
              EventKind.EXTEND.value]
    row = database.execute_sql(sql, params).fetchone()
    if row is None:
        raise RowChangedError(meta.table_name, entry.id)
    entry.__data__[VERSION] = loaded + 1
    entry._dirty -= {f.name for f in fields}
    return _record(row, EntryRecord, missing_essentials)
