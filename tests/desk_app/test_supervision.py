"""The 13710 clock: nodes in working days from 交办日期, lights, escalation, rule sets and 催办."""

from datetime import date

import pytest

from desk_app.db.models import LedgerEntry
from desk_app.domain import EntryKind, Light, Status
from desk_app.errors import ValidationError, ValidationErrors, WorkflowError
from desk_app.services import campaigns, changelog, context, ledger, org, supervision
from desk_app.services import supervision_overview as overview
from desk_app.services import supervision_rules as rules_service
from desk_app.services import supervision_urges as urges
from desk_app.services.ledger import EntryInput
from desk_app.services.supervision import NodeState
from desk_app.services.supervision_rules import EscalationLevel, NodeRule, RuleSet


@pytest.fixture
def office(db):
    context.set_today(date(2026, 10, 9))
    c = campaigns.create_campaign("活动", 2026)
    dept = org.create_department("预算科")
    chief = org.create_person("吴敏", dept.id, level="科长(主任)")
    yield c, dept, chief
    context.set_today(None)


def _matter(c, dept, chief, assigned, **extra):
    """A matter whose 交办 gave no 办结时限 of its own: the rule's working days decide (with an 整改时限, that does)."""
    data = EntryInput(kind=EntryKind.SUPERVISION, description="落实领导批示：加快预算执行", department_id=dept.id,
                      responsible_id=chief.id, found_date=assigned, assigned_date=assigned,
                      task_source="领导批示", doc_number="财办〔2026〕12号",
                      instructing_leader="张副市长", **extra)
    return ledger.create_entry(c.id, data)


def test_nodes_across_national_day_and_its_working_saturday(office):
    c, dept, chief = office
    e = _matter(c, dept, chief, date(2026, 9, 30))
    assert (e.task_source, e.doc_number, e.instructing_leader, e.assigned_date) == (
        "领导批示", "财办〔2026〕12号", "张副市长", date(2026, 9, 30))
    clock = supervision.clock(e.id)
    assert clock.rule_name == "一般事项"
    # 接办 the same day; 反馈 3 working days on: 8, 9, 10 (调休 Saturday) October; 办结 7: 12–15 October.
    assert [(n.name, n.due) for n in clock.nodes] == [
        ("接办", date(2026, 9, 30)), ("反馈", date(2026, 10, 10)), ("办结", date(2026, 10, 15))]
    assert [n.state for n in clock.nodes] == [NodeState.MISSED, NodeState.PENDING, NodeState.PENDING]
    assert clock.nodes[0].light == Light.RED and clock.nodes[1].light == Light.GREEN
    # 接办 missed by the working days since: 8 and 9 October.
    assert clock.nodes[0].late_workdays == 2
    assert clock.level_name == "蓝色督办"


def test_a_major_matter_is_due_a_month_on_rolled_past_the_holiday(office):
    c, dept, chief = office
    e = _matter(c, dept, chief, date(2026, 9, 1))
    change = supervision.choose_rule(e.id, "重大事项")
    # 1 October is 国庆: the month's 办结 rolls forward to the first working day, 8 October.
    assert supervision.clock(e.id).nodes[-1].due == date(2026, 10, 8)
    supervision.revert_rule(change)
    assert supervision.clock(e.id).rule_name == "一般事项"
    with pytest.raises(ValidationError, match="不存在"):
        supervision.choose_rule(e.id, "特急事项")


