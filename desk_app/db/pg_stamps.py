"""Change stamps of PostgreSQL's own for what a row of the ledger list shows (services/ledger_pg_cache).

A client that keeps the records of its last listings needs to know, for each row of a page, whether what the
row shows changed since it read it: the entry itself, its records (the newest 进展, the count of 延期 events)
and the names it shows (people, 科室, 专班). The entry row has its own stamp, its xmin (the transaction that
wrote this version of the row: every UPDATE gives it a new one). The rest is kept here by triggers, in the
writer's own transaction, so a reader sees a new stamp exactly when it sees the change:

* entry_list_stamp: per entry, a number that grows with every statement inserting, updating or deleting
  its progress_update or entry_event rows (statement-level over the statement's rows, for bulk imports);
* list_global_stamp: one number that grows with every rename or deletion of a person, department or 专班,
  and with a TRUNCATE of any of these tables or of the entries' records (rare; every row is read afresh).

A missing entry_list_stamp row is 0. Created by db init (pg_schema.create) and, on a database an older program
initialised, when a client opens it (ensure).
"""

from __future__ import annotations

TABLES = {
    "entry_list_stamp": 'CREATE TABLE "entry_list_stamp" ("entry_id" INTEGER NOT NULL PRIMARY KEY, '
                        '"n" BIGINT NOT NULL)',
    "list_global_stamp": 'CREATE TABLE "list_global_stamp" ("n" BIGINT NOT NULL)',
}
_GLOBAL_START = 'INSERT INTO "list_global_stamp" ("n") VALUES (0)'

# A list row's stamp, over its ledger_entry row {e}, its entry_list_stamp row {c} (LEFT JOINed) and the one
# list_global_stamp row {g}: equal texts, equal rows (what the list shows of them).
STAMP_SQL = "{e}.xmin::text || '.' || COALESCE({c}.\"n\", 0) || '.' || {g}.\"n\""
STAMP_JOINS = ' LEFT JOIN "entry_list_stamp" {c} ON {c}."entry_id" = {e}."id" CROSS JOIN "list_global_stamp" {g}'


def _bump(rows: str) -> str:
    # DISTINCT and ordered: one upsert per entry (a statement may not update a row twice), in id order (two
    # writers' bulk statements lock the same entries' stamps in the same order).
    return (f'INSERT INTO "entry_list_stamp" ("entry_id", "n") SELECT DISTINCT "entry_id", 1 FROM {rows} '
            'WHERE "entry_id" IS NOT NULL ORDER BY 1 '
            'ON CONFLICT ("entry_id") DO UPDATE SET "n" = "entry_list_stamp"."n" + 1;')


FUNCTIONS = {
    "entry_list_stamp_rows": f"""BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN {_bump("old_rows")} END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN {_bump("new_rows")} END IF;
  RETURN NULL;
END""",
    "list_global_stamp_bump": """BEGIN
  UPDATE "list_global_stamp" SET "n" = "n" + 1;
  RETURN NULL;
END""",
}

_CHILD_TABLES = ("progress_update", "entry_event")
_NAME_TABLES = ("person", "department", "task_force")


def _triggers() -> dict[str, str]:
    out = {}
    for table in _CHILD_TABLES:  # transition tables allow one event per trigger
        for event, refs in (("INSERT", "NEW TABLE AS new_rows"), ("DELETE", "OLD TABLE AS old_rows"),
                            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows")):
            out[f"{table}_list_stamp_{event.lower()}"] = (
                f'AFTER {event} ON "{table}" REFERENCING {refs} FOR EACH STATEMENT '
                'EXECUTE FUNCTION entry_list_stamp_rows()')
    for table in _NAME_TABLES:
        out[f"{table}_global_stamp_rename"] = (
            f'AFTER UPDATE OF "name" ON "{table}" FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") '
            'EXECUTE FUNCTION list_global_stamp_bump()')
        out[f"{table}_global_stamp_delete"] = (
            f'AFTER DELETE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION list_global_stamp_bump()')
    for table in (*_CHILD_TABLES, *_NAME_TABLES):  # a TRUNCATE names no rows: everything is read afresh
        out[f"{table}_global_stamp_truncate"] = (
            f'AFTER TRUNCATE ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION list_global_stamp_bump()')
    return out


TRIGGERS = _triggers()


def create(db) -> None:
    """The stamps' tables, functions and triggers, in the caller's transaction."""
    for statement in TABLES.values():
        db.execute_sql(statement)
    db.execute_sql(_GLOBAL_START)
    for name, body in FUNCTIONS.items():
        db.execute_sql(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$\n{body}\n$body$")
    for name, definition in TRIGGERS.items():
        db.execute_sql(f'CREATE TRIGGER "{name}" {definition}')


def ensure(db) -> list[str]:
    """Create the stamps on a database an older program initialised (the caller's transaction, under the
    schema lock); the names created."""
    if not db.execute_sql("SELECT to_regclass('list_global_stamp') IS NULL").fetchone()[0]:
        return []
    create(db)
    return list(TABLES)
