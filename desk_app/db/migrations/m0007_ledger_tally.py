"""Schema version 7: the ledger list's figures at 100,000 entries without reading every entry.

* ledger_tally counts entries per (campaign, in the bin or not, 类型, 层级, 责任单位, 所属人员, 问题类别,
  状态). SQL triggers keep it current whoever writes (services, bulk inserts, package imports, the
  sqlite3 shell), so 共/完成率/待审核 for the pickers of the ledger page come from a few hundred tally rows
  instead of a scan; 逾期 is a range of the list index (open, dated, deadline before today).
* ledger_entry_by_id is a covering index led by the entry id: a search first finds ids in the
  full-text index and then needs each one's campaign, bin state, status and filter columns; reading
  them here instead of from the (wide) table rows makes that join several times faster.
* The single-column indexes on campaign, 类型, 层级, 状态, 整改时限 and 来源单位 go: every list query leads with
  the campaign and uses the composite indexes of migrations 6 and 7, and each index costs every insert.
* The search index gets a second column, tags (campaign, bin, status class, the deadline of an open dated
  entry: services/search.tags) and a one-character prefix index, so a search's 共/完成/待审核/逾期 are counted in the index alone; every
  entry is queued to be indexed again (the program does it in the background after the upgrade, and a
  search meanwhile scans what is still queued). Changes of those columns queue the entry too.
* The search queue's triggers (migration 2) queue with NOT EXISTS instead of INSERT OR IGNORE: inside a
  trigger fired by a foreign-key action the outer statement's conflict rule wins over OR IGNORE, so
  deleting a person who was both 所属人员 and 责任人 of an entry failed on the queue's primary key.
department_id and owner_id are stored as 0 for "none", so the tally's primary key can match them.
"""

# Fields the index holds (services/search: 编号, 问题表现, 整改目标, 整改措施, the people's names; and the
# tags). Migration 2 also queued entries on changes of fields it never indexed (备注, 原因 …); no longer.
_INDEXED_ENTRY_COLUMNS = ("code", "description", "target", "measures", "owner_id", "leader_id", "responsible_id",
                          "campaign_id", "deleted_at", "status", "deadline_type", "deadline")


def _queue(expr: str) -> str:
    return (f'INSERT INTO "search_dirty" ("entry_id") SELECT {expr} '
            f'WHERE NOT EXISTS (SELECT 1 FROM "search_dirty" WHERE "entry_id" = {expr});')


def _queue_select(where: str) -> str:
    return (f'INSERT INTO "search_dirty" ("entry_id") SELECT "id" FROM "ledger_entry" WHERE ({where}) '
            'AND "id" NOT IN (SELECT "entry_id" FROM "search_dirty");')


SEARCH_TRIGGERS = [
    f'CREATE TRIGGER "search_entry_insert" AFTER INSERT ON "ledger_entry" BEGIN {_queue("new.id")} END',
    f'CREATE TRIGGER "search_entry_update" AFTER UPDATE OF {", ".join(chr(34) + c + chr(34) for c in _INDEXED_ENTRY_COLUMNS)} '
    f'ON "ledger_entry" BEGIN {_queue("new.id")} END',
    f'CREATE TRIGGER "search_entry_delete" AFTER DELETE ON "ledger_entry" BEGIN {_queue("old.id")} END',
    f'CREATE TRIGGER "search_progress_insert" AFTER INSERT ON "progress_update" BEGIN {_queue("new.entry_id")} END',
    'CREATE TRIGGER "search_progress_update" AFTER UPDATE OF "text", "entry_id" ON "progress_update" '
    f'BEGIN {_queue("old.entry_id")} {_queue("new.entry_id")} END',
    f'CREATE TRIGGER "search_progress_delete" AFTER DELETE ON "progress_update" BEGIN {_queue("old.entry_id")} END',
    'CREATE TRIGGER "search_person_rename" AFTER UPDATE OF "name" ON "person" BEGIN '
    + _queue_select('"owner_id" = new."id" OR "leader_id" = new."id" OR "responsible_id" = new."id"') + ' END',
    # 责任单位 and 专班 names are not in the index: their renames (triggers of migration 2) queue nothing now.
]

REDUNDANT = ("ledger_entry_campaign_id", "ledger_entry_kind", "ledger_entry_layer", "ledger_entry_status",
             "ledger_entry_deadline", "ledger_entry_source_unit")