def test_missed_nodes_escalate_blue_yellow_red(office):
    c, dept, chief = office
    context.set_today(date(2026, 9, 1))
    e = _matter(c, dept, chief, date(2026, 9, 1))  # Tuesday: 接办 1st, 反馈 4th, 办结 10 September
    assert [n.due.day for n in supervision.clock(e.id).nodes] == [1, 4, 10]
    assert supervision.clock(e.id).level is None
    context.set_today(date(2026, 9, 2))
    assert supervision.clock(e.id).level_name == "蓝色督办"  # 接办 missed
    context.set_today(date(2026, 9, 7))
    assert supervision.clock(e.id).level_name == "黄色督办"  # 反馈 missed too
    context.set_today(date(2026, 9, 11))
    clock = supervision.clock(e.id)
    assert clock.missed == 3 and clock.level_name == "红色督办"
    supervision.set_done_date(e.id, 1, date(2026, 9, 1))  # 接办 was on time after all
    clock = supervision.clock(e.id)
    assert [n.state for n in clock.nodes] == [NodeState.DONE, NodeState.MISSED, NodeState.MISSED]
    assert (clock.missed, clock.late_workdays, clock.level_name) == (2, 5, "黄色督办")
    context.set_today(date(2026, 9, 18))  # 反馈 ten working days late: red by lateness, two nodes missed
    clock = supervision.clock(e.id)
    assert (clock.missed, clock.late_workdays, clock.level_name) == (2, 10, "红色督办")
    supervision.set_done_date(e.id, 3, date(2026, 9, 10))  # the unit reports 办结 on time: 反馈 is moot
    clock = supervision.clock(e.id)
    # ... but the matter is done only once it goes forward for 销号: until then 办结 stays missed.
    assert clock.nodes[1].state == NodeState.SKIPPED
    assert (clock.nodes[2].state, clock.nodes[2].reported, clock.awaiting_close) == (
        NodeState.MISSED, date(2026, 9, 10), True)
    LedgerEntry.update(status=Status.PENDING_CLOSE, completed_date=date(2026, 9, 10)).where(
        LedgerEntry.id == e.id).execute()
    clock = supervision.clock(e.id)
    assert clock.nodes[2].state == NodeState.DONE and clock.level is None and not clock.awaiting_close


def test_one_verdict_for_a_matter_whose_banjie_is_entered_but_not_put_forward(office):
    """Review 2 #2: 办结 entered on the tab, the entry still 推进中 past its deadline. The ledger says 逾期;
    the clock, the 督办单 and the 催办单 must say the same, and lead to 申请销号."""
    c, dept, chief = office
    context.set_today(date(2026, 12, 1))
    e = _matter(c, dept, chief, date(2026, 11, 18))
    LedgerEntry.update(status=Status.IN_PROGRESS, deadline=date(2026, 11, 27)).where(LedgerEntry.id == e.id).execute()
    supervision.set_done_date(e.id, 3, date(2026, 11, 27))
    clock = supervision.clock(e.id)
    assert [n.state for n in clock.nodes] == [NodeState.SKIPPED, NodeState.SKIPPED, NodeState.MISSED]
    assert clock.nodes[2].late_workdays == 2 and clock.level_name == "蓝色督办"
    text = supervision.situation(clock)
    assert "“办结”应于2026年11月27日前完成，已逾期 2 个工作日" in text
    assert "报2026年11月27日已办结，尚未申请销号" in text and "各节点均已完成" not in text


def test_escalation_levels_and_rule_sets_are_data(office):
    c, dept, chief = office
    e = _matter(c, dept, chief, date(2026, 9, 28))
    assert supervision.clock(e.id).nodes[-1].due == date(2026, 10, 13)
    rules = rules_service.load_rules()
    other = rules_service.SupervisionRules(
        rule_sets=(RuleSet("一般事项", (NodeRule("接办", 1), NodeRule("办结", 5))), *rules.rule_sets[1:]),
        levels=(EscalationLevel("提醒", "#1565c0", missed_nodes=1), EscalationLevel("警示", "#c62828", 2)),
        kinds=rules.kinds)
    rules_service.save_rules(other)
    assert [lv.name for lv in rules_service.load_rules().levels] == ["提醒", "警示"]
    # The old matter keeps the nodes it was given; a new one gets the new rule.
    assert [n.name for n in supervision.clock(e.id).nodes] == ["接办", "反馈", "办结"]
    new = _matter(c, dept, chief, date(2026, 9, 28))
    assert [(n.name, n.due) for n in supervision.clock(new.id).nodes] == [
        ("接办", date(2026, 9, 29)), ("办结", date(2026, 10, 10))]
    with pytest.raises(ValidationErrors) as caught:
        rules_service.save_rules(rules_service.SupervisionRules(
            (RuleSet("一般事项", (NodeRule("", 3, "周"),)),), (EscalationLevel("蓝", "blue"),), ("督办事项",)))
    messages = " ".join(e.message for e in caught.value.errors)
    assert "没有名称" in messages and "单位“周”" in messages and "#RRGGBB" in messages and "没有条件" in messages


