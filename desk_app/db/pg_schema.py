"""The PostgreSQL schema, created whole at the current version (``desk-app db init URL``).

* Tables come from the models (one set of models for both engines), with every text column COLLATE "C"
  (code-point order, as SQLite's BINARY) and VARCHAR without a length (SQLite never enforced 255).
* Indexes are translated from the SQLite schema the migrations build (the same names and columns, so a
  migration's new index reaches PostgreSQL without anyone copying it; tests compare the two sets).
* What SQLite does with its own triggers and FTS5 is written here for PostgreSQL: the search queue
  (migration 7's triggers), ledger_tally (migration 7), the stale pinyin of a renamed person (migration 9),
  and the search index as tsvector columns with GIN indexes (engine_postgres). Tests check that every
  SQLite trigger has its PostgreSQL namesake. The tally's triggers and the search queue's on insert and
  delete run once per statement over its rows (transition tables), for bulk writes.
* PostgreSQL's own indexes for the live list (live_indexes): SQLite's list indexes lead with
  ("campaign_id", "deleted_at"), but PostgreSQL's planner does not take "deleted_at" IS NULL as an equality,
  so it cannot walk them in sort order (the first page of 200 sorted all 100,000 rows: 245 ms). Partial
  indexes WHERE "deleted_at" IS NULL on (campaign, sort lead, code_key, id) give the page in under a
  millisecond, and one on (campaign, status, deadline_type, deadline) counts 逾期 as an index range. db init
  creates them; ensure_live_indexes adds any an older database lacks when a client opens it.
* ledger_entry keeps free room in its pages (fillfactor): an edit that changes no indexed column (备注,
  the version, updated_at) is then written in place (HOT), without touching the table's twenty indexes.
* Counters of PostgreSQL's own for the list's figures of a whole campaign (live_counts): entries per
  (campaign, bin or not, 状态), and the open dated entries per (campaign, bin or not, 整改时限). The
  summary line then reads a few hundred counter rows in one statement instead of grouping the tally's
  thousands of combinations and counting 逾期 entry by entry (10,000 index entries at 100,000). The
  tally's statement trigger keeps them in the writer's transaction; an edit that changes none of their
  columns (备注, the version …) costs one EXISTS. ensure_live_counters creates and fills them on a
  database an older program initialised.
* Change stamps for the rows of the list a client keeps (pg_stamps).
* SQL functions PostgreSQL lacks that the shared indexes and queries use: ifnull.
* Rows the migrations seed (migration 10's ranking kinds), and the table schema_version.
"""

from __future__ import annotations

import functools
import re
from contextlib import contextmanager

from peewee import CharField, SqliteDatabase, TextField, sort_models

from desk_app.domain import DATED_DEADLINES, OPEN_STATUSES

from . import pg_stamps
from .migrations import LATEST_VERSION, MIGRATIONS
from .migrations import m0007_ledger_tally as tally
from .migrations import m0010_rankings_registers as rankings

COMPAT_FUNCTIONS = [
    # SQLite's IFNULL (the list index of migration 6 on IFNULL("deadline", '9999-12-31') and ledger_paging).
    'CREATE FUNCTION ifnull(anyelement, anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE '
    'AS \'SELECT COALESCE($1, $2)\'',
]

_TALLY_KEY = ", ".join(f'"{c}"' for c in tally.KEY)
_TALLY_GROUP = ('"campaign_id", ("deleted_at" IS NULL)::int AS "live", "kind", "layer", '
                'COALESCE("department_id", 0) AS "department_id", COALESCE("owner_id", 0) AS "owner_id", '
                '"category", "status"')
_BY_KEY = ", ".join(str(n) for n in range(1, len(tally.KEY) + 1))  # by position: the output names are inputs too
_TALLY_JOIN = " AND ".join(f't."{c}" = g."{c}"' for c in tally.KEY)
# An UPDATE statement counts only the rows whose tally key changed (PostgreSQL allows no column list on a
# trigger with transition tables, so every UPDATE of an entry reaches the function).
_KEY_CHANGED = " OR ".join(f'o."{c}" IS DISTINCT FROM n."{c}"' for c in (
    "campaign_id", "kind", "layer", "department_id", "owner_id", "category", "status")) + \
    ' OR (o."deleted_at" IS NULL) IS DISTINCT FROM (n."deleted_at" IS NULL)'
_ONLY_CHANGED = f'WHERE "id" IN (SELECT o."id" FROM old_rows o JOIN new_rows n ON n."id" = o."id" WHERE {_KEY_CHANGED})'


