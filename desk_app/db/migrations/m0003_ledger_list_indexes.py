"""Schema version 3: covering indexes for the ledger list on 100,000 entries.

The list always filters on campaign and 'not in the recycle bin'; with these indexes the count and
the 共/逾期/完成率 summary read the index only, and the default sorts (编号, 整改时限, 状态) walk an
index in order and stop after one page instead of sorting every row.
"""

SCHEMA_SQL = [
    'CREATE INDEX "ledger_entry_live_summary" ON "ledger_entry" '
    '("campaign_id", "deleted_at", "status", "deadline_type", "deadline")',
    'CREATE INDEX "ledger_entry_live_code" ON "ledger_entry" ("campaign_id", "deleted_at", "code")',
    # Matches ledger_query.SORT_KEYS["deadline"]: entries without a deadline sort last.
    'CREATE INDEX "ledger_entry_live_deadline" ON "ledger_entry" '
    '("campaign_id", "deleted_at", "deadline" IS NULL, "deadline", "code")',
    'CREATE INDEX "ledger_entry_live_status" ON "ledger_entry" ("campaign_id", "deleted_at", "status", "code")',
]


def upgrade(db) -> None:
    for statement in SCHEMA_SQL:
        db.execute_sql(statement)
