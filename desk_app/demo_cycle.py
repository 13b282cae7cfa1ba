"""The demo's monthly and quarterly cycle (issue 19b), so every new page has something to show:

- build() — called at the end of the demo build (desk_app.demo), inside its transaction: four scored
  rounds of 作风指数评价 (with the 提醒约谈 they call for, the older ones held and recorded), two of
  财政大讲堂, the 制度清单 of seed 003 (16 areas, 53 rules) and one or two 晋位升级目标 per section;
- freeze_history() — called after it by `desk-app demo` and the window's 用演示数据试用: every past month
  of the campaign frozen as it stood on its report day. Kept out of build() so that the demo tests
  build on (and 封账's own tests, which freeze months of it) start from an unfrozen ledger, and stay fast.

Deterministic for a seed and an anchor day.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from peewee import fn

from desk_app.db.models import Campaign, Department, LedgerEntry, Person, database
from desk_app.db.versioned import bump_sql
from desk_app.domain import PersonLevel
from desk_app.services import context, month_freeze, rankings, rankings_rules, registers
from desk_app.services.rankings import ScoreInput
from desk_app.services.rankings_periods import previous_quarter, quarter_end, quarter_of

SCORED = ["预算科", "国库科", "经济建设科", "农业农村科", "社会保障科", "教科文科", "债务管理科", "资产管理科",
          "政府采购监督管理科", "会计监督科", "财政投资评审中心"]
WEAK = {"资产管理科": 79.0, "会计监督科": 80.5}  # kept low, so the 约谈 rule has cases to show
ITEMS = ("服务态度", "办事效率", "廉洁自律", "群众满意度")
SCORER = "华信社会调查咨询有限公司"
OUTCOMES = ["已进行提醒约谈，指出服务对象反映的办件慢、答复不及时等问题，要求一个月内报送整改报告。",
            "约谈中该科室主要负责人作了表态发言，承诺建立限时办结台账，活动办将跟踪下一轮评价结果。"]

# Seed 003: "对全厅党的建设、作风建设 … 信息化建设等16个方面53项工作制度（办法）进行全面梳理、修订、完善".
RULES = {
    "党的建设": ["党组工作规则", "党组理论学习中心组学习制度", "党支部“三会一课”实施细则", "党员发展工作细则"],
    "作风建设": ["机关作风建设若干规定", "首问负责制", "限时办结制", "一次性告知制度", "服务承诺制"],
    "党务及政务信息": ["政务信息报送办法", "党务公开实施细则", "信息报送考核办法"],
    "公文处理": ["公文处理实施细则", "公文审核把关办法", "退文管理制度", "公文质效考核办法"],
    "督查督办": ["督查督办工作办法", "“13710”工作制度实施细则", "领导批示件办理规定", "文件办结率通报制度"],
    "会议管理": ["会议管理办法", "精文减会实施细则", "视频会议管理规定"],
    "信息宣传": ["信息宣传工作管理办法", "政务新媒体管理办法", "新闻发布工作规定"],
    "信访管理": ["信访工作规则", "来信来访办理流程"],
    "保密管理": ["保密工作管理制度", "涉密文件管理办法", "计算机及网络保密管理规定", "保密自查制度"],
    "法律事务": ["法律顾问工作规则", "行政规范性文件合法性审核办法", "行政复议应诉工作规定"],
    "干部管理": ["干部选拔任用工作规程", "平时考核工作方案", "年度考核实施方案", "干部请休假管理规定"],
    "财务管理": ["机关财务管理办法", "公务接待管理规定", "差旅费管理细则", "政府采购内部控制规程"],
    "信息化建设": ["信息化项目建设管理办法", "OA系统使用管理规定", "网络安全管理制度"],
    "档案管理": ["档案管理办法", "电子文件归档办法"],
    "政务公开": ["政务公开工作规定", "依申请公开办理规程"],
    "安全管理": ["机关安全管理制度", "应急值守工作制度", "公务用车管理规定"],
}

TARGETS = {
    "办公室": [("公文处理质效考核进入全市前三", "全市第一", "建立核文摘要月报制度，退文率降到2%以下")],
    "人事科": [("平时考核工作经验在全市推广", "先进地区", "对标先进地区完善平时考核指标体系")],
    "预算科": [("预算绩效管理考核进入全省前十", "全省前列", "全面推行事前绩效评估，绩效目标覆盖率100%"),
              ("预算编制时间压缩三分之一", "对口单位", "学习对口单位“零基预算”编制流程")],
    "国库科": [("国库集中支付电子化覆盖率达到100%", "全省前列", "推进电子凭证库建设，无纸化支付全覆盖")],
    "综合科": [("财政运行分析报告获市领导批示3篇以上", "对口单位", "按月编报财政运行分析")],
    "经济建设科": [("政府投资项目资金拨付平均用时缩短至5个工作日", "先进地区", "建立项目资金拨付限时办结台账")],
    "农业农村科": [("衔接推进乡村振兴资金支出进度全省前列", "全省前列", "按旬调度资金支出进度"),
                  ("涉农资金统筹整合试点获省厅推广", "先进地区", "对标先进地区整合涉农资金清单")],
    "社会保障科": [("社保基金预算编报质量评比全省第一方阵", "全省前列", "开展社保基金预算编报专项培训")],
    "教科文科": [("教育经费“两个只增不减”考核达标并位次前移", "全市第一", "逐校核实教育经费执行情况")],
    "行政政法科": [("部门预算执行进度全市前三", "全市第一", "按月通报部门预算执行进度")],
    "债务管理科": [("专项债券项目储备数量和质量全省前十", "全省前列", "建立项目储备库分级审核机制"),
                  ("隐性债务化解任务提前完成", "对口单位", "逐笔制定化债方案，按季调度")],
    "资产管理科": [("行政事业性国有资产报告质量评比获优秀", "先进地区", "开展资产清查“回头看”")],
    "政府采购监督管理科": [("政府采购营商环境评价进入全省第一方阵", "全省前列", "全面推行远程开标和不见面开标")],
    "会计监督科": [("会计监督检查发现问题整改率100%", "对口单位", "建立检查问题整改销号台账")],
    "金融科": [("政府性融资担保放大倍数达到全省平均以上", "全省前列", "完善担保代偿补偿机制")],
    "财政投资评审中心": [("评审项目平均审减率和时效双提升", "先进地区", "推行评审报告限时出具制度")],
}


def _people_by_department() -> dict[str, list[Person]]:
    out: dict[str, list[Person]] = {}
    for p in Person.select(Person, Department).join(Department).order_by(Person.sort_order, Person.id):
        out.setdefault(p.department.name, []).append(p)
    return out


def _chief(people: list[Person]) -> Person | None:
    return next((p for p in people if p.level == PersonLevel.SECTION_CHIEF), people[0] if people else None)


def _last_quarters(today: date, count: int) -> list[str]:
    q = quarter_of(f"{today.year:04d}-{today.month:02d}")
    q = previous_quarter(q)  # the current quarter is not yet scored
    found = [q]
    while len(found) < count:
        found.append(previous_quarter(found[-1]))
    return list(reversed(found))


def _round_scores(rng: random.Random, base: dict[str, float]) -> list[ScoreInput]:
    out = []
    for name, level in base.items():
        total = round(min(99.0, max(60.0, level + rng.uniform(-2.5, 2.5))), 2)
        parts = [round(total / 4 + rng.uniform(-1.2, 1.2), 2) for _ in ITEMS[:-1]]
        parts.append(round(total - sum(parts), 2))
        out.append(ScoreInput(name, total, dict(zip(ITEMS, parts, strict=True))))
    return out


def _rankings(rng: random.Random, today: date, people: dict[str, list[Person]], leader: Person | None) -> None:
    kind = rankings.kind_by_name("作风指数评价")
    present = [d for d in SCORED if d in people]
    base = {d: WEAK.get(d, rng.uniform(84.0, 94.0)) for d in present}
    for period in _last_quarters(today, 4):
        end = quarter_end(period)
        r = rankings.create_round(kind.id, period, scorer=SCORER, scored_on=end - timedelta(days=6),
                                  published_on=min(end + timedelta(days=8), today))
        rankings.set_scores(r.id, _round_scores(rng, base))
    latest = rankings.list_rounds(kind.id)[-1]
    held: dict[str, int] = {}
    for row in reversed(rankings_rules.interviews(kind.id)):  # oldest first; the latest round's are still to do
        if row.round_id == latest.id:
            continue
        n = held.setdefault(row.period, 0)
        held[row.period] += 1
        chief = _chief(people.get(row.subject, []))
        day = min(quarter_end(row.period) + timedelta(days=18 + n), today)
        rankings_rules.record_interview(row.round_id, row.subject, planned_on=day, held_on=day,
                                        interviewer=leader.name if leader else "",
                                        attendees=chief.name if chief else "", outcome=OUTCOMES[n % 2])
    lecture = rankings.kind_by_name("财政大讲堂")
    speakers = [d for d in people if d not in ("机关党委",)][:9]
    level = {d: rng.uniform(82.0, 95.0) for d in speakers}
    for period in _last_quarters(today, 2):
        r = rankings.create_round(lecture.id, period, scorer="听课人员", scored_on=quarter_end(period) - timedelta(days=3))
        rankings.set_scores(r.id, [ScoreInput(s.subject, s.score) for s in _round_scores(rng, level)])


def _registers(rng: random.Random, campaign_id: int, today: date, people: dict[str, list[Person]]) -> None:
    departments = {d.name: d.id for d in Department.select()}
    owners = ["办公室", "机关党委", "人事科", "办公室", "办公室", "办公室", "办公室", "办公室", "办公室", "办公室", "人事科",
              "办公室", "办公室", "办公室", "办公室", "办公室"]
    owners_by_area = dict(zip(RULES, owners, strict=True))
    owners_by_area.update({"财务管理": "预算科", "法律事务": "综合科", "信息化建设": "国库科"})
    number = 0
    start = date(today.year, 1, 1)
    rules = []
    for area, names in RULES.items():
        dept = owners_by_area[area] if owners_by_area[area] in departments else next(iter(departments))
        for name in names:
            number += 1
            roll = rng.random()
            action = "新制定" if roll < 0.15 else ("废止" if roll < 0.2 else "修订")
            due = start + timedelta(days=rng.randint(60, 240))
            status = "已废止" if action == "废止" else ("已印发" if roll < 0.8 else rng.choice(["修订中", "待印发"]))
            done = min(due - timedelta(days=rng.randint(0, 20)), today) if status in ("已印发", "已废止") else None
            chief = _chief(people.get(dept, []))
            rules.append(dict(area=area, title=f"《{name}》", action=action, department_id=departments[dept],
                              owner_id=chief.id if chief else None, status=status,
                              start_on=start + timedelta(days=rng.randint(10, 40)), due_on=due, done_on=done,
                              doc_number=f"财办发〔{today.year}〕{number}号" if status == "已印发" else ""))
    registers.create_items(campaign_id, registers.RULES, rules)
    targets = []
    for dept, wanted in TARGETS.items():
        if dept not in departments:
            continue
        chief = _chief(people.get(dept, []))
        for title, benchmark, measures in wanted:
            due = date(today.year, 12, 31)
            status = rng.choice(["推进中", "推进中", "已实现"])
            targets.append(dict(title=title, area=benchmark, content=measures,
                                action=rng.choice(["晋位", "升级", "争先"]), department_id=departments[dept],
                                owner_id=chief.id if chief else None, status=status, start_on=date(today.year, 2, 20),
                                due_on=due, done_on=today - timedelta(days=rng.randint(5, 60))
                                if status == "已实现" else None))
    registers.create_items(campaign_id, registers.TARGETS, targets)


def _months_to_freeze(campaign_id: int, today: date) -> list[str]:
    """Every month of the campaign's ledger whose report day has passed (the current month is still open):
    from the campaign's start, or from the first entry found before it (the demo's ledger reaches back two
    years, into the year before this year's campaign)."""
    campaign = Campaign.get_by_id(campaign_id)
    start = campaign.start_date or date(campaign.year, 1, 1)
    first_found = LedgerEntry.select(fn.MIN(LedgerEntry.found_date)).where(LedgerEntry.campaign == campaign_id).scalar()
    if first_found:
        start = min(start, date.fromisoformat(str(first_found)[:10]))
    months, year, mon = [], start.year, start.month
    while True:
        month = f"{year:04d}-{mon:02d}"
        if month_freeze.report_day_of(month) > today:
            return months
        months.append(month)
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)


