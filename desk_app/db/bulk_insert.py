"""Many rows into ledger_entry or progress_update at once, without their row triggers running per row (SQLite).

SQLite runs a trigger once per row. For a package of 20,000 entries with 37,500 progress notes the search
queue's and the tally's insert triggers took about 2 of the import's CPU seconds (measured: 20,000 entries
1.5 s with the two triggers, 0.5 s without; 37,500 progress rows 1.6 s and 0.5 s). For a big batch they are
dropped inside the caller's transaction, the rows go in, each trigger's work is done once over the new rows
by one statement, and the triggers are created again from their own stored text. Everything is one
transaction: a failure rolls the triggers back with the rows, and no other connection ever sees the table
without them. PostgreSQL's triggers already run once per statement (db/pg_schema), so it inserts plainly.
"""

from __future__ import annotations

from contextlib import suppress

from .migrations.m0007_ledger_tally import KEY as TALLY_KEY

DEFER_FROM = 1000  # rows; below this the two schema changes cost more than the triggers

_TALLY_COLUMNS = ", ".join(f'"{c}"' for c in TALLY_KEY)

# What each trigger does, over every row past the largest id before the insert.
CATCH_UP = {
    "search_entry_insert": 'INSERT INTO "search_dirty" ("entry_id") SELECT "id" FROM "ledger_entry" '
                           'WHERE "id" > ? AND "id" NOT IN (SELECT "entry_id" FROM "search_dirty")',
    "ledger_tally_insert": f'INSERT INTO "ledger_tally" ({_TALLY_COLUMNS}, "n") SELECT "campaign_id", '
                           '"deleted_at" IS NULL, "kind", "layer", COALESCE("department_id", 0), '
                           'COALESCE("owner_id", 0), "category", "status", COUNT(*) FROM "ledger_entry" '
                           'WHERE "id" > ? GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 '
                           f'ON CONFLICT ({_TALLY_COLUMNS}) DO UPDATE SET "n" = "n" + excluded."n"',
    "search_progress_insert": 'INSERT INTO "search_dirty" ("entry_id") SELECT DISTINCT "entry_id" '
                              'FROM "progress_update" WHERE "id" > ? '
                              'AND "entry_id" NOT IN (SELECT "entry_id" FROM "search_dirty")',
}
TRIGGERS = {"ledger_entry": ("search_entry_insert", "ledger_tally_insert"),
            "progress_update": ("search_progress_insert",)}


def insert_many(database, table: str, sql: str, rows: list) -> None:
    """`cursor.executemany(sql, rows)` on the open transaction; `sql` inserts into `table` without naming
    "id" (new rows then take ids past the largest)."""
    cursor = database.cursor()
    if (len(rows) < DEFER_FROM or getattr(database, "engine_name", "sqlite") != "sqlite"
            or table not in TRIGGERS or '"id"' in sql.split("VALUES")[0]):
        cursor.executemany(sql, rows)
        return
    names = TRIGGERS[table]
    marks = ", ".join("?" for _ in names)
    stored = cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
                            names).fetchall()
    before = cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"').fetchone()[0]
    for name, _text in stored:
        cursor.execute(f'DROP TRIGGER "{name}"')
    try:
        cursor.executemany(sql, rows)
        for name, _text in stored:
            cursor.execute(CATCH_UP[name], (before,))
    except BaseException:
        for _name, text in stored:  # the caller's rollback undoes drop and create alike
            with suppress(Exception):
                cursor.execute(text)
        raise
    for _name, text in stored:
        cursor.execute(text)
