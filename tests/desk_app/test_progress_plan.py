"""月度序时进度: planned % per month, the reported %, the lag flag and its filter."""

from datetime import date

import pytest

from desk_app.domain import EntryKind
from desk_app.errors import ValidationError, WorkflowError
from desk_app.services import campaigns, ledger, ledger_query, progress_plan
from desk_app.services.ledger import EntryInput
from desk_app.services.ledger_query import LedgerFilter
from desk_app.services.progress_plan import PlanMonth


@pytest.fixture
def tasks(db):
    c = campaigns.create_campaign("2026年改作风提效能专项行动", 2026)

    def task(text, schedule=""):
        return ledger.create_entry(c.id, EntryInput(kind=EntryKind.KEY_TASK, description=text, schedule=schedule,
                                                    found_date=date(2026, 1, 10), deadline=date(2026, 12, 31)))
    return c, task


def test_lag_as_of_a_month_uses_the_latest_plan_and_report_and_the_tolerance(tasks):
    c, task = tasks
    e = task("做好专项债券项目储备")
    progress_plan.set_plan(e.id, [PlanMonth("2026-03", 30, None), PlanMonth("2026-09", 70, None),
                                  PlanMonth("2026-12", 100, None)])
    progress_plan.set_month(e.id, "2026-10", actual=66)
    plan = progress_plan.plan_of(e.id)
    assert progress_plan.state(plan, "2026-02", e.status).planned is None  # nothing planned yet
    s = progress_plan.state(plan, "2026-11", e.status, tol=5)
    assert (s.planned, s.actual, s.lagging) == (70, 66, False)
    assert progress_plan.state(plan, "2026-11", e.status, tol=3).lagging
    assert progress_plan.state(plan, "2026-06", e.status, tol=5).text() == "计划30%，实际未报，滞后30个百分点"
    assert not progress_plan.state(plan, "2026-12", "已销号", tol=5).lagging  # a finished task never lags


def test_lagging_filter_matches_the_flag(tasks):
    c, task = tasks
    behind, ahead, unplanned = task("落后的"), task("按计划的"), task("没有计划的")
    progress_plan.set_plan(behind.id, [PlanMonth("2026-09", 60, 20)])
    progress_plan.set_plan(ahead.id, [PlanMonth("2026-09", 60, None), PlanMonth("2026-11", None, 58)])
    progress_plan.set_tolerance(5)
    f = LedgerFilter(campaign_id=c.id, lagging=True)
    assert [r.id for r in ledger_query.fetch_entries(f)] == [behind.id]
    assert ledger_query.summarize(f).total == 1
    flags = progress_plan.states([behind, ahead, unplanned], "2026-11")
    assert flags[behind.id].lagging and not flags[ahead.id].lagging and unplanned.id not in flags
    progress_plan.set_tolerance(1)
    assert ledger_query.summarize(f).total == 2


def test_plan_written_as_text_is_read_into_months_and_values_are_checked(tasks):
    c, task = tasks
    e = task("推进财政数字化建设", schedule="3月底完成30%，6月底完成60%；四季度完成100%")
    assert [(p.month, p.planned) for p in progress_plan.plan_of(e.id)] == [
        ("2026-03", 30), ("2026-06", 60), ("2026-12", 100)]
    with pytest.raises(ValidationError, match="不在 0% 到 100% 之间"):
        progress_plan.set_month(e.id, "2026-07", planned=130)
    with pytest.raises(ValidationError, match="不是数字"):
        progress_plan.set_month(e.id, "2026-07", actual="一半")


def test_undo_of_a_plan_change_checks_the_plan_first(tasks):
    c, task = tasks
    e = task("提升公文办理质效")
    first = progress_plan.set_month(e.id, "2026-10", planned=50)
    second = progress_plan.set_month(e.id, "2026-10", actual=40)
    with pytest.raises(WorkflowError, match="又被修改过"):
        progress_plan.replay(first, undo=True)
    progress_plan.replay(second, undo=True)
    progress_plan.replay(first, undo=True)
    assert progress_plan.plan_of(e.id) == []
