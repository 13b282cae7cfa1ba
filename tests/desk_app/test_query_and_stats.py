from datetime import date

from desk_app.domain import DONE_STATUSES, EntryKind, Layer, Light, Status
from desk_app.services import stats
from desk_app.services.ledger_query import (
    LedgerFilter,
    count_entries,
    fetch_entries,
    is_overdue,
    light,
    summarize,
)

TODAY = date(2026, 11, 23)


def test_overdue_and_lights_are_derived_from_the_deadline():
    assert is_overdue(Status.IN_PROGRESS, "按期", date(2026, 11, 22), TODAY)
    assert not is_overdue(Status.IN_PROGRESS, "按期", date(2026, 11, 23), TODAY)
    assert not is_overdue(Status.CLOSED, "按期", date(2026, 1, 1), TODAY)
    assert not is_overdue(Status.IN_PROGRESS, "长期坚持", date(2026, 1, 1), TODAY)
    assert light(Status.IN_PROGRESS, "按期", date(2026, 11, 1), 7, TODAY) == Light.RED
    assert light(Status.IN_PROGRESS, "按期", date(2026, 11, 30), 7, TODAY) == Light.YELLOW
    assert light(Status.IN_PROGRESS, "按期", date(2026, 12, 30), 7, TODAY) == Light.GREEN
    assert light(Status.CLOSED, "按期", date(2026, 11, 1), 7, TODAY) == Light.GREY


def test_filters_narrow_in_the_database(demo):
    everything = LedgerFilter(campaign_id=demo.campaign_id)
    total = count_entries(everything)
    assert total == demo.entries
    overdue = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, overdue_only=True))
    assert overdue and all(is_overdue(e.status, e.deadline_type, e.deadline) for e in overdue)
    leaders = LedgerFilter(campaign_id=demo.campaign_id, layers=[Layer.TEAM_MEMBER])
    assert {e.layer for e in fetch_entries(leaders)} == {Layer.TEAM_MEMBER}
    soon = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, due_within_days=7))
    assert all(0 <= (e.deadline - TODAY).days <= 7 for e in soon)
    page = fetch_entries(everything, sort="deadline", offset=10, limit=20)
    assert len(page) == 20
    deadlines = [e.deadline for e in page if e.deadline]
    assert deadlines == sorted(deadlines)


def test_text_search_finds_chinese_substrings_of_two_characters(demo):
    hits = fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, text="采购"))
    assert hits
    for e in hits:
        haystack = e.description + e.measures + e.target + e.responsible_name + e.owner_name + e.code
        from desk_app.services.workflow import progress_of

        haystack += "".join(p.text for p in progress_of(e.id))
        assert "采购" in haystack


def test_summary_matches_counting_by_hand(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    rows = fetch_entries(f)
    s = summarize(f)
    assert s.total == len(rows)
    assert s.done == sum(e.status in DONE_STATUSES for e in rows)
    assert s.overdue == sum(is_overdue(e.status, e.deadline_type, e.deadline) for e in rows)
    assert 0 < s.completion_rate < 1


def test_breakdown_by_layer_follows_the_layer_order(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id, kinds=[EntryKind.RECTIFICATION])
    groups = stats.breakdown(f, "layer")
    assert [g.key for g in groups] == [lv.value for lv in Layer]
    assert sum(g.total for g in groups) == count_entries(f)
    depts = stats.breakdown(LedgerFilter(campaign_id=demo.campaign_id), "department")
    assert depts[0].key == "办公室"  # the clerk's department order, not alphabetical


def test_people_short_of_six_are_listed(demo):
    short = stats.people_short_of_problems(demo.campaign_id)
    assert 1 <= len(short) <= 10
    assert all(p.count < 6 for p in short)


def test_campaign_stats_are_consistent(demo):
    figures = stats.campaign_stats(demo.campaign_id)
    assert figures["total"] == demo.entries
    assert figures["done"] + figures["open"] == figures["total"]
    assert sum(figures["by_status"].values()) == figures["total"]
    assert 0 <= figures["on_time_rate"] <= 1


def test_entry_ids_follow_the_requested_sort(demo):
    from desk_app.services.ledger_query import entry_ids

    f = LedgerFilter(campaign_id=demo.campaign_id)
    ids = entry_ids(f, sort="department")
    assert len(ids) == demo.entries
    records = {e.id: e for e in fetch_entries(f)}
    from desk_app.services import org

    order = {d.name: d.sort_order for d in org.list_departments()}
    ranks = [order.get(records[i].department_name, 0) for i in ids]
    assert ranks == sorted(ranks)


def test_overview_agrees_with_the_full_figures(demo):
    full = stats.campaign_stats(demo.campaign_id)
    quick = stats.overview(demo.campaign_id)
    assert (quick.total, quick.done, quick.overdue, quick.pending_close, quick.due_within_7_days) == (
        full["total"], full["done"], full["overdue"], full["pending_close"], full["due_within_7_days"])
    assert len(quick.people_short) == full["people_short_of_6"]


def test_a_dated_immediate_item_is_overdue_after_its_date_but_long_term_never():
    assert is_overdue(Status.NOT_STARTED, "立行立改", date(2026, 2, 4), TODAY)
    assert light(Status.NOT_STARTED, "立行立改", date(2026, 2, 4), 7, TODAY) == Light.RED
    assert not is_overdue(Status.NOT_STARTED, "立行立改", None, TODAY)
    assert not is_overdue(Status.IN_PROGRESS, "长期坚持", date(2026, 2, 4), TODAY)


def test_sql_overdue_agrees_with_the_python_rule_for_every_deadline_type(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    rows = fetch_entries(f)
    assert any(e.deadline_type == "立行立改" for e in rows)
    expected = {e.id for e in rows if is_overdue(e.status, e.deadline_type, e.deadline)}
    assert {e.id for e in fetch_entries(LedgerFilter(campaign_id=demo.campaign_id, overdue_only=True))} == expected


def test_sorting_by_person_goes_by_name_with_no_one_last(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    for sort, attr in (("owner", "owner_name"), ("responsible", "responsible_name")):
        names = [getattr(e, attr) for e in fetch_entries(f, sort=sort)]
        named = [n for n in names if n]
        assert named == sorted(named)
        assert all(not n for n in names[len(named):])  # entries without a person come last
        backwards = [getattr(e, attr) for e in fetch_entries(f, sort=sort, descending=True)]
        assert [n for n in backwards if n] == sorted(named, reverse=True)
