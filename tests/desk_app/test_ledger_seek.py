"""A list filtered to one 层级, 状态 or 类型 and sorted so that its sort lead is the same on every row is paged by
that value's own index (ledger_paging._seek): the same rows in the same order as the plain sorted query."""

import pytest

from desk_app.db.models import LedgerEntry
from desk_app.services import ledger_paging, ledger_query, ledger_summary
from desk_app.services.ledger_query import LedgerFilter

FILTERS = [{"layers": ["主要业务经办人员"]}, {"layers": ["科长(主任)"]}, {"statuses": ["推进中"]},
           {"statuses": ["已销号"]}, {"kinds": ["问题整改"]}, {"layers": ["处级干部"], "statuses": ["未启动"]},
           {"department_ids": [1]}, {"department_ids": [2], "statuses": ["推进中"]}]


def _all_pages(f, sort, descending, limit=25):
    pages, current = [], ledger_query.page(f, sort, descending, limit=limit)
    while current.ids:
        pages.extend(current.ids)
        assert current.continues
        current = ledger_query.page(f, sort, descending, limit=limit, after=current.last_key)
    return pages


@pytest.mark.parametrize("sort", ["code", "kind", "layer", "status", "department"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("conditions", FILTERS)
def test_pages_by_the_values_index_are_the_sorted_list(demo, sort, descending, conditions):
    f = LedgerFilter(campaign_id=demo.campaign_id, **conditions)
    everything = ledger_query.entry_ids(f, sort, descending)
    assert everything, "the demo has entries of each of these values"
    assert _all_pages(f, sort, descending) == everything
    offset = ledger_query.page(f, sort, descending, limit=10, offset=7).ids
    assert offset == everything[7:17]


def test_the_values_index_is_used_only_where_the_sort_lead_is_the_same_on_every_row(demo):
    one_layer = LedgerFilter(campaign_id=demo.campaign_id, layers=["科长(主任)"])
    assert ledger_paging._seek(one_layer, "code")[0] == "ledger_entry_live_layer"
    assert ledger_paging._seek(one_layer, "layer")[0] == "ledger_entry_live_layer"
    assert ledger_paging._seek(one_layer, "status") is None  # 状态 differs from row to row
    assert ledger_paging._seek(one_layer, "deadline") is None
    kinds = ledger_summary.counts_by(one_layer, "kind")
    assert (ledger_paging._seek(one_layer, "kind") is not None) == (len(kinds) <= 1)
    one_kind = LedgerFilter(campaign_id=demo.campaign_id, layers=["科长(主任)"], kinds=["问题整改"])
    assert ledger_paging._seek(one_kind, "kind")[0] == "ledger_entry_live_layer"
    assert ledger_paging._seek(LedgerFilter(campaign_id=demo.campaign_id, layers=["科长(主任)", "处级干部"]),
                               "code") is None  # two values: their rows interleave in 问题编号 order
    assert ledger_paging._seek(LedgerFilter(campaign_id=demo.campaign_id, layers=["科长(主任)"], text="整改"),
                               "code") is None  # a search has its own plan
    department = LedgerFilter(campaign_id=demo.campaign_id, department_ids=[1])
    assert ledger_paging._seek(department, "code")[0] == "ledger_entry_live_department"
    assert ledger_paging._seek(department, "department") is None  # that sort reads the department's order: a join
    assert ledger_paging._seek(LedgerFilter(campaign_id=demo.campaign_id, department_ids=[1],
                                            department_role="lead_or_assist"), "code") is None  # 配合 too: an OR


@pytest.mark.sqlite_only  # SQLite's query plan
def test_a_page_and_the_next_are_ranges_of_the_values_index(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id, layers=["主要业务经办人员"])
    seek = ledger_paging._seek(f, "code")
    first = ledger_query.page(f, "code", limit=20)
    E = LedgerEntry  # noqa: N806
    query = E.select(E.code_key, E.id).where(
        seek[1] & ledger_paging._beyond([E.code_key, E.id], first.last_key[-2:], False)).order_by(
        E.code_key, E.id).limit(20)
    sql, params = query.sql()
    plan = " ".join(str(r[-1]) for r in LedgerEntry._meta.database.execute_sql(
        "EXPLAIN QUERY PLAN " + ledger_paging.with_index(sql, seek[0]), params).fetchall())
    assert "ledger_entry_live_layer (campaign_id=? AND deleted_at=? AND <expr>=? AND code_key>?)" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