def _tally_add(rows: str, where: str) -> str:
    return (f'INSERT INTO "ledger_tally" ({_TALLY_KEY}, "n") SELECT {_TALLY_GROUP}, COUNT(*) FROM {rows} {where} '
            f'GROUP BY {_BY_KEY} ON CONFLICT ({_TALLY_KEY}) DO UPDATE SET "n" = "ledger_tally"."n" + EXCLUDED."n";')


def _tally_remove(rows: str, where: str) -> str:
    return (f'UPDATE "ledger_tally" t SET "n" = t."n" - g."c" FROM (SELECT {_TALLY_GROUP}, COUNT(*) AS "c" '
            f'FROM {rows} {where} GROUP BY {_BY_KEY}) g WHERE {_TALLY_JOIN};')


_LIVE = '("deleted_at" IS NULL)::int AS "live"'
_DATED = (f'"status" IN ({", ".join(f"{chr(39)}{s.value}{chr(39)}" for s in OPEN_STATUSES)}) AND "deadline_type" IN '
          f'({", ".join(f"{chr(39)}{t.value}{chr(39)}" for t in DATED_DEADLINES)}) AND "deadline" IS NOT NULL')
# name -> (key columns, the key as expressions over ledger_entry rows, which rows count (None: all), the
# columns whose change moves an entry between rows or in or out).
LIVE_COUNTERS = {
    "ledger_status_count": (("campaign_id", "live", "status"), f'"campaign_id", {_LIVE}, "status"', None,
                            ("campaign_id", "status")),
    "ledger_dated_count": (("campaign_id", "live", "deadline"), f'"campaign_id", {_LIVE}, "deadline"', _DATED,
                           ("campaign_id", "status", "deadline_type", "deadline")),
}
_COUNTER_TYPES = {"campaign_id": "INTEGER", "live": "INTEGER", "status": 'TEXT COLLATE "C"', "deadline": "DATE"}


def _changed(columns) -> str:
    """Whether an updated entry's old row o and new row n differ in these columns or in being in the bin."""
    return " OR ".join([*(f'o."{c}" IS DISTINCT FROM n."{c}"' for c in columns),
                        '(o."deleted_at" IS NULL) IS DISTINCT FROM (n."deleted_at" IS NULL)'])


def _names(columns) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _counter_rows(name: str, rows: str, only_changed: bool = False) -> str:
    """The counter's key with its number of rows, over the rows of a statement (or the whole table)."""
    key, group, counted, depends = LIVE_COUNTERS[name]
    conditions = [counted] if counted else []
    if only_changed:
        conditions.append(f'"id" IN (SELECT o."id" FROM old_rows o JOIN new_rows n ON n."id" = o."id" '
                          f'WHERE {_changed(depends)})')
    where = f' WHERE {" AND ".join(conditions)}' if conditions else ""
    return f'SELECT {group}, COUNT(*) AS "c" FROM {rows}{where} GROUP BY {", ".join(str(i + 1) for i in range(len(key)))}'


def _counter_add(name: str, only_changed: bool = False) -> str:
    columns = _names(LIVE_COUNTERS[name][0])
    return (f'INSERT INTO "{name}" ({columns}, "n") {_counter_rows(name, "new_rows", only_changed)} '
            f'ON CONFLICT ({columns}) DO UPDATE SET "n" = "{name}"."n" + EXCLUDED."n";')


def _counter_remove(name: str, only_changed: bool = False) -> str:
    match = " AND ".join(f't."{c}" = g."{c}"' for c in LIVE_COUNTERS[name][0])
    return (f'UPDATE "{name}" t SET "n" = t."n" - g."c" FROM ({_counter_rows(name, "old_rows", only_changed)}) g '
            f'WHERE {match};')


def _counter_table(name: str) -> str:
    key = LIVE_COUNTERS[name][0]
    columns = ", ".join(f'"{c}" {_COUNTER_TYPES[c]} NOT NULL' for c in key)
    return f'CREATE TABLE "{name}" ({columns}, "n" INTEGER NOT NULL, PRIMARY KEY ({_names(key)}))'


def _counter_fill(name: str) -> str:
    return f'INSERT INTO "{name}" ({_names(LIVE_COUNTERS[name][0])}, "n") {_counter_rows(name, chr(34) + "ledger_entry" + chr(34))}'


