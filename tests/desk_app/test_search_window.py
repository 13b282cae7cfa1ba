"""A search's first page from the head of the list (search_window): the same rows as the usual way, or none."""

import pytest

from desk_app.db.models import LedgerEntry
from desk_app.services import ledger_paging, ledger_query, search_window
from desk_app.services.ledger_query import LedgerFilter

pytestmark = pytest.mark.sqlite_only  # the head is read through SQLite's FTS5 index


@pytest.fixture
def small_head(monkeypatch):
    """Heads of a few dozen rows, so that the 450 demo entries hold several of them (and lists walked in their
    order from two matches on, as 100,000 entries walk them)."""
    monkeypatch.setattr(search_window, "MIN_HEAD", 8)
    monkeypatch.setattr(ledger_paging, "SELECTIVE", 1)
    taken = []
    first_rows = search_window.first_rows

    def spy(*args, **kwargs):
        rows = first_rows(*args, **kwargs)
        taken.append(rows is not None)
        return rows

    monkeypatch.setattr(search_window, "first_rows", spy)
    return taken


def _usual(monkeypatch, f, sort, descending, limit, expected):
    with monkeypatch.context() as m:
        m.setattr(ledger_paging, "_search_head", lambda *a, **k: None)
        return ledger_query.page(f, sort, descending, limit=limit, expected=expected)


def test_the_head_gives_the_usual_page(demo, monkeypatch, small_head):
    for sort in ("kind", "code", "deadline", "status", "layer"):
        for descending in (False, True):
            for text in ("整改", "资金", "张"):
                f = LedgerFilter(campaign_id=demo.campaign_id, text=text)
                expected = ledger_query.count_entries(f)
                for limit in (1, 20):
                    page = ledger_query.page(f, sort, descending, limit=limit, expected=expected)
                    assert page == _usual(monkeypatch, f, sort, descending, limit, expected), (
                        text, sort, descending, limit)
                    assert page.ids == ledger_query.entry_ids(f, sort, descending)[:limit]
    assert True in small_head and False in small_head, small_head  # answered by heads, and handed back


def test_the_default_list_is_read_from_its_head(demo, monkeypatch, small_head):
    f = LedgerFilter(campaign_id=demo.campaign_id, text="整改")
    expected = ledger_query.count_entries(f)
    assert 0 < expected < 450
    page = ledger_query.page(f, "kind", limit=5, expected=expected)
    assert small_head == [True]  # answered by the head, not the usual way
    assert page.ids == ledger_query.entry_ids(f, "kind")[:5]


def test_matches_beyond_the_head_are_read_the_usual_way(demo, monkeypatch, small_head):
    """Entries that match only far down the list: the head holds none of them, and the page is still right."""
    order = ledger_query.entry_ids(LedgerFilter(campaign_id=demo.campaign_id), "kind")
    late = order[-3:]
    for entry_id in late:
        LedgerEntry.update(description=LedgerEntry.description + "甲乙丙丁").where(LedgerEntry.id == entry_id).execute()
    from desk_app.services import search

    search.sync()
    f = LedgerFilter(campaign_id=demo.campaign_id, text="甲乙丙丁")
    monkeypatch.setattr(search_window, "HEAD_MARGIN", 0.01)  # a head far too short for three matches in 450
    page = ledger_query.page(f, "kind", limit=2, expected=3)
    assert small_head == [False] and page.ids == late[:2]


def test_no_head_where_it_would_be_most_of_the_list():
    assert search_window.head_size(64, 13_000, 100_000) == 985
    assert search_window.head_size(64, 68_000, 100_000) == search_window.MIN_HEAD
    assert search_window.head_size(64, 100, 10_000) is None  # 12,800 rows: more than half of the list
    assert search_window.head_size(64, 1_000, 100_000) is None  # 12,800 rows: a long walk if they lie further on
    assert search_window.head_size(64, 0, 10_000) is None
