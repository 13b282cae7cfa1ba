"""Schema version 2: the full-text search index over the ledger.

SQLite's own tokenizers cannot find one- and two-character Chinese words (trigram needs three), so
the index holds overlapping character bigrams (plus each run's last character) computed in Python
by services/search.py. Triggers written in plain SQL only queue the ids of changed entries in
search_dirty, so any writer (services, demo bulk inserts, package imports, restores, even the
sqlite3 shell) keeps the index correct without knowing about it; the search service indexes the
queue before it answers. Existing rows are queued here and indexed on the first search.
"""

# Fields whose change alters what a search finds (names are joined in by id).
_INDEXED_ENTRY_COLUMNS = ("code", "description", "cause", "target", "measures", "standard", "note",
                          "owner_id", "leader_id", "responsible_id", "department_id", "co_departments",
                          "task_force_id", "category", "source")

SCHEMA_SQL = f"""
CREATE VIRTUAL TABLE "ledger_search" USING fts5(body, tokenize='unicode61 remove_diacritics 0');
CREATE TABLE "search_dirty" ("entry_id" INTEGER NOT NULL PRIMARY KEY);
CREATE TRIGGER "search_entry_insert" AFTER INSERT ON "ledger_entry" BEGIN
  INSERT OR IGNORE INTO "search_dirty" ("entry_id") VALUES (new."id");
END;
CREATE TRIGGER "search_entry_update" AFTER UPDATE OF {", ".join(f'"{c}"' for c in _INDEXED_ENTRY_COLUMNS)}
ON "ledger_entry" BEGIN
  INSERT OR IGNORE INTO "search_dirty" ("entry_id") VALUES (new."id");
END;
CREATE TRIGGER "search_entry_delete" AFTER DELETE ON "ledger_entry" BEGIN
  INSERT OR IGNORE INTO "search_dirty" ("entry_id") VALUES (old."id");
END;
CREATE TRIGGER "search_progress_insert" AFTER INSERT ON "progress_update" BEGIN
  INSERT OR IGNORE INTO "search_dirty" ("entry_id") VALUES (new."entry_id");
END;
CREATE TRIGGER "search_progress_update" AFTER UPDATE OF "text", "entry_id" ON "progress_update" BEGIN
  INSERT OR IGNORE INTO "search_dirty" ("entry_id") VALUES (old."entry_id");
  INSERT OR IGNORE INTO "search_dirty" ("entry_id") VALUES (new."entry_id");
END;
CREATE TRIGGER "search_progress_delete" AFTER DELETE ON "progress_update" BEGIN
  INSERT OR IGNORE INTO "search_dirty" ("entry_id") VALUES (old."entry_id");
END;
CREATE TRIGGER "search_person_rename" AFTER UPDATE OF "name" ON "person" BEGIN
  INSERT OR IGNORE INTO "search_dirty" ("entry_id")
    SELECT "id" FROM "ledger_entry"
    WHERE "owner_id" = new."id" OR "leader_id" = new."id" OR "responsible_id" = new."id";
END;
CREATE TRIGGER "search_department_rename" AFTER UPDATE OF "name" ON "department" BEGIN
  INSERT OR IGNORE INTO "search_dirty" ("entry_id")
    SELECT "id" FROM "ledger_entry" WHERE "department_id" = new."id";
END;
CREATE TRIGGER "search_task_force_rename" AFTER UPDATE OF "name" ON "task_force" BEGIN
  INSERT OR IGNORE INTO "search_dirty" ("entry_id")
    SELECT "id" FROM "ledger_entry" WHERE "task_force_id" = new."id";
END;
INSERT INTO "search_dirty" ("entry_id") SELECT "id" FROM "ledger_entry";
"""


def upgrade(db) -> None:
    for statement in _statements():
        db.execute_sql(statement)


def _statements() -> list[str]:
    """Split on statement ends, keeping trigger bodies (which contain ';') whole."""
    statements, current = [], []
    for line in SCHEMA_SQL.strip().splitlines():
        current.append(line)
        text = "\n".join(current)
        inside_trigger = text.lstrip().upper().startswith("CREATE TRIGGER")
        if (inside_trigger and line.strip() == "END;") or (not inside_trigger and line.rstrip().endswith(";")):
            statements.append(text)
            current = []
    return statements