# Any column the tally or a counter keeps: an UPDATE changing none of them (备注, version …) skips the counting.
_ANY_COUNTED_CHANGE = (f'EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id" WHERE '
                       f'{_changed(("campaign_id", "kind", "layer", "department_id", "owner_id", "category", "status", "deadline_type", "deadline"))})')


def _queue(expr: str) -> str:
    return f'INSERT INTO "search_dirty" ("entry_id") VALUES ({expr}) ON CONFLICT DO NOTHING;'


_SEARCH_COLUMNS = ", ".join(f'"{c}"' for c in tally._INDEXED_ENTRY_COLUMNS)

EXTRA_TABLES = [
    'CREATE TABLE "ledger_tally" ("campaign_id" INTEGER NOT NULL, "live" INTEGER NOT NULL, '
    '"kind" TEXT COLLATE "C" NOT NULL, "layer" TEXT COLLATE "C" NOT NULL, "department_id" INTEGER NOT NULL, '
    '"owner_id" INTEGER NOT NULL, "category" TEXT COLLATE "C" NOT NULL, "status" TEXT COLLATE "C" NOT NULL, '
    f'"n" INTEGER NOT NULL, PRIMARY KEY ({_TALLY_KEY}))',
    'CREATE TABLE "search_dirty" ("entry_id" INTEGER NOT NULL PRIMARY KEY)',
    'CREATE TABLE "ledger_search" ("entry_id" INTEGER NOT NULL PRIMARY KEY, "body" TSVECTOR NOT NULL, '
    '"tags" TSVECTOR NOT NULL)',
    'CREATE INDEX "ledger_search_body" ON "ledger_search" USING gin ("body")',
    'CREATE INDEX "ledger_search_tags" ON "ledger_search" USING gin ("tags")',
    'CREATE TABLE "schema_version" ("version" INTEGER NOT NULL)',
]

# (function name, body); each trigger below names its function.
FUNCTIONS = {
    "search_queue_entry": f"""BEGIN
  {_queue('NEW."id"')}
  RETURN NULL;
END""",
    "search_queue_progress": f"""BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN {_queue('OLD."entry_id"')} END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN {_queue('NEW."entry_id"')} END IF;
  RETURN NULL;
END""",
    "search_queue_person": """BEGIN
  INSERT INTO "search_dirty" ("entry_id") SELECT "id" FROM "ledger_entry"
    WHERE "owner_id" = NEW."id" OR "leader_id" = NEW."id" OR "responsible_id" = NEW."id"
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END""",
    # Statement-level, over the statement's rows (transition tables): a bulk insert or update of 100,000
    # entries in one transaction updates each tally row once per statement, not once per entry (a row
    # updated 100,000 times in one transaction leaves a chain of versions every later update walks).
    # The live-list counters ride on the same trigger (the transition tables are built once).
    "ledger_tally_change": f"""BEGIN
  IF TG_OP = 'INSERT' THEN
    {_tally_add("new_rows", "")}
    {" ".join(_counter_add(name) for name in LIVE_COUNTERS)}
  ELSIF TG_OP = 'DELETE' THEN
    {_tally_remove("old_rows", "")}
    {" ".join(_counter_remove(name) for name in LIVE_COUNTERS)}
  ELSIF {_ANY_COUNTED_CHANGE} THEN
    {_tally_remove("old_rows", _ONLY_CHANGED)}
    {_tally_add("new_rows", _ONLY_CHANGED)}
    {" ".join(_counter_remove(name, True) + " " + _counter_add(name, True) for name in LIVE_COUNTERS)}
  END IF;
  RETURN NULL;
END""",
    "search_queue_rows": """BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "search_dirty" ("entry_id") SELECT "id" FROM old_rows ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO "search_dirty" ("entry_id") SELECT "id" FROM new_rows ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END""",
    "person_name_keys_stale": """BEGIN
  NEW."pinyin" := '';
  NEW."initials" := '';
  RETURN NEW;
END""",
}

