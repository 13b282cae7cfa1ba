"""封账: freezing a month keeps its entries and figures as they stood on the report day."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.db.models import ChangeLog, FrozenRecord
from desk_app.errors import NotFoundError, ValidationError
from desk_app.services import context, month_freeze, settings, stats
from desk_app.services.ledger_query import LedgerFilter, summarize

REPORT_DAY = date(2026, 11, 20)


def test_frozen_figures_are_the_ledger_figures_of_the_report_day(demo):
    frozen = month_freeze.freeze_month(demo.campaign_id, "2026-11", report_day=REPORT_DAY)
    with context.today_in_this_thread(REPORT_DAY):
        live = stats.campaign_stats(demo.campaign_id)
        rect = summarize(LedgerFilter(campaign_id=demo.campaign_id, kinds=["问题整改"]))
    total = frozen.figures.total
    assert (total.total, total.done, total.overdue, frozen.figures.pending_close) == (
        live["total"], live["done"], live["overdue"], live["pending_close"])
    assert round(total.on_time_rate, 4) == live["on_time_rate"]
    assert [(g.key, g.total, g.done, g.overdue) for g in frozen.figures.by_department] == [
        (g["key"], g["total"], g["done"], g["overdue"]) for g in live["by_department"]]
    assert [(g.key, g.total, g.overdue) for g in frozen.figures.by_task_force] == [
        (g["key"], g["total"], g["overdue"]) for g in live["by_task_force"]]
    assert [(g.key, g.total) for g in frozen.figures.by_layer] == [(g["key"], g["total"]) for g in live["by_layer"]]
    assert sum(g.total for g in frozen.figures.by_layer) == rect.total
    assert dict(frozen.figures.by_status) == live["by_status"]
    assert {g.key: g.total for g in frozen.figures.by_kind} == live["by_kind"]
    # The rows agree with the figures and carry the report day's lights.
    assert len(frozen.entries) == total.total
    assert sum(e.overdue for e in frozen.entries) == total.overdue
    assert all(e.light == "red" for e in frozen.entries if e.overdue)
    assert frozen.report_day == REPORT_DAY and frozen.frozen_by == "测试员"


def test_a_frozen_month_reads_back_the_same_and_is_listed(demo):
    frozen = month_freeze.freeze_month(demo.campaign_id, "2026-11", report_day=REPORT_DAY)
    assert month_freeze.frozen_month(demo.campaign_id, "2026-11") == frozen
    assert month_freeze.frozen_month(demo.campaign_id, "2026-10") is None
    month_freeze.freeze_month(demo.campaign_id, "2026-10")
    assert month_freeze.frozen_months(demo.campaign_id) == ["2026-10", "2026-11"]
    # October's report day is 设置's day (the 25th); unchanged entries share one stored row.
    assert month_freeze.frozen_month(demo.campaign_id, "2026-10").report_day == date(2026, 10, 25)
    assert FrozenRecord.select().count() < 2 * len(frozen.entries)


def test_default_report_day_follows_the_setting_and_never_runs_ahead_of_today(db):
    prefs = settings.preferences()
    prefs.report_day = 31
    settings.save_preferences(prefs)
    assert month_freeze.default_report_day("2026-02") == date(2026, 2, 28)
    assert month_freeze.default_report_day("2026-11") == date(2026, 11, 23)  # today, the 31st has not come


def test_freezing_twice_a_future_day_or_a_bad_month_is_refused(demo):
    month_freeze.freeze_month(demo.campaign_id, "2026-11", report_day=REPORT_DAY)
    with pytest.raises(ValidationError, match="已于.*封账"):
        month_freeze.freeze_month(demo.campaign_id, "2026-11")
    with pytest.raises(ValidationError, match="还没到"):
        month_freeze.freeze_month(demo.campaign_id, "2026-12")
    with pytest.raises(ValidationError, match="不在2026年9月内"):
        month_freeze.freeze_month(demo.campaign_id, "2026-09", report_day=date(2026, 10, 1))
    with pytest.raises(ValidationError, match="YYYY-MM"):
        month_freeze.freeze_month(demo.campaign_id, "2026-13")


def test_unfreezing_needs_a_reason_and_is_logged(demo):
    month_freeze.freeze_month(demo.campaign_id, "2026-11", report_day=REPORT_DAY)
    with pytest.raises(ValidationError, match="原因"):
        month_freeze.unfreeze_month(demo.campaign_id, "2026-11", "  ")
    month_freeze.unfreeze_month(demo.campaign_id, "2026-11", "进展录错，重新封账")
    assert month_freeze.frozen_month(demo.campaign_id, "2026-11") is None
    assert FrozenRecord.select().count() == 0
    log = ChangeLog.select().where(ChangeLog.entity == month_freeze.ENTITY).order_by(ChangeLog.id)
    assert [(c.field, c.new) for c in log][-1] == ("解除封账", "进展录错，重新封账")
    assert log[0].field == "封账" and "2026年11月" in log[0].new
    with pytest.raises(NotFoundError):
        month_freeze.unfreeze_month(demo.campaign_id, "2026-11", "again")
    month_freeze.freeze_month(demo.campaign_id, "2026-11", report_day=REPORT_DAY)  # and it can be frozen again


def test_the_reminder_names_the_month_whose_report_day_passed_unfrozen(demo):
    from desk_app.services import compliance

    cid = demo.campaign_id
    assert month_freeze.month_due_for_freeze(date(2026, 11, 24)) == "2026-10"
    assert month_freeze.month_due_for_freeze(date(2026, 11, 25)) == "2026-11"
    assert month_freeze.month_due_for_freeze(date(2026, 1, 3)) == "2025-12"
    warnings = [w for w in compliance.campaign_warnings(cid) if w.kind == "month_not_frozen"]
    assert [(w.period, w.page) for w in warnings] == [("2026-10", "freeze")]
    assert "2026年10月的报送日（10月25日）已过，尚未封账" in warnings[0].message
    month_freeze.freeze_month(cid, "2026-10")
    assert not [w for w in compliance.campaign_warnings(cid) if w.kind == "month_not_frozen"]
    assert month_freeze.freeze_reminder(cid, date(2026, 11, 25)) == ("2026-11", date(2026, 11, 25))
