"""The 13710 clock of a 督办 matter: its nodes (接办, 反馈, 办结 …) due in working days from 交办日期, when
each was met, its light, and the escalation (蓝色 → 黄色 → 红色督办) a matter reaches as it misses them.

Due dates are computed (rule set × 交办日期 × the working calendar), never stored: a holiday the clerk adds
later moves them at once. What is stored is the clerk's: the rule set an entry follows, with a copy of its
nodes (supervision_plan), and the day each node was met (supervision_node).

One rule decides whether a matter is late, for every view and paper (13710: each matter is tracked until
销号清零): the last node (办结) is met only when the entry itself is done — 申请销号 (its 完成日期) or later.
A 办结 day the clerk enters while the entry is still 未启动/推进中 is the unit's report: it is shown
("已报办结，待申请销号") and the tab leads on to 申请销号, but the clock keeps counting until then, as the
ledger's 逾期 does. `situation()` words that verdict for the tab, the 督办单 and the 催办单.

One date decides when the matter is due, for the clock and the ledger alike: the entry's 整改时限. The 交办
gives a matter its 办结时限 (13710: 7 working days for an ordinary matter, a month for a major one, unless the
交办 says otherwise), the clerk enters it as the 整改时限, and the ledger's 逾期 (its colouring, the 逾期 filter,
stats and 通报, ledger_filter.is_overdue / overdue_condition) counts from it. So the 办结 node is due on the
entry's dated 整改时限 when it has one; the rule's working days give the date only to a matter without one.
Earlier nodes (接办, 反馈) keep the rule's dates, never later than that 时限.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desk_app.db.models import LedgerEntry, SupervisionNode, SupervisionPlan, database
from desk_app.domain import DATED_DEADLINES, DONE_STATUSES, OPEN_STATUSES, Light
from desk_app.errors import NotFoundError, ValidationError, WorkflowError

from . import changelog, context, work_calendar
from .supervision_rules import EscalationLevel, NodeRule, SupervisionRules, load_rules, nodes_from_json


class NodeState(StrEnum):
    PENDING = "未到期"
    DUE_TODAY = "今日到期"
    MISSED = "已逾期"
    DONE = "按时完成"
    DONE_LATE = "逾期完成"
    SKIPPED = "未登记"  # not entered, but the matter moved past it (a later node met, or closed)


NODE_LIGHTS = {NodeState.PENDING: Light.GREEN, NodeState.DUE_TODAY: Light.YELLOW, NodeState.MISSED: Light.RED,
               NodeState.DONE: Light.GREEN, NodeState.DONE_LATE: Light.YELLOW, NodeState.SKIPPED: Light.GREY}
MISSED_STATES = (NodeState.MISSED, NodeState.DONE_LATE)


@dataclass(frozen=True)
class NodeStatus:
    seq: int
    name: str
    rule: str  # "3个工作日内"
    due: date
    done: date | None
    done_from_entry: bool  # the 办结 node met on the entry's 完成日期 (nothing entered for it)
    state: NodeState
    late_workdays: int  # working days past due (done late, or still open)
    note: str = ""
    reported: date | None = None  # 办结 entered while the entry is still open: not met until 申请销号
    estimated: bool = False  # due in a year the working calendar has no holiday data for (周一至周五估算)

    @property
    def light(self) -> Light:
        return NODE_LIGHTS[self.state]


@dataclass(frozen=True)
class EntryClock:
    entry_id: int
    code: str
    rule_name: str
    assigned_date: date
    nodes: tuple[NodeStatus, ...]
    closed: bool
    missed: int  # nodes missed (still open past due, or met late)
    late_workdays: int  # how late the oldest open missed node is
    level: EscalationLevel | None  # None: not escalated (or closed)
    status: str = ""

    @property
    def level_name(self) -> str:
        return self.level.name if self.level else ""

    @property
    def awaiting_close(self) -> bool:
        """办结 reported on the tab, but the entry not yet put forward for 销号."""
        return self.nodes[-1].reported is not None if self.nodes else False

    @property
    def estimated(self) -> tuple[NodeStatus, ...]:
        """Open nodes whose due date is counted Monday to Friday (no holiday data for that year)."""
        return tuple(n for n in self.nodes if n.estimated and n.done is None)


@dataclass(frozen=True)
class _EntryRow:
    id: int
    code: str
    kind: str
    status: str
    assigned_date: date | None
    completed_date: date | None
    closed_date: date | None
    deadline_type: str = ""
    deadline: date | None = None

    @property
    def time_limit(self) -> date | None:
        """The entry's dated 整改时限: the day the ledger's 逾期 counts from (None: 长期坚持 or not set)."""
        return self.deadline if self.deadline is not None and self.deadline_type in DATED_DEADLINES else None


def _as_date(value):
    return date.fromisoformat(value) if isinstance(value, str) and value else value


def compute_clock(row: _EntryRow, rule_name: str, nodes: tuple[NodeRule, ...], done: dict[int, tuple],
                  rules: SupervisionRules, cal: work_calendar.WorkCalendar, today: date) -> EntryClock:
    """The clock of one entry (pure: everything it needs is passed in)."""
    closed = row.status in DONE_STATUSES
    still_open = row.status in OPEN_STATUSES
    finished = None if still_open else row.completed_date or (row.closed_date if closed else None)
    dues = [n.due(row.assigned_date, cal) for n in nodes]
    limit = row.time_limit  # the one due date the ledger's 逾期 uses too (see the module's docstring)
    if limit is not None and dues:
        dues = [min(due, limit) for due in dues[:-1]] + [limit]
    met: list[tuple[date | None, bool, str]] = []
    for seq, _rule in enumerate(nodes, start=1):
        day, note = done.get(seq, (None, ""))
        from_entry = day is None and seq == len(nodes) and finished is not None
        met.append((finished if from_entry else day, from_entry, note))
    statuses = []
    for index, (rule, due) in enumerate(zip(nodes, dues, strict=True)):
        day, from_entry, note = met[index]
        reported = None
        if still_open and index == len(nodes) - 1 and day is not None:
            reported, day = day, None  # the unit's 办结, not met until the entry goes to 申请销号
        later_met = any(m[0] is not None for m in met[index + 1:])
        if day is not None:
            state = NodeState.DONE if day <= due else NodeState.DONE_LATE
            late = cal.workdays_between(due, day)
        elif closed or later_met:
            state, late = NodeState.SKIPPED, 0
        elif due < today:
            state, late = NodeState.MISSED, cal.workdays_between(due, today)
        else:
            state, late = (NodeState.DUE_TODAY if due == today else NodeState.PENDING), 0
        from_limit = limit is not None and due == limit
        statuses.append(NodeStatus(index + 1, rule.name, "按整改时限" if from_limit and index == len(nodes) - 1
                                   else rule.describe(), due, day, from_entry, state, late, note,
                                   reported, not from_limit and not cal.is_known(due)))
    missed = sum(1 for s in statuses if s.state in MISSED_STATES)
    late_open = max((s.late_workdays for s in statuses if s.state == NodeState.MISSED), default=0)
    level = None if closed else rules.level_for(missed, late_open)
    return EntryClock(row.id, row.code, rule_name, row.assigned_date, tuple(statuses), closed, missed, late_open, level,
                      row.status)


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def estimate_note(nodes: Iterable[NodeStatus]) -> str:
    """The words every view and paper puts by a due date counted without holiday data."""
    years = sorted({n.due.year for n in nodes if n.estimated})
    if not years:
        return ""
    shown = "、".join(str(y) for y in years)
    return f"按周一至周五估算，{shown}年放假安排未录入"


def situation(c: EntryClock) -> str:
    """The one verdict on the matter's time, in words (督办 tab, 督办单 时限情况, 催办单 逾期情况)."""
    if c.closed:
        return f"已{c.status or '销号'}，督办结束。"
    if not c.nodes:
        return "没有办理节点。"
    last = c.nodes[-1]
    if c.status and c.status not in OPEN_STATUSES:  # 申请销号: the clock stopped on the entry's 完成日期
        done = f"，{_cn(last.done)}办结" if last.done else ""
        return f"已{c.status}{done}，待审核。"
    late = [n for n in c.nodes if n.state == NodeState.MISSED]
    parts = [f"“{n.name}”应于{_cn(n.due)}前完成，已逾期 {n.late_workdays} 个工作日" for n in late]
    if not late:
        due = next((n for n in c.nodes if n.state in (NodeState.PENDING, NodeState.DUE_TODAY)), None)
        parts.append(f"尚无逾期节点；“{due.name}”应于{_cn(due.due)}前完成" if due else "尚无逾期节点")
    if last.reported is not None:
        parts.append(f"责任单位报{_cn(last.reported)}已办结，尚未申请销号，请提交完成情况和佐证材料申请销号")
    text = "；".join(parts) + "。"
    note = estimate_note(c.estimated)
    return f"{text}（时限{note}。）" if note else text


