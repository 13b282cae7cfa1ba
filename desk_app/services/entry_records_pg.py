"""EntryRecords on PostgreSQL: a page of records in one prepared statement, built with little Python.

Under eight clerks' load every millisecond of a listing's own work (the client's and the server's) waits
several times over for a core, so the page's records cost as little as both sides can make them:

* one statement per page, prepared on the server (engine_postgres.Prepared: parsed and planned once per
  session; the ids are one array value, so every page length shares it), with the names joined, the 延期
  count and the newest progress text as subqueries, and every value already in its record's form (names
  and progress '' for none);
* dates and timestamps loaded as Python objects by psycopg's C loaders (no ISO text parsed in Python);
* the columns in the order of RECORD_FIELDS, so a row becomes the record's fields by one zip straight into
  the new record (as entry_records._frozen builds it: the same frozen, equal and hashed record, without
  the generated __init__ or an interim dict).

The same records as entry_records.load_records gives on SQLite (tests compare them field by field).
"""

from __future__ import annotations

from desk_app.db.engine_postgres import Prepared
from desk_app.db.models import database
from desk_app.domain import EventKind

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

RECORDS_SQL = Prepared(
    "SELECT " + ", ".join(f'e."{c}"' for c in _ENTRY_COLUMNS)
    + "".join(f", COALESCE({alias}.name, '')" for _, alias in _NAMES)
    + ", (SELECT COUNT(*)::int FROM entry_event x WHERE x.entry_id = e.id AND x.kind = %s),"
    " COALESCE((SELECT p.text FROM progress_update p WHERE p.entry_id = e.id"
    " ORDER BY p.date DESC, p.id DESC LIMIT 1), '')"
    " FROM ledger_entry e"
    " LEFT JOIN person o ON o.id = e.owner_id LEFT JOIN person l ON l.id = e.leader_id"
    " LEFT JOIN person r ON r.id = e.responsible_id LEFT JOIN person v ON v.id = e.reviewer_id"
    " LEFT JOIN department d ON d.id = e.department_id LEFT JOIN task_force t ON t.id = e.task_force_id"
    " WHERE e.id = ANY(%s::integer[])")


def load_records(entry_ids: list[int]):
    """EntryRecords for these ids, in the order given (ids that no longer exist are left out)."""
    from .entry_input import EntryRecord, missing_essentials  # noqa: PLC0415 - entry_input imports models only

    ids = list(entry_ids)
    rows = {row[0]: row for row in database.execute_sql(RECORDS_SQL, (EventKind.EXTEND.value, ids)).fetchall()}
    records = []
    new = object.__new__
    for entry_id in ids:
        row = rows.get(entry_id)
        if row is None:
            continue
        record = new(EntryRecord)
        fields = record.__dict__
        fields.update(zip(RECORD_FIELDS, row, strict=True))
        fields["missing"] = missing_essentials(record)  # from the record's own fields
        records.append(record)
    return records
