"""Tasks with measures: the parent's status and light derive from them; undo checks the state first."""

from dataclasses import replace
from datetime import date

import pytest

from desk_app.domain import EntryKind, Status
from desk_app.errors import ValidationErrors, WorkflowError
from desk_app.services import campaigns, ledger, ledger_bulk, ledger_query, measures, org, stats, workflow
from desk_app.services.ledger import EntryInput
from desk_app.services.ledger_query import LedgerFilter
from desk_app.services.measures import MeasureInput


@pytest.fixture
def task(db):
    c = campaigns.create_campaign("2026年改作风提效能专项行动", 2026)
    budget, treasury = org.create_department("预算科"), org.create_department("国库支付科")
    person = org.create_person("王敏", budget.id)
    e = ledger.create_entry(c.id, EntryInput(kind=EntryKind.KEY_TASK, description="推进预算绩效管理提质增效",
                                             department_id=budget.id, found_date=date(2026, 2, 1),
                                             deadline=date(2026, 12, 31)))
    return c, e, budget, treasury, person


def _m(text, dept=None, deadline=date(2026, 12, 15), status=measures.NOT_STARTED, **kw):
    return MeasureInput(text, department_id=dept, deadline=deadline, status=status, **kw)


def test_parent_status_derives_from_its_measures(task):
    c, e, budget, treasury, person = task
    change = measures.set_measures(e.id, [_m("制定绩效目标管理办法", budget.id, responsible_id=person.id),
                                          _m("开展重点项目绩效评价", treasury.id)])
    assert [m.content for m in measures.measures_of(e.id)] == ["制定绩效目标管理办法", "开展重点项目绩效评价"]
    assert len(change.after) == 2 and change.before == ()
    assert ledger.get_entry(e.id).status == Status.NOT_STARTED
    first, second = measures.measures_of(e.id)
    measures.update_measure(first.id, replace(first.as_input(), status=measures.IN_PROGRESS))
    assert ledger.get_entry(e.id).status == Status.IN_PROGRESS
    for m in measures.measures_of(e.id):
        measures.update_measure(m.id, replace(m.as_input(), status=measures.DONE, completed_date=date(2026, 11, 20)))
    closed = ledger.get_entry(e.id)
    assert closed.status == Status.CLOSED and closed.closed_date == date(2026, 11, 20)
    # A measure reopened (or a new one added) takes the task back to 推进中.
    measures.add_measure(e.id, _m("形成绩效评价报告"))
    back = ledger.get_entry(e.id)
    assert back.status == Status.IN_PROGRESS and back.closed_date is None
    # 长期坚持 among finished measures: the task is 长期坚持.
    last = measures.measures_of(e.id)[-1]
    measures.update_measure(last.id, replace(last.as_input(), status=measures.ONGOING))
    assert ledger.get_entry(e.id).status == Status.ONGOING


def test_light_is_the_worst_measures_and_stats_count_the_task_once(task):
    c, e, budget, treasury, person = task
    measures.set_measures(e.id, [_m("按期完成的", deadline=date(2026, 12, 30)),
                                 _m("已逾期的", deadline=date(2026, 10, 31), status=measures.IN_PROGRESS),
                                 _m("已完成的", deadline=date(2026, 9, 30), status=measures.DONE,
                                    completed_date=date(2026, 9, 1))])
    assert measures.lights([e.id]) == {e.id: (3, "red")}
    records = measures.measures_of(e.id)
    assert [r.light() for r in records] == ["green", "red", "grey"]
    assert measures.lights([e.id], due_soon_days=40) == {e.id: (3, "red")}
    assert stats.campaign_stats(c.id)["total"] == 1
    assert ledger_query.summarize(LedgerFilter(campaign_id=c.id)).total == 1


def test_workflow_steps_are_refused_on_a_task_whose_measures_decide(task):
    c, e, *_ = task
    measures.add_measure(e.id, _m("措施一"))
    other = ledger.create_entry(c.id, ledger.get_entry(e.id).as_input())
    # Direct status changes leave it as it is (a selection of only such tasks is refused, with the reason).
    assert workflow.set_status([e.id, other.id], Status.IN_PROGRESS) == 1
    assert ledger.get_entry(e.id).status == Status.NOT_STARTED
    with pytest.raises(WorkflowError, match="措施"):
        ledger_bulk.bulk_update([e.id], "status", Status.ONGOING)
    change = ledger_bulk.bulk_update([e.id, other.id], "status", Status.ONGOING)
    assert set(change.before) == {other.id} and ledger.get_entry(e.id).status == Status.NOT_STARTED
    with pytest.raises(WorkflowError, match="措施"):
        workflow.apply_close(e.id, "完成")


