"""Figures kept between filter changes (services/ledger_cache): reused while the database is unchanged, read
again after any write, this program's or another's."""

import pytest
from other_clerk import elsewhere

from desk_app.db.models import LedgerEntry, database
from desk_app.services import ledger, ledger_cache, ledger_summary, search
from desk_app.services.ledger_query import LedgerFilter


def _live(campaign_id: int) -> list[int]:
    return [e.id for e in LedgerEntry.select(LedgerEntry.id).where(
        LedgerEntry.campaign == campaign_id, LedgerEntry.deleted_at.is_null()).order_by(LedgerEntry.id)]


def test_figures_follow_a_write_of_this_program(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    before = ledger_summary.summarize(f)
    assert ledger_summary.summarize(f) == before
    ledger.delete_entries(_live(demo.campaign_id)[:3])
    after = ledger_summary.summarize(f)
    assert after.total == before.total - 3 == len(_live(demo.campaign_id))


def test_figures_follow_a_write_of_another_program(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id, kinds=["问题整改"])
    before = ledger_summary.counts_by(f, "status")
    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).where(
        LedgerEntry.campaign == demo.campaign_id, LedgerEntry.kind == "问题整改", LedgerEntry.deleted_at.is_null())]
    elsewhere(ledger.delete_entries, ids[:2])
    after = ledger_summary.counts_by(f, "status")
    assert sum(after.values()) == sum(before.values()) - 2


def test_search_figures_follow_a_write(demo):
    text = "整改"
    before = ledger_summary.summarize(LedgerFilter(campaign_id=demo.campaign_id, text=text))
    matching = search.matching_ids(text)
    live = set(_live(demo.campaign_id))
    gone = [i for i in matching if i in live][:2]
    elsewhere(ledger.delete_entries, gone)
    after = ledger_summary.summarize(LedgerFilter(campaign_id=demo.campaign_id, text=text))
    assert after.total == before.total - 2


@pytest.mark.sqlite_only  # PostgreSQL has no such stamp: every figure is read afresh there
def test_an_answer_is_kept_until_something_is_written(demo):
    ledger_cache.clear()
    calls = []

    def count():
        calls.append(1)
        return database.execute_sql("SELECT COUNT(*) FROM ledger_entry WHERE deleted_at IS NULL").fetchone()[0]

    first = ledger_cache.cached(("test",), count)
    assert ledger_cache.cached(("test",), count) == first and len(calls) == 1
    ledger.delete_entries(_live(demo.campaign_id)[:1])
    assert ledger_cache.cached(("test",), count) == first - 1 and len(calls) == 2
    elsewhere(ledger.delete_entries, _live(demo.campaign_id)[:1])
    assert ledger_cache.cached(("test",), count) == first - 2 and len(calls) == 3
    assert ledger_cache.cached(("test",), count) == first - 2 and len(calls) == 3


def test_overdue_is_kept_until_something_is_written_and_follows_the_day(demo, monkeypatch):
    from datetime import timedelta

    from desk_app.services import context

    ledger_cache.clear()
    f = LedgerFilter(campaign_id=demo.campaign_id, layers=["科长(主任)"])
    counted = []
    real = ledger_summary._count_overdue
    monkeypatch.setattr(ledger_summary, "_count_overdue", lambda *a: counted.append(1) or real(*a))
    first = ledger_summary.summarize(f).overdue
    assert ledger_summary.summarize(f).overdue == first
    if database.engine_name == "sqlite":
        assert len(counted) == 1  # the second filter change of the same kind reads it from the cache
    overdue = LedgerEntry.select(LedgerEntry.id).where(
        LedgerEntry.campaign == demo.campaign_id, LedgerEntry.layer == "科长(主任)", LedgerEntry.deleted_at.is_null(),
        LedgerEntry.status.in_(["未启动", "推进中"]), LedgerEntry.deadline_type.in_(["按期", "立行立改"]),
        LedgerEntry.deadline < context.today()).first()
    assert overdue is not None and first > 0
    ledger.delete_entries([overdue.id])
    assert ledger_summary.summarize(f).overdue == first - 1
    later = context.today() + timedelta(days=400)
    monkeypatch.setattr(context, "today", lambda: later)  # a new day: counted for that day
    assert ledger_summary.summarize(f).overdue >= first - 1
    assert ledger_summary.summarize(f) == ledger_summary._scan(f)
