"""Bulk edits remember exactly what they replaced, so undo puts every entry back."""

from datetime import date

import pytest

from desk_app.db.models import ChangeLog
from desk_app.domain import Status
from desk_app.errors import ValidationError, WorkflowError
from desk_app.services import ledger, ledger_bulk, ledger_query, org
from desk_app.services.ledger_query import LedgerFilter


def _ids(demo, status, n=3):
    f = LedgerFilter(campaign_id=demo.campaign_id, statuses=[status])
    return ledger_query.entry_ids(f, limit=n)


def test_bulk_responsible_then_revert_restores_each_previous_value(demo):
    ids = _ids(demo, Status.IN_PROGRESS, 4)
    before = {i: ledger.get_entry(i).responsible_id for i in ids}
    person = org.list_people()[-1]
    change = ledger_bulk.bulk_update(ids, "responsible_id", person.id)
    assert all(ledger.get_entry(i).responsible_id == person.id for i in ids)
    assert change.changed == sum(1 for v in before.values() if v != person.id)
    assert ChangeLog.select().where(ChangeLog.field == "responsible_id", ChangeLog.new == person.name).count() \
        == change.changed
    ledger_bulk.revert(change)
    assert {i: ledger.get_entry(i).responsible_id for i in ids} == before
    again = ledger_bulk.apply_again(change)
    assert again.before == change.before


def test_bulk_deadline_is_refused_and_points_at_bulk_extension(demo):
    ids = _ids(demo, Status.IN_PROGRESS, 2)
    before = [ledger.get_entry(i).deadline for i in ids]
    with pytest.raises(ValidationError, match="批量延期"):
        ledger_bulk.bulk_update(ids, "deadline", date(2027, 6, 30))
    assert [ledger.get_entry(i).deadline for i in ids] == before


def test_bulk_status_refuses_closed_entries_and_changes_nothing(demo):
    open_ids = _ids(demo, Status.NOT_STARTED, 2)
    closed = _ids(demo, Status.CLOSED, 1)
    with pytest.raises(WorkflowError) as err:
        ledger_bulk.bulk_update(open_ids + closed, "status", Status.IN_PROGRESS)
    assert ledger.get_entry(closed[0]).code in err.value.message
    assert all(ledger.get_entry(i).status == Status.NOT_STARTED for i in open_ids)
    with pytest.raises(WorkflowError):
        ledger_bulk.bulk_update(open_ids, "status", Status.CLOSED)


def test_unknown_field_and_missing_department_are_refused(demo):
    ids = _ids(demo, Status.IN_PROGRESS, 1)
    with pytest.raises(ValidationError):
        ledger_bulk.bulk_update(ids, "description", "x")
    with pytest.raises(ValidationError):
        ledger_bulk.bulk_update(ids, "department_id", 99999)


def test_month_progress_undo_restores_text_and_status(demo):
    entry_id = _ids(demo, Status.NOT_STARTED, 1)[0]
    change = ledger_bulk.set_month_progress(entry_id, "2026-11", "已部署")
    assert ledger.get_entry(entry_id).status == Status.IN_PROGRESS
    assert ledger_bulk.month_progress_text(entry_id, "2026-11") == "已部署"
    ledger_bulk.undo_month_progress(change)
    assert ledger_bulk.month_progress_text(entry_id, "2026-11") == ""
    assert ledger.get_entry(entry_id).status == Status.NOT_STARTED


def test_saved_views_round_trip_and_builtins(db):
    from desk_app.services import saved_views

    names = [v.name for v in saved_views.list_views()]
    assert names[:2] == ["本月调度", "逾期清单"]
    f = LedgerFilter(campaign_id=3, layers=["处级干部"], text="台账", overdue_only=True,
                     deadline_from=date(2026, 1, 1))
    saved_views.save_view("处级逾期", f)
    view = [v for v in saved_views.list_views() if v.name == "处级逾期"][0]
    assert view.filter.layers == ["处级干部"] and view.filter.deadline_from == date(2026, 1, 1)
    assert view.filter.campaign_id is None and view.filter.overdue_only
    with pytest.raises(ValidationError):
        saved_views.save_view("逾期清单", f)
    with pytest.raises(ValidationError):
        saved_views.save_view("  ", f)
    saved_views.delete_view("处级逾期")
    assert "处级逾期" not in [v.name for v in saved_views.list_views()]


def test_page_ids_match_the_full_sorted_list(demo):
    f = LedgerFilter(campaign_id=demo.campaign_id)
    for sort in ("code", "deadline", "status", "department", "layer"):
        full = ledger_query.entry_ids(f, sort)
        assert ledger_query.entry_ids(f, sort, offset=100, limit=50) == full[100:150]
        assert [r.id for r in ledger_query.fetch_page(f, sort=sort, offset=0, limit=20)] == full[:20]


def test_entries_with_month_progress_are_those_with_an_update_that_month(demo):
    all_ids = ledger_query.entry_ids(LedgerFilter(campaign_id=demo.campaign_id))
    texts = ledger_bulk.month_progress_texts(all_ids, "2026-11")
    assert ledger_bulk.entries_with_month_progress("2026-11") == set(texts)
    entry_id = next(i for i in all_ids if i not in texts)
    ledger_bulk.set_month_progress(entry_id, "2026-11", "已部署")
    assert entry_id in ledger_bulk.entries_with_month_progress("2026-11")
    ledger_bulk.set_month_progress(entry_id, "2026-11", "")
    assert entry_id not in ledger_bulk.entries_with_month_progress("2026-11")
    assert ledger_bulk.entries_with_month_progress("1999-01") == set()