def test_validation_names_each_measure(task):
    c, e, budget, *_ = task
    with pytest.raises(ValidationErrors) as err:
        measures.set_measures(e.id, [_m("好的"), _m("", status="搞定"), _m("早于发现日期", deadline=date(2026, 1, 1))])
    text = err.value.message
    assert "措施 2：措施内容不能为空" in text and "措施 2：状态“搞定”不正确" in text and "措施 3：时限不能早于" in text
    assert measures.measures_of(e.id) == []


def test_undo_and_redo_check_the_measures_are_as_the_step_left_them(task):
    c, e, *_ = task
    added = measures.add_measure(e.id, _m("措施一"))
    second = measures.add_measure(e.id, _m("措施二"))
    progress = measures.set_month_progress(measures.measures_of(e.id)[0].id, "2026-11", "已起草办法")
    deleted = measures.delete_measure(measures.measures_of(e.id)[0].id)
    assert [m.content for m in measures.measures_of(e.id)] == ["措施二"]
    measures.revert(deleted)  # undo the delete: the row comes back with its progress
    restored = measures.measures_of(e.id, "2026-11")
    assert [m.content for m in restored] == ["措施一", "措施二"] and restored[0].month_progress == "已起草办法"
    with pytest.raises(WorkflowError, match="又被修改过"):
        measures.revert(added)  # 措施二 was added since: the first step cannot be undone around it
    measures.revert(second)
    measures.reapply(second)
    measures.replay_month_progress(progress, undo=True)
    assert measures.measures_of(e.id, "2026-11")[0].month_progress == ""
    ledger.delete_entries([e.id])
    with pytest.raises(WorkflowError, match="回收站"):
        measures.revert(second)


def test_moving_measures_keeps_their_rows(task):
    c, e, *_ = task
    measures.set_measures(e.id, [_m("一"), _m("二"), _m("三")])
    ids = [m.id for m in measures.measures_of(e.id)]
    measures.move_measure(ids[2], -2)
    assert [m.content for m in measures.measures_of(e.id)] == ["三", "一", "二"]
    assert sorted(m.id for m in measures.measures_of(e.id)) == sorted(ids)


def test_a_frozen_month_keeps_the_measures_and_plan_as_they_stood(task):
    from desk_app.services import month_freeze, progress_plan
    from desk_app.services.month_view import run_as_of
    from desk_app.services.progress_plan import PlanMonth

    c, e, budget, *_ = task
    measures.set_measures(e.id, [_m("制定办法", budget.id, deadline=date(2026, 10, 31)), _m("开展评价")])
    measures.set_month_progress(measures.measures_of(e.id)[0].id, "2026-11", "已报局党组审议")
    progress_plan.set_plan(e.id, [PlanMonth("2026-11", 70, 40)])
    month_freeze.freeze_month(c.id, "2026-11", report_day=date(2026, 11, 20))
    first = measures.measures_of(e.id)[0]
    measures.update_measure(first.id, replace(first.as_input(), content="改过的办法"))
    measures.delete_measure(measures.measures_of(e.id)[1].id)
    progress_plan.set_month(e.id, "2026-11", actual=70)

    def as_of():
        found = measures.measures_of(e.id, "2026-11")
        return ([(m.content, m.department_name, m.month_progress) for m in found], measures.lights([e.id]),
                progress_plan.plan_of(e.id))

    frozen, lights, plan = run_as_of(c.id, "2026-11", as_of)
    assert frozen == [("制定办法", "预算科", "已报局党组审议"), ("开展评价", "", "")]
    assert lights[e.id][0] == 2 and plan == [PlanMonth("2026-11", 70, 40)]
    assert [m.content for m in measures.measures_of(e.id)] == ["改过的办法"]  # the live ledger moved on