KEY = ("campaign_id", "live", "kind", "layer", "department_id", "owner_id", "category", "status")


def _values(row: str) -> str:
    return (f'{row}."campaign_id", {row}."deleted_at" IS NULL, {row}."kind", {row}."layer", '
            f'COALESCE({row}."department_id", 0), COALESCE({row}."owner_id", 0), {row}."category", {row}."status"')


def _match(row: str) -> str:
    return (f'"campaign_id" = {row}."campaign_id" AND "live" = ({row}."deleted_at" IS NULL) AND "kind" = {row}."kind" '
            f'AND "layer" = {row}."layer" AND "department_id" = COALESCE({row}."department_id", 0) '
            f'AND "owner_id" = COALESCE({row}."owner_id", 0) AND "category" = {row}."category" '
            f'AND "status" = {row}."status"')


_ADD = (f'INSERT INTO "ledger_tally" ({", ".join(KEY)}, "n") VALUES ({_values("new")}, 1) '
        f'ON CONFLICT ({", ".join(KEY)}) DO UPDATE SET "n" = "n" + 1;')
_REMOVE = f'UPDATE "ledger_tally" SET "n" = "n" - 1 WHERE {_match("old")};'
_CHANGED = " OR ".join(f'old."{c}" IS NOT new."{c}"' for c in (
    "campaign_id", "kind", "layer", "department_id", "owner_id", "category", "status")) + \
    ' OR (old."deleted_at" IS NULL) IS NOT (new."deleted_at" IS NULL)'

STATEMENTS = [
    'CREATE TABLE "ledger_tally" ("campaign_id" INTEGER NOT NULL, "live" INTEGER NOT NULL, "kind" TEXT NOT NULL, '
    '"layer" TEXT NOT NULL, "department_id" INTEGER NOT NULL, "owner_id" INTEGER NOT NULL, "category" TEXT NOT NULL, '
    f'"status" TEXT NOT NULL, "n" INTEGER NOT NULL, PRIMARY KEY ({", ".join(KEY)})) WITHOUT ROWID',
    f'CREATE TRIGGER "ledger_tally_insert" AFTER INSERT ON "ledger_entry" BEGIN {_ADD} END',
    f'CREATE TRIGGER "ledger_tally_delete" AFTER DELETE ON "ledger_entry" BEGIN {_REMOVE} END',
    'CREATE TRIGGER "ledger_tally_update" AFTER UPDATE OF "campaign_id", "deleted_at", "kind", "layer", '
    f'"department_id", "owner_id", "category", "status" ON "ledger_entry" WHEN {_CHANGED} '
    f'BEGIN {_REMOVE} {_ADD} END',
    f'INSERT INTO "ledger_tally" ({", ".join(KEY)}, "n") SELECT {_values("e")}, COUNT(*) FROM "ledger_entry" "e" '
    'GROUP BY 1, 2, 3, 4, 5, 6, 7, 8',
    'CREATE INDEX "ledger_entry_by_id" ON "ledger_entry" ("id", "campaign_id", "deleted_at", "status", '
    '"deadline_type", "deadline", "kind", "layer", "department_id", "responsible_id", "owner_id", "leader_id", '
    '"task_force_id", "meeting_id", "category", "source", "source_unit")',
]


SEARCH_TABLE = [
    'DROP TABLE IF EXISTS "ledger_search"',
    # prefix='1': one-character searches ("台"*) read a prefix index instead of merging every bigram of 台.
    'CREATE VIRTUAL TABLE "ledger_search" USING fts5(body, tags, tokenize=\'unicode61 remove_diacritics 0\', '
    'prefix=\'1\')',
    'INSERT INTO "search_dirty" ("entry_id") SELECT "id" FROM "ledger_entry" '
    'WHERE "id" NOT IN (SELECT "entry_id" FROM "search_dirty")',
]


def upgrade(db) -> None:
    for statement in SEARCH_TABLE:
        db.execute_sql(statement)
    for name in REDUNDANT:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    for name in ("search_entry_insert", "search_entry_update", "search_entry_delete", "search_progress_insert",
                 "search_progress_update", "search_progress_delete", "search_person_rename",
                 "search_department_rename", "search_task_force_rename"):
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')
    for statement in SEARCH_TRIGGERS + STATEMENTS:
        db.execute_sql(statement)