# -- reading ---------------------------------------------------------------------------------------
def on_clock(kind: str, rules: SupervisionRules | None = None) -> bool:
    return kind in (rules or load_rules()).kinds


def _plans(entry_ids: list[int]) -> dict[int, tuple[str, str]]:
    plans: dict[int, tuple[str, str]] = {}
    for start in range(0, len(entry_ids), 900):
        chunk = entry_ids[start:start + 900]
        plans.update((e, (name, nodes)) for e, name, nodes in SupervisionPlan.select(
            SupervisionPlan.entry, SupervisionPlan.rule_name, SupervisionPlan.nodes)
            .where(SupervisionPlan.entry.in_(chunk)).tuples())
    return plans


def _done(entry_ids: list[int]) -> dict[int, dict[int, tuple]]:
    done: dict[int, dict[int, tuple]] = {}
    for start in range(0, len(entry_ids), 900):
        chunk = entry_ids[start:start + 900]
        for e, seq, day, note in (SupervisionNode.select(SupervisionNode.entry, SupervisionNode.seq,
                                                         SupervisionNode.done_date, SupervisionNode.note)
                                  .where(SupervisionNode.entry.in_(chunk)).tuples()):
            done.setdefault(e, {})[seq] = (_as_date(day), note)
    return done


def _rule_of(plan: tuple[str, str] | None, rules: SupervisionRules) -> tuple[str, tuple[NodeRule, ...]]:
    if plan is None:
        return rules.default.name, rules.default.nodes
    name, nodes = plan
    if nodes:
        try:
            return name, nodes_from_json(json.loads(nodes))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged copy: the rule set of that name as it is now
    current = rules.rule_set(name) or rules.default
    return name, current.nodes


