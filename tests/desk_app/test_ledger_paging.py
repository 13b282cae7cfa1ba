"""Pages of the ledger by keyset, the plan for small results, and the tally-based summary line."""

import pytest

from desk_app.db.models import LedgerEntry
from desk_app.services import ledger_paging, ledger_query, ledger_summary
from desk_app.services.ledger_query import LedgerFilter


def _plan(query) -> str:
    sql, params = query.sql()
    return " ".join(str(r[-1]) for r in LedgerEntry._meta.database.execute_sql("EXPLAIN QUERY PLAN " + sql,
                                                                                params).fetchall())


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


def test_keyset_continues_with_a_range_of_the_index(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    first = ledger_query.page(f, "kind", limit=50)
    query = ledger_paging._query(f, "kind", False, True)
    from peewee import Tuple

    query = query.where(Tuple(*ledger_paging._columns("kind")) > Tuple(*first.last_key)).limit(50)
    plan = _plan(query)
    assert "ledger_entry_live_kind" in plan and "TEMP B-TREE" not in plan, plan


def test_a_small_result_is_found_by_its_filter_then_sorted(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id, layers=["局领导班子"])
    expected = ledger_query.count_entries(f)
    walking = _plan(ledger_paging._query(f, "kind", False, True).limit(200))
    selective = _plan(ledger_paging._query(f, "kind", False, False).limit(200))
    assert "ledger_entry_live_kind" in walking and "ledger_entry_live_kind" not in selective, selective
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
