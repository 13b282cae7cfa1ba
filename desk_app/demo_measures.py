"""The demo's 重点任务 (seed 003) broken into measures and given a monthly plan.

About half the tasks get 2–4 measures, each with its own 责任单位 (the 牵头 department for the first, the
配合 ones after it), 责任人, 时限, status and 本月进展; most tasks get a 月度序时进度 with the % reported
each month, a few of them behind plan. Measures agree with the state the demo gave the task (a closed
task's measures are all done; an open one keeps at least one open), so the demo's figures stay as they
were. Its own random stream: the rest of the demo does not change with it.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from desk_app.db.models import LedgerEntry, Person
from desk_app.domain import EntryKind, Status
from desk_app.services import assists, measures, progress_plan
from desk_app.services.measures import MeasureInput
from desk_app.services.progress_plan import PlanMonth

STEPS = ["制定{t}实施方案，明确责任分工和时间节点", "梳理{t}现行制度和流程，查找堵点难点",
         "召开专题会议研究推进{t}，形成会议纪要", "对接上级部门，争取{t}政策和资金支持",
         "建立{t}工作台账，按月调度推进情况", "开展{t}督导检查，通报存在问题",
         "总结{t}经验做法，形成制度成果", "组织{t}业务培训，提升干部能力"]
REPORTS = ["已按计划推进，本月完成阶段任务", "已完成方案起草，正在征求意见", "已召开专题会议，明确下步安排",
           "正在对接相关处室，进度略有滞后", "已形成初稿，待局领导审定"]


def _month(day: date) -> str:
    return day.strftime("%Y-%m")


def _months(first: date, last: date) -> list[str]:
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def build(campaign_id: int, today: date, seed: int) -> int:
    """Measures and plans for the campaign's 重点任务 (in the caller's transaction); tasks given measures."""
    rng = random.Random(seed * 7919 + 15)
    tasks = list(LedgerEntry.select().where(LedgerEntry.campaign == campaign_id,
                                            LedgerEntry.kind == EntryKind.KEY_TASK).order_by(LedgerEntry.id))
    by_dept: dict[int, list[int]] = {}
    for pid, dept in Person.select(Person.id, Person.department).where(Person.active == True).tuples():  # noqa: E712
        by_dept.setdefault(dept, []).append(pid)
    helpers = assists.assist_ids_of([t.id for t in tasks])
    month = _month(today)
    given = 0
    for n, task in enumerate(tasks):
        topic = task.description.rstrip("。")
        if n % 2 == 0 and task.status in (Status.CLOSED, Status.IN_PROGRESS, Status.NOT_STARTED):
            given += _measures(rng, task, topic, [task.department_id, *helpers.get(task.id, [])], by_dept, today,
                               month)
        if n % 3 != 2 and task.deadline:
            _plan(rng, task, today)
    return given


def _measures(rng, task, topic, depts, by_dept, today, month) -> int:
    count = rng.randint(2, 4)
    start, end = task.found_date, task.deadline or today
    wanted, open_left = [], task.status != Status.CLOSED
    for i in range(count):
        dept = depts[i % len(depts)] if depts and depts[0] else None
        share = (i + 1) / count
        deadline = start + timedelta(days=max(10, int((end - start).days * share)))
        if task.status == Status.CLOSED:
            status, completed = measures.DONE, min(task.completed_date or today, deadline)
        elif task.status == Status.NOT_STARTED:
            status, completed = measures.NOT_STARTED, None
        elif i == count - 1 and open_left:
            status, completed = measures.IN_PROGRESS, None
        else:
            roll = rng.random()
            status = measures.DONE if deadline < today and roll < 0.7 else (
                measures.IN_PROGRESS if roll < 0.9 else measures.NOT_STARTED)
            completed = min(deadline, today) if status == measures.DONE else None
        people = by_dept.get(dept, [])
        wanted.append(MeasureInput(rng.choice(STEPS).format(t=topic), department_id=dept,
                                   responsible_id=rng.choice(people) if people else None, deadline=deadline,
                                   status=status, completed_date=completed,
                                   uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4))))
    measures.create_for_entries([(task.id, wanted)])
    for m in measures.measures_of(task.id):
        if m.status in (measures.IN_PROGRESS,):
            measures.set_month_progress.__wrapped__(m.id, month, rng.choice(REPORTS))
    return 1


def _plan(rng, task, today) -> None:
    last = max(task.deadline, task.found_date)
    if task.status == Status.CLOSED and task.completed_date:  # finished: 100% reported when it was done
        last = min(last, task.completed_date)
    months = _months(task.found_date, last)
    lag = rng.choice([0, 0, 0, 5, 15, 25]) if task.status not in (Status.CLOSED, Status.ONGOING) else 0
    reported_until = _month(task.completed_date or today)
    rows = []
    for k, m in enumerate(months, start=1):
        planned = min(100.0, round(100 * k / len(months) / 5) * 5)
        actual = None
        if m <= reported_until and m <= _month(today) and task.status != Status.NOT_STARTED:
            if task.status == Status.CLOSED:
                actual = 100.0 if m == months[-1] else planned
            else:  # still open: never reported as all done
                actual = min(max(0.0, planned - lag), 90.0)
        rows.append(PlanMonth(m, planned, actual))
    progress_plan.write(task, rows)