def _clocks(rows: list[_EntryRow], rules: SupervisionRules, today: date) -> list[EntryClock]:
    rows = [r for r in rows if r.assigned_date is not None and r.kind in rules.kinds]
    if not rows:
        return []
    ids = [r.id for r in rows]
    plans, done = _plans(ids), _done(ids)
    cal = work_calendar.current()
    result = []
    for row in rows:
        name, nodes = _rule_of(plans.get(row.id), rules)
        result.append(compute_clock(row, name, nodes, done.get(row.id, {}), rules, cal, today))
    return result


_ROW_COLUMNS = (LedgerEntry.id, LedgerEntry.code, LedgerEntry.kind, LedgerEntry.status, LedgerEntry.assigned_date,
                LedgerEntry.completed_date, LedgerEntry.closed_date, LedgerEntry.deadline_type, LedgerEntry.deadline)


def _rows(query) -> list[_EntryRow]:
    return [_EntryRow(i, c, k, s, _as_date(a), _as_date(d), _as_date(x), t, _as_date(dl))
            for i, c, k, s, a, d, x, t, dl in query.tuples()]


def clock(entry_id: int) -> EntryClock | None:
    """The entry's clock; None when its kind is not on the clock or it has no 交办日期 yet."""
    rows = _rows(LedgerEntry.select(*_ROW_COLUMNS).where(LedgerEntry.id == entry_id))
    if not rows:
        raise NotFoundError(f"找不到编号为 {entry_id} 的台账事项，可能已被彻底删除")
    clocks = _clocks(rows, load_rules(), context.today())
    return clocks[0] if clocks else None


def clocks_for(entry_ids: Iterable[int]) -> dict[int, EntryClock]:
    ids = list(entry_ids)
    rows: list[_EntryRow] = []
    for start in range(0, len(ids), 900):
        rows += _rows(LedgerEntry.select(*_ROW_COLUMNS).where(LedgerEntry.id.in_(ids[start:start + 900])))
    return {c.entry_id: c for c in _clocks(rows, load_rules(), context.today())}


def campaign_clocks(campaign_id: int, *, open_only: bool = True) -> list[EntryClock]:
    """Every entry of the campaign on the clock (kinds that opt in, with 交办日期, not in the recycle bin)."""
    rules = load_rules()
    query = LedgerEntry.select(*_ROW_COLUMNS).where(
        LedgerEntry.campaign == campaign_id, LedgerEntry.deleted_at.is_null(), LedgerEntry.kind.in_(list(rules.kinds)),
        LedgerEntry.assigned_date.is_null(False))
    if open_only:
        query = query.where(LedgerEntry.status.not_in([s.value for s in DONE_STATUSES]))
    return _clocks(_rows(query.order_by(LedgerEntry.code_key)), rules, context.today())


# -- writing ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NodeChange:
    """A node's 完成日期 as it was and as it became, for undo."""

    entry_id: int
    seq: int
    old: date | None
    new: date | None


def _entry(entry_id: int) -> LedgerEntry:
    entry = LedgerEntry.get_or_none(LedgerEntry.id == entry_id)
    if entry is None:
        raise NotFoundError(f"找不到编号为 {entry_id} 的台账事项，可能已被彻底删除")
    if entry.deleted_at is not None:
        raise WorkflowError(f"事项 {entry.code} 在回收站中，不能修改督办节点")
    return entry