def _as_of(row: tuple, day: date) -> tuple:
    """(status, completed_date, closed_date) of an entry on a past report day, from its dates: closed by
    then → as now; completed by then → 申请销号; else 推进中 once three weeks old. 长期坚持 and 未启动 stay."""
    _id, status, found, completed, closed = row
    if closed is not None and closed <= day:
        return status, completed, closed
    if status in ("长期坚持", "未启动"):
        return status, None, None
    if completed is not None and completed <= day:
        return "申请销号", completed, None
    return ("推进中" if found is None or found + timedelta(days=21) <= day else "未启动"), None, None


def freeze_history(campaign_id: int, today: date | None = None, progress=None) -> list[str]:
    """Freeze each past month through month_freeze, with the entries set back to how they stood on its
    report day (and put back after), so the trend, the ↑↓ and the 连续两月逾期 look like a real year.
    All or nothing; returns the months frozen."""
    today = today or context.today()
    with database.atomic():
        return _frozen_months(campaign_id, today, progress)


def _frozen_months(campaign_id: int, today: date, progress=None) -> list[str]:
    rows = [(i, s, f, c, d) for i, s, f, c, d in LedgerEntry.select(
        LedgerEntry.id, LedgerEntry.status, LedgerEntry.found_date, LedgerEntry.completed_date,
        LedgerEntry.closed_date).where(LedgerEntry.campaign == campaign_id).tuples()]
    now = {row[0]: row[1:2] + row[3:] for row in rows}
    shown = dict(now)
    conn = database.cursor()  # executemany on either engine
    sql = ('UPDATE "ledger_entry" SET "status" = ?, "completed_date" = ?, "closed_date" = ?, '
           f'{bump_sql()} WHERE "id" = ?')
    months = _months_to_freeze(campaign_id, today)
    for n, month in enumerate(months):
        if progress is not None:
            progress(n, len(months), f"正在封账演示月份 {month}")
        day = month_freeze.report_day_of(month)
        wanted = {row[0]: _as_of(row, day) for row in rows if row[2] is None or row[2] <= day}
        changed = [(*state, entry_id) for entry_id, state in wanted.items() if shown[entry_id] != state]
        conn.executemany(sql, changed)
        shown.update(wanted)
        with context.today_in_this_thread(day):  # frozen on its report day, as a clerk would have
            month_freeze.freeze_month(campaign_id, month, report_day=day)
    conn.executemany(sql, [(*state, entry_id) for entry_id, state in now.items() if shown[entry_id] != state])
    return months


def build(campaign_id: int, today: date, seed: int = 1) -> None:
    rng = random.Random(seed * 7907 + 19)
    people = _people_by_department()
    leader = Person.select().where(Person.level == PersonLevel.BUREAU_LEADER).order_by(Person.sort_order,
                                                                                      Person.id).first()
    _rankings(rng, today, people, leader)
    _registers(rng, campaign_id, today, people)
