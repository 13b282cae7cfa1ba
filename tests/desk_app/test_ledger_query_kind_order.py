"""The ledger's default order: 问题整改 first, then 重点任务, 议定事项, 督办事项, by 编号 within each,
read from an index (migration 5) rather than sorting every entry."""

import pytest

from desk_app.db.models import LedgerEntry
from desk_app.services import ledger, ledger_paging, ledger_query
from desk_app.services.ledger_query import LedgerFilter

KIND_ORDER = ["问题整改", "重点任务", "议定事项", "督办事项"]


def test_kind_order_is_the_domain_order_then_code_both_ways(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    ids = ledger_query.entry_ids(f, "kind")
    entries = [ledger.get_entry(i) for i in ids]
    keys = [(KIND_ORDER.index(e.kind), e.code) for e in entries]
    assert keys == sorted(keys) and keys[0][0] == 0 and {k for k, _ in keys} >= {0, 1, 3}
    assert ledger_query.entry_ids(f, "kind", descending=True) == ids[::-1]


@pytest.mark.sqlite_only  # SQLite's query plan (PostgreSQL plans by its statistics)
def test_kind_order_walks_the_index_instead_of_sorting(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    query = (LedgerEntry.select(LedgerEntry.id).where(ledger_query.where_clause(f))
             .order_by(*ledger_paging._order("kind", False)).limit(200))
    sql, params = query.sql()
    plan = " ".join(str(row[-1]) for row in LedgerEntry._meta.database.execute_sql(
        "EXPLAIN QUERY PLAN " + ledger_paging.with_index(sql, ledger_paging.SORT_INDEX["kind"]), params).fetchall())
    assert "ledger_entry_live_kind" in plan and "TEMP B-TREE" not in plan, plan