# The SQLite triggers' namesakes (migrations 7 and 9).
TRIGGERS = {
    "search_entry_insert": 'AFTER INSERT ON "ledger_entry" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
                           'EXECUTE FUNCTION search_queue_rows()',
    "search_entry_update": f'AFTER UPDATE OF {_SEARCH_COLUMNS} ON "ledger_entry" FOR EACH ROW '
                           'EXECUTE FUNCTION search_queue_entry()',
    "search_entry_delete": 'AFTER DELETE ON "ledger_entry" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
                           'EXECUTE FUNCTION search_queue_rows()',
    "search_progress_insert": 'AFTER INSERT ON "progress_update" FOR EACH ROW EXECUTE FUNCTION search_queue_progress()',
    "search_progress_update": 'AFTER UPDATE OF "text", "entry_id" ON "progress_update" FOR EACH ROW '
                              'EXECUTE FUNCTION search_queue_progress()',
    "search_progress_delete": 'AFTER DELETE ON "progress_update" FOR EACH ROW EXECUTE FUNCTION search_queue_progress()',
    "search_person_rename": 'AFTER UPDATE OF "name" ON "person" FOR EACH ROW EXECUTE FUNCTION search_queue_person()',
    "ledger_tally_insert": 'AFTER INSERT ON "ledger_entry" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
                           'EXECUTE FUNCTION ledger_tally_change()',
    "ledger_tally_delete": 'AFTER DELETE ON "ledger_entry" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
                           'EXECUTE FUNCTION ledger_tally_change()',
    "ledger_tally_update": 'AFTER UPDATE ON "ledger_entry" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                           'FOR EACH STATEMENT EXECUTE FUNCTION ledger_tally_change()',
    # Before the update: the new row itself gets empty keys (SQLite's trigger updates the row after).
    "person_name_keys_stale": 'BEFORE UPDATE OF "name" ON "person" FOR EACH ROW '
                              'WHEN (NEW."pinyin" = OLD."pinyin" AND NEW."name" <> OLD."name") '
                              'EXECUTE FUNCTION person_name_keys_stale()',
}


# SQLite's list indexes whose columns up to "code_key" (without "deleted_at") lead a partial index each.
_LIVE_SORT_INDEXES = ("ledger_entry_live_code", "ledger_entry_live_status", "ledger_entry_live_deadline",
                      "ledger_entry_live_kind", "ledger_entry_live_layer")
LIVE_OVERDUE_INDEX = ('CREATE INDEX "ledger_entry_pg_live_overdue" ON "ledger_entry" '
                      '("campaign_id", "status", "deadline_type", "deadline", "id") WHERE "deleted_at" IS NULL')
LEDGER_ENTRY_FILLFACTOR = 85


def live_indexes(translated: dict[str, str]) -> dict[str, str]:
    """name -> CREATE INDEX of PostgreSQL's partial indexes for the live list (see the module docstring)."""
    out = {}
    for name in _LIVE_SORT_INDEXES:
        match = _INDEX.match(translated[name])
        columns = _split_columns(match.group(4))
        if columns[:2] != ['"campaign_id"', '"deleted_at"'] or '"code_key"' not in columns:
            raise ValueError(f"index {name} no longer leads with campaign_id, deleted_at: {columns}")
        lead = columns[2:columns.index('"code_key"') + 1]
        pg_name = name.replace("ledger_entry_live_", "ledger_entry_pg_live_")
        out[pg_name] = (f'CREATE INDEX "{pg_name}" ON "ledger_entry" ("campaign_id", {", ".join(lead)}, "id") '
                        'WHERE "deleted_at" IS NULL')
    out["ledger_entry_pg_live_overdue"] = LIVE_OVERDUE_INDEX
    return out


