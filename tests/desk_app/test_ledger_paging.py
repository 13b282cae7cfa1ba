"""Pages of the ledger by keyset, the plan for small results, and the tally-based summary line."""

import pytest

from desk_app.db.models import LedgerEntry
from desk_app.services import ledger_paging, ledger_query, ledger_summary
from desk_app.services.ledger_query import LedgerFilter


def _plan(query, index=None) -> str:
    sql, params = query.sql()
    return " ".join(str(r[-1]) for r in LedgerEntry._meta.database.execute_sql(
        "EXPLAIN QUERY PLAN " + ledger_paging.with_index(sql, index), params).fetchall())


@pytest.mark.parametrize("sort", ["kind", "code", "deadline", "status", "layer", "department", "owner"])
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_are_the_offset_pages(demo, sort, descending):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    everything = ledger_query.entry_ids(f, sort, descending)
    pages, current = [], ledger_query.page(f, sort, descending, limit=60)
    while current.ids:
        pages.extend(current.ids)
        if current.continues:
            current = ledger_query.page(f, sort, descending, limit=60, after=current.last_key)
        else:
            current = ledger_query.page(f, sort, descending, limit=60, offset=len(pages))
    assert pages == everything and len(everything) == 450


@pytest.mark.sqlite_only  # SQLite's query plan (PostgreSQL plans by its statistics)
@pytest.mark.parametrize("sort", ["kind", "layer", "status", "deadline"])
def test_keyset_continues_with_ranges_of_the_index(demo, sort):
    """The rest of the last row's group from its (code_key, id), then the next groups: index ranges, no sort."""
    from desk_app.db.models import LedgerEntry as E

    f = LedgerFilter(campaign_id=demo.campaign_id)
    last = ledger_query.page(f, sort, limit=50).last_key
    lead = ledger_paging.SORT_LEADS[sort][0]
    index = ledger_paging.SORT_INDEX[sort]
    same = ledger_paging._query(f, sort, False, True).where(
        (lead == last[0]) & ledger_paging._beyond([E.code_key, E.id], last[1:], False)).order_by(
        E.code_key, E.id).limit(50)
    later = ledger_paging._query(f, sort, False, True).where(lead > last[0]).limit(50)
    assert "code_key>?" in _plan(same, index) and "TEMP B-TREE" not in _plan(same, index), _plan(same, index)
    assert ">?)" in _plan(later, index) and "TEMP B-TREE" not in _plan(later, index), _plan(later, index)


@pytest.mark.sqlite_only  # SQLite's query plan
def test_a_small_result_is_found_by_its_filter_then_sorted(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id, layers=["局领导班子"])
    expected = ledger_query.count_entries(f)
    walking = _plan(ledger_paging._query(f, "kind", False, True).limit(200), ledger_paging.SORT_INDEX["kind"])
    selective = _plan(ledger_paging._query(f, "kind", False, False).limit(200), ledger_paging.filter_index(f))
    assert "TEMP B-TREE" not in walking, walking
    assert "ledger_entry_live_layer_value (campaign_id=? AND deleted_at=? AND layer=?)" in selective, selective
    assert ledger_query.page(f, "kind", expected=expected).ids == ledger_query.entry_ids(f, "kind")


@pytest.mark.parametrize("f", [
    LedgerFilter(), LedgerFilter(layers=["处级干部", "班子成员"]), LedgerFilter(statuses=["推进中"]),
    LedgerFilter(kinds=["议定事项"], open_only=True), LedgerFilter(categories=["慢作为"]), LedgerFilter(deleted=True),
    LedgerFilter(overdue_only=True), LedgerFilter(text="台账"), LedgerFilter(due_within_days=30),
], ids=lambda f: ",".join(k for k, v in vars(f).items() if v and k != "campaign_id") or "all")
def test_the_summary_agrees_with_a_plain_count(demo, f):
    from desk_app.services import context

    f.campaign_id = demo.campaign_id
    owner = LedgerEntry.select(LedgerEntry.owner).where(LedgerEntry.owner.is_null(False)).first().owner_id
    for g in (f, LedgerFilter(**{**vars(f), "owner_ids": [owner]})):
        ids = set(ledger_query.entry_ids(g))
        rows = list(LedgerEntry.select().where(LedgerEntry.id.in_(list(ids)))) if ids else []
        today = context.today()
        overdue = sum(1 for e in rows if ledger_query.is_overdue(e.status, e.deadline_type, e.deadline, today))
        s = ledger_summary.summarize(g)
        assert (s.total, s.done, s.overdue, s.pending_close) == (
            len(rows), sum(e.status in ("已销号", "长期坚持") for e in rows), overdue,
            sum(e.status == "申请销号" for e in rows)), g


def test_records_read_as_tuples_equal_the_peewee_records(demo):
    from desk_app.services.entry_records import joined_select, load_records, to_record

    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).limit(40)]
    by_peewee = {r.id: to_record(r) for r in joined_select().where(LedgerEntry.id.in_(ids)).objects()}
    fast = load_records(ids[::-1])
    assert [r.id for r in fast] == ids[::-1]
    for record in fast:
        slow = by_peewee[record.id]
        assert record == type(record)(**{**vars(slow), "extension_count": record.extension_count})


@pytest.mark.parametrize("column", ["layer", "owner_id", "status", "department_id"])
def test_counts_by_a_column_come_from_the_tally_and_match_a_grouped_count(demo, column):
    from peewee import fn

    f = LedgerFilter(campaign_id=demo.campaign_id, kinds=["问题整改"])
    field = getattr(LedgerEntry, column.removesuffix("_id"))
    key = fn.COALESCE(field, 0) if column.endswith("_id") else field  # no one: 0
    grouped = dict(LedgerEntry.select(key, fn.COUNT(LedgerEntry.id))
                   .where(ledger_query.where_clause(f)).group_by(field).tuples())
    assert ledger_summary.counts_by(f, column) == grouped
    assert ledger_summary.counts_by(LedgerFilter(**{**vars(f), "text": "台账"}), column) == dict(
        LedgerEntry.select(key, fn.COUNT(LedgerEntry.id))
        .where(ledger_query.where_clause(LedgerFilter(**{**vars(f), "text": "台账"}))).group_by(field).tuples())


def test_a_dense_search_asks_the_index_per_row_and_finds_the_same_page(demo, monkeypatch):
    monkeypatch.setattr(ledger_paging, "SELECTIVE", 10)  # the demo is small: scale the thresholds down
    monkeypatch.setattr(ledger_paging, "DENSE_SEARCH", 0.2)
    f = LedgerFilter(campaign_id=demo.campaign_id, text="改")
    expected = ledger_summary.summarize(f).total
    assert ledger_paging._dense_search(f, expected)
    dense = ledger_query.page(f, "kind", limit=30, expected=expected)
    monkeypatch.setattr(ledger_paging, "DENSE_SEARCH", 2.0)  # never dense: the listed matches
    listed = ledger_query.page(f, "kind", limit=30, expected=expected)
    assert dense == listed and dense.ids == ledger_query.entry_ids(f, "kind", limit=30)
    after = ledger_query.page(f, "kind", limit=30, expected=expected, after=dense.last_key)
    assert after.ids == ledger_query.entry_ids(f, "kind", offset=30, limit=30)
