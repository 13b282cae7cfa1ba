"""month_view: a frozen month read by one thread while the others keep the live ledger."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from desk_app.errors import ValidationError
from desk_app.services import context, ledger, month_freeze, settings
from desk_app.services.ledger_query import LedgerFilter, count_entries, latest_progress
from desk_app.services.month_view import month_view


def test_the_view_is_the_frozen_month_in_this_thread_only(demo):
    cid = demo.campaign_id
    frozen = month_freeze.freeze_month(cid, "2026-11", report_day=date(2026, 11, 20))
    some = [e.id for e in frozen.entries[:10]]
    ledger.delete_entries(some)
    live = count_entries(LedgerFilter(campaign_id=cid))
    assert live == demo.entries - 10
    seen: dict[str, object] = {}
    inside = threading.Event()
    release = threading.Event()

    def worker():
        with month_view(cid, "2026-11") as view:
            seen["count"] = count_entries(LedgerFilter(campaign_id=cid))
            seen["today"] = context.today()
            seen["view"] = view
            inside.set()
            release.wait(10)
        seen["after"] = count_entries(LedgerFilter(campaign_id=cid))
        from desk_app.db.models import database

        database.close()

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(10)
    # While the worker reads the frozen month, this thread still sees the live ledger and its own day.
    assert count_entries(LedgerFilter(campaign_id=cid)) == live
    assert context.today() == date(2026, 11, 23)
    release.set()
    thread.join(10)
    assert seen["count"] == demo.entries and seen["today"] == date(2026, 11, 20)
    assert seen["view"].entries == demo.entries and seen["view"].report_day == date(2026, 11, 20)
    assert seen["after"] == live


def test_the_view_holds_the_months_progress_names_and_settings(demo):
    cid = demo.campaign_id
    entry = month_freeze.freeze_month(cid, "2026-11", report_day=date(2026, 11, 20)).entries[0]
    header = settings.report_header()
    header.unit = "后来改的单位名"
    settings.save_report_header(header)
    with month_view(cid, "2026-11"):
        assert settings.report_header().unit != "后来改的单位名"
        assert latest_progress([entry.id], "2026-11").get(entry.id, "") == entry.month_progress
        assert ledger.get_entry(entry.id).department_name == entry.department_name
    assert settings.report_header().unit == "后来改的单位名"


def test_a_month_not_frozen_has_no_view(demo):
    with pytest.raises(ValidationError, match="尚未封账"), month_view(demo.campaign_id, "2026-10"):
        pass