@context.writes
def set_done_date(entry_id: int, seq: int, done: date | None, *, expected: date | None | bool = False) -> NodeChange:
    """Record (or clear, done=None) the day node `seq` was met. expected (undo/redo): refuse unless the
    node still holds that day."""
    entry = _entry(entry_id)
    current = clock(entry_id)
    if current is None:
        raise ValidationError(f"事项 {entry.code} 没有交办日期或不按督办时限管理，请先填写交办日期", "assigned_date")
    if not 1 <= seq <= len(current.nodes):
        raise ValidationError(f"节点序号 {seq} 不存在（该事项共 {len(current.nodes)} 个节点）", "seq")
    node = current.nodes[seq - 1]
    if done is not None and done < current.assigned_date:
        raise ValidationError(f"“{node.name}”的完成日期不能早于交办日期 {current.assigned_date.isoformat()}", "done")
    if done is not None and done > context.today():
        raise ValidationError(f"“{node.name}”的完成日期不能晚于今天", "done")
    row = SupervisionNode.get_or_none(SupervisionNode.entry == entry_id, SupervisionNode.seq == seq)
    old = row.done_date if row else None
    if expected is not False and old != expected:
        raise WorkflowError(f"事项 {entry.code} 的“{node.name}”在此之后又被修改过，不能撤销或重做这一步")
    if old == done:
        return NodeChange(entry_id, seq, old, done)
    if row is None:
        row = SupervisionNode(entry=entry_id, seq=seq, name=node.name)
    row.done_date, row.name, row.updated_at = done, node.name, context.now()
    row.save()
    changelog.record("ledger_entry", entry_id, "update", "supervision_node", f"{node.name}：{old or '未完成'}",
                     f"{node.name}：{done or '未完成'}")
    return NodeChange(entry_id, seq, old, done)


@dataclass(frozen=True)
class RuleChange:
    entry_id: int
    old: tuple[str, str] | None  # (rule_name, nodes JSON) or None: followed the first rule set
    new: tuple[str, str]


def _nodes_json(nodes: tuple[NodeRule, ...]) -> str:
    return json.dumps([n.as_dict() for n in nodes], ensure_ascii=False)


@context.writes
def choose_rule(entry_id: int, rule_name: str) -> RuleChange:
    """Put the entry on another rule set (一般事项 → 重大事项): its nodes follow that set as it is now."""
    entry = _entry(entry_id)
    rules = load_rules()
    chosen = rules.rule_set(rule_name)
    if chosen is None:
        raise ValidationError(f"督办规则“{rule_name}”不存在，可用的有：{'、'.join(r.name for r in rules.rule_sets)}",
                              "rule_name")
    plan = SupervisionPlan.get_or_none(SupervisionPlan.entry == entry_id)
    old = (plan.rule_name, plan.nodes) if plan else None
    new = (chosen.name, _nodes_json(chosen.nodes))
    if old != new:
        _write_plan(entry_id, new)
        changelog.record("ledger_entry", entry.id, "update", "supervision_rule",
                         old[0] if old else f"{rules.default.name}（默认）", chosen.name)
    return RuleChange(entry_id, old, new)


def _write_plan(entry_id: int, plan: tuple[str, str] | None) -> None:
    SupervisionPlan.delete().where(SupervisionPlan.entry == entry_id).execute()
    if plan is not None:
        SupervisionPlan.create(entry=entry_id, rule_name=plan[0], nodes=plan[1], updated_at=context.now())


@context.writes
def revert_rule(change: RuleChange) -> None:
    """Undo of choose_rule, while the entry is still on the rule it was put on."""
    entry = _entry(change.entry_id)
    plan = SupervisionPlan.get_or_none(SupervisionPlan.entry == change.entry_id)
    if plan is None or (plan.rule_name, plan.nodes) != change.new:
        raise WorkflowError(f"事项 {entry.code} 的督办规则在此之后又被修改过，不能撤销这一步")
    _write_plan(change.entry_id, change.old)
    changelog.record("ledger_entry", entry.id, "update", "supervision_rule", change.new[0],
                     change.old[0] if change.old else "（默认）")


def pin_default_plans(rules: SupervisionRules) -> int:
    """Give every entry that follows the first rule set by default a copy of it as `rules` has it (called
    before the rules change, inside their transaction). Returns how many entries were pinned."""
    ids = [r[0] for r in LedgerEntry.select(LedgerEntry.id).where(
        LedgerEntry.kind.in_(list(rules.kinds)), LedgerEntry.assigned_date.is_null(False),
        LedgerEntry.id.not_in(SupervisionPlan.select(SupervisionPlan.entry))).tuples()]
    nodes, now = _nodes_json(rules.default.nodes), str(context.now())
    database.cursor().executemany(
        'INSERT INTO "supervision_plan" ("entry_id", "rule_name", "nodes", "updated_at") VALUES (?, ?, ?, ?)',
        [(i, rules.default.name, nodes, now) for i in ids])
    return len(ids)
