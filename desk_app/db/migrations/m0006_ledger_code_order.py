"""Schema version 6: 问题编号 in numeric order.

Codes are text, so ZG-2026-10000 sorted between …1000 and …1001 and the next-number query (text
order) offered …10000 again once a kind passed 9,999 entries. The new column code_key holds the code
with every run of digits zero-padded to 12 places (services/entry_codes.code_key; the copy below is
frozen at this version), so text order of the keys is numeric order of the codes. Every list index
that ended with the code now ends with code_key, and (campaign, source unit, code_key) serves the
allocator's "highest number so far".
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

DROP = ["ledger_entry_live_code", "ledger_entry_live_deadline", "ledger_entry_live_status", "ledger_entry_live_filter",
        "ledger_entry_live_kind"]

CREATE = [
    'CREATE INDEX "ledger_entry_code_number" ON "ledger_entry" ("campaign_id", "source_unit", "code_key")',
    'CREATE INDEX "ledger_entry_live_code" ON "ledger_entry" ("campaign_id", "deleted_at", "code_key")',
    # Matches ledger_query.SORT_KEYS["deadline"]: entries without a deadline sort last.
    'CREATE INDEX "ledger_entry_live_deadline" ON "ledger_entry" '
    '("campaign_id", "deleted_at", "deadline" IS NULL, "deadline", "code_key")',
    'CREATE INDEX "ledger_entry_live_status" ON "ledger_entry" ("campaign_id", "deleted_at", "status", "code_key")',
    'CREATE INDEX "ledger_entry_live_filter" ON "ledger_entry" ("campaign_id", "deleted_at", "status", '
    '"deadline_type", "deadline", "kind", "layer", "department_id", "responsible_id", "owner_id", "leader_id", '
    '"task_force_id", "category", "source", "source_unit", "code_key")',
    f'CREATE INDEX "ledger_entry_live_kind" ON "ledger_entry" ("campaign_id", "deleted_at", {KIND_ORDER_SQL}, '
    '"code_key")',
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