def ensure_live_indexes(db) -> list[str]:
    """Create the live-list indexes a database initialised by an older program lacks (the names created)."""
    wanted = live_indexes(schema_indexes())
    present = {r[0] for r in db.execute_sql("SELECT indexname FROM pg_indexes WHERE tablename = 'ledger_entry'")
               .fetchall()}
    missing = [name for name in wanted if name not in present]
    for name in missing:
        db.execute_sql(wanted[name].replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
    return missing


def live_objects_complete(db) -> bool:
    """Whether the database has every live-list index, counter and change stamp (pg_stamps): one statement
    without the schema lock, which an open of an up-to-date database asks instead of taking the lock (clerks
    starting together waited for each other's checks) and checking each kind of object in turn."""
    names = [*live_indexes(schema_indexes()), *LIVE_COUNTERS, *pg_stamps.TABLES]
    return db.execute_sql("SELECT bool_and(to_regclass(n) IS NOT NULL) FROM unnest(?::text[]) AS n",
                          (names,)).fetchone()[0] in (True, 1)


def ensure_live_counters(db) -> list[str]:
    """Create and fill the live-list counters a database initialised by an older program lacks, and give
    the tally's trigger their upkeep (the caller's transaction; writers wait meanwhile, so none is missed).
    The names created."""
    missing = [name for name in LIVE_COUNTERS
               if db.execute_sql("SELECT to_regclass(?) IS NULL", (name,)).fetchone()[0]]
    if not missing:
        return []
    db.execute_sql('LOCK TABLE "ledger_entry" IN SHARE MODE')
    for name in missing:
        db.execute_sql(_counter_table(name))
        db.execute_sql(_counter_fill(name))
    _create_function(db, "ledger_tally_change", replace=True)
    return missing


def _create_function(db, name: str, *, replace: bool = False) -> None:
    verb = "CREATE OR REPLACE" if replace else "CREATE"
    db.execute_sql(f"{verb} FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$\n{FUNCTIONS[name]}\n$body$")


def reference_sqlite() -> SqliteDatabase:
    """An empty in-memory SQLite database built by the migrations: the schema both engines share."""
    reference = SqliteDatabase(":memory:")
    for migration in MIGRATIONS:
        migration.upgrade(reference)
    return reference


def _split_columns(text: str) -> list[str]:
    parts, depth, current, quote = [], 0, [], ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return parts


@functools.cache
def schema_indexes() -> dict[str, str]:
    """translated_indexes of the schema the migrations give, worked out once per process (its schema version is
    fixed): building the reference database ran every migration, 0.2 s on every open of a database. Read only."""
    reference = reference_sqlite()
    try:
        return translated_indexes(reference)
    finally:
        reference.close()


_INDEX = re.compile(r'^CREATE (UNIQUE )?INDEX "([^"]+)" ON "([^"]+)" \((.*)\)$', re.S)


def translated_indexes(reference: SqliteDatabase) -> dict[str, str]:
    """name -> CREATE INDEX for PostgreSQL, for every index the migrations give SQLite."""
    out = {}
    rows = reference.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                 "ORDER BY name").fetchall()
    for name, sql in rows:
        match = _INDEX.match(" ".join(sql.split()))
        if match is None:
            raise ValueError(f"index {name}: cannot translate {sql!r}")
        unique, _, table, columns = match.groups()
        parts = [c if re.fullmatch(r'"[^"]+"( (ASC|DESC))?', c) else f"({c})" for c in _split_columns(columns)]
        out[name] = f'CREATE {unique or ""}INDEX "{name}" ON "{table}" ({", ".join(parts)})'
    return out


@contextmanager
def _postgres_text_columns(models):
    """Text columns as PostgreSQL gets them: unbounded and COLLATE "C" (restored afterwards)."""
    saved = []
    for model in models:
        for field in model._meta.sorted_fields:
            if isinstance(field, CharField | TextField):
                saved.append((field, field.collation, getattr(field, "max_length", None)))
                field.collation = '"C"'
                if isinstance(field, CharField):
                    field.max_length = None
    try:
        yield
    finally:
        for field, collation, length in saved:
            field.collation = collation
            if isinstance(field, CharField):
                field.max_length = length


def create(db) -> None:
    """Create the whole schema on an empty PostgreSQL database, in the caller's transaction."""
    from .models import ALL_MODELS  # noqa: PLC0415

    models = sort_models(ALL_MODELS)
    for statement in COMPAT_FUNCTIONS:
        db.execute_sql(statement)
    with db.bind_ctx(models, bind_refs=False, bind_backrefs=False), _postgres_text_columns(models):
        for model in models:
            model._schema.create_table(safe=False)
    db.execute_sql(f'ALTER TABLE "ledger_entry" SET (fillfactor = {LEDGER_ENTRY_FILLFACTOR})')
    translated = schema_indexes()
    for statement in [*translated.values(), *live_indexes(translated).values()]:
        db.execute_sql(statement)
    for statement in [*EXTRA_TABLES, *(_counter_table(name) for name in LIVE_COUNTERS)]:
        db.execute_sql(statement)
    for name in FUNCTIONS:
        _create_function(db, name)
    for name, definition in TRIGGERS.items():
        db.execute_sql(f'CREATE TRIGGER "{name}" {definition}')
    pg_stamps.create(db)
    for name, subject, scorer, order in rankings.DEFAULT_KINDS:
        db.execute_sql('INSERT INTO "ranking_kind" ("name", "subject_label", "scorer", "higher_is_better", '
                       '"bottom_count", "consecutive", "sort_order", "active") VALUES (?, ?, ?, 1, 3, 2, ?, 1)',
                       (name, subject, scorer, order))
    db.execute_sql('INSERT INTO "schema_version" ("version") VALUES (?)', (LATEST_VERSION,))
