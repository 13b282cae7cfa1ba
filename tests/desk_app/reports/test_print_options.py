"""reports.options.iter_entries: the printed order, chunk by chunk, read by keyset rather than OFFSET."""

import logging

import pytest

from desk_app.reports import options
from desk_app.services import ledger_query
from desk_app.services.ledger_query import LedgerFilter


@pytest.mark.parametrize(("sort", "descending"), [("code", False), ("deadline", True), ("department", False),
                                                  ("status", False), ("layer", True)])
def test_chunks_hold_the_sorted_list_once_each(demo, sort, descending):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    chunks = list(options.iter_entries(f, sort, chunk=37, descending=descending))
    assert [len(c) for c in chunks[:-1]] == [37] * (len(chunks) - 1) and 0 < len(chunks[-1]) <= 37
    assert [e.id for c in chunks for e in c] == ledger_query.entry_ids(f, sort, descending)


def test_later_chunks_start_after_the_last_row_not_at_an_offset(demo, caplog):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        chunks = list(options.iter_entries(f, "code", chunk=100))
    queries = [r.getMessage() for r in caplog.records if "ledger_entry" in r.getMessage()]
    assert len(chunks) == 5 and queries
    assert not any("OFFSET" in q for q in queries), [q for q in queries if "OFFSET" in q][:1]


def test_a_filter_matching_nothing_yields_no_chunk(demo):
    assert list(options.iter_entries(LedgerFilter(campaign_id=demo.campaign_id, text="没有这样的问题ZZZ"))) == []
