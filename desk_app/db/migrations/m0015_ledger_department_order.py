"""Schema version 15 (issue 12, the ledger list at 100,000 entries): a 责任单位's entries in 问题编号 order.

A list filtered to one 责任单位 and sorted by 问题编号 walked the 编号 index and read past the entries of every
other department until it had a page: where a department's entries came in as a block (one import each), some
10,000–50,000 rows and 10–40 ms for the first page. This index holds each department's live entries in 编号 order,
so that page is one seek (services/ledger_paging._seek), as 层级, 状态 and 类型 already have theirs.
"""

SCHEMA_SQL = [
    'CREATE INDEX IF NOT EXISTS "ledger_entry_live_department" ON "ledger_entry" '
    '("campaign_id", "deleted_at", "department_id", "code_key")',
]


def upgrade(db) -> None:
    for statement in SCHEMA_SQL:
        db.execute_sql(statement)
