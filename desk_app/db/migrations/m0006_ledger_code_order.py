"""Schema version 6: 问题编号 in numeric order.

Codes are text, so ZG-2026-10000 sorted between …1000 and …1001 and the next-number query (text
order) offered …10000 again once a kind passed 9,999 entries. The new column code_key holds the code
with every run of digits zero-padded to 12 places (services/entry_codes.code_key; the copy below is
frozen at this version), so text order of the keys is numeric order of the codes. Every list index
that ended with the code now ends with code_key, and (campaign, source unit, code_key) serves the
allocator's "highest number so far". The 层级 sort gets its own index (its CASE is services/
ledger_paging.SORT_LEADS["layer"], literals and all), and the default 类型 order carries the filter columns.
"""

import re

DIGITS = 12
_RUN_OF_DIGITS = re.compile(r"\d+")


def _pad(match) -> str:
    digits = match.group().lstrip("0") or "0"
    return digits.rjust(DIGITS, "0") if len(digits) <= DIGITS else digits


def code_key(code: str) -> str:
    return _RUN_OF_DIGITS.sub(_pad, code or "")


KIND_ORDER_SQL = ("CASE \"kind\" WHEN '问题整改' THEN 0 WHEN '重点任务' THEN 1 WHEN '议定事项' THEN 2 "
                  "WHEN '督办事项' THEN 3 ELSE 9 END")
LAYER_ORDER_SQL = ("CASE \"layer\" WHEN '局领导班子' THEN 0 WHEN '班子成员' THEN 1 WHEN '处级干部' THEN 2 "
                   "WHEN '科长(主任)' THEN 3 WHEN '主要业务经办人员' THEN 4 ELSE 9 END")
# The default order (类型, then 编号) carries every column a picker filters on, so a filtered list walks
# this one index in order and stops after a page without reading a single row.
FILTER_COLUMNS = ('"status", "deadline_type", "deadline", "kind", "layer", "department_id", "responsible_id", '
                  '"owner_id", "leader_id", "task_force_id", "category", "source", "source_unit", "meeting_id"')

DROP = ["ledger_entry_live_code", "ledger_entry_live_deadline", "ledger_entry_live_status", "ledger_entry_live_filter",
        "ledger_entry_live_kind"]

CREATE = [
    'CREATE INDEX "ledger_entry_code_number" ON "ledger_entry" ("campaign_id", "source_unit", "code_key")',
    'CREATE INDEX "ledger_entry_live_code" ON "ledger_entry" ("campaign_id", "deleted_at", "code_key")',
    # Matches ledger_paging.SORT_LEADS["deadline"]: entries without a deadline sort last.
    'CREATE INDEX "ledger_entry_live_deadline" ON "ledger_entry" '
    '("campaign_id", "deleted_at", IFNULL("deadline", \'9999-12-31\'), "code_key")',
    'CREATE INDEX "ledger_entry_live_status" ON "ledger_entry" ("campaign_id", "deleted_at", "status", "code_key")',
    'CREATE INDEX "ledger_entry_live_filter" ON "ledger_entry" ("campaign_id", "deleted_at", "status", '
    '"deadline_type", "deadline", "kind", "layer", "department_id", "responsible_id", "owner_id", "leader_id", '
    '"task_force_id", "category", "source", "source_unit", "code_key")',
    # "id" right after code_key: the order (类型, 编号, id) is this index's order, the filter columns follow.
    f'CREATE INDEX "ledger_entry_live_kind" ON "ledger_entry" ("campaign_id", "deleted_at", {KIND_ORDER_SQL}, '
    f'"code_key", "id", {FILTER_COLUMNS})',
    f'CREATE INDEX "ledger_entry_live_layer" ON "ledger_entry" ("campaign_id", "deleted_at", {LAYER_ORDER_SQL}, '
    '"code_key")',
    # A 层级 that holds a handful of entries (局领导班子) is found here instead of by a scan.
    'CREATE INDEX "ledger_entry_live_layer_value" ON "ledger_entry" ("campaign_id", "deleted_at", "layer")',
]


def upgrade(db) -> None:
    db.execute_sql('ALTER TABLE "ledger_entry" ADD COLUMN "code_key" VARCHAR(255) NOT NULL DEFAULT \'\'')
    rows = db.execute_sql('SELECT "id", "code" FROM "ledger_entry"').fetchall()
    db.connection().executemany('UPDATE "ledger_entry" SET "code_key" = ? WHERE "id" = ?',
                                [(code_key(code), entry_id) for entry_id, code in rows])
    for name in DROP:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    for statement in CREATE:
        db.execute_sql(statement)