def test_closing_the_matter_meets_the_last_node_and_ends_escalation(office):
    c, dept, chief = office
    e = _matter(c, dept, chief, date(2026, 9, 28))
    supervision.set_done_date(e.id, 1, date(2026, 9, 28))
    LedgerEntry.update(status=Status.PENDING_CLOSE, completed_date=date(2026, 10, 9)).where(
        LedgerEntry.id == e.id).execute()
    clock = supervision.clock(e.id)
    assert clock.nodes[2].done == date(2026, 10, 9) and clock.nodes[2].done_from_entry
    assert clock.nodes[1].state == NodeState.SKIPPED
    assert ledger.get_entry(e.id).status == Status.PENDING_CLOSE


def test_done_dates_are_checked_logged_and_undoable(office):
    c, dept, chief = office
    e = _matter(c, dept, chief, date(2026, 9, 28))
    with pytest.raises(ValidationError, match="早于交办日期"):
        supervision.set_done_date(e.id, 1, date(2026, 9, 27))
    with pytest.raises(ValidationError, match="晚于今天"):
        supervision.set_done_date(e.id, 1, date(2026, 10, 10))
    with pytest.raises(ValidationError, match="节点序号 4"):
        supervision.set_done_date(e.id, 4, date(2026, 9, 28))
    change = supervision.set_done_date(e.id, 2, date(2026, 10, 9))
    assert supervision.clock(e.id).nodes[1].state == NodeState.DONE_LATE
    assert any(r.field == "supervision_node" for r in changelog.history("ledger_entry", e.id))
    supervision.set_done_date(e.id, 2, change.old, expected=change.new)  # undo
    assert supervision.clock(e.id).nodes[1].done is None
    with pytest.raises(WorkflowError):
        supervision.set_done_date(e.id, 2, change.old, expected=change.new)


def test_entries_off_the_clock(office):
    c, dept, chief = office
    no_date = ledger.create_entry(c.id, EntryInput(kind=EntryKind.SUPERVISION, description="无交办日期",
                                                   department_id=dept.id))
    assert supervision.clock(no_date.id) is None
    task = ledger.create_entry(c.id, EntryInput(kind=EntryKind.KEY_TASK, description="重点任务",
                                                assigned_date=date(2026, 9, 1), department_id=dept.id))
    assert supervision.clock(task.id) is None
    with pytest.raises(ValidationError, match="交办日期"):
        supervision.set_done_date(no_date.id, 1, date(2026, 9, 1))
    with pytest.raises(ValidationErrors, match="交办日期不能晚于今天"):
        ledger.update_entry(no_date.id, EntryInput(kind=EntryKind.SUPERVISION, description="x",
                                                   assigned_date=date(2026, 10, 10)))


def test_overview_counts_nodes_due_today_and_missed(office):
    c, dept, chief = office
    today_matter = _matter(c, dept, chief, date(2026, 10, 9))  # 接办 due today
    late = _matter(c, dept, chief, date(2026, 9, 28))  # 接办 missed, 反馈 due 8 October: missed
    done = _matter(c, dept, chief, date(2026, 9, 1))
    ledger.delete_entries([done.id])
    figures = overview.overview(c.id)
    assert (figures.nodes_due_today, figures.nodes_missed, figures.matters) == (1, 2, 2)
    assert figures.by_escalation == {"蓝色督办": 0, "黄色督办": 1, "红色督办": 0}
    assert figures.items[0].code == late.code and figures.items[0].state == NodeState.MISSED
    assert figures.items[-1].node_name == "接办" and figures.items[-1].department_name == "预算科"
    assert overview.entry_ids(c.id, overview.DUE_TODAY) == [today_matter.id]
    assert overview.entry_ids(c.id, overview.MISSED) == [late.id]
    assert set(overview.entry_ids(c.id, overview.ATTENTION)) == {today_matter.id, late.id}
    assert figures.as_dict()["by_escalation"]["黄色督办"] == 1


