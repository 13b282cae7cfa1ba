"""The demo's 督办 matters on the 13710 clock (issue 15), so 首页's card, the entry's 督办 tab, the 督办单 and
the 催办单 have something to show: where each matter came from (任务来源, 发文字号, 批示领导, 交办日期), the
nodes met so far, and the 催办 made for the ones running late. Called by desk_app.demo inside its
transaction, after the ledger is written. Deterministic for a seed and an anchor day.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from desk_app.db.models import Department, LedgerEntry, Person
from desk_app.domain import DONE_STATUSES, EntryKind, PersonLevel, Status
from desk_app.services import supervision, supervision_urges, work_calendar
from desk_app.services.ledger import EntryInput, NewEntry, create_entries

# (任务来源, 发文字号 pattern, 批示领导, matter, rule set): modelled on published 督查督办事项台账.
MATTERS = [
    ("领导批示", "市政府办公室批办单〔{y}〕{n}号", "张副市长", "落实张副市长关于加快政府采购意向公开工作的批示，"
     "梳理本年度未公开采购意向的预算单位并督促整改", "一般事项"),
    ("上级批转", "市督查室交办函〔{y}〕{n}号", "", "核查市督查室转办的惠企政策资金兑现慢问题，逐笔说明拨付进度", "一般事项"),
    ("党组会议定", "局党组会议纪要〔{y}〕{n}号", "", "制定财政资金直达机制常态化工作方案，明确资金分配、下达、"
     "监控各环节时限", "重大事项"),
    ("推进会议定", "推进会纪要〔{y}〕{n}号", "", "梳理年底前到期的地方政府专项债券项目，逐项提出资金支出计划",
     "一般事项"),
    ("领导批示", "局领导批示件〔{y}〕{n}号", "李局长", "办理群众来信反映的社保补贴发放延迟问题，3日内反馈核查情况",
     "一般事项"),
    ("上级批转", "省财政厅督办通知〔{y}〕{n}号", "", "落实省财政厅关于盘活存量资金的督办要求，清理两年以上结转资金",
     "重大事项"),
]
# Days ago (in working days) each open matter was handed over: one due today, some late, some on time.
# Found no later than three days before the demo's day, like the rest of its ledger.
ASSIGNED_WORKDAYS_AGO = [3, 4, 5, 7, 9, 14]
ANSWERS = ["已安排专人办理，本周内报送书面反馈", "正在逐项核实，预计下周完成", "已形成初稿，正在征求意见",
           "因涉及多个单位，需延后两个工作日反馈"]


def _workdays_back(cal, day: date, count: int) -> date:
    while count > 0:
        day -= timedelta(days=1)
        count -= cal.is_workday(day)
    return day


def build(campaign_id: int, today: date, seed: int = 1, fresh: int = len(MATTERS)) -> int:
    """`fresh` (at most six) matters from realistic sources handed over lately, and sources for the demo's
    older 督办事项. Returns how many entries it created."""
    rng = random.Random(seed * 6271 + 15)
    cal = work_calendar.current()
    departments = list(Department.select().order_by(Department.sort_order, Department.id))
    chiefs = {p.department_id: p for p in Person.select().where(Person.level == PersonLevel.SECTION_CHIEF)}
    leaders = list(Person.select().where(Person.level == PersonLevel.BUREAU_LEADER).order_by(Person.id))
    items = []
    for n, (source, number, leader, text, rule) in enumerate(MATTERS[:fresh]):
        assigned = _workdays_back(cal, today, ASSIGNED_WORKDAYS_AGO[n])
        dept = departments[(n * 3) % len(departments)]
        chief = chiefs.get(dept.id)
        deadline = [r for r in supervision.load_rules().rule_sets if r.name == rule][0].nodes[-1].due(assigned, cal)
        items.append(NewEntry(EntryInput(
            kind=EntryKind.SUPERVISION, description=text + "。", department_id=dept.id,
            responsible_id=chief.id if chief else None, leader_id=leaders[n % len(leaders)].id if leaders else None,
            found_date=assigned, assigned_date=assigned, deadline=deadline, target="按“13710”工作制度按时办结并反馈。",
            measures="明确专人负责，按节点报送进展，办结后报送书面材料。", task_source=source,
            doc_number=number.format(y=today.year, n=rng.randint(3, 60)), instructing_leader=leader),
            status=Status.IN_PROGRESS if n else Status.NOT_STARTED, uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4))))
    new_ids = create_entries(campaign_id, items, index_now=False)
    for n, entry_id in enumerate(new_ids):
        rule = MATTERS[n][4]
        if rule != supervision.load_rules().default.name:
            supervision.choose_rule(entry_id, rule)
        clock = supervision.clock(entry_id)
        for node in clock.nodes:
            if node.due >= today:
                break
            met = node.due if rng.random() < 0.55 else None  # some on time, the rest still missed
            if met is not None:
                supervision.set_done_date(entry_id, node.seq, met)
        clock = supervision.clock(entry_id)
        unit = departments[(n * 3) % len(departments)].name
        missed = [node for node in clock.nodes if node.state == supervision.NodeState.MISSED]
        if missed:  # a phone call the working day after the first missed node, a 督办单 when a second one goes
            called = min(today, cal.add_workdays(missed[0].due, 1))
            supervision_urges.add_urge(entry_id, called, "电话", unit, rng.choice(ANSWERS))
        if len(missed) >= 2:
            supervision_urges.add_urge(entry_id, today, "督办单", unit, "已签收督办单，承诺限期办结")
    _older_matters(rng, campaign_id, set(new_ids))
    return len(new_ids)


def _older_matters(rng: random.Random, campaign_id: int, skip: set[int]) -> None:
    """The demo's other 督办事项 get a source, a 发文字号 and their 交办日期 (the day they were found); the
    closed ones met their nodes on time."""
    query = LedgerEntry.select().where(LedgerEntry.campaign == campaign_id, LedgerEntry.kind == EntryKind.SUPERVISION,
                                       LedgerEntry.id.not_in(list(skip)))
    for entry in query:
        source = rng.choice(["上级批转", "领导批示", "推进会议定", "党组会议定"])
        LedgerEntry.update(task_source=source, assigned_date=entry.found_date,
                           doc_number=f"财督〔{entry.found_date.year}〕{rng.randint(1, 90)}号",
                           instructing_leader="王市长" if source == "领导批示" else "").where(
            LedgerEntry.id == entry.id).execute()
        clock = supervision.clock(entry.id)
        met = clock.nodes[:-1] if entry.status in DONE_STATUSES else clock.nodes[:1]
        for node in met:  # closed ones met every node on time; open ones were at least taken up
            supervision.set_done_date(entry.id, node.seq, min(node.due, entry.completed_date or node.due))
