from desk_app.domain import DONE_STATUSES
from desk_app.services.ledger_query import LedgerFilter, fetch_entries, summarize
from desk_app.services.stats_trend import monthly_trend


def test_trend_counts_new_and_closed_entries_per_month_and_accumulates(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    points = monthly_trend(f, last_months=25)  # the demo reaches back 24 months before the current one
    entries = fetch_entries(f)
    assert sum(p.new for p in points) == len(entries)
    assert points[-1].cumulative_total == len(entries)
    # Every done entry is counted (长期坚持 without a date from the month found): the last 累计完成率
    # is the 完成率 the rest of the statistics show (issue 14: one definition).
    done = [e for e in entries if e.status in DONE_STATUSES]
    assert any(not (e.closed_date or e.completed_date) for e in done)
    assert points[-1].cumulative_done == len(done)
    assert points[-1].completion_rate == summarize(f).completion_rate
    months = [p.month for p in points]
    assert months == sorted(months) and len(set(months)) == len(months)
    rates = [p.completion_rate for p in points]
    assert all(0 <= r <= 1 for r in rates)
    by_month = {}
    for e in entries:
        key = (e.found_date or e.created_at).strftime("%Y-%m")
        by_month[key] = by_month.get(key, 0) + 1
    assert {p.month: p.new for p in points if p.new} == by_month


def test_trend_keeps_only_the_last_months(demo):
    assert len(monthly_trend(LedgerFilter(campaign_id=demo.campaign_id), last_months=3)) == 3
