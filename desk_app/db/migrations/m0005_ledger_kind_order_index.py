"""Schema version 5: the ledger's default order (问题整改 first, then 重点任务, 议定事项, 督办事项; by 编号
within each) walks an index and stops after one page, like the 编号 sort, instead of sorting every
entry (search on 100,000 entries waited ~60 ms more without it).

The expression must stay identical to ledger_query.SORT_KEYS["kind"] (literals, not parameters),
or SQLite does not use the index.
"""

KIND_ORDER_SQL = ("CASE \"kind\" WHEN '问题整改' THEN 0 WHEN '重点任务' THEN 1 WHEN '议定事项' THEN 2 "
                  "WHEN '督办事项' THEN 3 ELSE 9 END")

SCHEMA_SQL = [
    f'CREATE INDEX "ledger_entry_live_kind" ON "ledger_entry" ("campaign_id", "deleted_at", {KIND_ORDER_SQL}, '
    '"code")',
]


def upgrade(db) -> None:
    for statement in SCHEMA_SQL:
        db.execute_sql(statement)