def test_urges_are_recorded_checked_removed_and_restored(office):
    c, dept, chief = office
    e = _matter(c, dept, chief, date(2026, 9, 28))
    first = urges.add_urge(e.id, date(2026, 10, 8), "电话", "预算科 吴敏", "本周内报送反馈")
    urges.add_urge(e.id, date(2026, 9, 30), "督办单", "预算科")
    assert [u.way for u in urges.list_urges(e.id)] == ["督办单", "电话"]
    with pytest.raises(ValidationErrors) as caught:
        urges.add_urge(e.id, date(2026, 9, 1), "", "")
    assert {err.field for err in caught.value.errors} == {"date", "way"}
    removed = urges.remove_urge(first.id)
    assert [u.way for u in urges.list_urges(e.id)] == ["督办单"]
    back = urges.restore_urge(removed)
    assert back.uuid == first.uuid and back.answer == "本周内报送反馈"
    urges.remove_by_uuid(back)
    assert len(urges.urges_of([e.id])[e.id]) == 1
    logged = [r.new or r.old for r in changelog.history("ledger_entry", e.id) if r.field == "urge"]
    assert any("电话对预算科 吴敏催办：本周内报送反馈" in text for text in logged)


def test_due_dates_in_a_year_without_holiday_data_are_marked_as_estimates(office):
    """Review 2 #3: chinese-calendar knows no 2027 holidays, so 元旦 counts as a working day — say so."""
    from desk_app.services import work_calendar

    c, dept, chief = office
    year = work_calendar.known_years()[1] + 1
    context.set_today(date(year - 1, 12, 24))
    e = _matter(c, dept, chief, date(year - 1, 12, 24))
    clock = supervision.clock(e.id)
    assert [n.name for n in clock.estimated] == ["办结"]  # 接办 and 反馈 fall in December: known
    note = f"按周一至周五估算，{year}年放假安排未录入"
    assert note in supervision.situation(clock)
    assert note in overview.overview(c.id).estimate_note
    # The clerk enters the year's 元旦 from the State Council's announcement: the date moves and is no estimate.
    work_calendar.save_clerk_days(work_calendar.CalendarDays(
        holidays=(work_calendar.CalendarDay(date(year, 1, 1), "元旦"),)))
    moved = supervision.clock(e.id)
    assert moved.nodes[-1].due > clock.nodes[-1].due and not moved.estimated
    assert "估算" not in supervision.situation(moved) and not overview.overview(c.id).estimate_note


def _ledger_says_overdue(c, entry_id) -> bool:
    from desk_app.services import ledger_filter, stats
    from desk_app.services.ledger_query import LedgerFilter, entry_ids

    e = ledger.get_entry(entry_id)
    by_rule = ledger_filter.is_overdue(e.status, e.deadline_type, e.deadline)
    by_filter = entry_id in entry_ids(LedgerFilter(campaign_id=c.id, overdue_only=True))
    by_stats = stats.overview(c.id).overdue == 1
    assert by_rule == by_filter == by_stats  # the colouring, the 逾期 filter and stats agree
    return by_rule


def test_the_clock_and_the_ledger_agree_on_a_time_limit_later_than_the_rules(office):
    """交办 on 1 September with 整改时限 31 December: the rule alone would make 办结 due on 10 September."""
    c, dept, chief = office  # today: 9 October
    e = _matter(c, dept, chief, date(2026, 9, 1), deadline=date(2026, 12, 31))
    clock = supervision.clock(e.id)
    last = clock.nodes[-1]
    assert (last.due, last.state, last.rule) == (date(2026, 12, 31), NodeState.PENDING, "按整改时限")
    assert not _ledger_says_overdue(c, e.id)
    assert "办结" not in [i.node_name for i in overview.overview(c.id).items]
    assert "“办结”" not in supervision.situation(clock)


def test_the_clock_and_the_ledger_agree_on_a_time_limit_earlier_than_the_rules(office):
    """交办 on 30 September with 整改时限 8 October: the rule alone would make 办结 due on 15 October."""
    c, dept, chief = office  # today: 9 October
    e = _matter(c, dept, chief, date(2026, 9, 30), deadline=date(2026, 10, 8))
    clock = supervision.clock(e.id)
    assert [(n.name, n.due) for n in clock.nodes] == [
        ("接办", date(2026, 9, 30)), ("反馈", date(2026, 10, 8)), ("办结", date(2026, 10, 8))]
    assert clock.nodes[-1].state == NodeState.MISSED and _ledger_says_overdue(c, e.id)
    assert "“办结”应于2026年10月8日前完成" in supervision.situation(clock)
