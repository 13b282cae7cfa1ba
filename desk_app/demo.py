"""A deterministic demo campaign built from seed 000, sized for trials and benchmarks.

Same seed and same anchor day give the same data. Bulk inserts keep 100,000 entries under a minute.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from desk_app import demo_cycle, demo_measures, demo_progress, demo_supervision
from desk_app import demo_text as T
from desk_app.db.models import (
    ActionPlanVersion,
    Campaign,
    Department,
    Meeting,
    MeetingAttendance,
    MeetingReport,
    Person,
    TaskForce,
    TaskForceMember,
    TaskForceReport,
    database,
)
from desk_app.domain import (
    DEFAULT_CHOICES,
    LEVEL_TO_LAYER,
    Attendance,
    DeadlineType,
    EntryKind,
    Layer,
    MeetingType,
    PersonLevel,
    Role,
    Status,
)
from desk_app.errors import ValidationError
from desk_app.progress import report
from desk_app.services import changelog, search, settings, undo_history
from desk_app.services.ledger import EntryInput, NewEntry, create_entries

# (EntryInput field, entry_row key): the row keeps references by model name ("department", not "department_id").
_INPUT_KEYS = tuple((f.name, f.name.removesuffix("_id")) for f in fields(EntryInput))

DEFAULT_ENTRIES = 450
HISTORY_MONTHS = 24  # months before the current one the ledger reaches back (all frozen: demo_cycle)
INDEX_INLINE_UP_TO = 20_000  # a bigger demo leaves its search index to the window's background step
SHORT_PEOPLE = 5  # people left short of 6 problems, so the check has something to show
BATCH = 500


_GROUPS = list(T.PROBLEM_BY_GROUP)
_CATEGORIES = {group: [v for g, v in DEFAULT_CHOICES["category"] if g == group] for group in _GROUPS}
# The version 4 and RFC 4122 variant bits, as uuid.UUID(int=…, version=4) sets them.
_UUID_KEEP = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_UUID_V4 = (0x8000 << 48) | (4 << 76)


@dataclass(frozen=True)
class DemoResult:
    campaign_id: int
    people: int
    task_forces: int
    meetings: int
    entries: int


def _month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


class _Builder:
    def __init__(self, seed: int, today: date):
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.start = _month_start(today, HISTORY_MONTHS)  # the ledger reaches back two years
        self.year_start = _month_start(today, 11)  # this year's 专班, 推进会 and 重点任务; older entries mostly closed
        self.uuid_rng = random.Random(seed * 7919 + 1)

    def uuid(self) -> str:
        """str(uuid.UUID(int=bits, version=4)), written out directly (the demo makes some 300,000)."""
        bits = self.uuid_rng.getrandbits(128) & _UUID_KEEP | _UUID_V4
        h = f"{bits:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def day_between(self, a: date, b: date) -> date:
        if b <= a:
            return a
        return a + timedelta(days=self.rng.randint(0, (b - a).days))

    # -- people -------------------------------------------------------------------------------
    def names(self, count: int) -> list[str]:
        seen: set[str] = set()
        out = []
        while len(out) < count:
            name = self.rng.choice(T.SURNAMES) + self.rng.choice(T.GIVEN)
            if name not in seen:
                seen.add(name)
                out.append(name)
        return out

    def build_org(self):
        depts = [Department.create(name=n, sort_order=i + 1) for i, n in enumerate(T.DEPARTMENTS)]
        names = iter(self.names(7 + 8 + len(depts) + 30))
        people: dict[str, list[Person]] = {lv.value: [] for lv in PersonLevel}
        order = 0

        def add(level, dept, title):
            nonlocal order
            order += 1
            phone = f"13{self.rng.randint(0, 9)}{self.rng.randint(10000000, 99999999)}"
            p = Person.create(name=next(names), department=dept, title=title, level=level, phone=phone,
                              sort_order=order)
            people[level].append(p)
            return p

        for title in T.LEADER_TITLES[:6]:
            add(PersonLevel.BUREAU_LEADER, depts[0], title)
        for i in range(8):
            add(PersonLevel.DIVISION, depts[1 + i % (len(depts) - 1)], "四级调研员" if i % 2 else "副处级干部")
        for dept in depts:
            add(PersonLevel.SECTION_CHIEF, dept, "主任" if dept.name.endswith(("中心", "办公室")) else "科长")
        for i in range(30):
            add(PersonLevel.STAFF, depts[i % len(depts)], self.rng.choice(["科员", "副科长", "主任科员"]))
        return depts, people

    # -- task forces --------------------------------------------------------------------------
    def build_task_forces(self, campaign, people):
        leaders = people[PersonLevel.BUREAU_LEADER]
        division = people[PersonLevel.DIVISION]
        chiefs = people[PersonLevel.SECTION_CHIEF]
        staff = people[PersonLevel.STAFF]
        forces = []
        plan_due = self.year_start + timedelta(days=30)
        for i, (name, goal) in enumerate(T.TASK_FORCES):
            tf = TaskForce.create(campaign=campaign, name=name, goal=goal, plan_due_date=plan_due,
                                  sort_order=i + 1)
            roster = [(leaders[i % len(leaders)], Role.LEAD), (division[i % len(division)], Role.CO_LEAD)]
            roster += [(c, Role.DEPT_HEAD) for c in self.rng.sample(chiefs, 2)]
            seconded = self.rng.sample(staff, 6)
            roster += [(s, Role.SECONDED) for s in seconded]
            roster.append((seconded[0], Role.LIAISON))
            TaskForceMember.insert_many([
                {"task_force": tf, "person": p, "role": r, "sort_order": n} for n, (p, r) in enumerate(roster)
            ]).execute()
            forces.append((tf, roster))
            if i != 6:  # the last one is late with its action plan: a compliance warning to show
                self.plan_versions(tf, roster, plan_due)
        return forces

    def plan_versions(self, tf, roster, due):
        members = "、".join(f"{p.name}（{r}）" for p, r in roster[:5])
        versions = 2 if tf.sort_order % 3 == 0 else 1
        for v in range(1, versions + 1):
            created = datetime.combine(due - timedelta(days=5) + timedelta(days=60 * (v - 1)), time(16, 30))
            ActionPlanVersion.create(
                task_force=tf, version=v, composition=f"{members}等{len({p.id for p, _r in roster})}人。",
                targets=f"{tf.goal}" + ("（根据上半年推进情况调整目标）" if v > 1 else ""),
                measures="一是建立周调度机制；二是对标先进地区学习；三是梳理难点堵点问题清单；四是按月报送进展。",
                safeguards="专班成员带头转作风，严格落实“13710”工作制度，对推进不力的进行提醒约谈。",
                note="修订" if v > 1 else "初稿", created_by="活动办", created_at=created)

    def monthly_reports(self, forces, months):
        rows = []
        for month in months:
            for tf, _ in forces:
                if month == months[-1] and tf.sort_order == 3:
                    continue  # one 专班 has not reported last month yet
                b = self.rng.choice(T.BUSINESS)
                rows.append({"task_force": tf, "month": month.strftime("%Y-%m"),
                             "progress": f"本月围绕{b}开展工作，" + self.rng.choice(T.PROGRESS).format(b=b),
                             "problems": f"{self.rng.choice(T.BUSINESS)}推进中部门协调难度较大。",
                             "next_steps": f"下月重点推进{self.rng.choice(T.BUSINESS)}，按期报送进展。",
                             # this month's reports were saved by now, not on the 18th still to come
                             "updated_at": datetime.combine(min(month + timedelta(days=17), self.today), time(10))})
        TaskForceReport.insert_many(rows).execute()

    # -- meetings -----------------------------------------------------------------------------
    def build_meetings(self, campaign, forces, people, months):
        leaders = people[PersonLevel.BUREAU_LEADER]
        office = [p for p in people[PersonLevel.STAFF] if p.department.name == "办公室"] or people[PersonLevel.STAFF]
        meetings = []
        counters: dict[tuple[str, int], int] = {}
        for _idx, month in enumerate(months):
            held = month.replace(day=20)
            if held >= self.today:
                held = max(month, self.today - timedelta(days=1))
            meetings.append(self.meeting(campaign, MeetingType.TASK_FORCE, held, forces, leaders[0], office[0],
                                         counters))
            if month.month in (3, 6, 9, 12):
                meetings.append(self.meeting(campaign, MeetingType.STUDY_GROUP, held - timedelta(days=6), None,
                                             leaders[0], office[0], counters))
        return meetings

    def meeting(self, campaign, mtype, held, forces, host, recorder, counters):
        key = (mtype, held.year)
        counters[key] = counters.get(key, 0) + 1
        n = counters[key]
        title = f"七大专班第{n}次推进会" if mtype == MeetingType.TASK_FORCE else f"局党组理论学习中心组第{n}次集中学习研讨"
        m = Meeting.create(campaign=campaign, meeting_type=mtype, year=held.year, number=n, title=title,
                           start_at=datetime.combine(held, time(15, 0)), place="局三楼会议室", host=host,
                           recorder=recorder, contact=f"{recorder.name} {recorder.phone}",
                           issue_no=n if mtype == MeetingType.TASK_FORCE else None,
                           agenda="一、上次议定事项落实情况\n二、各专班汇报本月工作进展\n三、研究解决难点问题\n四、局领导讲话")
        attendees: list[Person] = []
        if forces:
            for _tf, roster in forces:
                for p, role in roster:
                    if role in (Role.LEAD, Role.CO_LEAD, Role.LIAISON) and p not in attendees:
                        attendees.append(p)
        else:
            attendees = list(Person.select().where(Person.level == PersonLevel.BUREAU_LEADER))
        rows = []
        for i, p in enumerate(attendees):
            roll = self.rng.random()
            status, reason = Attendance.PRESENT, ""
            if roll < 0.08:
                status, reason = Attendance.LEAVE, self.rng.choice(T.LEAVE_REASONS)
            elif roll < 0.10:
                status = Attendance.ABSENT
            rows.append({"meeting": m, "person": p, "name": p.name, "unit": p.department.name, "title": p.title,
                         "status": status, "reason": reason, "sort_order": i})
        rows.append({"meeting": m, "person": None, "name": recorder.name, "unit": "办公室", "title": "记录",
                     "status": Attendance.OBSERVER, "reason": "", "sort_order": len(rows)})
        MeetingAttendance.insert_many(rows).execute()
        if forces:
            month = held.strftime("%Y-%m")
            for tf, _ in forces:
                rep = TaskForceReport.get_or_none(task_force=tf, month=month)
                if rep:
                    MeetingReport.create(meeting=m, task_force=tf, progress=rep.progress, problems=rep.problems,
                                         next_steps=rep.next_steps, sort_order=tf.sort_order)
            m.minutes = (f"{held.year}年{held.month}月{held.day}日，{host.name}同志主持召开{title}。会议听取了七大专班"
                         "本月工作进展汇报，研究了推进中的难点堵点问题。会议指出，各专班要对照行动方案，"
                         "抓创新、抓推进、抓落实、抓实效。会议议定如下事项：")
        else:
            m.minutes = f"{held.year}年{held.month}月{held.day}日，局党组理论学习中心组开展集中学习研讨。"
        m.save()
        return m

    # -- ledger -------------------------------------------------------------------------------
    def text(self, pool, b):
        return self.rng.choice(pool).format(b=b)

    def entry_row(self, campaign, kind, *, layer="", owner=None, dept=None, responsible=None, leader=None,
                  task_force=None, meeting=None, decision_no=None, description=None, found=None):
        rng = self.rng
        b = rng.choice(T.BUSINESS)
        group = rng.choice(_GROUPS)
        categories = _CATEGORIES[group]
        found = found or self.day_between(self.start, self.today - timedelta(days=3))
        deadline_type = DeadlineType.DATE
        roll = rng.random()
        if kind == EntryKind.RECTIFICATION and roll < 0.06:
            deadline_type = DeadlineType.LONG_TERM
        elif kind == EntryKind.RECTIFICATION and roll < 0.12:
            deadline_type = DeadlineType.IMMEDIATE
        deadline = found + timedelta(days=rng.choice([7, 15, 30, 45, 60, 90, 120, 180]))
        # Status by how far along the entry is; some stay open past their deadline (逾期).
        status_roll = rng.random()
        completed = closed = None
        if deadline_type == DeadlineType.LONG_TERM:
            status = Status.ONGOING if status_roll < 0.6 else Status.IN_PROGRESS
        elif deadline < self.today and status_roll < (0.95 if found < self.year_start else 0.80) or status_roll < 0.25:
            status = Status.CLOSED
            completed = self.day_between(found, min(deadline + timedelta(days=rng.choice([0, 0, 0, 5])),
                                                    self.today - timedelta(days=1)))
            closed = min(completed + timedelta(days=rng.randint(0, 6)), self.today)
        elif status_roll < 0.88:
            status = Status.IN_PROGRESS
        elif status_roll < 0.94:
            status = Status.PENDING_CLOSE
            completed = self.day_between(found, self.today)
        else:
            status = Status.NOT_STARTED
        now = datetime.combine(found, time(9, 0))
        return {
            "uuid": self.uuid(), "campaign": campaign.id, "kind": kind, "layer": layer,
            "owner": owner, "category": rng.choice(categories) if kind == EntryKind.RECTIFICATION else "",
            "source": rng.choice(["自查", "互查", "征求意见建议", "明查暗访", "作风指数评价", "上级督查"])
            if kind == EntryKind.RECTIFICATION else ("推进会议定" if kind == EntryKind.DECISION else "上级督查"),
            "description": description or self.text(T.PROBLEM_BY_GROUP[group], b) + "。",
            "cause": rng.choice(T.CAUSES) + "。" if kind == EntryKind.RECTIFICATION else "",
            "target": self.text(T.TARGETS, b) + "。", "measures": self.text(T.MEASURES, b),
            "standard": self.text(T.STANDARDS, b) + "。", "leader": leader, "department": dept,
            "co_departments": "", "responsible": responsible, "task_force": task_force, "meeting": meeting,
            "decision_no": decision_no, "found_date": found, "deadline_type": deadline_type,
            "deadline": None if deadline_type == DeadlineType.LONG_TERM else deadline,
            "rectify_mode": {DeadlineType.IMMEDIATE: "立行立改", DeadlineType.LONG_TERM: "长期坚持"}.get(
                deadline_type, "限期整改"),
            "schedule": "", "status": status, "completed_date": completed,
            "completion_summary": "已按整改措施全部完成，相关制度已印发。" if completed else "",
            "closed_date": closed, "reviewer": None, "note": "", "source_unit": "", "created_at": now,
            "updated_at": now, "deleted_at": None,
        }


def build_demo(*, entries: int = DEFAULT_ENTRIES, seed: int = 1, today: date | None = None,
               progress=None, index: bool = True) -> DemoResult:
    """Fill an empty database with the demo campaign, in one transaction; then (index=True) index it for
    search, in the search's own batches (index=False leaves the queue to the caller or the window's
    background step; searches find queued entries meanwhile).

    progress(done, total, text="") follows desk_app.progress: False cancels (nothing stays behind).
    """
    from desk_app.services import context  # noqa: PLC0415

    today = today or context.today()
    if Campaign.select().exists():
        raise ValidationError("数据文件夹中已经有数据，演示数据只能生成到空的数据文件夹。"
                              "请用 --data-dir 指定一个新文件夹。")
    if entries < 0:
        raise ValidationError("条目数不能为负数", "entries")
    b = _Builder(seed, today)
    with database.atomic():  # all or nothing: a failed run leaves the folder empty
        result = _build(b, seed, today, entries, stage(progress, 0, 80 if index else 100))
    if index:  # so that the first search finds everything at once
        search.sync(stage(progress, 80, 100))
    report(progress, 100, 100, "")
    return result


def _build(b: _Builder, seed: int, today: date, entries: int, progress) -> DemoResult:
    campaign = Campaign.create(name=f"{today.year}年观念能力作风建设年（演示）", year=today.year,
                               start_date=b.year_start, end_date=_month_start(today, -1) - timedelta(days=1),
                               is_current=True, note="由 desk-app demo 生成的演示数据")
    depts, people = b.build_org()
    forces = b.build_task_forces(campaign, people)
    months = [_month_start(today, k) for k in range(11, -1, -1)]
    b.monthly_reports(forces, months)
    meetings = b.build_meetings(campaign, forces, people, months)
    fresh = min(entries, len(demo_supervision.MATTERS))  # 督办 matters handed over lately, on the 13710 clock
    total = _build_entries(b, campaign, depts, people, forces, meetings, entries - fresh, progress)
    clerk = meetings[0].recorder
    settings.save_report_header(settings.ReportHeader(
        unit="市财政局“观念能力作风建设年”活动办公室", filled_by=clerk.name,
        reviewed_by=people[PersonLevel.BUREAU_LEADER][1].name, phone=clerk.phone))
    changelog.record("campaign", campaign.id, "create", "demo", None, f"演示数据：seed={seed}，{total} 条台账")
    demo_cycle.build(campaign.id, today, seed)  # scored rounds, 制度清单 and 晋位升级目标
    total += demo_supervision.build(campaign.id, today, seed, fresh)  # with their nodes and 催办
    report(progress, 100, 100, "正在保存")
    undo_history.irreversible("生成演示数据")
    return DemoResult(campaign.id, Person.select().count(), len(forces), len(meetings), total)


def _build_entries(b: _Builder, campaign, depts, people, forces, meetings, wanted, progress) -> int:
    rng = b.rng
    leaders = people[PersonLevel.BUREAU_LEADER]
    rows: list[dict] = []
    # 议定事项 from the 推进会 (two or three per meeting).
    for m in meetings:
        if m.meeting_type != MeetingType.TASK_FORCE:
            continue
        for n in range(1, rng.choice([2, 3]) + 1):
            tf, roster = rng.choice(forces)
            d = rng.choice(depts)
            text = rng.choice(T.DECISIONS).format(tf=tf.name, d=d.name, b=rng.choice(T.BUSINESS))
            rows.append(b.entry_row(campaign, EntryKind.DECISION, dept=d.id,
                                    responsible=roster[2][0].id, leader=roster[0][0].id, task_force=tf.id,
                                    meeting=m.id, decision_no=n, description=text + "。",
                                    found=m.start_at.date()))
    # 重点任务分工台账 (seed 003) and a few 督办事项.
    for task in T.KEY_TASKS:
        tf, roster = rng.choice(forces)
        d = rng.choice(depts)
        row = b.entry_row(campaign, EntryKind.KEY_TASK, dept=d.id, leader=roster[0][0].id,
                          responsible=roster[2][0].id, task_force=tf.id, description=task + "。",
                          found=b.year_start + timedelta(days=rng.randint(0, 20)))
        row["co_departments"] = "、".join(x.name for x in rng.sample(depts, 2))
        row["schedule"] = "1季度完成方案制定；2季度全面推进；3季度中期评估；4季度总结验收。"
        rows.append(row)
    for _ in range(8):
        d = rng.choice(depts)
        chief = [p for p in people[PersonLevel.SECTION_CHIEF] if p.department_id == d.id][0]
        rows.append(b.entry_row(campaign, EntryKind.SUPERVISION, dept=d.id,
                                responsible=chief.id, leader=rng.choice(leaders).id))
    # The team's own list, then every person's list (at least 6 each, but for a few).
    for _ in range(8):
        d = rng.choice(depts)
        rows.append(b.entry_row(campaign, EntryKind.RECTIFICATION,
                                layer=Layer.TEAM, dept=d.id, leader=leaders[0].id, responsible=leaders[0].id))
    everyone = [p for level in PersonLevel for p in people[level]]
    short = set(p.id for p in rng.sample(everyone, SHORT_PEOPLE))
    remaining = max(0, wanted - len(rows))
    quota = {p.id: 0 for p in everyone}
    # Round-robin so a small --entries still spreads over people; short people stop at 3.
    while remaining > 0:
        progressed = False
        for p in everyone:
            if remaining == 0:
                break
            if p.id in short and quota[p.id] >= 3:
                continue
            quota[p.id] += 1
            remaining -= 1
            progressed = True
        if not progressed:
            break
    personal = []
    for p in everyone:
        layer = LEVEL_TO_LAYER[PersonLevel(p.level)]
        lead = p if p.level == PersonLevel.BUREAU_LEADER else rng.choice(leaders)
        for _ in range(quota[p.id]):
            personal.append((p, layer, lead))
    rows = rows[:wanted] if wanted < len(rows) else rows
    total = len(rows) + len(personal)
    reviewer = people[PersonLevel.BUREAU_LEADER][0].id
    items = [_new_entry(row, reviewer) for row in rows]
    for p, layer, lead in personal:
        row = b.entry_row(campaign, EntryKind.RECTIFICATION, layer=layer, owner=p.id, dept=p.department_id,
                          responsible=p.id, leader=lead.id)
        items.append(_new_entry(row, reviewer))
    # Numbered, logged and checked like every other entry; indexed for search once, at the very end.
    create_entries(campaign.id, items, progress=stage(progress, 0, 85), index_now=False)
    demo_progress.add_progress_updates(b, campaign)
    demo_measures.build(campaign.id, b.today, b.seed)  # 重点任务: measures and monthly plans (issue 15)
    report(progress, 95, 100, "正在写入整改进展")
    return total


def stage(progress, start: int, end: int):
    """One stage of the demo as a share of the whole (0–100), for one progress bar."""
    if progress is None:
        return None

    def scaled(done, total, text=""):
        share = start + (end - start) * done // max(total, 1)
        return progress(share, 100, text)

    return scaled


def _new_entry(row: dict, reviewer_id: int) -> NewEntry:
    data = EntryInput(**{name: row[key] for name, key in _INPUT_KEYS if key in row})
    return NewEntry(data, status=row["status"], completed_date=row["completed_date"],
                    closed_date=row["closed_date"], completion_summary=row["completion_summary"],
                    reviewer_id=reviewer_id if row["status"] == Status.CLOSED else None,
                    meeting_id=row["meeting"], decision_no=row["decision_no"], uuid=row["uuid"],
                    created_at=row["created_at"], updated_at=row["updated_at"])
