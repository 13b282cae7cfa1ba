"""Pages of the ledger by keyset, the plan for small results, and the tally-based summary line."""

import datetime

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
        assert record == type(record)(**{**vars(slow), "extension_count": record.extension_count,
                                         "latest_progress": record.latest_progress})
    with_progress = [r for r in fast if r.latest_progress]
    assert with_progress  # the newest progress text comes along, for the 最新进展 column
    from desk_app.services import workflow

    assert all(r.latest_progress == workflow.progress_of(r.id)[-1].text for r in with_progress)


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


@pytest.mark.parametrize("sort", ["code", "kind", "deadline", "status", "department", "responsible"])
@pytest.mark.parametrize("descending", [False, True])
def test_position_is_the_row_an_entry_has_in_the_sorted_list(demo, sort, descending):
    from desk_app.services.ledger_query import LedgerFilter, entry_ids, position

    f = LedgerFilter(campaign_id=demo.campaign_id, statuses=["推进中", "未启动"])
    ids = entry_ids(f, sort, descending)
    for row in (0, 1, len(ids) // 3, len(ids) - 1):
        assert position(f, ids[row], sort, descending) == row
    closed = entry_ids(LedgerFilter(campaign_id=demo.campaign_id, statuses=["已销号"]), limit=1)[0]
    assert position(f, closed, sort, descending) is None


LEVELS = [[("department", False), ("deadline", True)], [("status", True), ("layer", False), ("code", True)],
          [("responsible", False), ("kind", True)]]


@pytest.mark.parametrize("levels", LEVELS)
def test_multi_level_sort_pages_by_keyset_without_gaps_or_repeats(demo, levels):
    """Every page continues where the last stopped (keyset = offset pages), the first two levels are in
    order, and each entry's position is its row."""
    from desk_app.services import ledger_sort

    f = LedgerFilter(campaign_id=demo.campaign_id)
    seen, after = [], None
    while True:
        page = ledger_query.page(f, levels, limit=37, after=after)
        seen += page.ids
        if len(page.ids) < 37:
            break
        after = page.last_key
    assert len(seen) == len(set(seen)) == ledger_query.count_entries(f)
    offset_pages = [i for n in range(0, len(seen), 37) for i in ledger_query.page(f, levels, limit=37, offset=n).ids]
    assert offset_pages == seen
    for row in (0, 5, len(seen) // 2, len(seen) - 1):
        assert ledger_sort.position(f, seen[row], ledger_sort.normalise(levels)) == row
    from desk_app.db.models import Department
    from desk_app.services.entry_records import load_records

    order = {d.id: d.sort_order for d in Department.select()}
    value = {"department": lambda r: order.get(r.department_id, -1), "status": lambda r: r.status,
             "responsible": lambda r: (r.responsible_id is None, r.responsible_name),
             "deadline": lambda r: r.deadline.isoformat() if r.deadline else "9999-12-31",
             "layer": lambda r: r.layer, "kind": lambda r: r.kind}
    (k1, d1), (k2, d2) = levels[0], levels[1]
    records = load_records(seen)
    for a, b in zip(records, records[1:], strict=False):
        first_a, first_b = value[k1](a), value[k1](b)
        assert (first_a >= first_b) if d1 else (first_a <= first_b)
        if first_a == first_b and k2 not in ("layer", "kind"):  # those two sort by rank, not by text
            assert (value[k2](a) >= value[k2](b)) if d2 else (value[k2](a) <= value[k2](b))


@pytest.mark.sqlite_only  # SQLite's query plan
def test_a_kind_filter_seeks_its_rank_in_the_kind_index(demo):
    """重点任务 are a few among many: found at their rank in ledger_entry_live_kind, not by reading all of it."""
    f = LedgerFilter(campaign_id=demo.campaign_id, kinds=["重点任务"])
    assert ledger_paging.filter_index(f) == "ledger_entry_live_kind"
    assert "<expr>=" in _plan(ledger_paging._query(f, "code", False, False).limit(10), "ledger_entry_live_kind")


@pytest.mark.parametrize("kinds", [["重点任务"], ["议定事项", "督办事项"], ["问题整改"], ["未知类型"]])
def test_a_kind_filter_lists_and_counts_exactly_its_entries(demo, kinds):
    expected = {e.id for e in LedgerEntry.select(LedgerEntry.id).where(
        LedgerEntry.campaign == demo.campaign_id, LedgerEntry.deleted_at.is_null(), LedgerEntry.kind.in_(kinds))}
    for f in (LedgerFilter(campaign_id=demo.campaign_id, kinds=kinds),
              LedgerFilter(campaign_id=demo.campaign_id, kinds=kinds, deadline_to=datetime.date(2999, 1, 1),
                           deadline_from=datetime.date(1999, 1, 1))):
        summary = ledger_summary.summarize(f)
        with_deadline = {e.id for e in LedgerEntry.select(LedgerEntry.id).where(
            LedgerEntry.id.in_(list(expected) or [0]), LedgerEntry.deadline.is_null(False))}
        wanted = expected if f.deadline_to is None else with_deadline
        assert summary.total == len(wanted)
        for sort in ("code", "kind"):
            ids = ledger_query.page(f, sort, limit=500, expected=summary.total).ids
            assert set(ids) == wanted and len(ids) == len(wanted)
    assert expected or kinds == ["未知类型"]
