"""问题编号: one allocator, numeric order, and the 9,999 → 10,000 boundary (plus 100,000 in the slow tier)."""

from datetime import date

import pytest

from desk_app.db.models import LedgerEntry
from desk_app.domain import EntryKind, Layer
from desk_app.services import campaigns, ledger, ledger_query
from desk_app.services.entry_codes import code_key
from desk_app.services.ledger import EntryInput, NewEntry
from desk_app.services.ledger_query import LedgerFilter


def _item(n: int = 0) -> NewEntry:
    return NewEntry(EntryInput(layer=Layer.DIVISION, description=f"第{n}个问题", found_date=date(2026, 1, 5)))


def test_code_key_orders_digit_runs_as_numbers():
    codes = ["ZG-2026-10000", "ZG-2026-1001", "ZG-2026-9999", "ZG-2026-0001", "ZG-2026-1000", "RW-2026-0002",
             "ZG-2026-10001", "2023-整改-12", "2023-整改-9"]
    assert sorted(codes, key=code_key) == [
        "2023-整改-9", "2023-整改-12", "RW-2026-0002", "ZG-2026-0001", "ZG-2026-1000", "ZG-2026-1001",
        "ZG-2026-9999", "ZG-2026-10000", "ZG-2026-10001"]
    assert code_key("ZG-2026-0001") == code_key("ZG-2026-1")


@pytest.fixture
def campaign(db):
    return campaigns.create_campaign("边界测试", 2026)


def test_new_entry_after_9999_is_numbered_10000_and_lists_sort_numerically(campaign):
    """The bug: the next number came from text order, offered ZG-2026-10000 again and the save died."""
    ids = ledger.create_entries(campaign.id, [_item(n) for n in range(9999)])
    assert ledger.get_entry(ids[-1]).code == "ZG-2026-9999"
    first = ledger.create_entry(campaign.id, _item().data)
    second = ledger.create_entry(campaign.id, _item().data)
    assert (first.code, second.code) == ("ZG-2026-10000", "ZG-2026-10001")
    f = LedgerFilter(campaign_id=campaign.id)
    codes = [e.code for e in ledger_query.fetch_entries(f, sort="code")]
    assert codes[:2] == ["ZG-2026-0001", "ZG-2026-0002"] and codes[-3:] == ["ZG-2026-9999", "ZG-2026-10000",
                                                                               "ZG-2026-10001"]
    assert codes.index("ZG-2026-1001") == codes.index("ZG-2026-1000") + 1
    assert [e.code for e in ledger_query.fetch_entries(f, sort="code", descending=True, limit=2)] == [
        "ZG-2026-10001", "ZG-2026-10000"]


def test_the_allocator_never_reuses_a_number_in_the_recycle_bin_or_given_in_the_batch(campaign):
    first = ledger.create_entry(campaign.id, _item().data)
    ledger.delete_entries([first.id])
    items = [_item(), NewEntry(_item().data, code="ZG-2026-0003"), _item()]
    ids = ledger.create_entries(campaign.id, items)
    assert [ledger.get_entry(i).code for i in ids] == ["ZG-2026-0002", "ZG-2026-0003", "ZG-2026-0004"]
    decision = ledger.create_entry(campaign.id, EntryInput(kind=EntryKind.DECISION, description="议定"))
    assert decision.code == "YD-2026-0001"


def test_a_kind_change_takes_the_next_number_of_the_new_kind(campaign):
    ledger.create_entries(campaign.id, [_item(n) for n in range(3)])
    task = ledger.create_entry(campaign.id, EntryInput(kind=EntryKind.KEY_TASK, description="重点任务"))
    changed = ledger.update_entry(task.id, EntryInput(kind=EntryKind.RECTIFICATION, layer=Layer.DIVISION,
                                                      description="重点任务"))
    assert changed.code == "ZG-2026-0004"
    assert LedgerEntry.get_by_id(task.id).code_key == code_key("ZG-2026-0004")


@pytest.mark.slow
def test_the_100000th_entry_and_beyond(campaign):
    ledger.create_entries(campaign.id, [_item(n) for n in range(99_999)])
    entry = ledger.create_entry(campaign.id, _item().data)
    assert entry.code == "ZG-2026-100000"
    assert ledger.create_entry(campaign.id, _item().data).code == "ZG-2026-100001"
    f = LedgerFilter(campaign_id=campaign.id)
    assert [e.code for e in ledger_query.fetch_entries(f, sort="code", descending=True, limit=3)] == [
        "ZG-2026-100001", "ZG-2026-100000", "ZG-2026-99999"]
